/**
 * Where Chrome, Chromium or Edge is and how to start it headless on machines with a closed network:
 * used to print PDFs outside Electron (browser mode, the CLI's worksheets) and by the browser tests and
 * benchmarks. Without the background-networking flags, Chromium keeps trying to reach Google's hosts
 * and those refused connections pile up.
 *
 * Finding the browser is a pure function of the platform, the environment and a file test
 * (`chromiumCandidates`, `findChromium`), tested for every OS on any OS: CHROMIUM_PATH if set, else the
 * usual install places of Chromium, Chrome and Edge, then the same names on PATH. When none is there,
 * the error lists every place it looked.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const CHROMIUM_FLAGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface BrowserSearch {
  platform: NodeJS.Platform;
  env: Readonly<Record<string, string | undefined>>;
  home: string;
  /** Whether a file is there and can be run (injected so the search is testable anywhere). */
  isExecutable(file: string): boolean;
}

/** Executable names looked up on PATH, per platform (Debian's chromium first: what the tests use). */
const PATH_NAMES: Record<'linux' | 'darwin' | 'win32', readonly string[]> = {
  linux: ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'microsoft-edge', 'microsoft-edge-stable'],
  darwin: ['chromium', 'google-chrome'],
  win32: ['chrome.exe', 'msedge.exe'],
};

function family(platform: NodeJS.Platform): 'linux' | 'darwin' | 'win32' {
  return platform === 'darwin' || platform === 'win32' ? platform : 'linux';
}

/** The install places to try, in order, before PATH. */
export function chromiumCandidates({ platform, env, home }: Pick<BrowserSearch, 'platform' | 'env' | 'home'>): string[] {
  const kind = family(platform);
  if (kind === 'win32') {
    const p = path.win32;
    const roots = [env.PROGRAMFILES ?? 'C:\\Program Files', env['PROGRAMFILES(X86)'] ?? 'C:\\Program Files (x86)', env.LOCALAPPDATA ?? p.join(home, 'AppData', 'Local')];
    return [
      ...roots.map((r) => p.join(r, 'Google', 'Chrome', 'Application', 'chrome.exe')),
      ...roots.map((r) => p.join(r, 'Microsoft', 'Edge', 'Application', 'msedge.exe')),
      ...roots.map((r) => p.join(r, 'Chromium', 'Application', 'chrome.exe')),
    ];
  }
  if (kind === 'darwin') {
    const apps = ['/Applications', path.posix.join(home, 'Applications')];
    const bundles: [string, string][] = [
      ['Google Chrome.app', 'Google Chrome'],
      ['Chromium.app', 'Chromium'],
      ['Microsoft Edge.app', 'Microsoft Edge'],
      ['Google Chrome Canary.app', 'Google Chrome Canary'],
    ];
    return bundles.flatMap(([bundle, exe]) => apps.map((dir) => path.posix.join(dir, bundle, 'Contents', 'MacOS', exe)));
  }
  return [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/snap/bin/chromium',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/opt/google/chrome/chrome',
    '/usr/bin/microsoft-edge',
    '/usr/bin/microsoft-edge-stable',
    '/opt/microsoft/msedge/msedge',
  ];
}

/** The same browsers by name, in every PATH directory. */
function onPath({ platform, env }: Pick<BrowserSearch, 'platform' | 'env'>): string[] {
  const kind = family(platform);
  const p = kind === 'win32' ? path.win32 : path.posix;
  const dirs = (env.PATH ?? env.Path ?? '').split(kind === 'win32' ? ';' : ':').filter((d) => d !== '' && p.isAbsolute(d));
  return dirs.flatMap((dir) => PATH_NAMES[kind].map((name) => p.join(dir, name)));
}

export type BrowserFound = { ok: true; path: string } | { ok: false; tried: string[]; message: string };

export function findChromium(search: BrowserSearch): BrowserFound {
  const named = search.env.CHROMIUM_PATH;
  if (named !== undefined && named !== '') {
    if (search.isExecutable(named)) return { ok: true, path: named };
    return { ok: false, tried: [named], message: `CHROMIUM_PATH is ${named}, but there is no browser there: point it at Chrome, Chromium or Edge's executable, or unset it to search the usual places` };
  }
  const tried: string[] = [];
  for (const candidate of [...chromiumCandidates(search), ...onPath(search)]) {
    if (tried.includes(candidate)) continue;
    tried.push(candidate);
    if (search.isExecutable(candidate)) return { ok: true, path: candidate };
  }
  const install =
    family(search.platform) === 'linux'
      ? 'install one (Debian/Ubuntu: apt-get install chromium)'
      : family(search.platform) === 'darwin'
        ? 'install Google Chrome, Chromium or Microsoft Edge'
        : 'install Google Chrome or Microsoft Edge';
  return {
    ok: false,
    tried,
    message: `no Chrome, Chromium or Edge found to print PDFs with: ${install}, or set CHROMIUM_PATH to its executable. Looked in: ${tried.join(', ')}`,
  };
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, process.platform === 'win32' ? fs.constants.F_OK : fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** This machine's browser for printing, or an error naming what was tried. */
export function chromiumPath(): string {
  const found = findChromium({ platform: process.platform, env: process.env, home: os.homedir(), isExecutable });
  if (!found.ok) throw new Error(found.message);
  return found.path;
}
