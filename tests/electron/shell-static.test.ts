/**
 * Static checks on the Electron shell, which cannot run here: where Electron may be imported, the
 * window's security flags, and what the main-process bundle pulls in (it must stay a thin relay).
 */
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { appFiles, desktopPaths, engineRootFor } from '../../src-main/electron/app-files.js';
import { mainWindowOptions } from '../../src-main/electron/window-options.js';
import { isAllowedPermission } from '../../src-main/electron/web-permissions.js';
import { packageRoot } from '../../src-main/paths.js';

const root = packageRoot();

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

describe('where Electron lives', () => {
  it('every *.electron.ts file is in src-main/electron, and there are exactly the main process, the preload and PDF printing', () => {
    const electronFiles = filesUnder(path.join(root, 'src-main'))
      .filter((f) => f.endsWith('.electron.ts'))
      .map((f) => path.relative(root, f).split(path.sep).join('/'))
      .sort();
    expect(electronFiles).toEqual(['src-main/electron/main.electron.ts', 'src-main/electron/preload.electron.ts', 'src-main/electron/print-pdf.electron.ts']);
  });

  it('no other file in the repository imports electron', () => {
    const offenders = [...filesUnder(path.join(root, 'src-main')), ...filesUnder(path.join(root, 'tests'))]
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.electron.ts'))
      // TypeScript's own scan of imports and requires (comments and strings that mention electron do not count).
      .filter((f) => ts.preProcessFile(fs.readFileSync(f, 'utf8'), true, true).importedFiles.some((i) => i.fileName === 'electron'));
    expect(offenders.map((f) => path.relative(root, f))).toEqual([]);
  });
});

describe('the app window', () => {
  it('is sandboxed, context-isolated, without Node, with web security, no webview, and devtools only in development', () => {
    const shipped = mainWindowOptions({ preloadPath: '/app/dist/preload.cjs', dark: false, isDev: false, title: 'InfinityMATH Studio' });
    expect(shipped.webPreferences).toEqual({
      preload: '/app/dist/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      devTools: false,
    });
    expect(shipped.show).toBe(false);
    expect(mainWindowOptions({ preloadPath: '/p', dark: true, isDev: true, title: 't' }).webPreferences.devTools).toBe(true);
  });

  it('opens in the OS theme’s background colour', () => {
    const light = mainWindowOptions({ preloadPath: '/p', dark: false, isDev: false, title: 't' }).backgroundColor;
    const dark = mainWindowOptions({ preloadPath: '/p', dark: true, isDev: false, title: 't' }).backgroundColor;
    expect(light).toBe('#ffffff');
    expect(dark).not.toBe(light);
  });

  it('grants the page only clipboard writes, and only on the app origin', () => {
    expect(isAllowedPermission('clipboard-sanitized-write', 'app://studio/index.html')).toBe(true);
    expect(isAllowedPermission('clipboard-sanitized-write', 'app://studio')).toBe(true);
    expect(isAllowedPermission('clipboard-sanitized-write', 'https://evil.example.org/')).toBe(false);
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'hid', 'usb', 'serial', 'fullscreen']) {
      expect(isAllowedPermission(p, 'app://studio/index.html')).toBe(false);
    }
  });
});

describe('the app’s files', () => {
  it('sit next to the main bundle in dist/, with user data and the packaged engine in their own places', () => {
    expect(appFiles('/app/dist')).toEqual({ preload: '/app/dist/preload.cjs', backend: '/app/dist/backend.mjs', rendererDir: '/app/dist/renderer' });
    expect(desktopPaths({ platform: 'linux', env: {}, home: '/home/ada' })).toEqual({
      dbPath: '/home/ada/.local/share/InfinityMATH Studio/library.sqlite',
      cacheDir: '/home/ada/.cache/InfinityMATH Studio',
      userData: '/home/ada/.local/share/InfinityMATH Studio',
    });
    expect(desktopPaths({ platform: 'win32', env: { APPDATA: 'C:\\Users\\ada\\AppData\\Roaming', INFINITYMATH_DB: 'D:\\school\\library.sqlite' }, home: 'C:\\Users\\ada' })).toEqual({
      dbPath: 'D:\\school\\library.sqlite',
      cacheDir: 'C:\\Users\\ada\\AppData\\Local\\InfinityMATH Studio\\Cache',
      userData: 'C:\\Users\\ada\\AppData\\Roaming\\InfinityMATH Studio',
    });
    expect(engineRootFor('/opt/InfinityMATH Studio/resources/app.asar')).toBe('/opt/InfinityMATH Studio/resources/app.asar.unpacked');
    expect(engineRootFor('C:\\Program Files\\InfinityMATH Studio\\resources\\app.asar')).toBe('C:\\Program Files\\InfinityMATH Studio\\resources\\app.asar.unpacked');
    // `electron .` in the repository, or a build packaged without asar: the package is the root.
    expect(engineRootFor('/home/ada/infinitymath-studio')).toBeUndefined();
    expect(engineRootFor('/opt/InfinityMATH Studio/resources/app')).toBeUndefined();
  });
});

describe('the main-process bundle', () => {
  it('bundles, and contains none of the engine: no database, sandbox, importers or app context', async () => {
    const result = await build({
      entryPoints: [path.join(root, 'src-main/electron/main.electron.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      external: ['better-sqlite3', 'pyodide', 'electron'],
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs).toContain('src-main/electron/main.electron.ts');
    const engine = inputs.filter((f) => /^src-main\/(storage|sandbox|importers|engine|audit|library|app)\//.test(f) || f.includes('better-sqlite3') || f.includes('pyodide'));
    expect(engine).toEqual([]);
    const imports = Object.values(result.metafile.outputs).flatMap((o) => o.imports.filter((i) => i.external).map((i) => i.path));
    expect(imports.filter((i) => !i.startsWith('node:')).sort()).toEqual(['electron']);
  });
});
