/**
 * The worksheet builder end to end in Chromium against browser mode: a teacher builds a 20-problem fractions
 * sheet in 4 versions, sees version A and B in the live preview (different numbers), regenerates item 1 (only
 * its problem changes), saves, reloads and reopens the same sheet (identical print HTML), exports a PDF that
 * poppler reads, reorders by drag and drop and with the move buttons, and locks an item through a seed change.
 * Screenshots of the page and PNGs of version A and its key go to docs/screenshots/.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src-main/paths.js';
import { launchBrowser, type Browser } from './browser.js';
import { assertWebBuilt, startWeb, type WebProcess } from './web-process.js';

const SCREENSHOTS = path.join(packageRoot(), 'docs', 'screenshots');
let dir: string;
let server: WebProcess;
let browser: Browser;

beforeAll(async () => {
  assertWebBuilt();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'im-worksheets-e2e-'));
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  server = await startWeb(path.join(dir, 'db.sqlite'));
  browser = await launchBrowser();
  await browser.page.setViewportSize({ width: 1560, height: 1000 });
});

afterAll(async () => {
  await browser.close();
  await server.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

interface FrameGlobals {
  document: { querySelector(s: string): { getAttribute(n: string): string | null } | null };
}

const frame = (page: Page) => page.frameLocator('[data-testid="preview-frame"]');

/** Waits until the preview is drawn for version `label` and shows `count` problems; returns their texts. */
async function shownProblems(page: Page, label: string, count: number): Promise<string[]> {
  await page.waitForSelector(`[data-testid="preview"][data-state="ready"][data-version="${'ABCD'.indexOf(label)}"]`);
  await frame(page).locator(`section.sheet[data-version="${label}"]`).waitFor();
  const texts = await frame(page).locator('.problem .text').allTextContents();
  expect(texts).toHaveLength(count);
  return texts;
}

const srcdoc = (page: Page): Promise<string | null> =>
  page.evaluate(() => (globalThis as unknown as FrameGlobals).document.querySelector('[data-testid="preview-frame"]')?.getAttribute('srcdoc') ?? null);

function poppler(tool: string, ...args: string[]): string {
  return execFileSync(tool, args, { encoding: 'utf8' });
}

