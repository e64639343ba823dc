/**
 * The local-model tutor end to end in Chromium against browser mode, with the loopback fake OpenAI
 * server as the "model": configure it in Settings, test the connection, practise, answer wrong, ask the
 * tutor and watch the reply stream in with the answer masked, then stop a second, slow reply.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MASK } from '../../src-main/model/leak-guard.js';
import { packageRoot } from '../../src-main/paths.js';
import { openDatabase } from '../../src-main/storage/database.js';
import { getInstance } from '../../src-main/storage/instances.repo.js';
import type { PageGlobals } from './page-globals.js';
import { startFakeOpenAIServer, type FakeOpenAIServer, type FakeReply } from '../helpers/fake-openai-server.js';
import { launchBrowser, type Browser } from './browser.js';
import { assertWebBuilt, startWeb, type WebProcess } from './web-process.js';

const SCREENSHOTS = path.join(packageRoot(), 'docs', 'screenshots');
let dir: string;
let dbPath: string;
let server: WebProcess;
let browser: Browser;
let fake: FakeOpenAIServer;

interface FetchGlobals {
  fetch(url: string, init: { method: string; headers: Record<string, string>; body: string }): Promise<{ json(): Promise<unknown> }>;
  localStorage: { setItem(key: string, value: string): void };
}

/** The answer of the instance on screen, read from the app's own database (the model never sees it). */
function answerOf(templateId: string, seed: number): string {
  const app = openDatabase(dbPath, { readonly: true });
  try {
    const inst = getInstance(app.db, templateId, seed);
    if (!inst) throw new Error(`instance ${templateId}#${seed} is not stored`);
    return inst.answerText;
  } finally {
    app.close();
  }
}

