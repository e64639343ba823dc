/**
 * Electron's binary on a fresh machine. electron 45 has no install script: `npm install` leaves
 * node_modules/electron without its binary, which Electron's own installer (install.js, @electron/get)
 * downloads on first use. `npm start` and `npm run smoke:electron` run that installer here when the
 * binary is missing and go on; when the download fails they say so, and how to fix it (a proxy, a
 * mirror, a zip placed in the download cache, or an Electron already on disk), instead of the generic
 * "Electron failed to install correctly".
 *
 * The decision is a pure function of what is on disk (readElectronState → decideElectron); the
 * download advice is computed from the same inputs @electron/get uses, so the cache path it names is
 * the one the installer will look in.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pathsFor } from '../userdata/user-dirs.js';

export interface ElectronState {
  /** node_modules/electron/package.json's version. */
  version: string;
  /** The binary inside dist/ for this platform (install.js's getPlatformPath), or null if Electron has none. */
  platformPath: string | null;
  /** What install.js wrote after its last successful download. */
  pathTxt: string | null;
  /** dist/version: the Electron that was downloaded. */
  distVersion: string | null;
  /** Whether dist/<platformPath> is there. */
  binaryExists: boolean;
  /** ELECTRON_OVERRIDE_DIST_PATH: an Electron folder of the user's own. */
  override: { dir: string; binaryExists: boolean } | null;
}

export type ElectronDecision = { action: 'ready'; binary: string } | { action: 'install'; reason: string } | { action: 'fail'; reason: string };

/** As node_modules/electron/install.js names the executable inside dist/. */
export function electronPlatformPath(platform: string): string | null {
  switch (platform) {
    case 'darwin':
    case 'mas':
      return 'Electron.app/Contents/MacOS/Electron';
    case 'linux':
    case 'freebsd':
    case 'openbsd':
      return 'electron';
    case 'win32':
      return 'electron.exe';
    default:
      return null;
  }
}

function readText(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    return null;
  }
}

/** What node_modules/electron holds (`electronDir`), for `platform`. */
export function readElectronState(electronDir: string, env: NodeJS.ProcessEnv, platform: string): ElectronState {
  const pkg = readText(path.join(electronDir, 'package.json'));
  if (pkg === null) throw new Error(`${electronDir} is not installed: run npm install`);
  const version = (JSON.parse(pkg) as { version?: unknown }).version;
  if (typeof version !== 'string') throw new Error(`${path.join(electronDir, 'package.json')} names no version`);
  const platformPath = electronPlatformPath(platform);
  const overrideDir = env.ELECTRON_OVERRIDE_DIST_PATH;
  const pathTxt = readText(path.join(electronDir, 'path.txt'));
  return {
    version,
    platformPath,
    pathTxt,
    distVersion: readText(path.join(electronDir, 'dist', 'version'))?.replace(/^v/, '') ?? null,
    binaryExists: platformPath !== null && fs.existsSync(path.join(electronDir, 'dist', platformPath)),
    override:
      overrideDir !== undefined && overrideDir !== ''
        ? { dir: overrideDir, binaryExists: fs.existsSync(path.join(overrideDir, pathTxt ?? platformPath ?? 'electron')) }
        : null,
  };
}

export function decideElectron(state: ElectronState, electronDir: string): ElectronDecision {
  if (state.override !== null) {
    const binary = path.join(state.override.dir, state.pathTxt ?? state.platformPath ?? 'electron');
    return state.override.binaryExists
      ? { action: 'ready', binary }
      : { action: 'fail', reason: `ELECTRON_OVERRIDE_DIST_PATH is ${state.override.dir}, but there is no Electron binary at ${binary}` };
  }
  if (state.platformPath === null) return { action: 'fail', reason: 'Electron publishes no build for this platform' };
  const binary = path.join(electronDir, 'dist', state.platformPath);
  if (state.pathTxt === state.platformPath && state.distVersion === state.version && state.binaryExists) return { action: 'ready', binary };
  if (state.pathTxt === null) {
    return { action: 'install', reason: `Electron ${state.version}'s binary has not been downloaded yet (npm install does not fetch it; Electron's installer does, on first use)` };
  }
  if (state.distVersion !== state.version) {
    return { action: 'install', reason: `node_modules/electron/dist holds Electron ${state.distVersion ?? '(unknown)'}, the package is ${state.version}` };
  }
  return { action: 'install', reason: `${binary} is missing` };
}

export interface DownloadTarget {
  version: string;
  platform: string;
  arch: string;
  env: Readonly<Record<string, string | undefined>>;
  home: string;
}

const GITHUB_RELEASES = 'https://github.com/electron/electron/releases/download/';

/** The zip @electron/get downloads (its artifact name for the platform). */
export function electronZipName(t: Pick<DownloadTarget, 'version' | 'platform' | 'arch'>): string {
  return `electron-v${t.version}-${t.platform}-${t.arch}.zip`;
}

/** The base URL downloads come from: a mirror if one is configured, else GitHub's releases. */
export function electronMirror(env: DownloadTarget['env']): string {
  for (const name of ['npm_config_electron_mirror', 'NPM_CONFIG_ELECTRON_MIRROR', 'npm_package_config_electron_mirror', 'ELECTRON_MIRROR']) {
    const value = env[name];
    if (value !== undefined && value !== '') return value;
  }
  return GITHUB_RELEASES;
}

