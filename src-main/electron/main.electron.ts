/**
 * Electron's main process (bundled to dist/electron-main.mjs): one window, one backend process, and
 * a relay between them. Every decision that can be made without Electron lives in the files it
 * imports (window options, URL and sender checks, the protocol's responses, the menu), which are
 * tested; this file only connects them to Electron's objects.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, nativeTheme, protocol, session, shell, utilityProcess, type WebContents } from 'electron';
import type { ApiEvent, ApiResponse } from '../api/contract.std.js';
import { BackendClient } from '../backend/backend-client.js';
import { utilityProcessPort } from '../backend/backend-ports.js';
import { adoptionNotice, adoptOldLibrary } from '../userdata/adopt-old-library.js';
import { currentUserEnv } from '../userdata/user-dirs.js';
import { APP_INDEX_URL, APP_SCHEME, APP_SCHEME_PRIVILEGES, isAppUrl } from './app-origin.js';
import { appFiles, desktopPaths, engineRootFor } from './app-files.js';
import { appResponseFor } from './app-protocol.js';
import { isAllowedExternalUrl } from './external-url.js';
import { exportDialogOptions } from './export-dialog.js';
import { ExportGrants } from './export-grants.js';
import { ImportGrants } from './import-grants.js';
import { IPC_CALL, IPC_CHOOSE_EXPORT, IPC_EVENT, IPC_GRANT_PATH } from './ipc-channels.std.js';
import { createCallRelay } from './ipc-relay.js';
import { buildMenuTemplate } from './menu-template.js';
import { IM_API_GLOBAL } from './preload-api.std.js';
import { printHtmlToPdf, saveWorksheetExport } from './print-pdf.electron.js';
import { senderProblem } from './sender-check.js';
import { runSmoke, smokeReportPath } from './smoke-run.js';
import { isAllowedPermission } from './web-permissions.js';
import { mainWindowOptions, WINDOW_BACKGROUND } from './window-options.js';

const APP_NAME = 'InfinityMATH Studio';
/** A backend that keeps dying is not restarted for ever: after this many, calls answer `unavailable`. */
const MAX_BACKEND_RESTARTS = 3;
const BACKEND_SHUTDOWN_GRACE_MS = 5000;

const files = appFiles(path.dirname(fileURLToPath(import.meta.url)));
/** The library and caches: the same folders as the CLI and browser mode (userdata/user-dirs.ts). */
const paths = desktopPaths(currentUserEnv());
/** `--smoke=<report.json>`: run the smoke sequence (smoke-run.ts) and quit. */
const smokeReport = smokeReportPath(process.argv);
const isDev = !app.isPackaged;
const grants = new ImportGrants();
const exportGrants = new ExportGrants();
let mainWindow: BrowserWindow | null = null;
let backend: BackendClient | null = null;
let backendRestarts = 0;
let backendClosed = false;
let markSandboxWarm: () => void = () => undefined;
const sandboxWarm = new Promise<void>((resolve) => {
  markSandboxWarm = resolve;
});

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

function startBackend(): BackendClient {
  const child = utilityProcess.fork(files.backend, [], { serviceName: `${APP_NAME} engine`, stdio: 'inherit' });
  const engineRoot = engineRootFor(app.getAppPath());
  const client = new BackendClient(
    utilityProcessPort(child),
    {
      dbPath: paths.dbPath,
      cacheDir: paths.cacheDir,
      // No execPath: the backend's fork of the sandbox children is Electron's, which runs them in the
      // Helper binary on macOS (no Dock icons) and as Node everywhere (backend/sandbox-launch.ts).
      ...(engineRoot !== undefined ? { engineRoot } : {}),
    },
    { log },
  );
  client.onEvent((event: ApiEvent) => {
    if (event.type === 'sandbox.ready') markSandboxWarm();
    if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(IPC_EVENT, event);
  });
  client.ready.catch((err: unknown) => {
    const message = err instanceof Error ? err.message : String(err);
    // In development the usual cause is better-sqlite3 built for Node rather than Electron; the engine's own error is on stderr.
    dialog.showErrorBox(`${APP_NAME} could not start its engine`, isDev ? `${message}\n\nThe engine's own error is in the terminal.` : message);
  });
  void client.exited.then((code) => {
    if (!backendClosed) log(`engine process exited unexpectedly (exit code ${code})`);
  });
  return client;
}

/** The running backend; a dead one is replaced on the next call, a few times at most. */
function currentBackend(): BackendClient {
  if (backend === null) backend = startBackend();
  else if (!backend.running && !backendClosed && backendRestarts < MAX_BACKEND_RESTARTS) {
    backendRestarts++;
    backend = startBackend();
  }
  return backend;
}

