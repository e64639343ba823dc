/**
 * UI figures for `npm run bench`, in real Chromium against browser mode:
 * - cold start: from spawning `node dist/web.mjs` (an existing library and a remembered learner) to a
 *   problem on screen, against spawning a bare static Node server and loading a page from it;
 * - submit → feedback p95: from clicking Check to the verdict on screen, against a bare API round trip
 *   (`fetch` of app.info) from the same page.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_FLAGS, chromiumPath } from '../../src-main/chromium.js';
import { packageRoot } from '../../src-main/paths.js';

const root = packageRoot();

/** The DOM pieces the in-page functions use (this file is typed for Node). */
interface PageDom {
  document: {
    querySelector(sel: string): { click(): void } | null;
    body: unknown;
  };
  MutationObserver: new (cb: () => void) => { observe(target: unknown, opts: { childList: boolean; subtree: boolean; attributes: boolean }): void; disconnect(): void };
  performance: { now(): number };
  fetch(url: string, init: { method: string; headers: Record<string, string>; body: string }): Promise<{ json(): Promise<unknown> }>;
}

function startProcess(args: string[], line: RegExp): { child: ChildProcess; url: Promise<string> } {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, XDG_CACHE_HOME: path.join(root, '.cache', 'bench-ui') } });
  const url = new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      const m = line.exec(out);
      if (m?.[1]) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`process exited (${code}) before printing its address`)));
  });
  return { child, url };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const done = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await done;
}

const WEB_LINE = /InfinityMATH Studio \(browser mode\): (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/;
const STATIC_SERVER = `
const http = require('node:http');
const html = '<!doctype html><html><head><title>ref</title></head><body><p id="ready">A static page of a few words.</p></body></html>';
const s = http.createServer((req, res) => { res.writeHead(200, { 'content-type': 'text/html' }); res.end(html); });
s.listen(0, '127.0.0.1', () => console.log('static: http://127.0.0.1:' + s.address().port + '/'));
`;

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? Number.NaN;
}

export interface UiFigures {
  coldStartMs: number;
  staticStartMs: number;
  submitP95Ms: number;
  fetchP95Ms: number;
  samples: number;
}

export async function uiBench(): Promise<UiFigures> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'im-bench-ui-'));
  const db = path.join(dir, 'bench.sqlite');
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'im-bench-profile-'));
  const context: BrowserContext = await chromium.launchPersistentContext(profile, { executablePath: chromiumPath(), headless: true, args: [...CHROMIUM_FLAGS] });
  const page: Page = context.pages()[0] ?? (await context.newPage());
  try {
    // First run: creates the library and a learner (not measured), so the measured start is a returning student's.
    const first = startProcess([path.join(root, 'dist', 'web.mjs'), '--port', '0', '--db', db, '--no-open'], WEB_LINE);
    const firstUrl = await first.url;
    const origin = new URL(firstUrl).origin;
    await page.goto(firstUrl);
    const learner = (await page.evaluate(async (o) => {
      const g = globalThis as unknown as PageDom;
      const r = await g.fetch(`${o}/api/learners.create`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Bench' }) });
      return r.json();
    }, origin)) as { value: { id: number; name: string } };
    await stop(first.child);
    await context.addInitScript((l: { id: number; name: string }) => {
      const g = globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } };
      g.localStorage.setItem('infinitymath.learner', JSON.stringify(l));
      g.localStorage.setItem(`infinitymath.scope.${l.id}`, JSON.stringify('strand:fractions'));
    }, learner.value);

    // Reference: a bare Node static server, started and loaded the same way.
    const t0 = performance.now();
    const ref = startProcess(['-e', STATIC_SERVER], /static: (\S+)/);
    await page.goto(await ref.url);
    await page.waitForSelector('#ready');
    const staticStartMs = performance.now() - t0;
    await stop(ref.child);

    const t1 = performance.now();
    const web = startProcess([path.join(root, 'dist', 'web.mjs'), '--port', '0', '--db', db, '--no-open'], WEB_LINE);
    await page.goto(await web.url);
    await page.waitForSelector('body[data-ready="problem"]', { state: 'attached' });
    const coldStartMs = performance.now() - t1;

    // A student reads the problem before answering; by then the sandbox has warmed in the background.
    // Measure answers in that steady state, not while two Pyodide processes load on a 2-core machine.
    await page.evaluate(async () => {
      const g = globalThis as unknown as PageDom;
      for (;;) {
        const r = await g.fetch('/api/app.info', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
        const info = (await r.json()) as { value?: { sandboxReady?: boolean } };
        if (info.value?.sandboxReady) return;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    });
    const submits: number[] = [];
    const fetches: number[] = [];
    const SAMPLES = 40;
    for (let i = 0; i < SAMPLES; i++) {
      await page.waitForSelector('body[data-ready="problem"]', { state: 'attached' });
      await page.getByTestId('answer-input').fill(String(900_000 + i));
      submits.push(
        await page.evaluate(() => {
          const g = globalThis as unknown as PageDom;
          const button = g.document.querySelector('[data-testid="submit"]');
          const start = g.performance.now();
          return new Promise<number>((resolve) => {
            const obs = new g.MutationObserver(() => {
              if (g.document.querySelector('[data-testid="feedback"]:not([data-verdict=""])')) {
                obs.disconnect();
                resolve(g.performance.now() - start);
              }
            });
            obs.observe(g.document.body, { childList: true, subtree: true, attributes: true });
            button?.click();
          });
        }),
      );
      fetches.push(
        await page.evaluate(async () => {
          const g = globalThis as unknown as PageDom;
          const start = g.performance.now();
          const r = await g.fetch('/api/app.info', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
          await r.json();
          return g.performance.now() - start;
        }),
      );
      await page.getByTestId('another').click();
      await page.waitForSelector('[data-testid="feedback"][data-verdict=""]', { state: 'attached' });
    }
    await stop(web.child);
    return { coldStartMs, staticStartMs, submitP95Ms: percentile(submits, 95), fetchP95Ms: percentile(fetches, 95), samples: SAMPLES };
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
