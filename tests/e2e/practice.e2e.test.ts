/**
 * The student's practice loop end to end, as a user meets it: the built browser mode (dist/web.mjs,
 * a fresh SQLite file) and real Chromium. Create a learner, pick a strand, read KaTeX-rendered
 * problems, type something unreadable (not counted), a wrong answer, try again, the right answer,
 * Next by keyboard, "Show me another", Reveal; then the Progress page counts exactly what was
 * answered, and still does after the server is restarted on the same database.
 *
 * The UI never receives an answer before a problem is solved, so the test reads it the way a
 * curator could: from the `instances` table, by the template id and seed the page shows.
 * Screenshots go to test-artifacts/e2e/.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src-main/paths.js';
import { findMathRegions } from '../../src-main/template/math-regions.std.js';
import { launchBrowser, type Browser } from './browser.js';
import type { PageGlobals } from './page-globals.js';
import { assertWebBuilt, startWeb, type WebProcess } from './web-process.js';

const ARTIFACTS = path.join(packageRoot(), 'test-artifacts', 'e2e');
const STRAND = 'fractions'; // most of its templates carry LaTeX, so KaTeX is exercised early
const LEARNER = 'Ada';

interface Shown {
  templateId: string;
  seed: number;
  text: string;
  answerText: string;
  answerFormat: string;
}

let dir: string;
let dbPath: string;
let server: WebProcess | null = null;
let browser: Browser | null = null;

beforeAll(() => {
  assertWebBuilt();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'im-e2e-'));
  dbPath = path.join(dir, 'db.sqlite');
  fs.mkdirSync(ARTIFACTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const shot = (page: Page, name: string): Promise<Buffer> => page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });

/** The problem on screen, with its answer looked up in the database the server writes. */
async function shownProblem(page: Page): Promise<Shown> {
  await page.waitForSelector('body[data-ready="problem"]', { state: 'attached' });
  const el = page.getByTestId('problem-text');
  const templateId = (await el.getAttribute('data-template-id')) ?? '';
  const seed = Number(await el.getAttribute('data-seed'));
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    const row = db
      .prepare('SELECT text, answer_text AS answerText, answer_format AS answerFormat FROM instances WHERE template_id = ? AND seed = ?')
      .get(templateId, seed) as Omit<Shown, 'templateId' | 'seed'> | undefined;
    if (row === undefined) throw new Error(`the page shows ${templateId} #${seed}, which is not in the instances table`);
    return { templateId, seed, ...row };
  } finally {
    db.close();
  }
}

/** Waits until a problem other than `previous` is on screen. */
async function nextProblem(page: Page, previous: Shown): Promise<Shown> {
  await page.waitForFunction(
    ([id, seed]) => {
      const { document } = globalThis as unknown as PageGlobals;
      const el = document.querySelector('[data-testid="problem-text"]');
      return document.body.dataset.ready === 'problem' && el !== null && (el.dataset.templateId !== id || el.dataset.seed !== seed);
    },
    [previous.templateId, String(previous.seed)] as const,
  );
  return shownProblem(page);
}

let mathShots = 0;

/** Each `$…$` region of the stored text is one KaTeX formula on the page; no TeX source is shown as text. */
async function expectRendered(page: Page, problem: Shown): Promise<number> {
  const regions = findMathRegions(problem.text);
  const text = page.getByTestId('problem-text');
  await expect.poll(() => text.locator('.katex').count()).toBe(regions.length);
  // KaTeX keeps the TeX in a MathML annotation for screen readers; what is drawn is .katex-html.
  const drawn = await page.evaluate(() => {
    const { document } = globalThis as unknown as PageGlobals;
    const copy = document.querySelector('[data-testid="problem-text"]')?.cloneNode(true);
    copy?.querySelectorAll('.katex-mathml').forEach((m) => m.remove());
    return copy?.textContent ?? '';
  });
  for (const region of regions) expect(drawn).not.toContain(problem.text.slice(region.start, region.end));
  if (regions.length > 0 && mathShots++ === 0) await shot(page, '03b-problem-with-katex');
  return regions.length;
}

const isChoice = (p: Shown): boolean => p.answerFormat === 'multiple_choice';
const sameText = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

