/**
 * `infinitymath author` over four problems written for this test (the GSM8K run is
 * tests/corpora/author-gsm8k.test.ts, `npm run test:corpora`), against the loopback test server whose
 * replies are scripted per problem and round: a program that passes at once, one fixed in the bug-fix
 * round, one that never comes, one that stays wrong. The programs use whatever parameter names the
 * prompt asks for, so the script does not depend on how numbers are named. Proves the batch plumbing
 * (report, pack, resume, one request per round) with nothing outside the repository.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { batchTemplateId, type ReportLine } from '../../src-main/authoring/batch.js';
import { authorCommand } from '../../src-main/cli/commands/author.command.js';
import type { SandboxPool } from '../../src-main/sandbox/pool.js';
import { openDatabase } from '../../src-main/storage/database.js';
import { listStoredTemplates } from '../../src-main/storage/templates.repo.js';
import { startFakeOpenAIServer, type FakeOpenAIServer, type FakeReply, type RecordedRequest } from '../helpers/fake-openai-server.js';
import { createTestPool } from '../helpers/sandbox.js';

const PROBLEMS = [
  { question: 'Priya has 24 stickers and gives 9 of them to her brother. How many stickers does Priya have left?', answer: 'She keeps 24 - 9 = <<24-9=15>>15.\n#### 15' },
  { question: 'A bakery packs 6 muffins in each box and sells 8 boxes. How many muffins does the bakery sell?', answer: '6 * 8 = <<6*8=48>>48\n#### 48' },
  { question: 'Tomas walks 3 kilometers every day for 5 days. How far does Tomas walk?', answer: '3 * 5 = <<3*5=15>>15\n#### 15' },
  { question: 'Ama buys 4 notebooks at 2 dollars each. How much does Ama pay?', answer: '4 * 2 = <<4*2=8>>8\n#### 8' },
];

function program(names: readonly string[], body: string): string {
  return `def solution(${names.join(', ')}):\n    """What the question asks for."""\n    ${body}\n`;
}

function fenced(code: string): string {
  return `\`\`\`python\n${code}\`\`\``;
}

/** The parameters the prompt asks for (`def solution(a, b):`). */
function askedNames(text: string): string[] {
  const m = /def solution\(([^)]*)\):/.exec(text);
  return (m?.[1] ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
}

/** Per problem: the reply of each round (1-based; the last repeats), built from the asked names. */
const SCRIPT: [string, ((names: string[]) => FakeReply)[]][] = [
  ['Priya has', [(n) => fenced(program(n, `return ${n[0]} - ${n[1]}`))]],
  // Round 1 adds instead of multiplying; the bug-fix round corrects it.
  ['A bakery packs', [(n) => fenced(program(n, `return ${n[0]} + ${n[1]}`)), (n) => fenced(program(n, `return ${n[0]} * ${n[1]}`))]],
  ['Tomas walks', [() => 'I would need to know more about Tomas first.']],
  ['Ama buys', [(n) => fenced(program(n, `return ${n[0]} * ${n[1]} + 1`))]],
];

function replier(req: RecordedRequest): FakeReply {
  const body = req.body as { messages: { role: string; content: string }[] };
  const users = body.messages.filter((m) => m.role === 'user');
  const first = users[0]?.content ?? '';
  const script = SCRIPT.find(([phrase]) => first.includes(phrase))?.[1];
  if (!script) return { kind: 'error', status: 400, message: 'unscripted problem' };
  const make = script[Math.min(users.length, script.length) - 1];
  return make ? make(askedNames(first)) : { kind: 'error', status: 400, message: 'empty script' };
}

let dir: string;
let input: string;
let pool: SandboxPool;
let server: FakeOpenAIServer;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'im-author-batch-'));
  input = path.join(dir, 'our-problems.jsonl');
  fs.writeFileSync(input, `${PROBLEMS.map((p) => JSON.stringify(p)).join('\n')}\n`);
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
  const promise = authorCommand(
    [input, '--model', 'coder', '--endpoint', server.baseURL, '--db', db, '--samples', '10', '--rounds', '1', '--out', path.join(dir, 'report.jsonl'), ...args],
    { pool: () => Promise.resolve(pool), stderr: (t) => err.push(t), stdout: (t) => out.push(t) },
  );
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

describe('infinitymath author (batch), on problems of our own', () => {
  it('authors each line, reports it, stores the passing ones, and resumes without asking again', async () => {
    const first = run('--limit', '2', '--concurrency', '2');
    expect(await first.promise).toMatchObject({ total: 2, resumed: 0, done: 2, templated: 1, fixed: { fixed_in_round_2: 1 }, failed: 0 });
    const asked = server.chatRequests().length;
    const second = run('--json');
    expect(await second.promise).toMatchObject({ total: 4, resumed: 2, done: 2, templated: 0, failed: 2 });
    expect(JSON.parse(second.out.join(''))).toMatchObject({ packId: 'authored.our-problems', done: 2, resumed: 2 });
    // Only the two new lines were asked about (each failing one for its first round and its fix).
    expect(server.chatRequests().length - asked).toBe(4);

    const lines = report();
    expect(lines.map((l) => [l.line, l.status, l.rounds])).toEqual([
      [1, 'templated', 1],
      [2, 'fixed_in_round_2', 2],
      [3, 'failed', 2],
      [4, 'failed', 2],
    ]);
    expect(lines[2]?.why).toBe('after 2 rounds, unreadable reply: the reply holds no program (no `def solution(...)`)');
    expect(lines[3]?.why).toBe('after 2 rounds, wrong answer: got 9, expected 8');

    const app = openDatabase(first.db);
    try {
      const stored = listStoredTemplates(app.db, { packId: 'authored.our-problems', limit: 10 });
      expect(stored.map((s) => s.template.id).sort()).toEqual([batchTemplateId('authored.our-problems', 1), batchTemplateId('authored.our-problems', 2)].sort());
      expect(stored.map((s) => s.template.original_answer).sort()).toEqual([15, 48]);
    } finally {
      app.close();
    }

    const count = server.chatRequests().length;
    expect(await run().promise).toMatchObject({ total: 4, resumed: 4, done: 0 });
    expect(server.chatRequests().length).toBe(count);
  }, 120_000);
});