describe('the worksheet builder', () => {
  it('builds, previews, regenerates, saves, reopens and exports a 4-version fractions sheet', async () => {
    const page = browser.page;
    await page.goto(server.url);
    await page.waitForSelector('#main');
    await page.evaluate(() => {
      (globalThis as unknown as { location: { hash: string } }).location.hash = '#/worksheets';
    });
    await page.getByTestId('saved-list').waitFor();
    expect(await page.getByTestId('saved-item').count()).toBe(0);
    await page.getByTestId('new-worksheet').click();
    await page.getByTestId('worksheet-builder').waitFor();

    // 20 fractions templates, 4 versions, a fixed seed.
    await page.getByTestId('sheet-title').fill('Fractions practice');
    await page.getByTestId('picker-strand').selectOption('fractions');
    // Unfiltered the list says "200 of 397 shown"; the fractions strand fits on it whole.
    await expect.poll(() => page.getByTestId('picker-count').textContent()).toMatch(/^\d+ templates$/);
    const adds = page.getByTestId('picker-add');
    expect(await adds.count()).toBeGreaterThanOrEqual(20);
    for (let i = 0; i < 20; i++) await adds.nth(i).click();
    expect(await page.getByTestId('item').count()).toBe(20);
    await page.getByTestId('setting-seed').fill('7');
    await page.getByTestId('setting-versions').fill('4');
    await expect.poll(() => page.getByTestId('problem-count').textContent()).toBe('20 per version × 4');
    expect(await page.getByTestId('version-tab-D').count()).toBe(1);

    const a = await shownProblems(page, 'A', 20);
    expect(await frame(page).locator('.key-entry').count()).toBe(20);
    expect(await frame(page).locator('.katex').count()).toBeGreaterThan(5);
    expect(await page.getByTestId('balance').locator('tbody tr').count()).toBe(20);

    // Version B: the same items with other numbers.
    await page.getByTestId('version-tab-B').click();
    const b = await shownProblems(page, 'B', 20);
    expect(b.filter((text, i) => text === a[i]).length).toBeLessThanOrEqual(1);

    // New numbers for item 1 only.
    await page.getByTestId('version-tab-A').click();
    expect(await shownProblems(page, 'A', 20)).toEqual(a);
    const beforeRegenerate = await srcdoc(page);
    await page.getByTestId('item-regenerate').first().click();
    await page.waitForFunction(
      (before) => {
        const g = globalThis as unknown as FrameGlobals;
        return g.document.querySelector('[data-testid="preview"][data-state="ready"]') !== null && g.document.querySelector('[data-testid="preview-frame"]')?.getAttribute('srcdoc') !== before;
      },
      beforeRegenerate,
    );
    const regenerated = await shownProblems(page, 'A', 20);
    expect(regenerated[0]).not.toBe(a[0]);
    expect(regenerated.slice(1)).toEqual(a.slice(1));

    // Save, reload the page, reopen: the same sheet.
    await page.getByTestId('save').click();
    await expect.poll(() => page.getByTestId('save-state').textContent()).toBe('Saved');
    expect(page.url()).toMatch(/#\/worksheets\/\d+$/);
    const saved = await srcdoc(page);
    await page.reload();
    await page.getByTestId('worksheet-builder').waitFor();
    expect(await shownProblems(page, 'A', 20)).toEqual(regenerated);
    expect(await srcdoc(page)).toBe(saved);
    expect(await page.getByTestId('sheet-title').inputValue()).toBe('Fractions practice');
    await page.getByTestId('picker-strand').selectOption('fractions');
    await expect.poll(() => page.getByTestId('picker-count').textContent()).toMatch(/^\d+ templates$/);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'worksheet-builder.png') });

    // Export: a real PDF, downloaded by the page.
    await page.getByTestId('export').click();
    await page.getByTestId('export-format').selectOption('pdf');
    await page.getByTestId('export-key').selectOption('appended');
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByTestId('export-run').click()]);
    expect(download.suggestedFilename()).toBe('fractions-practice.pdf');
    const pdf = path.join(dir, 'sheet.pdf');
    await download.saveAs(pdf);
    expect(fs.readFileSync(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pages = Number(/^Pages:\s+(\d+)/m.exec(poppler('pdfinfo', pdf))?.[1]);
    expect(pages).toBeGreaterThanOrEqual(8); // each of the 4 versions and 4 keys starts on its own page
    const pageText = (n: number): string => poppler('pdftotext', '-f', String(n), '-l', String(n), pdf, '-');
    const keyA = Array.from({ length: pages }, (_, i) => i + 1).find((n) => pageText(n).includes('answer key') && pageText(n).includes('Version A'));
    expect(keyA).toBeDefined();
    expect(pageText(1)).toContain('Version A · seed 7');
    await expect.poll(() => page.getByTestId('export-status').textContent()).toBe('Downloaded fractions-practice.pdf');

    // Page images of version A's first page and of its key, for the closing note.
    poppler('pdftoppm', '-png', '-r', '100', '-f', '1', '-l', '1', '-singlefile', pdf, path.join(SCREENSHOTS, 'worksheet-version-a'));
    poppler('pdftoppm', '-png', '-r', '100', '-f', String(keyA), '-l', String(keyA), '-singlefile', pdf, path.join(SCREENSHOTS, 'worksheet-key-a'));
    expect(fs.statSync(path.join(SCREENSHOTS, 'worksheet-key-a.png')).size).toBeGreaterThan(10_000);

    // Reorder by dragging item 3 onto item 1, then put it back with the keyboard-accessible move buttons.
    const ids = (): Promise<string[]> => page.locator('[data-testid="item"] .ws-item-id').allTextContents();
    const order = await ids();
    await page.getByTestId('item').nth(2).dragTo(page.getByTestId('item').nth(0));
    expect(await ids()).toEqual([order[2], order[0], order[1], ...order.slice(3)]);
    expect(await page.getByTestId('save-state').textContent()).toBe('Unsaved changes');
    await page.getByRole('button', { name: 'Move item 1 down' }).click();
    await page.getByRole('button', { name: 'Move item 2 down' }).click();
    expect(await ids()).toEqual(order);
    expect(await page.getByTestId('save-state').textContent()).toBe('Saved');

    // Lock item 2, then draw the whole sheet again with another seed: item 2 keeps its numbers, the rest change.
    const locked = await shownProblems(page, 'A', 20);
    await page.getByTestId('item-lock').nth(1).click();
    await page.getByTestId('item-unlock').waitFor();
    await page.getByTestId('setting-seed').fill('8');
    await page.waitForFunction(() => (globalThis as unknown as FrameGlobals).document.querySelector('[data-testid="preview-frame"]')?.getAttribute('srcdoc')?.includes('seed 8') === true);
    const reseeded = await shownProblems(page, 'A', 20);
    expect(reseeded[1]).toBe(locked[1]);
    expect(reseeded.filter((text, i) => text !== locked[i]).length).toBeGreaterThanOrEqual(15);
    expect(await page.getByTestId('save-state').textContent()).toBe('Unsaved changes');

    // The saved list shows it.
    await page.evaluate(() => {
      (globalThis as unknown as { location: { hash: string } }).location.hash = '#/worksheets';
    });
    await page.getByTestId('saved-item').first().waitFor();
    expect(await page.getByTestId('saved-item').first().textContent()).toContain('20 problems · 4 versions');
    expect(browser.problems).toEqual([]);
  }, 120_000);
});
