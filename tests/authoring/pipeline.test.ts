/**
 * The authoring pipeline through the contract's handlers, against the loopback OpenAI-compatible test
 * server with scripted replies, a real sandbox pool and a real SQLite file: the bug-fix round gets the
 * error or the correct answer back, the program that passes is audited and saved into "My templates".
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiEvent } from '../../src-main/api/contract.std.js';
import { apiArgs } from '../../src-main/api/contract.std.js';
import type { AuthoringSuggestResult } from '../../src-main/api/authoring-contract.std.js';
import { createAuthoringHandlers, type AuthoringHandlers } from '../../src-main/app/authoring-handlers.js';
import { detectNumbers } from '../../src-main/authoring/detect-numbers.js';
import { maskProblem } from '../../src-main/authoring/mask.std.js';
import { createOpenAiChatModel } from '../../src-main/authoring/openai-chat-model.js';
import type { SandboxPool } from '../../src-main/sandbox/pool.js';
import { openDatabase, type AppDatabase } from '../../src-main/storage/database.js';
import { getPack } from '../../src-main/storage/packs.repo.js';
import { getTemplate } from '../../src-main/storage/templates.repo.js';
import { startFakeOpenAIServer, type FakeOpenAIServer } from '../helpers/fake-openai-server.js';
import { createTestPool } from '../helpers/sandbox.js';
import { GOOD_PROGRAM, NATALIA, reply, SYNTAX_ERROR_PROGRAM, WRONG_PROGRAM } from './fixtures.js';
import { SolutionSupply } from '../../src-main/app/solution-supply.js';

let dir: string;
let app: AppDatabase;
let pool: SandboxPool;
let server: FakeOpenAIServer;
let handlers: AuthoringHandlers;
let noModel: AuthoringHandlers;
const events: ApiEvent[] = [];
const waiters: { jobId: string; resolve: (r: AuthoringSuggestResult) => void }[] = [];

function emit(e: ApiEvent): void {
  events.push(e);
  if (e.type !== 'authoring.done') return;
  for (const w of waiters.filter((x) => x.jobId === e.jobId)) w.resolve(e.result);
}

function done(jobId: string): Promise<AuthoringSuggestResult> {
  const already = events.find((e) => e.type === 'authoring.done' && e.jobId === jobId);
  if (already?.type === 'authoring.done') return Promise.resolve(already.result);
  return new Promise((resolve) => waiters.push({ jobId, resolve }));
}

/** The draft the UI would send: detected numbers masked as proposed. */
function draft(program = '') {
  const spans = detectNumbers(NATALIA.problem);
  const masked = maskProblem(NATALIA.problem, spans);
  return apiArgs['authoring.check'].parse({
    draft: { problem: NATALIA.problem, generic: masked.generic, variables: masked.variables, kinds: { friends: 'number' }, answer: NATALIA.answer, program },
  }).draft;
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'im-author-'));
  app = openDatabase(path.join(dir, 'lib.sqlite'));
  pool = await createTestPool();
  server = await startFakeOpenAIServer({ models: ['coder'] });
  const controller = new AbortController();
  const deps = { db: app.db, pool: () => Promise.resolve(pool), emit, now: () => 1_700_000_000_000, signal: controller.signal, mode: 'browser' as const, dataDir: dir, solutions: new SolutionSupply(() => Promise.resolve(pool)) };
  handlers = createAuthoringHandlers(deps, { modelFor: () => createOpenAiChatModel({ baseURL: server.baseURL, model: 'coder', timeoutMs: 20_000 }) });
  noModel = createAuthoringHandlers(deps);
}, 60_000);

