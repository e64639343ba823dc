/**
 * Electron's binary on a fresh machine (src-main/electron/electron-install.ts): the decision from what is
 * on disk, the advice when the download fails, and Electron's real installer (node_modules/electron's
 * install.js and @electron/get) run against a loopback mirror: one that has nothing (the failure every
 * offline machine sees, with the request it made), and one that serves a stand-in build (the installer
 * extracts it and `npm start` goes on). The package is copied to a temp folder so the repository's own
 * node_modules/electron is never touched.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  decideElectron,
  downloadAdvice,
  electronCachePath,
  electronMirror,
  electronPlatformPath,
  electronZipName,
  ensureElectronBinary,
  readElectronState,
  type ElectronState,
} from '../../src-main/electron/electron-install.js';
import { packageRoot } from '../../src-main/paths.js';
import { zipStore } from '../helpers/zip-writer.js';

const root = packageRoot();
const VERSION = (JSON.parse(fs.readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8')) as { version: string }).version;

function state(overrides: Partial<ElectronState>): ElectronState {
  return { version: '45.4.1', platformPath: 'electron', pathTxt: 'electron', distVersion: '45.4.1', binaryExists: true, override: null, ...overrides };
}

describe('deciding what Electron needs', () => {
  const dir = '/repo/node_modules/electron';

  it('names the executable as Electron’s installer does, per platform', () => {
    expect(electronPlatformPath('linux')).toBe('electron');
    expect(electronPlatformPath('darwin')).toBe('Electron.app/Contents/MacOS/Electron');
    expect(electronPlatformPath('win32')).toBe('electron.exe');
    expect(electronPlatformPath('aix')).toBeNull();
  });

  it('is ready when the downloaded binary matches the package, and installs otherwise, saying why', () => {
    expect(decideElectron(state({}), dir)).toEqual({ action: 'ready', binary: path.join(dir, 'dist', 'electron') });
    const fresh = decideElectron(state({ pathTxt: null, distVersion: null, binaryExists: false }), dir);
    expect(fresh).toMatchObject({ action: 'install' });
    expect(fresh.action === 'install' && fresh.reason).toContain('has not been downloaded yet');
    expect(decideElectron(state({ distVersion: '44.0.0' }), dir)).toEqual({ action: 'install', reason: 'node_modules/electron/dist holds Electron 44.0.0, the package is 45.4.1' });
    expect(decideElectron(state({ binaryExists: false }), dir)).toEqual({ action: 'install', reason: `${path.join(dir, 'dist', 'electron')} is missing` });
  });

  it('uses an Electron of the user’s own, or says that folder holds none; refuses a platform Electron does not build for', () => {
    expect(decideElectron(state({ override: { dir: '/opt/electron', binaryExists: true }, binaryExists: false }), dir)).toEqual({ action: 'ready', binary: path.join('/opt/electron', 'electron') });
    expect(decideElectron(state({ override: { dir: '/opt/nothing', binaryExists: false } }), dir)).toMatchObject({ action: 'fail', reason: expect.stringContaining('ELECTRON_OVERRIDE_DIST_PATH is /opt/nothing') as unknown });
    expect(decideElectron(state({ platformPath: null }), dir)).toEqual({ action: 'fail', reason: 'Electron publishes no build for this platform' });
  });

  it('reads the state from the package folder', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'im-electron-state-'));
    try {
      fs.writeFileSync(path.join(tmp, 'package.json'), JSON.stringify({ version: '45.4.1' }));
      expect(readElectronState(tmp, {}, 'linux')).toEqual(state({ pathTxt: null, distVersion: null, binaryExists: false }));
      fs.mkdirSync(path.join(tmp, 'dist'));
      fs.writeFileSync(path.join(tmp, 'dist', 'electron'), '');
      fs.writeFileSync(path.join(tmp, 'dist', 'version'), 'v45.4.1');
      fs.writeFileSync(path.join(tmp, 'path.txt'), 'electron');
      expect(readElectronState(tmp, {}, 'linux')).toEqual(state({}));
      expect(() => readElectronState(path.join(tmp, 'missing'), {}, 'linux')).toThrow('is not installed: run npm install');
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});

describe('what to do when the download fails', () => {
  const target = { version: '45.4.1', platform: 'linux', arch: 'x64', env: {}, home: '/home/ada' };

  it('names the zip, the mirror in use and the very cache file @electron/get looks for', async () => {
    expect(electronZipName(target)).toBe('electron-v45.4.1-linux-x64.zip');
    expect(electronMirror({})).toBe('https://github.com/electron/electron/releases/download/');
    expect(electronMirror({ ELECTRON_MIRROR: 'https://npmmirror.com/mirrors/electron/' })).toBe('https://npmmirror.com/mirrors/electron/');
    // @electron/get's own Cache computes the same place (its folder is a hash of the download URL).
    const { Cache } = (await import(path.join(root, 'node_modules/@electron/get/dist/Cache.js'))) as { Cache: new (root: string) => { getCachePath(url: string, file: string): string } };
    const url = `https://github.com/electron/electron/releases/download/v45.4.1/${electronZipName(target)}`;
    expect(electronCachePath(target)).toBe(new Cache('/home/ada/.cache/electron').getCachePath(url, electronZipName(target)));
    expect(electronCachePath({ ...target, env: { electron_config_cache: '/srv/cache' } })).toBe(new Cache('/srv/cache').getCachePath(url, electronZipName(target)));
    expect(electronCachePath({ ...target, platform: 'darwin', arch: 'arm64' })).toMatch(/^\/home\/ada\/Library\/Caches\/electron\/[0-9a-f]{64}\/electron-v45\.4\.1-darwin-arm64\.zip$/);
    expect(electronCachePath({ ...target, platform: 'win32', home: 'C:\\Users\\ada', env: { LOCALAPPDATA: 'C:\\Users\\ada\\AppData\\Local' } })).toMatch(
      /^C:\\Users\\ada\\AppData\\Local\\electron\\Cache\\[0-9a-f]{64}\\electron-v45\.4\.1-win32-x64\.zip$/,
    );
  });

  it('says what failed and every way out: proxy, mirror, an offline zip, an Electron already there, and what works without it', () => {
    const advice = downloadAdvice(target, 'TypeError: fetch failed');
    expect(advice.split('\n')[0]).toBe('could not download Electron 45.4.1 for linux-x64: TypeError: fetch failed');
    for (const piece of ['HTTPS_PROXY', 'ELECTRON_GET_USE_PROXY=1', 'ELECTRON_MIRROR=', electronCachePath(target), 'ELECTRON_OVERRIDE_DIST_PATH', 'npm run web']) expect(advice).toContain(piece);
    expect(advice).not.toContain('ELECTRON_SKIP_BINARY_DOWNLOAD');
  });
});

/** node_modules/electron's installer, copied (so it installs into the copy) with its dependencies linked. */
function electronPackageCopy(dir: string): string {
  const modules = path.join(dir, 'node_modules');
  fs.mkdirSync(modules, { recursive: true });
  for (const entry of fs.readdirSync(path.join(root, 'node_modules'))) {
    if (entry !== 'electron' && entry !== '.bin') fs.symlinkSync(path.join(root, 'node_modules', entry), path.join(modules, entry));
  }
  const copy = path.join(modules, 'electron');
  fs.mkdirSync(copy);
  for (const file of ['install.js', 'package.json', 'checksums.json', 'index.js']) fs.copyFileSync(path.join(root, 'node_modules/electron', file), path.join(copy, file));
  const nested = path.join(root, 'node_modules/electron/node_modules');
  if (fs.existsSync(nested)) fs.symlinkSync(nested, path.join(copy, 'node_modules'));
  return copy;
}

