/**
 * The desktop smoke run's sequence (src-main/electron/smoke-run.ts) below Electron: the real backend bundle
 * (as the app forks it, in its 'electron' mode), real SQLite, real Pyodide, and Chromium's print engine
 * (what Electron's printToPDF is) for the PDF. The window's part (preload and IPC relay) has its own
 * tests (preload, ipc-relay, main-process); here the page's calls go straight to the backend. Plus the
 * failure reports, and the launcher of `npm run smoke:electron`, which must stop at once with a clear
 * message where Electron's binary cannot be had (this machine).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiResponse } from '../../src-main/api/contract.std.js';
import type { BackendClient } from '../../src-main/backend/backend-client.js';
import { startNodeBackend } from '../../src-main/backend/backend-ports.js';
import { CHROMIUM_FLAGS, chromiumPath } from '../../src-main/chromium.js';
import { smokeLaunch } from '../../src-main/electron/smoke-launch.js';
import { pdfPageCount, runSmoke, smokeReportPath, SMOKE_STEP_NAMES, type SmokeDeps } from '../../src-main/electron/smoke-run.js';
import { desktopPdfOptions } from '../../src-main/worksheet/desktop-export.js';
import { packageRoot } from '../../src-main/paths.js';
import { bundleForTest } from '../backend/bundle.js';
import { TEST_CACHE_DIR } from '../helpers/sandbox.js';

let dir: string;
let client: BackendClient;
let kill: () => void;
let browser: Browser;
const sandboxEvents: string[] = [];
let sandboxWarm: Promise<void>;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'im-smoke-'));
  const script = await bundleForTest('src-main/backend/backend-main.ts', 'backend-main');
  const started = startNodeBackend(script, { dbPath: path.join(dir, 'library.sqlite'), cacheDir: TEST_CACHE_DIR, poolSize: 1 });
  client = started.client;
  kill = () => started.child.kill('SIGKILL');
  // As the main process does: listening from the start, so the event cannot be missed.
  sandboxWarm = new Promise((resolve) => {
    client.onEvent((e) => {
      sandboxEvents.push(e.type);
      if (e.type === 'sandbox.ready') resolve();
    });
  });
  browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: [...CHROMIUM_FLAGS] });
}, 120_000);

afterAll(async () => {
  await browser.close();
  await client.shutdown(5000).catch(() => kill());
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Chromium's print engine with the options the desktop app gives printToPDF. */
async function chromiumPdf(html: string, paper: 'A4' | 'Letter'): Promise<Uint8Array> {
  const page = await browser.newPage();
  try {
    await page.setContent(html, { waitUntil: 'load' });
    await page.evaluate('document.fonts.ready.then(() => true)');
    const o = desktopPdfOptions(paper);
    return await page.pdf({ format: o.pageSize, printBackground: o.printBackground, preferCSSPageSize: o.preferCSSPageSize, displayHeaderFooter: o.displayHeaderFooter, landscape: o.landscape });
  } finally {
    await page.close();
  }
}

function realDeps(overrides: Partial<SmokeDeps> = {}): SmokeDeps & { lines: string[] } {
  const lines: string[] = [];
  return {
    backendReady: client.ready,
    sandboxReady: sandboxWarm,
    pageReady: () => Promise.resolve(),
    pageCall: (method, args) => client.call(method, args),
    backendCall: (method, args) => client.call(method, args),
    printPdf: chromiumPdf,
    log: (line) => lines.push(line),
    now: () => performance.now(),
    lines,
    ...overrides,
  };
}

describe('the smoke sequence against the real engine', () => {
  it('waits for the backend and the sandbox, answers a problem, prints a one-page PDF', async () => {
    const deps = realDeps();
    const report = await runSmoke(deps);
    expect(report.failed).toBeNull();
    expect(report.ok).toBe(true);
    expect(report.steps.map((s) => s.name)).toEqual([...SMOKE_STEP_NAMES]);
    expect(sandboxEvents).toContain('sandbox.ready');
    expect(report.steps[3]?.detail).toMatch(/graded correct, -987654321 graded (wrong|check_units|invalid)$/);
    // poppler agrees with the page count the run checked.
    const pdf = path.join(dir, 'smoke.pdf');
    fs.writeFileSync(pdf, report.pdf ?? new Uint8Array());
    expect(pdfPageCount(report.pdf ?? new Uint8Array())).toBe(1);
    expect(spawnSync('pdfinfo', [pdf], { encoding: 'utf8' }).stdout).toMatch(/^Pages:\s+1$/m);
    expect(deps.lines).toHaveLength(5);
  });
});

