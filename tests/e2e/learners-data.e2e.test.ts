/**
 * Issue 17 as a student, a parent and a teacher meet it, in real Chromium against the built browser
 * mode (dist/web.mjs, a fresh SQLite file, started as a user starts it: no --port):
 * the first screen says what the app is; the header fits at 1024 × 700 and 1920 × 1080; Skip before
 * and after a wrong answer (counted as skipped, not wrong, on the Progress page, where mastery is
 * explained); the scheduling settings; rename, delete (with confirmation), save and import a
 * learner's progress; back up and restore the library from Settings; and a reload after the server
 * restarts, which must not show "Unauthorized". Screenshots go to test-artifacts/e2e/.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src-main/paths.js';
import { launchBrowser, type Browser } from './browser.js';
import type { PageGlobals } from './page-globals.js';
import { sseReader } from '../server/sse-reader.js';
import { assertWebBuilt, startWeb, type WebProcess } from './web-process.js';

const ARTIFACTS = path.join(packageRoot(), 'test-artifacts', 'e2e');
const LONG_NAME = 'Alexandra-Maria';

let dir: string;
let dbPath: string;
let server: WebProcess | null = null;
let browser: Browser | null = null;

beforeAll(() => {
  assertWebBuilt();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'im-e2e-data-'));
  dbPath = path.join(dir, 'library.sqlite');
  fs.mkdirSync(ARTIFACTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const shot = (page: Page, name: string, fullPage = false): Promise<Buffer> => page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage });

/** Nothing in the header is cut off or pushed out: it fits the window's width. */
async function headerFits(page: Page): Promise<{ fits: boolean; header: number; window: number; switchRight: number }> {
  return page.evaluate(() => {
    const { document, window } = globalThis as unknown as PageGlobals & { window: { innerWidth: number } };
    const header = document.querySelector('.app-header') as unknown as { scrollWidth: number; clientWidth: number } | null;
    const button = document.querySelector('[data-testid="switch-learner"]') as unknown as { getBoundingClientRect(): { right: number } } | null;
    const right = button?.getBoundingClientRect().right ?? 0;
    return {
      fits: header !== null && header.scrollWidth <= header.clientWidth && right > 0 && right <= window.innerWidth,
      header: header?.scrollWidth ?? 0,
      window: window.innerWidth,
      switchRight: right,
    };
  });
}

async function problemId(page: Page): Promise<{ templateId: string; seed: number }> {
  await page.waitForSelector('body[data-ready="problem"]', { state: 'attached' });
  const el = page.getByTestId('problem-text');
  return { templateId: (await el.getAttribute('data-template-id')) ?? '', seed: Number(await el.getAttribute('data-seed')) };
}

async function nextProblemAfter(page: Page, previous: { templateId: string; seed: number }): Promise<{ templateId: string; seed: number }> {
  await page.waitForFunction(
    ([id, seed]) => {
      const { document } = globalThis as unknown as PageGlobals;
      const el = document.querySelector('[data-testid="problem-text"]');
      return document.body.dataset.ready === 'problem' && el !== null && (el.dataset.templateId !== id || el.dataset.seed !== seed);
    },
    [previous.templateId, String(previous.seed)] as const,
  );
  return problemId(page);
}

async function stat(page: Page, id: string): Promise<string> {
  return (await page.getByTestId(`stat-${id}`).locator('.stat-value').textContent()) ?? '';
}

/**
 * Resolves once the server's engine is warm. Stopping a server whose sandbox is still warming can
 * take longer than its shutdown grace on a loaded machine (the warm-up is not cancellable), so the
 * test lets it finish first. Subscribed to the events before asking, so `sandbox.ready` cannot be missed.
 */
async function engineReady(web: WebProcess): Promise<void> {
  const url = new URL(web.url);
  const headers = { 'x-im-token': url.searchParams.get('token') ?? '' };
  const abort = new AbortController();
  const events = await fetch(`${url.origin}/api/events`, { headers, signal: abort.signal });
  try {
    if (events.body === null) throw new Error('no event stream');
    const stream = sseReader(events.body);
    const info = await fetch(`${url.origin}/api/app.info`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: '{}' });
    if (((await info.json()) as { value?: { sandboxReady: boolean } }).value?.sandboxReady === true) return;
    for (let block = await stream.next(); block !== null; block = await stream.next()) {
      if (block.includes('"type":"sandbox.ready"')) return;
    }
    throw new Error('the event stream ended before the sandbox was ready');
  } finally {
    abort.abort();
  }
}

