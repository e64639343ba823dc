/**
 * Where a user's library and caches live, one folder per OS that the desktop app, browser mode and the
 * CLI all use, so a library imported with the CLI is the one the app opens. A pure function of the
 * platform, the environment and the home directory (tested for every OS on any OS):
 *
 *   Linux and other Unix   $XDG_DATA_HOME (default ~/.local/share)/InfinityMATH Studio
 *   macOS                  ~/Library/Application Support/InfinityMATH Studio
 *   Windows                %APPDATA% (default ~\AppData\Roaming)\InfinityMATH Studio
 *
 * and the cache beside the OS's other caches ($XDG_CACHE_HOME or ~/.cache, ~/Library/Caches,
 * %LOCALAPPDATA%\InfinityMATH Studio\Cache).
 *
 * The folder name is the product name, as Electron names its own per-app folder on macOS and Windows.
 * `INFINITYMATH_DATA_DIR` moves the whole library folder (a portable install, a test, the Electron
 * smoke run); `INFINITYMATH_DB` names one database file and is read by the entry points.
 */
import os from 'node:os';
import path from 'node:path';

export const APP_DIR_NAME = 'InfinityMATH Studio';
export const DATABASE_FILE = 'library.sqlite';

export interface UserEnv {
  platform: NodeJS.Platform;
  env: Readonly<Record<string, string | undefined>>;
  home: string;
}

export interface UserDirs {
  /** The library folder: the database, and Electron's own per-app data in the desktop app. */
  dataDir: string;
  /** Rebuildable files (the Pyodide memory snapshot). */
  cacheDir: string;
  /** `dataDir`/library.sqlite. */
  database: string;
}

/** The path module of the platform (Windows paths computed on Linux stay Windows paths). */
export function pathsFor(platform: NodeJS.Platform): path.PlatformPath {
  return platform === 'win32' ? path.win32 : path.posix;
}

/** A variable's value if it is a usable absolute path (the XDG spec says to ignore relative ones). */
function absolute(p: path.PlatformPath, value: string | undefined): string | undefined {
  return value !== undefined && value.trim() !== '' && p.isAbsolute(value) ? value : undefined;
}

export function userDirs({ platform, env, home }: UserEnv): UserDirs {
  const p = pathsFor(platform);
  let dataBase: string;
  let cacheDir: string;
  if (platform === 'darwin') {
    dataBase = p.join(home, 'Library', 'Application Support');
    cacheDir = p.join(home, 'Library', 'Caches', APP_DIR_NAME);
  } else if (platform === 'win32') {
    dataBase = absolute(p, env.APPDATA) ?? p.join(home, 'AppData', 'Roaming');
    cacheDir = p.join(absolute(p, env.LOCALAPPDATA) ?? p.join(home, 'AppData', 'Local'), APP_DIR_NAME, 'Cache');
  } else {
    dataBase = absolute(p, env.XDG_DATA_HOME) ?? p.join(home, '.local', 'share');
    cacheDir = p.join(home, '.cache', APP_DIR_NAME);
  }
  // The cache can always be rebuilt, so an explicit XDG_CACHE_HOME is honoured on every OS (tests and
  // benchmarks keep their Pyodide snapshot in the repository's .cache/ this way).
  const xdgCache = absolute(p, env.XDG_CACHE_HOME);
  if (xdgCache !== undefined) cacheDir = p.join(xdgCache, APP_DIR_NAME);
  const dataDir = absolute(p, env.INFINITYMATH_DATA_DIR) ?? p.join(dataBase, APP_DIR_NAME);
  return { dataDir, cacheDir, database: p.join(dataDir, DATABASE_FILE) };
}

/** This process's platform, environment and home directory. */
export function currentUserEnv(): UserEnv {
  return { platform: process.platform, env: process.env, home: os.homedir() };
}
