/**
 * `infinitymath author` over the first 8 problems of GSM8K's train split, against the loopback test server
 * whose replies are scripted per problem and per round: programs that pass at once, pass after one or two
 * bug-fix rounds, never pass, or never come. This proves the pipeline's plumbing (report, pack, resume),
 * not a model's quality.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { batchTemplateId, type ReportLine } from '../../src-main/authoring/batch.js';
import { authorCommand } from '../../src-main/cli/commands/author.command.js';
import { CliError } from '../../src-main/cli/cli-error.js';
import type { SandboxPool } from '../../src-main/sandbox/pool.js';
import { openDatabase } from '../../src-main/storage/database.js';
import { getTemplate, listStoredTemplates } from '../../src-main/storage/templates.repo.js';
import { startFakeOpenAIServer, type FakeOpenAIServer, type FakeReply, type RecordedRequest } from '../helpers/fake-openai-server.js';
import { createTestPool } from '../helpers/sandbox.js';
import { GOOD_PROGRAM, reply } from '../authoring/fixtures.js';
import { corpusFile } from './corpora-dir.js';

const GSM8K = corpusFile('gsm8k/train.jsonl');

function program(params: string, body: string): string {
  return `def solution(${params}):\n    """What the question asks for."""\n${body
    .trim()
    .split('\n')
    .map((l) => `    ${l.trim()}`)
    .join('\n')}\n`;
}

function withRanges(code: string, ranges: Record<string, { min: number; max: number; step?: number }>): string {
  return `\`\`\`python\n${code}\`\`\`\n\`\`\`json\n${JSON.stringify({ ranges })}\n\`\`\``;
}

const WENG = program('price_per_hour, minutes', 'per_minute = price_per_hour / 60  # pay per minute\nearned = per_minute * minutes  # pay for the time worked\nreturn earned');
const JULIE = program(
  'pages, pages_2, factor',
  'today = pages_2 * factor  # pages read today\nremaining = pages - pages_2 - today  # pages still to read\ntomorrow = remaining // 2  # half of what remains\nreturn tomorrow',
);
const JAMES = program('pages, friends, factor', 'per_week = pages * friends * factor  # pages a week\nper_year = per_week * 52  # pages a year\nreturn per_year');
const MARK = program('colors, n, percent, percent_2', 'purple = n * (1 + percent / 100)  # purple flowers\ngreen = (n + purple) * percent_2  # green flowers (forgets the /100)\nreturn n + purple + green');
const ALBERT = program('pizzas, pizzas_2, slices, slices_2', 'large = pizzas * slices  # slices of the large pizzas\nsmall = pizzas_2 * slices_2  # slices of the small pizzas\nreturn large + small');
const KEN = program(
  'pounds, pounds_2, factor_2',
  'weight = pounds  # jelly beans\nweight = weight * 3  # brownies triple it\nweight = weight + pounds_2  # more jelly beans\nweight = weight * factor_2  # gummy worms\nreturn weight',
);

/** Per problem (a phrase of its question), the reply for each round (1-based); the last one repeats. */
const SCRIPT: [string, FakeReply[]][] = [
  ['Natalia sold clips', [reply(GOOD_PROGRAM)]],
  // Round 1 multiplies hours by minutes; the bug-fix round corrects it.
  ['Weng earns', [withRanges(WENG.replace('price_per_hour / 60', 'price_per_hour'), {}), withRanges(WENG, { price_per_hour: { min: 6, max: 30, step: 6 }, minutes: { min: 10, max: 120, step: 10 } })]],
  ['Betty is saving', ['I would need more information about the wallet.']],
  // Two broken rounds (a syntax error, then a NameError), fixed in the third.
  [
    'Julie is reading',
    [
      withRanges(JULIE.replace('tomorrow = remaining // 2', 'tomorrow = remaining // 2)'), {}),
      withRanges(JULIE.replace('return tomorrow', 'return tomorow'), {}),
      withRanges(JULIE, { pages: { min: 100, max: 200, step: 2 }, pages_2: { min: 2, max: 20, step: 2 }, factor: { min: 2, max: 3 } }),
    ],
  ],
  ['James writes', [withRanges(JAMES, { pages: { min: 1, max: 5 }, friends: { min: 1, max: 5 }, factor: { min: 1, max: 4 } })]],
  ['Mark has a garden', [withRanges(MARK, {})]],
  ['Albert is wondering', [withRanges(ALBERT, { pizzas: { min: 1, max: 4 }, pizzas_2: { min: 1, max: 4 }, slices: { min: 8, max: 16, step: 2 }, slices_2: { min: 4, max: 8, step: 2 } })]],
  ['Ken created a care package', [withRanges(KEN, { pounds: { min: 1, max: 5 }, pounds_2: { min: 1, max: 5 }, factor_2: { min: 2, max: 3 } })]],
];

function replier(req: RecordedRequest): FakeReply {
  const body = req.body as { messages: { role: string; content: string }[] };
  const first = body.messages.find((m) => m.role === 'user')?.content ?? '';
  const round = body.messages.filter((m) => m.role === 'user').length;
  const script = SCRIPT.find(([phrase]) => first.includes(phrase))?.[1];
  if (!script) return { kind: 'error', status: 400, message: 'unscripted problem' };
  return script[Math.min(round, script.length) - 1] ?? { kind: 'error', status: 400, message: 'empty script' };
}