describe('the smoke sequence when something is wrong', () => {
  const ok = (value: unknown): Promise<ApiResponse<unknown>> => Promise.resolve({ ok: true, value });

  it('names the step that failed and why', async () => {
    const report = await runSmoke(
      realDeps({
        pageCall: (method, args) => (method === 'practice.next' ? Promise.resolve({ ok: false, error: { code: 'unavailable', message: 'warming up' } }) : client.call(method, args)),
      }),
    );
    expect(report).toMatchObject({ ok: false, failed: { step: 'practice problem answered', error: 'practice.next: unavailable: warming up' } });
    expect(report.steps.map((s) => s.name)).toEqual(['backend ready', 'window shows the app', 'sandbox ready']);
  });

  it('refuses a PDF of more than one page', async () => {
    const report = await runSmoke(realDeps({ printPdf: async (html, paper) => chromiumPdf(html.replace('</body>', '<div style="break-before: page">more</div></body>'), paper) }));
    expect(report.failed).toEqual({ step: 'one-page PDF printed', error: 'the worksheet printed to 2 pages, not 1' });
  });

  it('gives up on a step that never finishes instead of hanging', async () => {
    const never = new Promise<void>(() => undefined);
    const report = await runSmoke(
      {
        ...realDeps(),
        sandboxReady: never,
        pageCall: (method) => (method === 'app.info' ? ok({ sandboxReady: false, templates: 1 }) : ok({})),
      },
      { stepTimeoutMs: 200 },
    );
    expect(report.failed).toEqual({ step: 'sandbox ready', error: 'sandbox ready did not happen within 200 ms' });
  });

  it('reports a backend that could not start as the first step', async () => {
    const report = await runSmoke({ ...realDeps(), backendReady: Promise.reject(new Error('cannot open library.sqlite: disk full')) });
    expect(report.failed).toEqual({ step: 'backend ready', error: 'cannot open library.sqlite: disk full' });
  });
});

describe('smoke command line', () => {
  it('reads --smoke=<file> and --smoke <file>', () => {
    expect(smokeReportPath(['/app/electron', '.', '--smoke=/tmp/r.json'])).toBe('/tmp/r.json');
    expect(smokeReportPath(['electron', '.', '--smoke', '/tmp/r.json'])).toBe('/tmp/r.json');
    expect(smokeReportPath(['electron', '.'])).toBeNull();
  });

  it('launches Electron on the package with a throw-away library, under xvfb-run where Linux has no display', () => {
    const input = { electron: '/repo/node_modules/electron/dist/electron', appDir: '/repo', reportFile: '/tmp/s/r.json', dataDir: '/tmp/s/library' };
    const linux = smokeLaunch({ ...input, platform: 'linux', env: { PATH: '/usr/bin', INFINITYMATH_DB: '/home/ada/real.sqlite' }, hasXvfbRun: true });
    expect(linux).toEqual({
      ok: true,
      command: 'xvfb-run',
      args: ['-a', '-s', '-screen 0 1280x900x24', input.electron, '/repo', '--smoke=/tmp/s/r.json'],
      env: { PATH: '/usr/bin', INFINITYMATH_DATA_DIR: '/tmp/s/library' },
    });
    expect(smokeLaunch({ ...input, platform: 'linux', env: { DISPLAY: ':0' }, hasXvfbRun: false })).toMatchObject({ ok: true, command: input.electron });
    expect(smokeLaunch({ ...input, platform: 'darwin', env: {}, hasXvfbRun: false })).toMatchObject({ ok: true, command: input.electron, args: ['/repo', '--smoke=/tmp/s/r.json'] });
    expect(smokeLaunch({ ...input, platform: 'linux', env: {}, hasXvfbRun: false })).toEqual({ ok: false, message: expect.stringContaining('apt-get install xvfb') as unknown });
  });

  it('npm run smoke:electron’s launcher stops at once, saying why, where Electron’s binary is missing', async () => {
    const script = await bundleForTest('src-main/electron/smoke-launch-main.ts', 'smoke-electron');
    // A package root whose node_modules/electron has no binary (as on this machine, and any fresh clone).
    const fakeRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'im-smoke-root-'));
    try {
      fs.mkdirSync(path.join(fakeRoot, 'node_modules', 'electron'), { recursive: true });
      fs.copyFileSync(path.join(packageRoot(), 'node_modules/electron/package.json'), path.join(fakeRoot, 'node_modules/electron/package.json'));
      const env: NodeJS.ProcessEnv = { ...process.env, INFINITYMATH_ROOT: fakeRoot };
      delete env.ELECTRON_OVERRIDE_DIST_PATH;
      const r = spawnSync(process.execPath, [script], { env, encoding: 'utf8', timeout: 30_000 });
      expect(r.signal).toBeNull();
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/^smoke:electron: Electron .*'s binary has not been downloaded yet .*Run `npm run smoke:electron`, which downloads it first/);
    } finally {
      fs.rmSync(fakeRoot, { recursive: true, force: true });
    }
  });
});