/** Sends an answer the way a learner would: a choice button, or typing + Enter in the plain box. */
async function answer(page: Page, problem: Shown, kind: 'right' | 'wrong'): Promise<void> {
  if (isChoice(problem)) {
    const buttons = page.locator('[data-testid^="choice-"]');
    const choices = await Promise.all((await buttons.all()).map(async (button) => (await button.getAttribute('data-choice')) ?? ''));
    const index = choices.findIndex((c) => sameText(c, problem.answerText) === (kind === 'right'));
    expect(index, `choices ${JSON.stringify(choices)} vs answer ${problem.answerText}`).toBeGreaterThanOrEqual(0);
    await buttons.nth(index).click();
    return;
  }
  if ((await page.getByTestId('editor-plain').count()) > 0) await page.getByTestId('editor-plain').click();
  const input = page.getByTestId('answer-input');
  const wrong = problem.answerText.includes('987654321') ? '123456789' : '987654321';
  await input.fill(kind === 'right' ? problem.answerText : wrong);
  await input.press('Enter');
}

function focusedTestId(page: Page): Promise<string | null> {
  return page.evaluate(() => (globalThis as unknown as PageGlobals).document.activeElement?.getAttribute('data-testid') ?? null);
}

async function verdict(page: Page, expected: string): Promise<void> {
  await page.waitForSelector(`[data-testid="feedback"][data-verdict="${expected}"]`);
}

async function chartsDrawn(page: Page): Promise<void> {
  for (const chart of ['accuracy', 'mastery', 'calendar']) await page.waitForSelector(`[data-testid="chart-${chart}"][data-drawn="yes"]`);
}

async function stat(page: Page, id: string): Promise<string> {
  return (await page.getByTestId(`stat-${id}`).locator('.stat-value').textContent()) ?? '';
}

