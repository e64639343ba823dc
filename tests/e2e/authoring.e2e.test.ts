/**
 * The authoring page end to end, in Chromium against browser mode (no model configured, so the author
 * writes the program): paste a GSM8K problem and its answer, see its numbers as chips, unmask and mask one,
 * try a wrong program (the check says so, saving is refused), write the right one in the CodeMirror editor,
 * check it (original values → the answer, audit, new instances), save it to "My templates" and open it in
 * the Library. Then with a model (the loopback test server, scripted): its first program gives a wrong
 * answer, the bug-fix round fixes it, and the page shows both rounds and takes the program over.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src-main/paths.js';
import { startFakeOpenAIServer, type FakeOpenAIServer } from '../helpers/fake-openai-server.js';
import { launchBrowser, type Browser } from './browser.js';
import { assertWebBuilt, startWeb, type WebProcess } from './web-process.js';

const SCREENSHOTS = path.join(packageRoot(), 'docs', 'screenshots');
const PROBLEM =
  'Natalia sold clips to 48 of her friends in April, and then she sold half as many clips in May. How many clips did Natalia sell altogether in April and May?';
const WRONG = `def solution(friends):
    """Clips sold in April and May."""
    return friends * 2  # forgets that May was half
`;
const RIGHT = `def solution(friends):
    """Clips Natalia sold in April and May together."""
    april = friends  # one clip per friend in April
    may = april // 2  # half as many in May
    total = april + may  # both months
    return total
`;

let dir: string;
let server: WebProcess;
let browser: Browser;
let model: FakeOpenAIServer;

interface FetchGlobals {
  fetch(url: string, init: { method: string; headers: Record<string, string>; body: string }): Promise<{ json(): Promise<unknown> }>;
}

beforeAll(async () => {
  assertWebBuilt();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'im-author-e2e-'));
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  server = await startWeb(path.join(dir, 'db.sqlite'));
  browser = await launchBrowser();
  model = await startFakeOpenAIServer({ models: ['coder'] });
}, 90_000);

afterAll(async () => {
  await model.close();
  await browser.close();
  await server.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('authoring page', () => {
  it('turns a pasted problem into a checked, saved template', async () => {
    const page = browser.page;
    await page.goto(server.url);
    await page.waitForSelector('#main');
    await page.getByRole('link', { name: 'Author', exact: true }).click();
    await page.getByTestId('page-authoring').waitFor();
    await page.getByTestId('problem-input').fill(PROBLEM);
    await page.getByTestId('answer-input').fill('72');
    await page.getByRole('button', { name: 'Find the numbers' }).click();

    // 48 is masked as {friends}; "half" is found but kept as written.
    const chips = page.getByTestId('num-chip');
    await chips.first().waitFor();
    // No model in this run: asking is disabled and the page says why.
    expect(await page.getByTestId('ask-model').isDisabled()).toBe(true);
    await page.getByText('No model configured').waitFor();
    expect(await chips.allTextContents()).toEqual(['48friends', 'half']);
    const preview = page.getByTestId('generic-preview');
    expect(await preview.textContent()).toBe(PROBLEM.replace('48', '{friends}'));
    // Unmask 48 and mask it again: the preview follows.
    await chips.first().click();
    expect(await preview.textContent()).toBe(PROBLEM);
    await chips.first().click();
    expect(await preview.textContent()).toBe(PROBLEM.replace('48', '{friends}'));
    // Selecting words that are not a number and marking them says why not.
    const firstWords = page.locator('[data-testid="problem-markup"] [data-at="0"]');
    await firstWords.selectText();
    await firstWords.dispatchEvent('mouseup');
    await page.getByRole('button', { name: 'Mark “Natalia sold clips to” as a number' }).click();
    await page.getByTestId('author-error').waitFor();
    expect(await page.getByTestId('author-error').textContent()).toBe('"Natalia sold clips to" cannot be marked as a number: it is not a number');

    // A wrong program: the check shows the mismatch and saving stays off.
    const editor = page.getByTestId('program-editor');
    expect(await editor.textContent()).toContain('def solution(friends):');
    const write = async (program: string): Promise<void> => {
      await editor.click();
      await page.keyboard.press('Control+A');
      await page.keyboard.insertText(program);
    };
    await write(WRONG);
    await page.getByTestId('check').click();
    const verdict = page.getByTestId('check-verdict');
    await verdict.waitFor();
    expect(await verdict.textContent()).toContain('Original values → 96, but the known answer is 72');
    expect(await page.getByTestId('save').isDisabled()).toBe(true);

    // The right program: the original values give 72, the audit is healthy, new instances come with answers.
    await write(RIGHT);
    expect(await page.getByTestId('check-panel').count()).toBe(0);
    await page.getByTestId('check').click();
    await verdict.waitFor();
    expect(await verdict.textContent()).toContain('Original values → 72, the known answer.');
    expect(await page.getByTestId('audit-figures').textContent()).toMatch(/^healthy20 of 20 fresh draws valid \(100%\)/);
    const samples = page.getByTestId('sample-list').locator('li');
    expect(await samples.count()).toBe(3);
    for (const text of await samples.allTextContents()) {
      const friends = Number(/to (\d+) of her friends/.exec(text)?.[1]);
      expect(text).toContain(`→ ${friends + Math.floor(friends / 2)}`);
    }

    await page.getByTestId('save').click();
    const link = page.getByTestId('saved-link');
    await link.waitFor();
    const href = (await link.getAttribute('href')) ?? '';
    expect(href).toMatch(/^#\/library\/t\/user\.natalia-sold-clips-friends-[0-9a-f]{8}$/);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'authoring.png'), fullPage: true });

    // It is in the library, in "My templates".
    const id = decodeURIComponent(href.replace('#/library/t/', ''));
    const detail = await page.evaluate(async (templateId) => {
      const g = globalThis as unknown as FetchGlobals;
      const r = await g.fetch('/api/library.template', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id: templateId }) });
      return (await r.json()) as { ok: boolean; value?: { template?: { generic_problem?: string }; packId?: string } };
    }, id);
    expect(detail.ok).toBe(true);
    expect(JSON.stringify(detail.value)).toContain(PROBLEM.replace('48', '{friends}'));
    expect(JSON.stringify(detail.value)).toContain('user.mine');
    await link.click();
    await page.locator(`[data-testid="template-page"][data-id="${id}"]`).waitFor();
    // Back on the authoring page, the draft is still there.
    await page.goBack();
    await page.getByTestId('generic-preview').waitFor();
    expect(await page.getByTestId('generic-preview').textContent()).toBe(PROBLEM.replace('48', '{friends}'));
    expect(await page.getByTestId('saved-link').getAttribute('href')).toBe(href);
    // The only console error is the refused mark (an HTTP 400 the page turned into its message).
    expect(browser.problems.filter((p) => !p.includes('400'))).toEqual([]);
  }, 90_000);

  it('asks the model, shows its rounds, and takes the fixed program over', async () => {
    const page = browser.page;
    const weng = 'Weng earns $12 an hour for babysitting. Yesterday, she just did 50 minutes of babysitting. How much did she earn?';
    const program = (perMinute: string) => `def solution(price_per_hour, minutes):
    """What Weng earned for the minutes she worked."""
    per_minute = ${perMinute}  # pay per minute
    earned = per_minute * minutes  # pay for the time worked
    return earned
`;
    const ranges = '```json\n{"ranges": {"price_per_hour": {"min": 6, "max": 30, "step": 6}, "minutes": {"min": 10, "max": 120, "step": 10}}}\n```';
    model.reply(`\`\`\`python\n${program('price_per_hour')}\`\`\`\n${ranges}`, `Fixed:\n\`\`\`python\n${program('price_per_hour / 60')}\`\`\`\n${ranges}`);
    const saved = await page.evaluate(async (baseURL) => {
      const g = globalThis as unknown as FetchGlobals;
      const r = await g.fetch('/api/model.saveSettings', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ baseURL, model: 'coder' }) });
      return (await r.json()) as { ok: boolean };
    }, model.baseURL);
    expect(saved.ok).toBe(true);
    await page.reload();
    await page.getByRole('link', { name: 'Author', exact: true }).click();
    await page.getByTestId('problem-input').fill(weng);
    await page.getByTestId('answer-input').fill('10');
    await page.getByRole('button', { name: 'Find the numbers' }).click();
    // The preview of the previous draft stays until the new detection arrives: wait for the new one.
    const wengGeneric = weng.replace('$12', '${price_per_hour}').replace('50', '{minutes}');
    await page.getByTestId('generic-preview').filter({ hasText: 'Weng earns' }).waitFor();
    expect(await page.getByTestId('generic-preview').textContent()).toBe(wengGeneric);
    await page.getByText(`coder at ${model.baseURL}`).waitFor();

    await page.getByTestId('ask-model').click();
    const verdict = page.getByTestId('check-verdict');
    await verdict.waitFor();
    const rounds = page.getByTestId('model-rounds').locator('li');
    expect(await rounds.count()).toBe(2);
    expect(await rounds.nth(0).locator('.round-head').textContent()).toBe('Round 1 asked for the program → wrong answer: gave 600, expected 10');
    expect(await rounds.nth(1).locator('.round-head').textContent()).toBe('Round 2 sent back the correct answer, asked for the minimal fix → runs: 10');
    // The bug-fix request carried the correct answer.
    expect(model.chatRequests()[1]?.messages.at(-1)?.content).toContain('returned 600, but the correct answer is 10');
    expect(await page.getByTestId('program-editor').textContent()).toContain('per_minute = price_per_hour / 60');
    expect(await verdict.textContent()).toContain('Original values → 10, the known answer.');
    expect(await page.getByLabel('highest minutes').inputValue()).toBe('120');
    expect(await page.getByTestId('audit-figures').textContent()).toMatch(/^healthy20 of 20 fresh draws valid/);

    await page.getByTestId('save').click();
    await page.getByTestId('saved-link').waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'authoring-model-rounds.png'), fullPage: true });
    expect(browser.problems.filter((p) => !p.includes('400'))).toEqual([]);
  }, 90_000);
});