beforeAll(async () => {
  assertWebBuilt();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'im-tutor-e2e-'));
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  dbPath = path.join(dir, 'db.sqlite');
  fake = await startFakeOpenAIServer({ models: ['tutor-7b', 'tutor-13b'] });
  server = await startWeb(dbPath);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser.close();
  await server.stop();
  await fake.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('ask the tutor', () => {
  it('is configured in Settings, streams a reply with the answer masked, and stops on request', async () => {
    const page = browser.page;
    const origin = new URL(server.url).origin;
    await page.goto(server.url);
    await page.waitForSelector('#main');

    // A learner practising money problems; with no model set up, the tutor is a link to Settings.
    await page.evaluate(async () => {
      const g = globalThis as unknown as FetchGlobals;
      const r = await g.fetch('/api/learners.create', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Tomas' }) });
      const learner = ((await r.json()) as { value: { id: number; name: string } }).value;
      g.localStorage.setItem('infinitymath.learner', JSON.stringify({ id: learner.id, name: learner.name }));
      g.localStorage.setItem(`infinitymath.scope.${learner.id}`, JSON.stringify('strand:money'));
    });
    await page.reload();
    await page.waitForSelector('body[data-ready="problem"]', { state: 'attached' });
    await page.waitForSelector('[data-testid="tutor-panel"][data-state="off"]');
    expect(await page.getByTestId('tutor-ask').count()).toBe(0);
    await page.getByTestId('tutor-setup-link').click();

    // Settings: the endpoint of the (fake) local server, its models, a connection test, save.
    await page.getByTestId('settings-url').waitFor();
    expect(page.url()).toBe(`${origin}/#/settings`);
    await page.getByTestId('settings-url').fill(fake.baseURL);
    await page.getByTestId('settings-list-models').click();
    await expect.poll(() => page.getByTestId('settings-model').locator('option').allTextContents()).toEqual(['tutor-7b', 'tutor-13b']);
    await page.getByTestId('settings-test').click();
    const result = page.getByTestId('settings-test-result');
    await result.waitFor();
    expect(await result.getAttribute('data-ok')).toBe('true');
    expect(await result.textContent()).toContain(`connected to ${fake.baseURL}: model "tutor-7b" is available`);
    // Detection probes the well-known local ports (nothing runs there on a test machine, or something does).
    await page.getByTestId('settings-detect').click();
    await page.getByTestId('detect-none').or(page.getByTestId('detect-list')).waitFor();
    await page.getByTestId('settings-save').click();
    await expect.poll(() => page.getByTestId('settings-status').textContent()).toContain('Saved.');
    expect(await page.getByTestId('settings-privacy').textContent()).toContain('stored in your library database on this computer');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'tutor-settings.png'), fullPage: true });

    // Back to practice: answer wrong.
    await page.goto(`${origin}/#/practice`);
    await page.waitForSelector('body[data-ready="problem"]', { state: 'attached' });
    const problemText = page.getByTestId('problem-text');
    const shown = async () => {
      const templateId = (await problemText.getAttribute('data-template-id')) ?? '';
      const seed = Number(await problemText.getAttribute('data-seed'));
      return { key: `${templateId}#${seed}`, answer: answerOf(templateId, seed), text: (await problemText.textContent()) ?? '' };
    };
    let current = await shown();
    // The guard never masks a number the problem itself states: use a problem whose answer is not in its text.
    const statesAnswer = (p: { answer: string; text: string }): boolean => p.text.includes(/\d[\d.,]*/.exec(p.answer)?.[0] ?? '@');
    for (let i = 0; ; i++) {
      if ((await page.getByTestId('editor-plain').count()) > 0) await page.getByTestId('editor-plain').click();
      await page.getByTestId('answer-input').fill('9999');
      await page.getByTestId('answer-input').press('Enter');
      await page.waitForSelector('[data-testid="feedback"][data-verdict="wrong"]');
      if (!statesAnswer(current) || i >= 5) break;
      const before = current.key;
      await page.getByTestId('another').click();
      await expect.poll(async () => (await shown()).key).not.toBe(before);
      current = await shown();
    }
    const answer = current.answer;

    // The model (scripted) gives the answer away mid-sentence, split across chunks.
    const cut = Math.max(1, answer.length - 2);
    const leaking: FakeReply = {
      kind: 'text',
      chunks: [
        'Nice try! Your answer is much too big. ',
        'Start with the first amount in the problem, then add the next one: $a + b$. ',
        `If you add it all up you get ${answer.slice(0, cut)}`,
        `${answer.slice(cut)} — `,
        'check each step again.',
      ],
      delayMs: 60,
    };
    fake.reply(leaking);
    const asked = fake.chatRequests().length;
    await page.getByTestId('tutor-question').fill('Where did I go wrong?');
    await page.getByTestId('tutor-ask').click();
    const panel = page.getByTestId('tutor-panel');
    await page.getByTestId('tutor-stop').waitFor();
    await expect.poll(() => panel.getAttribute('data-state'), { timeout: 20_000 }).toBe('done');
    const reply = (await page.getByTestId('tutor-reply').textContent()) ?? '';
    expect(reply).toContain('Nice try! Your answer is much too big.');
    expect(reply).toContain(MASK);
    // The scripted reply has no digits but the answer's: none may show.
    expect(reply).not.toMatch(/\d/);
    expect(await page.getByTestId('tutor-reply').locator('.katex').count()).toBe(1);
    expect(await page.getByTestId('tutor-masked').isVisible()).toBe(true);
    // The prompt carried the problem, the wrong answer and the question.
    const prompt = fake.chatRequests()[asked]?.messages[1]?.content ?? '';
    expect(prompt).toContain('"9999"');
    expect(prompt).toContain('The student asks: Where did I go wrong?');
    expect(prompt).not.toContain(answer);
    await page.getByTestId('tutor-panel').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'tutor-reply.png'), fullPage: true });

    // A slow reply is stopped part way.
    fake.reply({ kind: 'text', chunks: Array.from({ length: 60 }, (_, i) => `step${i} `), delayMs: 80 });
    await page.getByTestId('tutor-question').fill('');
    await page.getByTestId('tutor-ask').click();
    // The reply starts once the prompt is built (the program is traced in the sandbox first): on a busy
    // machine that can take seconds, so wait for it as for the other replies.
    await expect.poll(() => page.getByTestId('tutor-reply').textContent(), { timeout: 20_000 }).toContain('step');
    await page.getByTestId('tutor-stop').click();
    await expect.poll(() => panel.getAttribute('data-state')).toBe('stopped');
    const stopped = (await page.getByTestId('tutor-reply').textContent()) ?? '';
    expect(stopped).not.toContain('step59');
    expect(await page.getByTestId('tutor-ask').isEnabled()).toBe(true);

    // A long reply, paragraph after paragraph with math: finished paragraphs are rendered once (their
    // KaTeX nodes survive later chunks), and the reply is cut off at the size limit, saying so.
    const paragraphs = Array.from({ length: 100 }, (_, i) => `Paragraph ${i + 1}: compare $\\frac{${i + 1}}{${i + 2}}$ with the line before, then look at what changes from one to the next.\n\n`);
    fake.reply({ kind: 'text', chunks: paragraphs.flatMap((p) => [p.slice(0, 40), p.slice(40)]), delayMs: 15 });
    await page.getByTestId('tutor-ask').click();
    // Once the first paragraphs have settled, mark the first one's formula in the DOM.
    await expect.poll(async () => Number(await page.getByTestId('tutor-reply').getAttribute('data-paragraphs')), { timeout: 30_000 }).toBeGreaterThan(3);
    await page.evaluate(() => {
      const g = globalThis as unknown as PageGlobals;
      g.document.querySelector('[data-testid="tutor-reply"] .katex')?.setAttribute('data-first-render', 'kept');
    });
    await expect.poll(() => panel.getAttribute('data-state'), { timeout: 30_000 }).toBe('done');
    expect(await page.getByTestId('tutor-reply').locator('.katex[data-first-render="kept"]').count()).toBe(1);
    expect(Number(await page.getByTestId('tutor-reply').getAttribute('data-paragraphs'))).toBeGreaterThan(20);
    expect(await page.getByTestId('tutor-cut').textContent()).toBe('The reply was cut off here: it reached the length limit for a hint.');
    expect((await page.getByTestId('tutor-reply').textContent()) ?? '').not.toContain('Paragraph 100');
    await page.getByTestId('tutor-cut').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'tutor-reply-cut.png') });

    // The server dies: a clear message, and practice carries on (hints still work).
    fake.reply({ kind: 'disconnect', chunks: ['Think about '] });
    await page.getByTestId('tutor-ask').click();
    await expect.poll(() => panel.getAttribute('data-state')).toBe('error');
    expect(await page.getByTestId('tutor-error').textContent()).toBe('the model server closed the connection in the middle of its reply');
    await page.getByTestId('hint-button').click();
    await page.getByTestId('hint-1').waitFor();
    expect(browser.problems).toEqual([]);
  });
});