interface Mirror {
  url: string;
  requests: string[];
  files: Map<string, Buffer>;
  close(): Promise<void>;
}

function startMirror(): Promise<Mirror> {
  const requests: string[] = [];
  const files = new Map<string, Buffer>();
  const server = http.createServer((req, res) => {
    const url = req.url ?? '/';
    requests.push(url);
    const body = files.get(url);
    if (body === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not here');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(body.length) }).end(body);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ url: `http://127.0.0.1:${port}/`, requests, files, close: () => new Promise((done) => server.close(() => done())) });
    });
  });
}

describe('Electron’s own installer, for real, against a loopback mirror', () => {
  let dir: string;
  let electronDir: string;
  let mirror: Mirror;
  let env: NodeJS.ProcessEnv;
  const lines: string[] = [];
  const zip = electronZipName({ version: VERSION, platform: process.platform, arch: process.arch });

  beforeAll(async () => {
    mirror = await startMirror();
  });
  afterAll(async () => {
    await mirror.close();
  });
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'im-electron-install-'));
    electronDir = electronPackageCopy(dir);
    lines.length = 0;
    mirror.requests.length = 0;
    mirror.files.clear();
    // An empty download cache, and no setting of this machine's that could point elsewhere.
    const elsewhere = ['ELECTRON_OVERRIDE_DIST_PATH', 'npm_config_electron_mirror', 'NPM_CONFIG_ELECTRON_MIRROR', 'npm_package_config_electron_mirror', 'ELECTRON_CUSTOM_DIR', 'force_no_cache'];
    env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !elsewhere.includes(name)));
    env.ELECTRON_MIRROR = mirror.url;
    env.electron_config_cache = path.join(dir, 'cache');
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const ensure = () => ensureElectronBinary(electronDir, { env, platform: process.platform, arch: process.arch, home: os.homedir(), log: (l) => lines.push(l), timeoutMs: 60_000 });

  it('runs the installer when the binary is missing and, when the download fails, says so and how to fix it', async () => {
    const result = await ensure();
    expect(result.ok).toBe(false);
    const message = result.ok ? '' : result.message;
    expect(message.split('\n')[0]).toMatch(new RegExp(`^could not download Electron ${VERSION.replaceAll('.', '\\.')} for ${process.platform}-${process.arch}: .+`));
    expect(message).toContain(`tried ${mirror.url}`);
    expect(message).toContain(electronCachePath({ version: VERSION, platform: process.platform, arch: process.arch, env, home: os.homedir() }));
    expect(lines).toEqual([expect.stringContaining("has not been downloaded yet (npm install does not fetch it; Electron's installer does, on first use): downloading it with Electron's installer")]);
    // It was Electron's installer that asked, for this version's zip, and nothing was installed.
    expect(mirror.requests).toContain(`/v${VERSION}/${zip}`);
    expect(fs.existsSync(path.join(electronDir, 'path.txt'))).toBe(false);
  });

  it('installs from the mirror, then is ready without downloading again', async () => {
    const platformPath = electronPlatformPath(process.platform) ?? 'electron';
    const archive = zipStore([
      { name: platformPath, data: '#!/bin/sh\necho "stand-in electron"\n', mode: 0o755 },
      { name: 'version', data: `v${VERSION}` },
    ]);
    mirror.files.set(`/v${VERSION}/${zip}`, archive);
    // The stand-in is not Electron's own zip: its checksum comes from the mirror instead of checksums.json.
    mirror.files.set(`/v${VERSION}/SHASUMS256.txt`, Buffer.from(`${createHash('sha256').update(archive).digest('hex')} *${zip}\n`));
    env.electron_use_remote_checksums = '1';

    const installed = await ensure();
    expect(installed).toEqual({ ok: true, binary: path.join(electronDir, 'dist', platformPath), installed: true });
    expect(fs.readFileSync(path.join(electronDir, 'dist', platformPath), 'utf8')).toContain('stand-in electron');
    expect(fs.readFileSync(path.join(electronDir, 'path.txt'), 'utf8')).toBe(platformPath);
    const asked = mirror.requests.length;
    expect(await ensure()).toEqual({ ok: true, binary: path.join(electronDir, 'dist', platformPath), installed: false });
    expect(mirror.requests.length).toBe(asked);
  });
});
