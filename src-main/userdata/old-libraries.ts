/**
 * Where earlier versions kept the library, per OS (a pure function, like user-dirs.ts). Three places
 * were in use before there was one:
 *  - the CLI and browser mode: `$XDG_DATA_HOME` or ~/.local/share, `infinitymath-studio/`, on every OS;
 *  - `npm start`: Electron's userData for the package name, `infinitymath-studio/`;
 *  - the packaged app: Electron's userData for its product name, `InfinityMATH Studio/`.
 * Electron's userData is under its appData: ~/.config (or $XDG_CONFIG_HOME) on Linux,
 * ~/Library/Application Support on macOS, %APPDATA% on Windows.
 */
import { APP_DIR_NAME, DATABASE_FILE, pathsFor, userDirs, type UserEnv } from './user-dirs.js';

const OLD_PACKAGE_DIR = 'infinitymath-studio';

function electronAppData({ platform, env, home }: UserEnv): string {
  const p = pathsFor(platform);
  if (platform === 'darwin') return p.join(home, 'Library', 'Application Support');
  if (platform === 'win32') return env.APPDATA !== undefined && env.APPDATA !== '' ? env.APPDATA : p.join(home, 'AppData', 'Roaming');
  return env.XDG_CONFIG_HOME !== undefined && env.XDG_CONFIG_HOME !== '' ? env.XDG_CONFIG_HOME : p.join(home, '.config');
}

/** Case-insensitive file systems are the default on macOS and Windows. */
function samePath(platform: NodeJS.Platform, a: string, b: string): boolean {
  const p = pathsFor(platform);
  const [x, y] = [p.resolve(a), p.resolve(b)];
  return platform === 'darwin' || platform === 'win32' ? x.toLowerCase() === y.toLowerCase() : x === y;
}

/** Old database files that may hold a user's library, most likely first, without today's location. */
export function oldLibraryLocations(where: UserEnv): string[] {
  const p = pathsFor(where.platform);
  const { env, home } = where;
  // The old CLI default used XDG_DATA_HOME as it was given, on every OS.
  const oldCliBase = env.XDG_DATA_HOME ?? p.join(home, '.local', 'share');
  const appData = electronAppData(where);
  const candidates = [
    p.join(appData, APP_DIR_NAME, DATABASE_FILE),
    p.join(appData, OLD_PACKAGE_DIR, DATABASE_FILE),
    p.join(oldCliBase, OLD_PACKAGE_DIR, DATABASE_FILE),
  ];
  const today = userDirs(where).database;
  const out: string[] = [];
  for (const c of candidates) {
    if (samePath(where.platform, c, today) || out.some((o) => samePath(where.platform, o, c))) continue;
    out.push(c);
  }
  return out;
}
