/**
 * Hints in the practice page, end to end: ask for hints one by one, see the steps with this
 * instance's numbers rendered by KaTeX, and the full solution last, which reveals the answer.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src-main/paths.js';
import { launchBrowser, type Browser } from './browser.js';
import type { PageGlobals } from './page-globals.js';
import { assertWebBuilt, startWeb, type WebProcess } from './web-process.js';

const ARTIFACTS = path.join(packageRoot(), 'test-artifacts', 'e2e');
let dir: string;
let server: WebProcess;
let browser: Browser;

interface FetchGlobals {
  fetch(url: string, init: { method: string; headers: Record<string, string>; body: string }): Promise<{ json(): Promise<unknown> }>;
  localStorage: { setItem(key: string, value: string): void };
}

beforeAll(async () => {
  assertWebBuilt();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'im-hints-'));
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  server = await startWeb(path.join(dir, 'db.sqlite'));
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser.close();
  await server.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('hints in practice', () => {
  it('gives the steps one at a time, rendered with KaTeX, and the full solution last', async () => {
    const page = browser.page;
    await page.goto(server.url);
    await page.waitForSelector('#main');
    // A learner practising "The four operations": multi-step word problems with a formula per step.
    await page.evaluate(async () => {
      const g = globalThis as unknown as FetchGlobals;
      const r = await g.fetch('/api/learners.create', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Hana' }) });
      const learner = ((await r.json()) as { value: { id: number; name: string } }).value;
      g.localStorage.setItem('infinitymath.learner', JSON.stringify({ id: learner.id, name: learner.name }));
      g.localStorage.setItem(`infinitymath.scope.${learner.id}`, JSON.stringify('strand:operations'));
    });
    await page.reload();
    await page.waitForSelector('body[data-ready="problem"]', { state: 'attached' });

    await page.getByTestId('hint-button').click();
    const first = page.getByTestId('hint-1');
    await first.waitFor();
    expect(await first.getAttribute('data-kind')).toBe('idea');
    expect((await first.textContent())?.trim().length).toBeGreaterThan(3);

    // Keep asking until the full solution is shown; every hint after the first has a formula or steps.
    for (let level = 2; level <= 30; level++) {
      const button = page.getByTestId('hint-button');
      if ((await button.count()) === 0) break;
      await button.click();
      await page.getByTestId(`hint-${level}`).waitFor();
    }
    const steps = page.getByTestId('solution-steps');
    await steps.waitFor();
    expect(await steps.locator('li').count()).toBeGreaterThanOrEqual(1);
    expect(await steps.locator('.katex').count()).toBeGreaterThanOrEqual(1);
    // KaTeX rendered everything: no raw TeX commands or Python left on screen (KaTeX's hidden MathML copy,
    // which carries the TeX source for screen readers, is left out).
    const text = await page.evaluate(() => {
      const g = globalThis as unknown as PageGlobals;
      const copy = g.document.querySelector('[data-testid="hints"]')?.cloneNode(true);
      copy?.querySelectorAll('.katex-mathml').forEach((el) => el.remove());
      return copy?.textContent ?? '';
    });
    expect(text).not.toMatch(/\\(times|frac|cdot)|None|object at/);
    // The full solution gives the answer away: the problem shows as revealed.
    await page.getByTestId('revealed-answer').waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, '10-hints-and-solution.png'), fullPage: true });
    expect(browser.problems).toEqual([]);
  });
});