function dbRows(sql: string): unknown[] {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all();
  } finally {
    db.close();
  }
}

describe('learners, data and browser mode (dist/web.mjs + Chromium)', () => {
  it('first screen, header at 1024 × 700 and 1920 × 1080, Skip, mastery explained', { timeout: 180_000 }, async () => {
    server = await startWeb(dbPath, { port: 'remembered' });
    browser = await launchBrowser();
    const { page } = browser;
    await page.setViewportSize({ width: 1024, height: 700 });
    await page.goto(server.url);

    // The first screen says what the app is, in two lines, above "Who is practising?".
    const intro = page.getByTestId('app-intro');
    await intro.waitFor();
    expect(await intro.locator('p').count()).toBe(2);
    expect(await intro.textContent()).toContain('fresh numbers every time');
    await shot(page, 'data-01-first-screen-1024x700');

    await page.getByTestId('learner-name-input').fill(LONG_NAME);
    await page.getByTestId('learner-add').click();
    await page.getByTestId('strand-fractions').waitFor();

    // The header fits at 1024 × 700 (it clipped "Switch learner" before) and at 1920 × 1080.
    for (const [width, height] of [
      [1024, 700],
      [1920, 1080],
    ] as const) {
      await page.setViewportSize({ width, height });
      await expect.poll(() => headerFits(page)).toMatchObject({ fits: true });
      expect(await page.getByTestId('switch-learner').isVisible()).toBe(true);
      await shot(page, `data-02-header-${width}x${height}`);
    }
    // The long name is cut with an ellipsis at 1024, but readable in full (title).
    expect(await page.getByTestId('current-learner').getAttribute('title')).toBe(LONG_NAME);

    // Skip before answering: not counted; the next problem is another kind.
    await page.setViewportSize({ width: 1024, height: 700 });
    await page.getByTestId('strand-fractions').click();
    const first = await problemId(page);
    const skipButton = page.getByTestId('skip');
    expect(await skipButton.isVisible()).toBe(true);
    await shot(page, 'data-03-problem-with-skip-1024x700');
    await skipButton.click();
    const second = await nextProblemAfter(page, first);
    expect(second.templateId).not.toBe(first.templateId);
    expect(await page.getByTestId('skip-notice').textContent()).toContain('not counted as wrong');
    await shot(page, 'data-04-after-skip');

    // Skip after a wrong answer, with the keyboard (S).
    const choice = page.locator('[data-testid^="choice-"]');
    if ((await choice.count()) > 0) {
      const wrongIndex = await page.evaluate(() => 0);
      await choice.nth(wrongIndex).click();
    } else {
      if ((await page.getByTestId('editor-plain').count()) > 0) await page.getByTestId('editor-plain').click();
      await page.getByTestId('answer-input').fill('987654321');
      await page.getByTestId('answer-input').press('Enter');
    }
    await page.waitForSelector('[data-testid="feedback"][data-verdict]');
    const verdict = await page.getByTestId('feedback').getAttribute('data-verdict');
    const answered = verdict === 'correct' ? 0 : 1; // a multiple-choice first option may be right
    if (verdict !== 'correct') {
      await page.getByTestId('try-again').waitFor();
      await page.locator('body').click({ position: { x: 5, y: 5 } }); // out of the answer box: page keys work
      await page.keyboard.press('s');
      const third = await nextProblemAfter(page, second);
      expect(third.templateId).not.toBe(second.templateId);
    }
    const skips = dbRows('SELECT answers_before FROM skips ORDER BY id') as { answers_before: number }[];
    expect(skips.map((s) => s.answers_before)).toEqual(verdict === 'correct' ? [0] : [0, 1]);

    // Progress: the skips are counted as skips; the answers as answers; mastery explained under its chart.
    await page.getByTestId('nav-progress').click();
    await page.waitForSelector('body[data-ready="progress"]', { state: 'attached' });
    expect(await stat(page, 'skipped')).toBe(String(skips.length));
    expect(await stat(page, 'attempts')).toBe(String(answered + (verdict === 'correct' ? 1 : 0)));
    const explainer = page.getByTestId('mastery-explainer');
    await explainer.waitFor();
    expect(await explainer.textContent()).toMatch(/first try.*5\u00a0→\u00a063\u00a0%.*10\u00a0→\u00a077\u00a0%/s);
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.waitForSelector('[data-testid="chart-mastery"][data-drawn="yes"]');
    await shot(page, 'data-05-progress-skipped-and-mastery-1920x1080', true);
    await page.setViewportSize({ width: 1024, height: 700 });
    await shot(page, 'data-05b-progress-1024x700', true);
    expect(browser.problems).toEqual([]);
  });

  it('scheduling settings, rename, delete with confirmation, save and import progress', { timeout: 180_000 }, async () => {
    if (server === null || browser === null) throw new Error('the first test starts the app and the browser');
    const { page } = browser;
    const origin = new URL(server.url).origin;

    // Practice scheduling: a bad step is explained as it is typed; a good one is saved.
    await page.goto(`${origin}/#/settings/practice`);
    await page.getByTestId('settings-practice').waitFor();
    expect(await page.getByTestId('scheduling-learning').inputValue()).toBe('30m');
    await page.getByTestId('scheduling-learning').fill('2h 10m');
    expect(await page.getByTestId('settings-practice').textContent()).toContain('steps must not get shorter');
    expect(await page.getByTestId('scheduling-save').isDisabled()).toBe(true);
    await page.getByTestId('scheduling-learning').fill('20m 2h');
    await page.getByTestId('scheduling-retention').fill('85');
    await page.getByTestId('scheduling-save').click();
    await expect.poll(() => page.getByTestId('scheduling-status').textContent()).toContain('Saved');
    expect(dbRows("SELECT value FROM settings WHERE key = 'practice.scheduling'")).toEqual([{ value: JSON.stringify({ desiredRetention: 0.85, learningSteps: ['20m', '2h'], relearningSteps: ['30m'] }) }]);
    await shot(page, 'data-06-settings-practice');
    await page.getByTestId('scheduling-reset').click();
    await expect.poll(() => page.getByTestId('scheduling-learning').inputValue()).toBe('30m');

    // Learners: rename (the header follows at once).
    await page.getByTestId('settings-nav-learners').click();
    await page.getByTestId('settings-learners').waitFor();
    const id = (dbRows(`SELECT id FROM learners WHERE name = '${LONG_NAME}'`) as { id: number }[])[0]?.id ?? 0;
    await page.getByTestId(`rename-${id}`).click();
    await page.getByTestId('rename-input').fill('Alex');
    await page.getByTestId('rename-save').click();
    await expect.poll(() => page.getByTestId('current-learner').textContent()).toBe('Alex');
    expect(dbRows('SELECT name FROM learners')).toEqual([{ name: 'Alex' }]);

    // Save Alex's progress to a file.
    const download = page.waitForEvent('download');
    await page.getByTestId(`export-${id}`).click();
    const saved = await download;
    expect(saved.suggestedFilename()).toMatch(/^Alex-progress-\d{4}-\d{2}-\d{2}\.json$/);
    const file = path.join(dir, saved.suggestedFilename());
    await saved.saveAs(file);
    const progress = JSON.parse(fs.readFileSync(file, 'utf8')) as { kind: string; learner: { name: string }; skips: unknown[] };
    expect(progress).toMatchObject({ kind: 'infinitymath-studio/learner-progress', learner: { name: 'Alex' } });
    expect(progress.skips.length).toBeGreaterThanOrEqual(1);

    // Import it under another name: the preview says a learner will be created; then it is.
    await page.getByTestId('import-progress-file').setInputFiles(file);
    await page.getByTestId('import-preview').waitFor();
    expect(await page.getByTestId('import-preview').getAttribute('data-action')).toBe('merged'); // Alex is here already
    await page.getByTestId('import-as-name').fill('Alex (copy)');
    await page.getByTestId('import-as-name').blur();
    await expect.poll(() => page.getByTestId('import-preview').getAttribute('data-action')).toBe('created');
    await shot(page, 'data-07-import-preview');
    await page.getByTestId('import-progress-run').click();
    await expect.poll(() => page.getByTestId('learners-status').textContent()).toContain('Created Alex (copy)');
    const copy = (dbRows("SELECT id FROM learners WHERE name = 'Alex (copy)'") as { id: number }[])[0]?.id ?? 0;
    expect(dbRows(`SELECT count(*) AS n FROM skips WHERE learner_id = ${copy}`)).toEqual(dbRows(`SELECT count(*) AS n FROM skips WHERE learner_id = ${id}`));

    // Delete the copy: a confirmation says what goes with it; Cancel deletes nothing.
    await page.getByTestId(`delete-${copy}`).click();
    const dialog = page.getByTestId('confirm-delete-learner');
    await dialog.waitFor();
    expect(await dialog.textContent()).toMatch(/Delete Alex \(copy\)\?.*\d+ answers?, \d+ skips?/s);
    await shot(page, 'data-08-confirm-delete');
    await page.getByTestId('confirm-delete-learner-cancel').click();
    await dialog.waitFor({ state: 'detached' });
    expect(dbRows(`SELECT count(*) AS n FROM learners WHERE id = ${copy}`)).toEqual([{ n: 1 }]);
    await page.getByTestId(`delete-${copy}`).click();
    await page.getByTestId('confirm-delete-learner-confirm').click();
    await expect.poll(() => page.getByTestId('learners-status').textContent()).toContain('were deleted');
    expect(dbRows('SELECT name FROM learners')).toEqual([{ name: 'Alex' }]);
    expect(dbRows(`SELECT count(*) AS n FROM skips WHERE learner_id = ${copy}`)).toEqual([{ n: 0 }]);
    await shot(page, 'data-09-learners');
    expect(browser.problems).toEqual([]);
  });

  it('backs up and restores the library from Settings, then survives a server restart with a plain reload', { timeout: 180_000 }, async () => {
    if (server === null || browser === null) throw new Error('the first test starts the app and the browser');
    const { page } = browser;
    const origin = new URL(server.url).origin;
    await page.goto(`${origin}/#/settings/backups`);
    await page.getByTestId('settings-backups').waitFor();
    await page.getByTestId('backup-now').click();
    await expect.poll(() => page.getByTestId('backup-status').textContent()).toMatch(/^Backed up as library-.*\.sqlite/);
    const backupName = /Backed up as (\S+\.sqlite)/.exec((await page.getByTestId('backup-status').textContent()) ?? '')?.[1] ?? '';
    await page.getByTestId(`backup-${backupName}`).waitFor();
    await shot(page, 'data-10-backups');

    // Then the library changes: Alex is renamed behind the page's back (another window, say).
    const db = new Database(dbPath);
    db.prepare("UPDATE learners SET name = 'Changed after the backup'").run();
    db.close();

    // Restore: a confirmation first; then the page reloads on the restored library and says so.
    await page.getByTestId(`restore-${backupName}`).click();
    await page.getByTestId('confirm-restore').waitFor();
    await shot(page, 'data-11-confirm-restore');
    await page.getByTestId('confirm-restore-confirm').click();
    await expect.poll(() => page.getByTestId('backup-status').textContent(), { timeout: 30_000 }).toContain(`restored from ${backupName}`);
    expect(dbRows('SELECT name FROM learners')).toEqual([{ name: 'Alex' }]);
    const list = await page.getByTestId('backup-list').textContent();
    expect(list).toContain('kept before a restore');
    await shot(page, 'data-12-restored');

    // Stop the server (leaving the page first, so its event stream does not log reconnection errors)
    // and start it again as a user would: the same address (the library's port and secret).
    const before = server.url;
    await page.goto('about:blank');
    await engineReady(server);
    await server.stop();
    server = null;
    server = await startWeb(dbPath, { port: 'remembered' });
    expect(server.url).toBe(before);
    // The bookmarked page (no token in the address), then a plain reload: the cookie still signs in.
    await page.goto(`${origin}/#/progress`);
    await page.waitForSelector('body[data-ready="progress"]', { state: 'attached' });
    await page.reload();
    await page.waitForSelector('body[data-ready="progress"]', { state: 'attached' });
    expect(await page.getByTestId('current-learner').textContent()).toBe('Alex');
    expect(await page.locator('body').textContent()).not.toContain('Unauthorized');
    await shot(page, 'data-13-reload-after-restart');
    expect(browser.problems).toEqual([]);
    await engineReady(server);
  });
});
