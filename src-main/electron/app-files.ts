/**
 * Where the desktop app finds its parts. The main process runs from dist/electron-main.mjs, next to
 * the preload, the backend bundle and the built renderer. In a packaged app the package lives in
 * resources/app.asar, and what the locked-down sandbox children must read as plain files (Pyodide,
 * the sandbox bundles, and the files resolved next to them) is unpacked beside it into
 * resources/app.asar.unpacked (electron.builder.yml, asarUnpack): that directory is the engine root.
 */
import path from 'node:path';
import { pathsFor, userDirs, type UserEnv } from '../userdata/user-dirs.js';

export interface AppFiles {
  preload: string;
  backend: string;
  rendererDir: string;
}

export function appFiles(distDir: string): AppFiles {
  return {
    preload: path.join(distDir, 'preload.cjs'),
    backend: path.join(distDir, 'backend.mjs'),
    rendererDir: path.join(distDir, 'renderer'),
  };
}

/**
 * The engine root to hand the backend, given `app.getAppPath()`: the archive's unpacked twin when the
 * app runs from an asar archive, otherwise undefined (the package directory itself is the root).
 */
export function engineRootFor(appPath: string): string | undefined {
  return path.extname(appPath) === '.asar' ? `${appPath}.unpacked` : undefined;
}

export interface DesktopPaths {
  /** The library (INFINITYMATH_DB if set): the same file the CLI and browser mode open. */
  dbPath: string;
  /** The Pyodide snapshot, shared with the CLI and browser mode. */
  cacheDir: string;
  /** Electron's own per-app data (its `userData`): the library folder, so one user has one folder. */
  userData: string;
}

/** Where the desktop app keeps its data: the folders every entry point agrees on (userdata/user-dirs.ts). */
export function desktopPaths(where: UserEnv): DesktopPaths {
  const dirs = userDirs(where);
  const named = where.env.INFINITYMATH_DB;
  return {
    dbPath: named !== undefined && named !== '' ? pathsFor(where.platform).resolve(named) : dirs.database,
    cacheDir: dirs.cacheDir,
    userData: dirs.dataDir,
  };
}