afterAll(async () => {
  await server.close();
  await pool.close();
  app.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('authoring with a model', () => {
  it('a syntax error goes back in a bug-fix round; the fixed program is audited and saved', async () => {
    const before = server.chatRequests().length;
    server.reply(reply(SYNTAX_ERROR_PROGRAM), reply(GOOD_PROGRAM));
    const { jobId } = await handlers['authoring.suggest']({ draft: draft(), fixRounds: 2 });
    const r = await done(jobId);
    expect(r.why).toBeNull();
    expect(r.status).toBe('fixed');
    expect(r.passedInRound).toBe(2);
    expect(r.rounds.map((x) => [x.round, x.asked, x.outcome])).toEqual([
      [1, 'program', 'error'],
      [2, 'fix-error', 'ok'],
    ]);
    expect(r.rounds[0]?.detail).toMatch(/SyntaxError/);
    // Progress events came for each round, before the end.
    expect(events.filter((e) => e.type === 'authoring.progress' && e.jobId === jobId)).toHaveLength(2);

    const requests = server.chatRequests().slice(before);
    expect(requests).toHaveLength(2);
    const first = requests[0]?.messages.at(-1)?.content ?? '';
    expect(first).toContain('def solution(friends):');
    expect(first).toContain('sold clips to {friends} of her friends');
    expect(first).toContain('friends = 48');
    expect(first).toContain('the answer is 72');
    const second = requests[1]?.messages ?? [];
    // The conversation goes on: the model's own broken program, then the error and a request for the minimal change.
    expect(second.at(-2)).toEqual({ role: 'assistant', content: reply(SYNTAX_ERROR_PROGRAM) });
    expect(second.at(-1)?.content).toMatch(/failed with this error:\nSyntaxError/);
    expect(second.at(-1)?.content).toContain('minimal change');

    expect(r.program).toBe(GOOD_PROGRAM);
    expect(r.ranges).toEqual({ friends: { min: 2, max: 100, step: 2 } });
    expect(r.criteria).toEqual(['answer > 0']);
    expect(r.check?.run).toEqual({ status: 'ok', answerText: '72', error: null });
    expect(r.check?.matches).toBe(true);
    expect(r.check?.audit?.status).toBe('healthy');
    expect(r.check?.audit?.valid).toBe(20);
    expect(r.check?.domains).toEqual({ friends: 'int 2–100 step 2' });
    expect(r.check?.samples).toHaveLength(3);
    for (const s of r.check?.samples ?? []) {
      const n = Number(/to (\d+) of her friends/.exec(s.text)?.[1]);
      expect(Number(s.answerText)).toBe(n * 1.5);
    }

    // The author takes the program over and saves it into "My templates".
    const saved = await handlers['authoring.save']({ draft: { ...draft(r.program ?? ''), ranges: r.ranges, criteria: r.criteria }, samples: 10 });
    expect(saved.packId).toBe('user.mine');
    expect(saved.created).toBe(true);
    expect(getPack(app.db, 'user.mine')).toMatchObject({ name: 'My templates', sourceKind: 'user' });
    const stored = getTemplate(app.db, saved.templateId);
    expect(stored?.template.generic_problem).toBe(draft().generic);
    expect(stored?.template.variables).toEqual({ friends: 48 });
    expect(stored?.template.original_answer).toBe(72);
    expect(stored?.template.domains).toEqual({ friends: { kind: 'int', min: 2, max: 100, step: 2 } });
    expect(stored?.status).toBe('healthy');
    // Saving the same problem again updates that template, not a second one.
    const again = await handlers['authoring.save']({ draft: { ...draft(GOOD_PROGRAM.replace('one per friend', 'one each')), ranges: r.ranges }, samples: 5 });
    expect(again).toMatchObject({ templateId: saved.templateId, created: false });
  }, 60_000);

  it('a wrong answer goes back with the correct answer', async () => {
    const before = server.chatRequests().length;
    server.reply(reply(WRONG_PROGRAM), reply(GOOD_PROGRAM));
    const { jobId } = await handlers['authoring.suggest']({ draft: draft(), fixRounds: 1 });
    const r = await done(jobId);
    expect(r.status).toBe('fixed');
    expect(r.rounds.map((x) => [x.asked, x.outcome, x.answerText])).toEqual([
      ['program', 'wrong-answer', '144'],
      ['fix-answer', 'ok', '72'],
    ]);
    const fix = server.chatRequests()[before + 1]?.messages.at(-1)?.content ?? '';
    expect(fix).toContain('your program returned 144, but the correct answer is 72');
  }, 60_000);

  it('garbage replies fail clearly after the allowed rounds', async () => {
    server.reply('I am not sure how to solve this.', '```\nprint("hello")\n```', 'Let me think... the answer is 72.');
    const { jobId } = await handlers['authoring.suggest']({ draft: draft(), fixRounds: 2 });
    const r = await done(jobId);
    expect(r.status).toBe('failed');
    expect(r.rounds.map((x) => x.outcome)).toEqual(['unreadable-reply', 'unreadable-reply', 'unreadable-reply']);
    expect(r.rounds[0]?.detail).toBe('the reply holds no program (no `def solution(...)`)');
    expect(r.rounds[1]?.detail).toBe('the reply has code blocks but none defines `def solution(...)`');
    expect(r.why).toBe('after 3 rounds, unreadable reply: the reply holds no program (no `def solution(...)`)');
    expect(r.program).toBeNull();
  }, 30_000);

  it('a program with the wrong parameters is sent back with what they must be', async () => {
    const before = server.chatRequests().length;
    server.reply(reply(GOOD_PROGRAM.replace(/friends/g, 'n')), reply(GOOD_PROGRAM));
    const { jobId } = await handlers['authoring.suggest']({ draft: draft(), fixRounds: 1 });
    const r = await done(jobId);
    expect(r.status).toBe('fixed');
    expect(r.rounds[0]?.detail).toBe('solution() must take exactly (friends), but takes (n); missing: friends; not variables: n');
    expect(server.chatRequests()[before + 1]?.messages.at(-1)?.content).toContain('must take exactly (friends)');
  }, 30_000);

  it('a server error ends the job with its message and no bug-fix round', async () => {
    const before = server.chatRequests().length;
    server.reply({ kind: 'error', status: 500, message: 'out of memory' });
    const { jobId } = await handlers['authoring.suggest']({ draft: draft(), fixRounds: 2 });
    const r = await done(jobId);
    expect(r.status).toBe('failed');
    expect(r.why).toMatch(/out of memory/);
    expect(server.chatRequests().length - before).toBe(1);
  }, 30_000);

  it('cancel stops a job whose model never answers', async () => {
    const count = server.requests.length;
    server.reply({ kind: 'hang' });
    const { jobId } = await handlers['authoring.suggest']({ draft: draft(), fixRounds: 2 });
    await server.waitForRequests(count + 1);
    expect(await handlers['authoring.cancel']({ jobId })).toEqual({ cancelled: true });
    const r = await done(jobId);
    expect(r.status).toBe('cancelled');
    expect(await handlers['authoring.cancel']({ jobId })).toEqual({ cancelled: false });
  }, 30_000);
});

describe('authoring without a model', () => {
  it('says no model is configured', async () => {
    expect(await noModel['authoring.modelStatus']({})).toEqual({ configured: false, label: null });
    await expect(noModel['authoring.suggest']({ draft: draft(), fixRounds: 2 })).rejects.toThrow(/no model is configured/);
    expect((await handlers['authoring.modelStatus']({})).label).toMatch(/^coder at http:\/\/127\.0\.0\.1:\d+\/v1$/);
  });

  it('checks the author\'s program: run on the original values, compare, audit', async () => {
    const good = await noModel['authoring.check']({ draft: { ...draft(GOOD_PROGRAM), ranges: { friends: { min: 2, max: 60, step: 2 } } }, samples: 10 });
    expect(good).toMatchObject({ run: { status: 'ok', answerText: '72' }, knownAnswer: '72', matches: true, audit: { status: 'healthy', samples: 10, valid: 10 } });
    const wrong = await noModel['authoring.check']({ draft: draft(WRONG_PROGRAM), samples: 5 });
    expect(wrong).toMatchObject({ run: { status: 'ok', answerText: '144' }, matches: false });
    const broken = await noModel['authoring.check']({ draft: draft(SYNTAX_ERROR_PROGRAM), samples: 5 });
    expect(broken.run.status).toBe('syntax');
    expect(broken.run.error).toMatch(/SyntaxError/);
    expect(broken.audit).toBeNull();
  }, 30_000);

  it('flags a program that hard-codes an original value', async () => {
    const c = await noModel['authoring.check']({ draft: draft(GOOD_PROGRAM.replace('april = friends', 'april = 48')), samples: 5 });
    expect(c.warnings).toEqual(['the program writes 48, the value of friends: use the parameter so new numbers change it']);
  }, 30_000);

  it('refuses to save a program that fails or gives the wrong answer', async () => {
    await expect(noModel['authoring.save']({ draft: draft(WRONG_PROGRAM), samples: 5 })).rejects.toThrow(
      'not saved: the program gives 144 for the original values, but the answer is 72',
    );
    await expect(noModel['authoring.save']({ draft: draft(SYNTAX_ERROR_PROGRAM), samples: 5 })).rejects.toThrow(/not saved: the program fails on the original values \(SyntaxError/);
    await expect(noModel['authoring.save']({ draft: draft(''), samples: 5 })).rejects.toThrow('there is no program yet');
  }, 30_000);

  it('validates drafts at the boundary', () => {
    const bad = apiArgs['authoring.check'].safeParse({ draft: { problem: 'x', generic: 'x', variables: {}, program: '' } });
    expect(bad.success).toBe(false);
    const badName = apiArgs['authoring.check'].safeParse({ draft: { problem: 'x', generic: 'x', variables: { 'Bad Name': 1 } } });
    expect(badName.success).toBe(false);
  });
});