function windowMainFrame(): Electron.WebFrameMain | null {
  return mainWindow && !mainWindow.isDestroyed() ? mainWindow.webContents.mainFrame : null;
}

function openExternally(url: string): void {
  if (!isAllowedExternalUrl(url)) return;
  shell.openExternal(url).catch((err: unknown) => log(`could not open ${url}: ${String(err)}`));
}

function serveAppProtocol(): void {
  let rendererRoot: string;
  try {
    rendererRoot = fs.realpathSync(files.rendererDir);
  } catch {
    throw new Error(`the renderer is not built (${files.rendererDir} is missing): run npm run build`);
  }
  protocol.handle(APP_SCHEME, async (request) => {
    const answer = await appResponseFor(request.url, request.method, rendererRoot);
    if (answer.file === null) return new Response(answer.text, { status: answer.status, headers: answer.headers });
    const body = request.method === 'HEAD' ? null : await fs.promises.readFile(answer.file);
    return new Response(body, { status: answer.status, headers: answer.headers });
  });
}

/** Applied to every web contents the app ever creates, not only the window we make. */
function lockDown(contents: WebContents): void {
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternally(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event) => {
    // The page is a single document: any navigation of the window is a link to leave the app.
    event.preventDefault();
    openExternally(event.url);
  });
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame && !isAppUrl(event.url)) event.preventDefault();
  });
}

function installIpc(): void {
  const relay = createCallRelay({
    checkSender: (frame) => senderProblem(frame, windowMainFrame()),
    backend: currentBackend,
    grants,
    exportGrants,
    afterCall: (method, response) =>
      method === 'worksheets.export'
        ? saveWorksheetExport({ BrowserWindow, dialog, parent: mainWindow, documentsDir: app.getPath('documents') }, response)
        : Promise.resolve(response),
  });
  ipcMain.handle(IPC_CALL, (event, method: unknown, args: unknown) => relay(event.senderFrame, method, args));
  ipcMain.on(IPC_GRANT_PATH, (event, file: unknown) => {
    event.returnValue = senderProblem(event.senderFrame, windowMainFrame()) === null && grants.grant(file);
  });
  // Where to save an export: only the user's answer to this dialog may become an export's `out`.
  ipcMain.handle(IPC_CHOOSE_EXPORT, async (event, suggested: unknown): Promise<string | null> => {
    if (senderProblem(event.senderFrame, windowMainFrame()) !== null) return null;
    const options = exportDialogOptions(suggested, app.getPath('documents'));
    const picked = mainWindow ? await dialog.showSaveDialog(mainWindow, options) : await dialog.showSaveDialog(options);
    if (picked.canceled || picked.filePath === undefined || picked.filePath === '') return null;
    return exportGrants.grant(picked.filePath) ? picked.filePath : null;
  });
}

async function importWithDialog(): Promise<void> {
  const options: Electron.OpenDialogOptions = {
    title: 'Import templates',
    properties: ['openFile'],
    filters: [
      { name: 'Template files (JSONL)', extensions: ['jsonl', 'ndjson'] },
      { name: 'All files', extensions: ['*'] },
    ],
  };
  const picked = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
  const file = picked.filePaths[0];
  if (picked.canceled || file === undefined) return;
  // Progress and the summary reach the page as import.progress / import.done events.
  const response = await currentBackend().call('library.importFile', { path: file });
  if (!response.ok) dialog.showErrorBox('Import failed', response.error.message);
}

