/**
 * The main process as written (src-main/electron/main.electron.ts, bundled like dist/electron-main.mjs)
 * running in Node against a stand-in for the `electron` module (fixtures/fake-electron.ts), with the
 * real backend bundle behind utilityProcess.fork. Electron itself cannot run here; this checks the
 * wiring: what is registered before and after `ready`, the window's options, the app:// protocol,
 * the IPC relay, the lock-down of navigation and permissions, the File › Import menu, and quitting.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiEvent, ApiResponse, AppInfo, ImportSummary } from '../../src-main/api/contract.std.js';
import { packageRoot } from '../../src-main/paths.js';
import { TEST_CACHE_DIR } from '../helpers/sandbox.js';
import type { BrowserWindow, FakeElectronState, FrameStandIn } from './fixtures/fake-electron.js';

const root = packageRoot();
const shellDir = path.join(root, '.cache', 'test-shell', 'dist');
let userData: string;
let fake: FakeElectronState;
let win: BrowserWindow;

interface Preventable {
  defaultPrevented: boolean;
}

async function bundleShell(): Promise<void> {
  fs.rmSync(shellDir, { recursive: true, force: true });
  fs.mkdirSync(path.join(shellDir, 'renderer'), { recursive: true });
  fs.writeFileSync(path.join(shellDir, 'renderer', 'index.html'), '<!doctype html><title>InfinityMATH Studio</title>');
  const common = {
    bundle: true,
    platform: 'node' as const,
    format: 'esm' as const,
    target: 'node20',
    external: ['better-sqlite3', 'pyodide'],
    loader: { '.py': 'text' as const },
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    outdir: shellDir,
    outExtension: { '.js': '.mjs' },
    logLevel: 'silent' as const,
  };
  const fakeElectron = path.join(root, 'tests/electron/fixtures/fake-electron.ts');
  await build({
    ...common,
    entryPoints: { 'electron-main': path.join(root, 'src-main/electron/main.electron.ts') },
    plugins: [{ name: 'fake-electron', setup: (b) => b.onResolve({ filter: /^electron$/ }, () => ({ path: fakeElectron })) }],
  });
  await build({ ...common, entryPoints: { backend: path.join(root, 'src-main/backend/backend-main.ts') } });
  await build({ ...common, format: 'cjs', banner: {}, external: ['electron'], entryPoints: { preload: path.join(root, 'src-main/electron/preload.electron.ts') }, outExtension: { '.js': '.cjs' } });
}

function preventable<T extends object>(extra: T): T & Preventable & { preventDefault(): void } {
  return fake.preventable(extra);
}

function mainFrame(): FrameStandIn {
  return win.webContents.mainFrame;
}

async function call(method: string, args: unknown, senderFrame: FrameStandIn | null = mainFrame()): Promise<ApiResponse<unknown>> {
  const handler = fake.ipcHandlers.get('im:call');
  if (!handler) throw new Error('im:call is not handled');
  return (await handler({ senderFrame }, method, args)) as ApiResponse<unknown>;
}

/** The next ApiEvent the main process forwards to the window that matches. */
function forwarded(match: (event: ApiEvent) => boolean): Promise<ApiEvent> {
  return new Promise((resolve) => {
    const onSent = (channel: string, payload: ApiEvent): void => {
      if (channel === 'im:event' && match(payload)) {
        win.webContents.off('test:sent', onSent);
        resolve(payload);
      }
    };
    win.webContents.on('test:sent', onSent);
  });
}

beforeAll(async () => {
  await bundleShell();
  userData = fs.mkdtempSync(path.join(os.tmpdir(), 'im-main-process-'));
  // The library folder every entry point agrees on (userdata/user-dirs.ts), moved here for the test;
  // the Pyodide snapshot is the test run's shared one.
  process.env.INFINITYMATH_DATA_DIR = userData;
  process.env.XDG_CACHE_HOME = path.dirname(TEST_CACHE_DIR);
  delete process.env.INFINITYMATH_DB;
  await import(pathToFileURL(path.join(shellDir, 'electron-main.mjs')).href);
  const state = (globalThis as { __fakeElectron?: FakeElectronState }).__fakeElectron;
  if (!state) throw new Error('the stand-in electron module was not loaded');
  fake = state;
  fake.appPath = root;
});

afterAll(() => {
  for (const child of fake.children) child.kill('SIGKILL');
  fs.rmSync(userData, { recursive: true, force: true });
});

