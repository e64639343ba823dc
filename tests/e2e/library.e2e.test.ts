/**
 * The curator's Library end to end: the built browser mode on a fresh SQLite file (the starter pack,
 * plus a small InfinityMATH-shaped file imported through `library.importFile`, two of its rows
 * broken on purpose) and real Chromium. Search, open a template, run its gallery, flag it and find
 * the flag through the filter; walk the view with j/k; bulk-approve and undo; audit with a progress
 * bar; edit a program (history); the report's charts. Screenshots for the docs at 1200×820.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src-main/paths.js';
import { syntheticRow } from '../helpers/synthetic-infinitymath.js';
import { launchBrowser, type Browser } from './browser.js';
import type { PageElement } from './page-globals.js';
import { assertWebBuilt, startWeb, type WebProcess } from './web-process.js';

const SCREENSHOTS = path.join(packageRoot(), 'docs', 'screenshots');
const SYNTHETIC_ROWS = 24;
/** The importer's id for synthetic row 1 (InfinityMATH ids get the `im.` prefix). */
const CRASHING = 'im.synthetic-1';
const WRONG_ORIGINAL = 'im.synthetic-2';

let dir: string;
let server: WebProcess;
let browser: Browser;
let page: Page;
/** The pack the synthetic file was imported as. */
let packId: string;
const failedRequests: string[] = [];

interface ApiReply<T> {
  ok: boolean;
  value: T;
  error?: { message: string };
}

interface FetchGlobals {
  fetch(url: string, init: { method: string; headers: Record<string, string>; body: string }): Promise<{ json(): Promise<unknown> }>;
}

