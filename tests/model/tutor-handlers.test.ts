/**
 * "Ask the tutor" end to end through a real app context (temp SQLite file, real sandbox tracing the
 * template's program) against the loopback fake OpenAI server: what the prompt carries, the reply
 * streamed through the leak guard, Stop, and a server that fails in each of its ways.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiEvent, ProblemView } from '../../src-main/api/contract.std.js';
import { dispatch } from '../../src-main/api/dispatch.js';
import type { AppContext } from '../../src-main/app/app-context.js';
import { createAppContext } from '../../src-main/app/create-app-context.js';
import type { HandlerDeps } from '../../src-main/app/handler-deps.js';
import { createTutorHandlers } from '../../src-main/app/tutor-handlers.js';
import { MASK } from '../../src-main/model/leak-guard.js';
import { tutorRequestsFor } from '../../src-main/model/tutor-log.js';
import { openDatabase } from '../../src-main/storage/database.js';
import { getInstance } from '../../src-main/storage/instances.repo.js';
import type { Instance } from '../../src-main/template/template.types.js';
import { startFakeOpenAIServer, type FakeOpenAIServer } from '../helpers/fake-openai-server.js';
import { ollamaStream } from '../helpers/server-shapes.js';
import { TUTOR_MAX_REPLY_BYTES, TUTOR_MAX_TOKENS } from '../../src-main/app/tutor-handlers.js';
import { TEST_CACHE_DIR } from '../helpers/sandbox.js';
import { SolutionSupply } from '../../src-main/app/solution-supply.js';

const TEMPLATE = 'starter.money.coin-jar';
let dir: string;
let ctx: AppContext;
let fake: FakeOpenAIServer;
let learnerId: number;
let problem: ProblemView;
let inst: Instance;

type TutorEnd = { kind: 'done'; masked: number; stopped: boolean; cut?: 'too-long' | 'max-tokens' } | { kind: 'error'; message: string };

/** The reply of one request as the UI would see it: the deltas, then how it ended. */
function collect(requestId: Promise<{ requestId: string }>, onDelta?: (text: string, id: string) => void): Promise<{ text: string; deltas: string[]; end: TutorEnd }> {
  const deltas: string[] = [];
  const early: ApiEvent[] = [];
  let id: string | undefined;
  return new Promise((resolve, reject) => {
    const handle = (e: ApiEvent): void => {
      if (!('requestId' in e) || !e.type.startsWith('tutor.') || e.requestId !== id) return;
      if (e.type === 'tutor.delta') {
        deltas.push(e.text);
        onDelta?.(e.text, e.requestId);
      } else if (e.type === 'tutor.done' || e.type === 'tutor.error') {
        off();
        const end: TutorEnd =
          e.type === 'tutor.done' ? { kind: 'done', masked: e.masked, stopped: e.stopped, ...(e.cut ? { cut: e.cut } : {}) } : { kind: 'error', message: e.message };
        resolve({ text: deltas.join(''), deltas, end });
      }
    };
    const off = ctx.onEvent((e) => (id === undefined ? early.push(e) : handle(e)));
    requestId.then((r) => {
      id = r.requestId;
      for (const e of early.splice(0)) handle(e);
    }, reject);
  });
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'im-tutor-'));
  fake = await startFakeOpenAIServer({ models: ['tutor-7b'] });
  ctx = await createAppContext({ dbPath: path.join(dir, 'app.sqlite'), cacheDir: TEST_CACHE_DIR, mode: 'browser', poolSize: 1 });
  learnerId = (await ctx.handlers['learners.create']({ name: 'Ines' })).id;
  problem = await ctx.handlers['practice.another']({ learnerId, templateId: TEMPLATE });
  const app = openDatabase(path.join(dir, 'app.sqlite'), { readonly: true });
  try {
    const stored = getInstance(app.db, TEMPLATE, problem.seed);
    if (!stored) throw new Error('the served instance is not stored');
    inst = stored;
  } finally {
    app.close();
  }
});
afterAll(async () => {
  await ctx.close();
  await fake.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const ask = (question?: string) => ctx.handlers['tutor.ask']({ learnerId, templateId: TEMPLATE, seed: problem.seed, ...(question !== undefined ? { question } : {}) });

describe('model settings through the handlers', () => {
  it('has no model until one is saved, and then remembers it (endpoint normalized)', async () => {
    const h = ctx.handlers;
    expect(await h['model.getSettings']({})).toEqual({ settings: null });
    await expect(ask()).rejects.toThrow('no model is configured: choose a server and a model in Settings');
    await expect(h['tutor.ask']({ learnerId: 999, templateId: TEMPLATE, seed: 1 })).rejects.toThrow('no learner with id 999');
    await expect(h['tutor.ask']({ learnerId, templateId: 'no.such.template', seed: 1 })).rejects.toThrow('no template "no.such.template"');
    const saved = await h['model.saveSettings']({ baseURL: `${fake.baseURL}/`, model: 'tutor-7b', apiKey: '', timeoutMs: 20_000 });
    expect(await dispatch(h, 'model.saveSettings', { baseURL: 'ftp://x', model: 'm' })).toEqual({
      ok: false,
      error: { code: 'bad-request', message: 'model.saveSettings: baseURL: the endpoint must be an http:// or https:// URL, e.g. http://127.0.0.1:11434/v1' },
    });
    expect(await dispatch(h, 'model.saveSettings', { baseURL: 'http://127.0.0.1:1/v1', model: ' ' })).toMatchObject({ ok: false, error: { message: 'model.saveSettings: model: choose a model' } });
    expect(saved.settings).toEqual({ baseURL: fake.baseURL, model: 'tutor-7b', timeoutMs: 20_000 });
    expect(await h['model.getSettings']({})).toEqual({ settings: { baseURL: fake.baseURL, model: 'tutor-7b', timeoutMs: 20_000 } });
    expect(await h['model.test']({ baseURL: fake.baseURL, model: 'tutor-7b', timeoutMs: 5000 })).toMatchObject({ ok: true, models: ['tutor-7b'] });
    expect(await h['model.listModels']({ baseURL: fake.baseURL })).toEqual({ models: ['tutor-7b'] });
  });
});

describe('ask the tutor', () => {
  it('sends the problem, the wrong answers and the traced values, and streams the reply with the answer masked', async () => {
    const wrong = await ctx.handlers['practice.submit']({ learnerId, templateId: TEMPLATE, seed: problem.seed, answer: '$9.99', elapsedMs: 5000, hintsUsed: 0 });
    expect(wrong.verdict).toBe('wrong');
    const cents = Math.round(Number(inst.answerText.replace('$', '')) * 100);
    fake.reply({
      kind: 'text',
      // The model gives the answer away, split across chunks; the guard must hide it.
      chunks: ['Good start! Count the quarters first. ', 'Altogether that is $', String(Math.floor(cents / 100)), `.${String(cents % 100).padStart(2, '0')}`, ' in all, so check your adding.'],
      delayMs: 5,
    });
    const before = fake.chatRequests().length;
    const reply = await collect(ask('Why is my answer wrong?'));

    const sent = fake.chatRequests()[before];
    expect(sent?.stream).toBe(true);
    const system = sent?.messages[0]?.content ?? '';
    const user = sent?.messages[1]?.content ?? '';
    expect(system).toContain('Never state the final answer');
    expect(user).toContain(inst.text);
    expect(user).toContain('"$9.99"');
    expect(user).toContain('The student asks: Why is my answer wrong?');
    // The true intermediate value from the traced program (the cents), but never the final answer.
    expect(user).toContain(`= ${cents}`);
    expect(user).not.toContain(inst.answerText.replace('$', ''));
    expect(user).toContain('the final step, which gives the answer: leave it to the student');

    expect(reply.end).toEqual({ kind: 'done', masked: 1, stopped: false });
    expect(reply.text).toBe(`Good start! Count the quarters first. Altogether that is ${MASK} in all, so check your adding.`);
    expect(reply.deltas.join('')).not.toContain(inst.answerText.replace('$', ''));

    const app = openDatabase(path.join(dir, 'app.sqlite'), { readonly: true });
    try {
      const log = tutorRequestsFor(app.db, learnerId, TEMPLATE, problem.seed).at(-1);
      expect(log).toMatchObject({ outcome: 'done', masked: 1, model: 'tutor-7b', question: 'Why is my answer wrong?', reply: reply.text, error: null });
    } finally {
      app.close();
    }
  });

  it('stops a reply on request', async () => {
    const words = Array.from({ length: 40 }, (_, i) => `word${i} `);
    fake.reply({ kind: 'text', chunks: words, delayMs: 40 });
    let stopCalled: Promise<{ stopped: boolean }> | undefined;
    const reply = await collect(ask(), (_text, id) => {
      stopCalled ??= ctx.handlers['tutor.stop']({ requestId: id });
    });
    expect(await stopCalled).toEqual({ stopped: true });
    expect(reply.end).toEqual({ kind: 'done', masked: 0, stopped: true });
    expect(reply.text.length).toBeGreaterThan(0);
    expect(reply.text).not.toContain('word39');
    expect(await ctx.handlers['tutor.stop']({ requestId: 'no-such-request' })).toEqual({ stopped: false });
  });

  it('reports a server dying mid-reply, keeping the part that arrived', async () => {
    fake.reply({ kind: 'disconnect', chunks: ['Look at the dimes. ', 'Each one is worth '] });
    const reply = await collect(ask());
    expect(reply.end).toEqual({ kind: 'error', message: 'the model server closed the connection in the middle of its reply' });
    expect(reply.text).toBe('Look at the dimes. Each one is worth ');
  });

  it('reports garbage and server errors as tutor.error', async () => {
    fake.reply({ kind: 'garbage' });
    expect((await collect(ask())).end).toMatchObject({ kind: 'error', message: expect.stringContaining('is not valid JSON') as unknown });
    fake.reply({ kind: 'error', status: 503, message: 'model is loading' });
    expect((await collect(ask())).end).toEqual({ kind: 'error', message: 'the model server answered HTTP 503: model is loading' });
  });

  it('reports a server that is not there, and practice carries on', async () => {
    const spare = http.createServer();
    await new Promise<void>((r) => spare.listen(0, '127.0.0.1', () => r()));
    const port = (spare.address() as AddressInfo).port;
    await new Promise<void>((r) => spare.close(() => r()));
    await ctx.handlers['model.saveSettings']({ baseURL: `http://127.0.0.1:${port}/v1`, model: 'tutor-7b', timeoutMs: 5000 });
    const reply = await collect(ask());
    expect(reply.end).toEqual({ kind: 'error', message: `nothing answers at http://127.0.0.1:${port}/v1 — is the server running?` });
    const hint = await ctx.handlers['practice.hint']({ learnerId, templateId: TEMPLATE, seed: problem.seed, level: 1 });
    expect(hint.hint.level).toBe(1);
    expect((await ctx.handlers['model.test']({ baseURL: `http://127.0.0.1:${port}/v1`, model: 'x', timeoutMs: 5000 })).ok).toBe(false);
    await expect(ctx.handlers['model.listModels']({ baseURL: `http://127.0.0.1:${port}/v1` })).rejects.toThrow('nothing answers at');
  });
});

describe('a tutor model that thinks first', () => {
  it('never shows its thinking, masks the answer in what it does show, and logs only that', async () => {
    await ctx.handlers['model.saveSettings']({ baseURL: fake.baseURL, model: 'tutor-7b', timeoutMs: 20_000 });
    const answer = inst.answerText.replace('$', '');
    fake.reply(
      // Ollama /v1 with thinking in delta.reasoning: the thinking works the answer out in full.
      ollamaStream('tutor-7b', [{ think: `They need ${answer}. ` }, { think: `So it is $${answer}, but I must not say it.` }, { say: 'Count each kind of coin, ' }, { say: `then add: $${answer}.` }], { usage: true }),
    );
    const before = fake.chatRequests().length;
    const reply = await collect(ask());
    expect(reply.end).toEqual({ kind: 'done', masked: 1, stopped: false });
    expect(reply.text).toBe(`Count each kind of coin, then add: ${MASK}.`);
    expect(reply.text).not.toContain('must not');
    const sent = fake.requests.filter((r) => r.path.startsWith('/v1/chat'))[before]?.body as { max_tokens?: number };
    expect(sent.max_tokens).toBe(TUTOR_MAX_TOKENS);
    const app = openDatabase(path.join(dir, 'app.sqlite'), { readonly: true });
    try {
      const log = tutorRequestsFor(app.db, learnerId, TEMPLATE, problem.seed).at(-1);
      expect(log?.reply).toBe(reply.text);
    } finally {
      app.close();
    }
  });

  it('inline <think> split across chunks (llama.cpp, thinking left in content) is removed too', async () => {
    const answer = inst.answerText.replace('$', '');
    // The tags themselves split across chunks, as a tokenizer splits them.
    const pieces = ['<thi', `nk>The total is $${answer}`, '.</th', 'ink>\n\nGroup the coins ', 'by kind.'];
    fake.reply({ kind: 'sse', events: [...pieces.map((c) => ({ data: { choices: [{ index: 0, delta: { content: c }, finish_reason: null }] } })), { data: '[DONE]' }] });
    const reply = await collect(ask());
    expect(reply.text).toBe('Group the coins by kind.');
    expect(reply.deltas.join('')).not.toContain(answer);
  });

  it('says when a reply was cut at the size limit, and stops reading it there', async () => {
    const sentence = 'Look again at how many of each coin there are, and what each is worth. ';
    const chunks = Array.from({ length: Math.ceil((2 * TUTOR_MAX_REPLY_BYTES) / sentence.length) }, () => sentence);
    fake.reply({ kind: 'sse', events: chunks.map((c) => ({ data: { choices: [{ index: 0, delta: { content: c }, finish_reason: null }] } })), delayMs: 1 });
    const reply = await collect(ask());
    expect(reply.end).toEqual({ kind: 'done', masked: 0, stopped: false, cut: 'too-long' });
    expect(new TextEncoder().encode(reply.text).length).toBeLessThanOrEqual(TUTOR_MAX_REPLY_BYTES);
    await fake.lastStreamSettled();
    expect(fake.lastStream()?.clientLeft).toBe(true);
  });
});

describe('model.detect through the handlers', () => {
  it('probes the ports it is given and lists what answers', async () => {
    const app = openDatabase(path.join(dir, 'detect.sqlite'));
    try {
      const deps: HandlerDeps = {
        db: app.db,
        pool: () => Promise.reject(new Error('no sandbox in this test')),
        emit: () => undefined,
        now: () => 0,
        signal: new AbortController().signal,
        mode: 'browser',
        dataDir: dir,
        solutions: new SolutionSupply(() => Promise.reject(new Error('no sandbox in this test'))),
      };
      const h = createTutorHandlers(deps, { detectTargets: [{ name: 'LM Studio', port: fake.port }] });
      expect(await h['model.detect']({})).toEqual({ found: [{ name: 'LM Studio', baseURL: fake.baseURL, models: ['tutor-7b'] }], probed: [fake.baseURL] });
    } finally {
      app.close();
    }
  });
});