let dir: string;
let input: string;
let pool: SandboxPool;
let server: FakeOpenAIServer;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'im-author-cli-'));
  input = path.join(dir, 'gsm8k-sample.jsonl');
  fs.writeFileSync(input, `${fs.readFileSync(GSM8K, 'utf8').split('\n').slice(0, 8).join('\n')}\n`);
  pool = await createTestPool();
  server = await startFakeOpenAIServer({ models: ['coder'], replier });
}, 60_000);

afterAll(async () => {
  await server.close();
  await pool.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function run(...args: string[]) {
  const err: string[] = [];
  const out: string[] = [];
  const db = path.join(dir, 'lib.sqlite');
  const promise = authorCommand([input, '--model', 'coder', '--endpoint', server.baseURL, '--db', db, '--samples', '10', '--out', path.join(dir, 'report.jsonl'), ...args], {
    pool: () => Promise.resolve(pool),
    stderr: (t) => err.push(t),
    stdout: (t) => out.push(t),
  });
  return { promise, err, out, db };
}

function report(): ReportLine[] {
  return fs
    .readFileSync(path.join(dir, 'report.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as ReportLine)
    .sort((a, b) => a.line - b.line);
}

describe('infinitymath author (batch)', () => {
  it('authors a GSM8K sample, writes a report line per item, and resumes where it stopped', async () => {
    // First run: 5 items only.
    const first = run('--limit', '5', '--concurrency', '3');
    const s1 = await first.promise;
    expect(s1).toMatchObject({ total: 5, resumed: 0, done: 5, templated: 2, fixed: { fixed_in_round_2: 1, fixed_in_round_3: 1 }, failed: 1 });
    expect(first.err.join('')).toMatch(/author: 5\/5 line \d: /);
    expect(first.err.join('')).toContain('templated in round 1: 2');

    // Second run over 8: the 5 done are skipped (key: the input line), 3 new ones are authored.
    const before = server.chatRequests().length;
    const second = run('--limit', '8', '--json');
    const s2 = await second.promise;
    expect(s2).toMatchObject({ total: 8, resumed: 5, done: 3, templated: 2, failed: 1 });
    const newFirstPrompts = server
      .chatRequests()
      .slice(before)
      .filter((r) => r.messages.filter((m) => m.role === 'user').length === 1)
      .map((r) => r.messages[1]?.content.slice(0, 200) ?? '');
    expect(newFirstPrompts).toHaveLength(3);
    expect(newFirstPrompts.some((p) => p.includes('Natalia'))).toBe(false);
    expect(JSON.parse(second.out.join(''))).toMatchObject({ packId: 'authored.gsm8k-sample', done: 3, resumed: 5 });

    const lines = report();
    expect(lines.map((l) => [l.line, l.status, l.rounds])).toEqual([
      [1, 'templated', 1],
      [2, 'fixed_in_round_2', 2],
      [3, 'failed', 3],
      [4, 'fixed_in_round_3', 3],
      [5, 'templated', 1],
      [6, 'failed', 3],
      [7, 'templated', 1],
      [8, 'templated', 1],
    ]);
    expect(lines[2]?.why).toBe('after 3 rounds, unreadable reply: the reply holds no program (no `def solution(...)`)');
    expect(lines[5]?.why).toBe('after 3 rounds, wrong answer: got 728, expected 35');
    for (const l of lines.filter((x) => x.status !== 'failed')) {
      expect(l.templateId).toBe(batchTemplateId('authored.gsm8k-sample', l.line));
      expect(l.audit).not.toBe('broken');
    }

    // The pack holds the 6 templates, each reproducing its GSM8K answer.
    const app = openDatabase(first.db);
    try {
      const stored = listStoredTemplates(app.db, { packId: 'authored.gsm8k-sample', limit: 100 });
      expect(stored.map((s) => s.template.id).sort()).toEqual(lines.filter((l) => l.status !== 'failed').map((l) => l.templateId).sort());
      const julie = getTemplate(app.db, batchTemplateId('authored.gsm8k-sample', 4))?.template;
      expect(julie?.original_answer).toBe(42);
      expect(julie?.generic_problem).toContain('a {pages}-page book');
    } finally {
      app.close();
    }

    // A third run has nothing left to do and asks the model nothing.
    const count = server.chatRequests().length;
    const third = await run('--limit', '8').promise;
    expect(third).toMatchObject({ total: 8, resumed: 8, done: 0 });
    expect(server.chatRequests().length).toBe(count);
  }, 120_000);

  it('refuses bad options with a usage error', async () => {
    await expect(authorCommand([input, '--model', 'coder'])).rejects.toThrow(/--model NAME and --endpoint URL are required/);
    await expect(authorCommand([input, '--model', 'coder', '--endpoint', 'ftp://x'])).rejects.toThrow(/http/);
    await expect(authorCommand([input, '--model', 'm', '--endpoint', server.baseURL, '--concurrency', '0'])).rejects.toThrow(/--concurrency expects a whole number from 1 to 64/);
    await expect(authorCommand(['--model', 'm'])).rejects.toBeInstanceOf(CliError);
    const db = path.join(dir, 'lib.sqlite');
    await expect(authorCommand([input, '--model', 'coder', '--endpoint', server.baseURL, '--db', db, '--pack', 'starter'], { pool: () => Promise.resolve(pool), stderr: () => undefined })).rejects.toThrow(
      'author: the pack "starter" is a starter pack; authored templates go into a pack of your own',
    );
    await expect(authorCommand([path.join(dir, 'nope.jsonl'), '--model', 'coder', '--endpoint', server.baseURL, '--db', db], { pool: () => Promise.resolve(pool), stderr: () => undefined })).rejects.toThrow(
      /cannot read .*nope\.jsonl/,
    );
  }, 60_000);
});