/** A contract call from inside the page (same origin, the page's cookie), for set-up and checks. */
async function api<T>(method: string, args: unknown): Promise<T> {
  const reply = (await page.evaluate(
    async ([m, a]) => {
      const g = globalThis as unknown as FetchGlobals;
      const r = await g.fetch(`/api/${m}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(a) });
      return r.json();
    },
    [method, args] as const,
  )) as ApiReply<T>;
  if (!reply.ok) throw new Error(`${method}: ${reply.error?.message ?? 'failed'}`);
  return reply.value;
}

async function go(hash: string, ready: string): Promise<void> {
  // The marker is cleared first, so the wait is for the new view, not the one still on screen.
  await page.evaluate((h) => {
    const g = globalThis as unknown as { location: { hash: string }; document: { body: { dataset: Record<string, string | undefined> } } };
    delete g.document.body.dataset.ready;
    g.location.hash = h;
  }, hash);
  await page.waitForSelector(`body[data-ready="${ready}"]`, { state: 'attached' });
}

function hashOf(p: Page): string {
  return new URL(p.url()).hash;
}

/** Rows (their template ids) the table shows now. */
async function visibleIds(): Promise<string[]> {
  return page.locator('[data-testid="library-row"]').evaluateAll((rows) => (rows as unknown as PageElement[]).map((r) => r.getAttribute('data-id') ?? ''));
}

beforeAll(async () => {
  assertWebBuilt();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'im-library-e2e-'));
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  // InfinityMATH rows; row 1 crashes on every draw, row 2's original answer is wrong.
  const rows = Array.from({ length: SYNTHETIC_ROWS }, (_, i) => syntheticRow(i + 1));
  const crash = rows[0];
  const wrong = rows[1];
  if (crash === undefined || wrong === undefined) throw new Error('no synthetic rows');
  crash.generated_program = String(crash.generated_program).replace('result = boxes_cost + per_box', 'result = boxes_cost / (num_boxes - num_boxes)');
  wrong.ori_answer = 123456;
  fs.writeFileSync(path.join(dir, 'synthetic.jsonl'), rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
  server = await startWeb(path.join(dir, 'db.sqlite'));
  browser = await launchBrowser();
  page = browser.page;
  // Which address failed, when the console only says "Failed to load resource".
  page.on('response', (response) => {
    if (response.status() >= 400) failedRequests.push(`${response.status()} ${new URL(response.url()).pathname}`);
  });
  await page.goto(server.url);
  await page.waitForSelector('#main');
  const summary = await api<{ inserted: number; packId: string }>('library.importFile', { path: path.join(dir, 'synthetic.jsonl'), format: 'infinitymath' });
  expect(summary.inserted).toBe(SYNTHETIC_ROWS);
  packId = summary.packId;
});

afterAll(async () => {
  await browser.close();
  await server.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the Library', () => {
  it('searches, opens a template, runs its gallery, flags it and finds the flag through the filter', async () => {
    await go('#/library', 'library');
    expect(await page.getByTestId('library-total').textContent()).toContain(`${397 + SYNTHETIC_ROWS}`);
    // Typing searches after a pause; the view lands in the URL.
    await page.getByTestId('library-search').fill('pears');
    await page.waitForFunction(() => (globalThis as unknown as { location: { hash: string } }).location.hash.includes('q=pears'));
    await page.waitForSelector('[data-testid="library-row"] mark');
    const marks = await page.locator('[data-testid="library-row"] mark').allTextContents();
    expect(marks.length).toBeGreaterThan(0);
    expect(marks.every((m) => m.toLowerCase().startsWith('pear'))).toBe(true);
    const ids = await visibleIds();
    const id = ids[0] ?? '';
    expect(id).not.toBe('');

    await page.locator(`[data-testid="library-row"][data-id="${id}"] .col-problem`).click();
    await page.waitForSelector('body[data-ready="template"]', { state: 'attached' });
    expect(hashOf(page)).toContain(`#/library/t/${encodeURIComponent(id)}?`);
    expect(hashOf(page)).toContain('q=pears');
    expect(await page.getByTestId('queue-position').textContent()).toMatch(/^1 of \d+ in this view$/);
    // The program in CodeMirror, highlighted; placeholders as chips.
    await page.locator('[data-testid="program"] .cm-content').waitFor();
    expect(await page.locator('[data-testid="program"] .cm-content').textContent()).toContain('def ');
    expect(await page.locator('[data-testid="generic-problem"] .placeholder-chip').count()).toBeGreaterThan(0);

    // The gallery: 12 draws, each with a verified answer.
    await page.waitForFunction(() => {
      const cards = (globalThis as unknown as { document: { querySelectorAll(s: string): { length: number } } }).document.querySelectorAll('[data-testid="gallery-answer"]');
      return cards.length === 12;
    });
    expect(await page.getByTestId('gallery-card').count()).toBe(12);
    const answers = await page.getByTestId('gallery-answer').allTextContents();
    expect(answers.every((a) => /Answer\s*\S/.test(a))).toBe(true);
    // A new seed draws other numbers.
    const firstBefore = await page.getByTestId('gallery-card').first().textContent();
    await page.getByTestId('gallery-new').click();
    await page.waitForFunction((before) => {
      const card = (globalThis as unknown as { document: { querySelector(s: string): { textContent: string | null } | null } }).document.querySelector('[data-testid="gallery-card"]');
      return card !== null && card.textContent !== before && card.textContent?.includes('seed 13') === true;
    }, firstBefore);

    // f opens the flag form; a preset reason with details.
    await page.locator('body').press('f');
    await page.getByTestId('flag-form').waitFor();
    await page.getByTestId('flag-reason').selectOption('ambiguous wording');
    await page.getByTestId('flag-text').fill('“together” could mean the difference');
    await page.getByTestId('flag-submit').click();
    await page.getByTestId('open-flag').waitFor();
    expect(await page.getByTestId('open-flag').textContent()).toContain('ambiguous wording');
    expect(await page.getByTestId('library-toast').textContent()).toContain('Flagged');

    // Esc goes back to the same view; the flag filter finds exactly this template.
    await page.locator('body').press('Escape');
    await page.waitForSelector('body[data-ready="library"]', { state: 'attached' });
    expect(hashOf(page)).toBe('#/library?q=pears');
    await page.getByTestId('filter-search').waitFor({ state: 'detached' }).catch(() => undefined);
    await page.getByRole('button', { name: 'Clear', exact: true }).click();
    await page.waitForFunction(() => (globalThis as unknown as { location: { hash: string } }).location.hash === '#/library');
    await page.getByTestId('filter-flag').selectOption('ambiguous wording');
    await page.waitForFunction(() => (globalThis as unknown as { location: { hash: string } }).location.hash.includes('flag=ambiguous'));
    await page.waitForFunction(() => {
      const d = (globalThis as unknown as { document: { querySelectorAll(s: string): { length: number } } }).document;
      return d.querySelectorAll('[data-testid="library-row"]').length === 1;
    });
    expect(await visibleIds()).toEqual([id]);
    expect(await page.locator('[data-testid="library-row"] .flag-chip').textContent()).toBe('ambiguous wording');
    expect(await page.getByTestId('library-total').textContent()).toMatch(/^1 template of \d+/);
    // Back goes to the unfiltered view.
    await page.goBack();
    await page.waitForFunction(() => (globalThis as unknown as { location: { hash: string } }).location.hash === '#/library');
    expect({ problems: browser.problems, failedRequests }).toEqual({ problems: [], failedRequests: [] });
  });

  it('walks the current view with j and k, keeping the filter', async () => {
    await go('#/library?strand=measurement&sort=id', 'library');
    const ids = await visibleIds();
    expect(ids.length).toBeGreaterThan(3);
    expect([...ids].sort()).toEqual(ids);
    const total = Number((await page.getByTestId('library-total').textContent())?.match(/^(\d+)/)?.[1]);
    await page.locator('[data-testid="library-row"] .row-link').first().click();
    await page.waitForSelector(`[data-testid="template-page"][data-id="${ids[0] ?? ''}"]`);
    const position = page.getByTestId('queue-position');
    await page.waitForFunction(() => (globalThis as unknown as { document: { querySelector(s: string): { textContent: string | null } | null } }).document.querySelector('[data-testid="queue-position"]')?.textContent?.startsWith('1 of') === true);
    expect(await position.textContent()).toBe(`1 of ${total} in this view`);
    await page.locator('body').press('j');
    await page.waitForSelector(`[data-testid="template-page"][data-id="${ids[1] ?? ''}"]`);
    await page.locator('body').press('j');
    await page.waitForSelector(`[data-testid="template-page"][data-id="${ids[2] ?? ''}"]`);
    await page.waitForFunction((t) => (globalThis as unknown as { document: { querySelector(s: string): { textContent: string | null } | null } }).document.querySelector('[data-testid="queue-position"]')?.textContent === `3 of ${t} in this view`, total);
    await page.locator('body').press('k');
    await page.waitForSelector(`[data-testid="template-page"][data-id="${ids[1] ?? ''}"]`);
    expect(hashOf(page)).toContain('strand=measurement');
    expect(hashOf(page)).toContain('at=1');
    // A key typed into a field is the field's: "j" in the note box does not move.
    await page.locator('#note-text').fill('');
    await page.locator('#note-text').press('j');
    expect(await page.locator('#note-text').inputValue()).toBe('j');
    expect(hashOf(page)).toContain(`/t/${encodeURIComponent(ids[1] ?? '')}?`);
    // a approves this one.
    await page.locator('body').click({ position: { x: 5, y: 300 } });
    await page.locator('body').press('a');
    await page.locator('.template-head [data-review="approved"]').waitFor();
  });

  it('bulk-approves everything the filter matches, and undoes exactly that', async () => {
    await go('#/library?topic=mass', 'library');
    const total = Number((await page.getByTestId('library-total').textContent())?.match(/^(\d+)/)?.[1]);
    expect(total).toBeGreaterThan(0);
    const before = await api<{ total: number }>('library.query', { filter: { topic: 'mass', review: 'approved' }, limit: 1 });
    await page.getByTestId('bulk-approve').click();
    await page.getByTestId('toast-undo').waitFor();
    expect(await page.getByTestId('library-toast').textContent()).toContain(`Approved ${total}`);
    await page.waitForFunction(() => {
      const d = (globalThis as unknown as { document: { querySelectorAll(s: string): { length: number } } }).document;
      return d.querySelectorAll('[data-testid="library-row"]').length > 0 && d.querySelectorAll('[data-testid="library-row"] [data-review="approved"]').length === d.querySelectorAll('[data-testid="library-row"]').length;
    });
    expect((await api<{ total: number }>('library.query', { filter: { topic: 'mass', review: 'approved' }, limit: 1 })).total).toBe(total);

    await page.getByTestId('toast-undo').click();
    await page.waitForFunction(() => (globalThis as unknown as { document: { querySelector(s: string): { textContent: string | null } | null } }).document.querySelector('[data-testid="library-toast"]')?.textContent?.startsWith('Undone') === true);
    await page.waitForFunction(
      (n) => (globalThis as unknown as { document: { querySelectorAll(s: string): { length: number } } }).document.querySelectorAll('[data-testid="library-row"] [data-review="approved"]').length === n,
      before.total,
    );
    expect((await api<{ total: number }>('library.query', { filter: { topic: 'mass', review: 'approved' }, limit: 1 })).total).toBe(before.total);
  });

  it('audits the view in the background with a progress bar, and finds the broken rows', async () => {
    await go('#/library', 'library');
    const status = page.getByTestId('audit-panel').getByTestId('job-status');
    // A long audit (100 draws each) is cancelled from its progress bar.
    await page.locator('[data-testid="audit-panel"] select').selectOption('100');
    await page.getByTestId('audit-start').click();
    await page.waitForSelector('[data-testid="audit-panel"] [data-testid="job-status"][data-phase="running"]');
    expect(await status.locator('progress').count()).toBe(1);
    await status.getByRole('button', { name: 'Cancel' }).click();
    await page.waitForSelector('[data-testid="audit-panel"] [data-testid="job-status"][data-phase="done"]', { timeout: 30_000 });
    expect(await status.textContent()).toContain('(cancelled)');
    await status.getByRole('button', { name: 'Dismiss' }).click();

    await page.locator('[data-testid="audit-panel"] select').selectOption('5');
    await page.getByTestId('audit-start').click();
    await page.waitForSelector('[data-testid="audit-panel"] [data-testid="job-status"][data-phase="done"]', { timeout: 50_000 });
    expect(await status.textContent()).toMatch(new RegExp(`Audited ${397 + SYNTHETIC_ROWS} of ${397 + SYNTHETIC_ROWS}`));
    await page.getByTestId('filter-status').selectOption('broken');
    await page.waitForFunction(() => (globalThis as unknown as { location: { hash: string } }).location.hash.includes('status=broken'));
    await page.waitForSelector('[data-testid="library-row"]');
    const broken = await visibleIds();
    expect(broken).toContain(CRASHING);
    expect(await page.locator('[data-testid="library-row"] [data-status="broken"]').count()).toBe(broken.length);
  });

  it('exports the view as chat training data, with progress, to the chosen file', async () => {
    await go(`#/library?pack=${packId}`, 'library');
    // Browser mode: a file name, written to the exports folder next to the library (no paths).
    const out = path.join(dir, 'exports', 'chat.jsonl');
    await page.getByTestId('export-open').click();
    const dialog = page.getByTestId('export-dialog');
    await dialog.waitFor();
    await dialog.locator('#export-format').selectOption('chat');
    await dialog.locator('#export-per').fill('2');
    await dialog.locator('#export-out').fill('../escape.jsonl');
    expect(await dialog.getByTestId('export-start').isDisabled()).toBe(true);
    expect(await dialog.locator('#export-out-help').textContent()).toContain('a file name only');
    await dialog.locator('#export-out').fill('chat.jsonl');
    await dialog.getByTestId('export-start').click();
    await dialog.locator('[data-testid="job-status"][data-phase="done"]').waitFor({ timeout: 50_000 });
    const done = (await dialog.getByTestId('job-status').textContent()) ?? '';
    expect(done).toContain(out);
    const lines = fs.readFileSync(out, 'utf8').trim().split('\n');
    const records = Number(/wrote (\d+) records/.exec(done)?.[1]);
    expect(lines.length).toBe(records);
    expect(records).toBeGreaterThan(0);
    const first = JSON.parse(lines[0] ?? '{}') as { messages?: { role: string }[] };
    expect(first.messages?.map((m) => m.role)).toContain('assistant');

    // The same name again: nothing is replaced until the user says so.
    const before = fs.readFileSync(out, 'utf8');
    await dialog.locator('#export-format').selectOption('native');
    await dialog.getByTestId('export-start').click();
    const confirm = dialog.getByTestId('export-confirm');
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain(`${out} already exists. Replace it with this export?`);
    expect(await dialog.getByTestId('export-start').isDisabled()).toBe(true);
    await dialog.screenshot({ path: path.join(SCREENSHOTS, 'library-export-confirm.png') });
    await dialog.getByTestId('export-keep').click();
    await confirm.waitFor({ state: 'hidden' });
    expect(fs.readFileSync(out, 'utf8')).toBe(before);
    await dialog.getByTestId('export-start').click();
    await dialog.getByTestId('export-replace').click();
    await expect.poll(async () => dialog.locator('[data-testid="job-status"][data-phase="done"]').count(), { timeout: 50_000 }).toBe(1);
    await expect.poll(() => fs.readFileSync(out, 'utf8')).not.toBe(before);
    expect(fs.readdirSync(path.join(dir, 'exports')).filter((n) => n.startsWith('.'))).toEqual([]);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'hidden' });
  });

  it('edits a program: saved as a new version, re-audited, the old one in history', async () => {
    await go(`#/library/t/${CRASHING}`, 'template');
    expect(await page.locator('[data-testid="health"] [data-testid="health-reasons"]').count()).toBe(1);
    await page.locator('body').press('e');
    await page.getByTestId('edit-panel').waitFor();
    // A broken JSON is caught under its own field before anything is sent.
    const data = await page.getByTestId('edit-data').inputValue();
    await page.getByTestId('edit-data').fill('{ "variables": ');
    await page.getByTestId('edit-save').click();
    await page.getByTestId('edit-error-data').waitFor();
    await page.getByTestId('edit-data').fill(data);
    // Fix the crash in the program (CodeMirror: select all, type).
    const program = (await api<{ template: { program: string } }>('library.template', { id: CRASHING })).template.program;
    const fixed = program.replace('boxes_cost / (num_boxes - num_boxes)', 'boxes_cost + per_box');
    expect(fixed).not.toBe(program);
    await page.locator('[data-testid="edit-program"] .cm-content').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.locator('[data-testid="edit-program"] .cm-content').evaluate((el, text) => {
      // Typing a whole program key by key is slow and auto-indents; insert it as one input event.
      (el as unknown as { ownerDocument: { execCommand(c: string, u: boolean, v: string): boolean } }).ownerDocument.execCommand('insertText', false, text);
    }, fixed);
    await page.locator('#edit-message').fill('fix the division by zero');
    await page.getByTestId('edit-save').click();
    await page.getByTestId('edit-panel').waitFor({ state: 'detached', timeout: 30_000 });
    await page.getByTestId('history').waitFor();
    expect(await page.getByTestId('history').textContent()).toContain('fix the division by zero');
    const saved = await api<{ template: { program: string }; history: unknown[]; audit: { status: string } | null }>('library.template', { id: CRASHING });
    expect(saved.template.program).toBe(fixed);
    expect(saved.history.length).toBe(1);
    expect(saved.audit?.status).not.toBe('broken');
    await page.waitForFunction(() => (globalThis as unknown as { document: { querySelectorAll(s: string): { length: number } } }).document.querySelectorAll('[data-testid="gallery-answer"]').length === 12);
  });

  it('shows the dataset report with charts, and the table, for the docs', async () => {
    await go('#/library/report', 'report');
    // No hover highlight left from earlier clicks in the pictures.
    await page.mouse.move(1195, 75);
    for (const chart of ['chart-by-source', 'chart-acceptance', 'chart-magnitude']) {
      await page.waitForSelector(`[data-testid="${chart}"][data-drawn="yes"]`);
    }
    const tiles = await page.getByTestId('report-tiles').textContent();
    expect(tiles).toContain(`Templates${397 + SYNTHETIC_ROWS}`);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'library-report.png') });
    const download = page.waitForEvent('download');
    await page.getByTestId('report-save').click();
    const saved = await (await download).path();
    const html = fs.readFileSync(saved, 'utf8');
    expect(html).toMatch(/^<!doctype html>/i);
    expect(html).toContain(String(397 + SYNTHETIC_ROWS));

    // Worst first: the broken and warning rows of a search, matches marked.
    await go('#/library?sort=acceptance&q=boxes', 'library');
    await page.waitForSelector('[data-testid="library-row"] mark');
    await page.mouse.move(1195, 75);
    expect(await page.locator('[aria-sort="ascending"]').textContent()).toContain('Accept.');
    expect(await page.locator('[data-testid="library-row"]').first().locator('[data-status]').getAttribute('data-status')).not.toBe('healthy');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'library-table.png') });

    // A template whose program does not give the imported answer, after the audit.
    await go(`#/library?pack=${packId}&status=broken`, 'library');
    await page.locator(`[data-testid="library-row"][data-id="${WRONG_ORIGINAL}"] .col-problem`).click();
    await page.waitForSelector('body[data-ready="template"]', { state: 'attached' });
    await page.waitForFunction(() => /^\d+ of \d+ in this view$/.test((globalThis as unknown as { document: { querySelector(s: string): { textContent: string | null } | null } }).document.querySelector('[data-testid="queue-position"]')?.textContent ?? ''));
    await page.getByTestId('health-reasons').waitFor();
    expect(await page.getByTestId('answer-compare').textContent()).toContain('123456');
    await page.waitForFunction(() => (globalThis as unknown as { document: { querySelectorAll(s: string): { length: number } } }).document.querySelectorAll('[data-testid="gallery-card"]').length === 12);
    await page.evaluate(() => (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0));
    await page.mouse.move(1195, 75);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'library-detail.png') });
    expect({ problems: browser.problems, failedRequests }).toEqual({ problems: [], failedRequests: [] });
  });
});
