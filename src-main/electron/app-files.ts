/**
 * Where the desktop app finds its parts. The main process runs from dist/electron-main.mjs, next to
 * the preload, the backend bundle and the built renderer. In a packaged app the package lives in
 * resources/app.asar, and what the locked-down sandbox children must read as plain files (Pyodide,
 * the sandbox bundles, and the files resolved next to them) is unpacked beside it into
 * resources/app.asar.unpacked (electron.builder.yml, asarUnpack): that directory is the engine root.
 */
import path from 'node:path';

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

/** The backend's `init` paths under Electron's per-user data directory. */
export function userDataPaths(userData: string): { dbPath: string; cacheDir: string } {
  return { dbPath: path.join(userData, 'library.sqlite'), cacheDir: path.join(userData, 'cache') };
}