describe('main process: before ready', () => {
  it('puts Electron’s own data in the library folder before anything uses it', () => {
    expect(fake.paths.userData).toBe(userData);
  });

  it('registers app:// with its privileges, turns on the sandbox for every renderer, and starts nothing yet', () => {
    expect(fake.privilegedSchemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }]);
    expect(fake.sandboxEnabled).toBe(true);
    expect(fake.windows).toEqual([]);
    expect(fake.forks).toEqual([]);
  });
});

describe('main process: after ready', () => {
  beforeAll(async () => {
    const loading = new Promise<BrowserWindow>((resolve) => fake.app.once('test:window-loading', resolve));
    fake.app.becomeReady();
    win = await loading;
  });

  it('opens one secured window on app://studio/index.html, shown when ready to show', () => {
    expect(fake.windows).toHaveLength(1);
    const prefs = (win.options as unknown as { webPreferences: Record<string, unknown> }).webPreferences;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, preload: path.join(shellDir, 'preload.cjs') });
    expect(fs.existsSync(prefs.preload as string)).toBe(true);
    expect(win.loadedUrl).toBe('app://studio/index.html');
    expect(win.shown).toBe(false);
    win.emit('ready-to-show');
    expect(win.shown).toBe(true);
  });

  it('starts the backend from dist/backend.mjs on the library every entry point uses, leaving the sandbox’s binary to Electron’s fork', () => {
    expect(fake.forks).toHaveLength(1);
    expect(fake.forks[0]?.modulePath).toBe(path.join(shellDir, 'backend.mjs'));
    const init = fake.posted.find((m) => (m as { type?: unknown }).type === 'init');
    expect(init).toEqual({ type: 'init', dbPath: path.join(userData, 'library.sqlite'), cacheDir: path.join(path.dirname(TEST_CACHE_DIR), 'InfinityMATH Studio') });
    // No old library was found, so nothing was said about one.
    expect(fake.messageBoxes).toEqual([]);
  });

  it('serves the renderer over app:// with the CSP, and nothing outside it', async () => {
    const handle = fake.protocolHandlers.get('app');
    if (!handle) throw new Error('app:// is not handled');
    const page = await handle(new Request('app://studio/index.html'));
    expect(page.status).toBe(200);
    expect(await page.text()).toBe('<!doctype html><title>InfinityMATH Studio</title>');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const head = await handle(new Request('app://studio/index.html', { method: 'HEAD' }));
    expect([head.status, await head.text()]).toEqual([200, '']);
    const escape = await handle(new Request('app://studio/%2e%2e/backend.mjs'));
    expect(escape.status).toBe(404);
  });

  it('relays calls from the window to the real backend, and refuses other frames', async () => {
    const info = await call('app.info', {});
    expect(info).toMatchObject({ ok: true, value: { mode: 'electron', templates: 397 } });
    expect((info as { value: AppInfo }).value.version).toBe('0.1.0');
    expect(fs.existsSync(path.join(userData, 'library.sqlite'))).toBe(true);
    const iframe: FrameStandIn = { url: 'app://studio/index.html', parent: mainFrame(), processId: 11, routingId: 7 };
    expect(await call('app.info', {}, iframe)).toEqual({ ok: false, error: { code: 'bad-request', message: 'call refused: sent from a subframe' } });
    expect(await call('app.info', { x: 1 })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });

  it('forwards the backend’s events to the window', async () => {
    // The sandbox warms after start-up; its event may already have been forwarded.
    const already = win.webContents.sent.some(([channel, e]) => channel === 'im:event' && (e as ApiEvent).type === 'sandbox.ready');
    if (!already) await forwarded((e) => e.type === 'sandbox.ready');
    expect(win.webContents.sent.filter(([channel]) => channel !== 'im:event')).toEqual([]);
  });

  it('blocks navigation and new windows, sending only allowed web links to the browser', () => {
    const contents = win.webContents;
    const toWiki = preventable({ url: 'https://en.wikipedia.org/wiki/Fraction', isMainFrame: true });
    contents.emit('will-navigate', toWiki);
    const toFile = preventable({ url: 'file:///etc/passwd', isMainFrame: true });
    contents.emit('will-navigate', toFile);
    expect([toWiki.defaultPrevented, toFile.defaultPrevented]).toEqual([true, true]);
    expect(contents.windowOpenHandler?.({ url: 'https://www.khanacademy.org/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'smb://server/share' })).toEqual({ action: 'deny' });
    expect(fake.openedExternally).toEqual(['https://en.wikipedia.org/wiki/Fraction', 'https://www.khanacademy.org/']);
    const webview = preventable({});
    contents.emit('will-attach-webview', webview);
    const frameOut = preventable({ url: 'https://example.org/', isMainFrame: false });
    contents.emit('will-frame-navigate', frameOut);
    const frameIn = preventable({ url: 'app://studio/print.html', isMainFrame: false });
    contents.emit('will-frame-navigate', frameIn);
    expect([webview.defaultPrevented, frameOut.defaultPrevented, frameIn.defaultPrevented]).toEqual([true, true, false]);
  });

  it('denies web permissions except clipboard writes from the app', () => {
    const request = fake.permissionRequestHandler as (wc: unknown, permission: string, cb: (ok: boolean) => void, details: { requestingUrl: string }) => void;
    const check = fake.permissionCheckHandler as (wc: unknown, permission: string, origin: string) => boolean;
    const answers: boolean[] = [];
    request(win.webContents, 'media', (ok) => answers.push(ok), { requestingUrl: 'app://studio/index.html' });
    request(win.webContents, 'clipboard-sanitized-write', (ok) => answers.push(ok), { requestingUrl: 'app://studio/index.html' });
    expect(answers).toEqual([false, true]);
    expect([check(null, 'geolocation', 'app://studio'), check(null, 'clipboard-sanitized-write', 'app://studio')]).toEqual([false, true]);
  });

  it('imports a dropped file only after the preload has granted its path', async () => {
    const file = path.join(userData, 'dropped.jsonl');
    fs.copyFileSync(path.join(root, 'assets/templates/money.jsonl'), file);
    const refused = await call('library.importFile', { path: file });
    expect(refused).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    const grant = fake.ipcListeners.get('im:grant-path');
    if (!grant) throw new Error('im:grant-path is not handled');
    const fromIframe: { senderFrame: FrameStandIn; returnValue?: unknown } = { senderFrame: { url: 'app://studio/x', parent: mainFrame(), processId: 11, routingId: 9 } };
    grant(fromIframe, file);
    expect(fromIframe.returnValue).toBe(false);
    const fromPage: { senderFrame: FrameStandIn; returnValue?: unknown } = { senderFrame: mainFrame() };
    grant(fromPage, file);
    expect(fromPage.returnValue).toBe(true);
    const done = forwarded((e) => e.type === 'import.done');
    const imported = await call('library.importFile', { path: file });
    expect(imported.ok).toBe(true);
    const summary = (imported as { value: ImportSummary }).value;
    expect(summary.rowsRead).toBeGreaterThan(0);
    expect(await done).toEqual({ type: 'import.done', summary });
  });

  it('File › Import JSONL… opens the native dialog on the window and imports the chosen file', async () => {
    const file = path.join(userData, 'picked.jsonl');
    fs.copyFileSync(path.join(root, 'assets/templates/time.jsonl'), file);
    fake.nextOpenDialog = { canceled: false, filePaths: [file] };
    const item = findMenuItem(fake.menu ?? [], 'import-jsonl');
    expect(item?.accelerator).toBe('CmdOrCtrl+O');
    const done = forwarded((e) => e.type === 'import.done');
    item?.click?.();
    const event = await done;
    expect(event.type === 'import.done' && event.summary.rowsRead).toBeGreaterThan(0);
    expect(fake.openDialogs[0]?.[0]).toBe(win);
    expect(fake.errorBoxes).toEqual([]);
  });

  it('on quit, closes the backend (database and sandbox) before leaving', async () => {
    const backend = fake.children[0];
    if (!backend) throw new Error('no backend process');
    const exited = new Promise<number | null>((resolve) => backend.once('exit', (code) => resolve(code)));
    fake.app.quit();
    expect(fake.app.quitted).toBe(false);
    await fake.app.whenQuitted;
    expect(await exited).toBe(0);
    expect(fake.app.quitCalls).toBe(2);
  });
});

interface MenuItemLike {
  id?: string;
  accelerator?: string;
  click?: () => void;
  submenu?: MenuItemLike[];
}

function findMenuItem(items: unknown[], id: string): MenuItemLike | undefined {
  for (const raw of items) {
    const item = raw as MenuItemLike;
    if (item.id === id) return item;
    const inner = item.submenu ? findMenuItem(item.submenu, id) : undefined;
    if (inner) return inner;
  }
  return undefined;
}