function installMenu(): void {
  app.setAboutPanelOptions({
    applicationName: APP_NAME,
    applicationVersion: app.getVersion(),
    credits: 'Math word problems with fresh numbers every time, each answer computed and verified.',
  });
  const template = buildMenuTemplate(
    { platform: process.platform, isDev, appName: APP_NAME },
    {
      importJsonl: () => void importWithDialog().catch((err: unknown) => dialog.showErrorBox('Import failed', String(err))),
      showAbout: () => app.showAboutPanel(),
    },
  );
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

function createWindow(): BrowserWindow {
  const win = new BrowserWindow(mainWindowOptions({ preloadPath: files.preload, dark: nativeTheme.shouldUseDarkColors, isDev, title: APP_NAME }));
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  win.webContents.on('render-process-gone', (_event, details) => log(`the page's process ended: ${details.reason}`));
  win.loadURL(APP_INDEX_URL).catch((err: unknown) => log(`could not load ${APP_INDEX_URL}: ${String(err)}`));
  return win;
}

function showWindow(): void {
  if (mainWindow === null) {
    mainWindow = createWindow();
    return;
  }
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
}

/** Says once that an old library was moved here (or could not be): before the backend opens it. */
function adoptOldLibraryOnce(): void {
  const outcome = adoptOldLibrary(paths.dbPath, currentUserEnv());
  const notice = adoptionNotice(outcome);
  if (notice === null) return;
  log(notice);
  if (smokeReport !== null) return;
  const failed = outcome.kind === 'failed';
  dialog
    .showMessageBox({ type: failed ? 'warning' : 'info', title: APP_NAME, message: failed ? 'Your library could not be moved' : 'Your library has moved', detail: notice })
    .catch((err: unknown) => log(`could not show the library notice: ${String(err)}`));
}

/** Polls the page until React has rendered into #root (the window is showing the app). */
async function appRendered(win: BrowserWindow): Promise<void> {
  for (;;) {
    const children = (await win.webContents.executeJavaScript("document.getElementById('root')?.childElementCount ?? 0")) as number;
    if (children > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function runSmokeMode(reportFile: string, win: BrowserWindow): Promise<void> {
  const loaded = new Promise<void>((resolve) => win.webContents.once('did-finish-load', () => resolve()));
  const report = await runSmoke({
    backendReady: currentBackend().ready,
    sandboxReady: sandboxWarm,
    pageReady: () => loaded.then(() => appRendered(win)),
    // From inside the page, so the call crosses the preload, the IPC relay and its sender check.
    pageCall: (method, args) => win.webContents.executeJavaScript(`window.${IM_API_GLOBAL}.call(${JSON.stringify(method)}, ${JSON.stringify(args)})`) as Promise<ApiResponse<unknown>>,
    backendCall: (method, args) => currentBackend().call(method, args),
    printPdf: (html, paper) => printHtmlToPdf(BrowserWindow, html, paper),
    log,
    now: () => performance.now(),
  });
  await fs.promises.writeFile(reportFile, `${JSON.stringify({ ok: report.ok, steps: report.steps, failed: report.failed }, null, 2)}\n`);
  if (report.pdf !== null) await fs.promises.writeFile(reportFile.replace(/(\.json)?$/, '.pdf'), report.pdf);
  backendClosed = true;
  await currentBackend().shutdown(BACKEND_SHUTDOWN_GRACE_MS);
  app.exit(report.ok ? 0 : 1);
}

async function start(): Promise<void> {
  await app.whenReady();
  adoptOldLibraryOnce();
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(isAllowedPermission(permission, details.requestingUrl));
  });
  session.defaultSession.setPermissionCheckHandler((_contents, permission, requestingOrigin) => isAllowedPermission(permission, requestingOrigin));
  serveAppProtocol();
  installIpc();
  installMenu();
  backend = startBackend();
  nativeTheme.on('updated', () => {
    mainWindow?.setBackgroundColor(nativeTheme.shouldUseDarkColors ? WINDOW_BACKGROUND.dark : WINDOW_BACKGROUND.light);
  });
  showWindow();
  if (smokeReport !== null && mainWindow !== null) {
    runSmokeMode(smokeReport, mainWindow).catch((err: unknown) => {
      log(`smoke: ${err instanceof Error ? err.message : String(err)}`);
      app.exit(1);
    });
  }
}

// Before anything else: a custom scheme's privileges can only be set before the app is ready.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);
// Electron's own per-app data (its profile) in the library folder, before anything uses it (the
// single-instance lock below lives there): one folder per user, wherever the library is.
app.setPath('userData', paths.userData);
app.enableSandbox();

if (!app.requestSingleInstanceLock()) {
  // Another copy is running: it gets focus (second-instance), this one leaves.
  app.quit();
} else {
  app.on('second-instance', () => showWindow());
  app.on('web-contents-created', (_event, contents) => lockDown(contents));
  app.on('activate', () => {
    if (app.isReady()) showWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', (event) => {
    // Close the database and stop the sandbox before leaving; the backend gets a few seconds.
    if (backendClosed || backend === null || !backend.running) return;
    event.preventDefault();
    backendClosed = true;
    void backend.shutdown(BACKEND_SHUTDOWN_GRACE_MS).finally(() => app.quit());
  });
  start().catch((err: unknown) => {
    dialog.showErrorBox(`${APP_NAME} could not start`, err instanceof Error ? err.message : String(err));
    app.exit(1);
  });
}