describe('practice in browser mode (dist/web.mjs + Chromium)', () => {
  it('runs the practice loop, counts it on the Progress page, and keeps it across a restart', { timeout: 180_000 }, async () => {
    server = await startWeb(dbPath);
    browser = await launchBrowser();
    const { page } = browser;
    const tally = { wrong: 0, right: 0 };
    let formulas = 0;

    // A fresh library: nobody has practised yet.
    await page.goto(server.url);
    await page.getByTestId('learner-picker').waitFor();
    await shot(page, '01-learner-picker');
    await page.getByTestId('learner-name-input').fill(LEARNER);
    await page.getByTestId('learner-add').click();
    await page.getByTestId(`strand-${STRAND}`).waitFor();
    expect(await page.getByTestId('current-learner').textContent()).toBe(LEARNER);
    await shot(page, '02-choose-what-to-practise');
    await page.getByTestId(`strand-${STRAND}`).click();

    // Problem 1: unreadable input is not an attempt; a wrong answer, try again, the right answer, N.
    const first = await shownProblem(page);
    formulas += await expectRendered(page, first);
    await shot(page, '03-first-problem');
    if (!isChoice(first)) {
      const input = page.getByTestId('answer-input');
      await input.fill('1/0');
      await expect.poll(() => page.getByTestId('read-as').textContent()).toContain('Could not read');
      await input.press('Enter');
      await verdict(page, 'invalid');
      const feedback = await page.getByTestId('feedback').textContent();
      expect(feedback).toContain('We could not read that');
      expect(feedback).toContain('does not count');
    }
    await answer(page, first, 'wrong');
    tally.wrong++;
    await verdict(page, 'wrong');
    expect(await page.getByTestId('reveal').isVisible()).toBe(true);
    expect(await page.getByTestId('another').isVisible()).toBe(true);
    await expect.poll(() => focusedTestId(page)).toBe('try-again');
    await shot(page, '04-wrong-answer');
    await page.getByTestId('try-again').click();
    if (!isChoice(first)) {
      await expect.poll(() => focusedTestId(page)).toBe('answer-input');
    }
    await answer(page, first, 'right');
    tally.right++;
    await verdict(page, 'correct');
    expect(await page.getByTestId('feedback').textContent()).toContain('Correct');
    await expect.poll(() => focusedTestId(page)).toBe('next'); // focus follows the loop (set just after render)
    await shot(page, '05-right-answer');
    await page.keyboard.press('n');

    // Problem 2: a wrong answer, then the same problem with new numbers.
    const second = await nextProblem(page, first);
    expect(second.templateId, 'Next moves to another problem type when the strand has one').not.toBe(first.templateId);
    formulas += await expectRendered(page, second);
    await answer(page, second, 'wrong');
    tally.wrong++;
    await verdict(page, 'wrong');
    await page.getByTestId('another').click();
    let current = await nextProblem(page, second);
    expect(current.templateId).toBe(second.templateId);
    expect(current.seed).not.toBe(second.seed);
    formulas += await expectRendered(page, current);

    // Then wrong + Reveal + Next, until a problem with math has been seen (most of this strand has it).
    for (let round = 0; ; round++) {
      await answer(page, current, 'wrong');
      tally.wrong++;
      await verdict(page, 'wrong');
      await page.getByTestId('reveal').click();
      await page.getByTestId('revealed-answer').waitFor();
      if (findMathRegions(current.answerText).length === 0) {
        expect(await page.getByTestId('revealed-answer').textContent()).toContain(current.answerText.trim());
      }
      if (round === 0) await shot(page, '06-revealed');
      if (formulas > 0 || round >= 6) break;
      await page.getByTestId('next').click();
      current = await nextProblem(page, current);
      formulas += await expectRendered(page, current);
    }
    expect(formulas, 'some problem of the strand was rendered with KaTeX').toBeGreaterThan(0);

    // Progress counts judged answers only: the unreadable one and the reveals are not attempts.
    await page.getByTestId('nav-progress').click();
    await page.waitForSelector('body[data-ready="progress"]', { state: 'attached' });
    const attempts = tally.wrong + tally.right;
    const expected = {
      attempts: String(attempts),
      correct: String(tally.right),
      accuracy: `${Math.round((tally.right / attempts) * 1000) / 10} %`,
      solved: String(tally.right),
    };
    const read = async (): Promise<Record<keyof typeof expected, string>> => ({
      attempts: await stat(page, 'attempts'),
      correct: await stat(page, 'correct'),
      accuracy: await stat(page, 'accuracy'),
      solved: await stat(page, 'solved'),
    });
    expect(await read()).toEqual(expected);
    expect(Number(await stat(page, 'streak'))).toBeGreaterThanOrEqual(1); // 2 only if the run crossed midnight
    await chartsDrawn(page);
    await shot(page, '07-progress');

    // Stop the server (leaving the page first, so nothing reconnects to it) and start it again.
    await page.goto('about:blank');
    await server.stop();
    server = null;
    server = await startWeb(dbPath);
    await page.goto(server.url);
    // A new port is a new origin (nothing remembered in the page): the learner comes from the database.
    const ada = page.getByTestId('learner-picker').getByRole('button', { name: LEARNER });
    await ada.waitFor();
    await shot(page, '08-learner-picker-after-restart');
    await ada.click();
    await page.getByTestId('nav-progress').click();
    await page.waitForSelector('body[data-ready="progress"]', { state: 'attached' });
    expect(await read()).toEqual(expected);
    await chartsDrawn(page);
    await shot(page, '09-progress-after-restart');

    expect(browser.problems).toEqual([]);
  });

  it('opens a problem chosen elsewhere (the Library’s “Practise this”) at its seed, then goes on with review', { timeout: 60_000 }, async () => {
    if (server === null || browser === null) throw new Error('the practice loop test starts the app and the browser');
    const { page } = browser;
    const id = 'starter.operations.sticker-packs';
    await page.goto(`${new URL(server.url).origin}/#/practice?t=${id}&seed=77`);
    const opened = await shownProblem(page);
    expect([opened.templateId, opened.seed]).toEqual([id, 77]);
    expect(await page.getByTestId('problem-reason').textContent()).toBe('opened from the library');
    // It is checked like any other problem.
    await answer(page, opened, 'right');
    await verdict(page, 'correct');
    // Choosing what to practise leaves the opened problem behind.
    await page.getByTestId('scope-select').selectOption({ index: 1 });
    await expect.poll(() => new URL(page.url()).hash).toBe('#/practice');
    const next = await nextProblem(page, opened);
    expect(next.templateId === id && next.seed === 77).toBe(false);
    expect(browser.problems).toEqual([]);
  });
});