/**
 * Where @electron/get looks for the zip before downloading it: `electron_config_cache`, or env-paths'
 * cache folder for "electron", then a folder named by the SHA-256 of the download URL's directory
 * (node_modules/@electron/get/dist/Cache.js). A zip placed there is used offline.
 */
export function electronCachePath(t: DownloadTarget): string {
  const p = pathsFor(t.platform === 'win32' ? 'win32' : 'linux');
  const configured = t.env.electron_config_cache;
  let root: string;
  if (configured !== undefined && configured !== '') root = configured;
  else if (t.platform === 'darwin') root = p.join(t.home, 'Library', 'Caches', 'electron');
  else if (t.platform === 'win32') root = p.join(t.env.LOCALAPPDATA ?? p.join(t.home, 'AppData', 'Local'), 'electron', 'Cache');
  else root = p.join(t.env.XDG_CACHE_HOME ?? p.join(t.home, '.cache'), 'electron');
  const zip = electronZipName(t);
  const url = new URL(`${electronMirror(t.env)}v${t.version}/${zip}`);
  url.hash = '';
  url.search = '';
  url.pathname = path.posix.dirname(url.pathname);
  return p.join(root, createHash('sha256').update(url.toString()).digest('hex'), zip);
}

/** What to tell the user when Electron's installer could not download the binary. */
export function downloadAdvice(t: DownloadTarget, installerError: string): string {
  const zip = electronZipName(t);
  const mirror = electronMirror(t.env);
  return [
    `could not download Electron ${t.version} for ${t.platform}-${t.arch}: ${installerError}`,
    `Electron's own installer (node node_modules/electron/install.js) tried ${mirror}. Ways to fix it, then run the same command again:`,
    '  - behind a proxy: set HTTPS_PROXY=http://host:port (and NO_PROXY if needed) together with ELECTRON_GET_USE_PROXY=1;',
    '  - GitHub blocked or slow: a mirror, e.g. ELECTRON_MIRROR=https://npmmirror.com/mirrors/electron/ (keep the trailing slash);',
    `  - offline: download ${zip} on a machine with internet access (https://github.com/electron/electron/releases/tag/v${t.version})`,
    `    and put it at ${electronCachePath(t)}`,
    '    (or set electron_config_cache to a folder laid out the same way);',
    `  - an Electron ${t.version} you already have: ELECTRON_OVERRIDE_DIST_PATH=<the folder holding its binary>.`,
    'Everything except the desktop window works without it: npm run web (browser mode), npm test, and the infinitymath CLI.',
  ].join('\n');
}

export interface EnsureElectronOptions {
  env: NodeJS.ProcessEnv;
  platform: string;
  arch: string;
  home: string;
  /** One line of progress for the terminal. */
  log(line: string): void;
  /** How long the download may take (default 30 minutes: about 100 MB on a slow line). */
  timeoutMs?: number;
}

export type EnsureElectronResult = { ok: true; binary: string; installed: boolean } | { ok: false; message: string };

interface InstallerRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  error: string | null;
}

/** Runs Electron's install.js with this Node, its stderr shown and kept (it is the error, if any). */
function runInstaller(electronDir: string, env: NodeJS.ProcessEnv, timeoutMs: number): Promise<InstallerRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(electronDir, 'install.js')], { cwd: electronDir, env, stdio: ['ignore', 'inherit', 'pipe'], timeout: timeoutMs });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      process.stderr.write(chunk);
      if (stderr.length < 64_000) stderr += chunk;
    });
    let error: string | null = null;
    child.once('error', (err) => {
      error = err.message;
    });
    child.once('close', (code, signal) => resolve({ code, signal, stderr, error }));
  });
}

/** The first line the installer wrote that says something (its error), or what ended it. */
function installerFailure(run: InstallerRun): string {
  if (run.error !== null) return run.error;
  if (run.signal !== null) return `the installer was stopped (${run.signal}): it took longer than allowed`;
  const lines = run.stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('at '));
  return lines[0] ?? `the installer exited with code ${run.code}`;
}

/**
 * Makes Electron's binary available, running Electron's own installer when it is missing. Never
 * rejects for a failed download: it resolves with the message to print.
 */
export async function ensureElectronBinary(electronDir: string, options: EnsureElectronOptions): Promise<EnsureElectronResult> {
  const state = readElectronState(electronDir, options.env, options.platform);
  const first = decideElectron(state, electronDir);
  if (first.action === 'ready') return { ok: true, binary: first.binary, installed: false };
  if (first.action === 'fail') return { ok: false, message: first.reason };
  options.log(`${first.reason}: downloading it with Electron's installer (about 100 MB, once)…`);
  const run = await runInstaller(electronDir, options.env, options.timeoutMs ?? 30 * 60_000);
  const second = decideElectron(readElectronState(electronDir, options.env, options.platform), electronDir);
  if (run.code === 0 && second.action === 'ready') return { ok: true, binary: second.binary, installed: true };
  const why = run.code === 0 ? `the installer finished, but ${second.action === 'ready' ? 'nothing changed' : second.reason}` : installerFailure(run);
  return { ok: false, message: downloadAdvice({ version: state.version, platform: options.platform, arch: options.arch, env: options.env, home: options.home }, why) };
}
