/**
 * The model client against replies in the exact shapes Ollama, LM Studio, llama.cpp's server and vLLM
 * send (tests/helpers/server-shapes.ts says where each shape comes from): thinking in its own field or
 * inline, split across chunks, unterminated, or begun without its tag; the final usage-only chunk;
 * keep-alive comments; `[DONE]`; each server's error bodies and mid-stream errors; and the limits —
 * a model that thinks for longer than the overall timeout, one that thinks for ever, a reply that never
 * ends (the stream is closed at the byte limit, not read to its end).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createModelClient, forgetThinkModes, type ChatMessage, type StreamedReply } from '../../src-main/model/model-client.js';
import type { ModelClientOptions } from '../../src-main/model/model-client.js';
import { ModelError } from '../../src-main/model/model-errors.js';
import { startFakeOpenAIServer, type FakeOpenAIServer, type FakeReply, type SseEvent } from '../helpers/fake-openai-server.js';
import { HTTP_ERRORS, llamaCppStream, lmStudioStream, MID_STREAM_ERRORS, ollamaStream, vllmStream, type Part } from '../helpers/server-shapes.js';

const messages: ChatMessage[] = [{ role: 'user', content: 'A hint for 40 + 2, please.' }];
const MODEL = 'qwen3:8b';
/** Thinking that states the answer: it must never be shown. */
const THINKING: Part[] = [{ think: 'The student needs 40 + 2 = 42.' }, { think: ' I must not say 42. ' }, { think: 'Guide them to add the ones.' }];
const ANSWER: Part[] = [{ say: 'Start with ' }, { say: 'the tens, ' }, { say: 'then add the ones.' }];
const SHOWN = 'Start with the tens, then add the ones.';

let server: FakeOpenAIServer;
beforeAll(async () => {
  server = await startFakeOpenAIServer({ models: [MODEL] });
});
afterAll(() => server.close());
afterEach(() => {
  expect(server.pending()).toBe(0);
  forgetThinkModes();
});

const client = (opts: ModelClientOptions = {}, timeoutMs = 10_000) => createModelClient({ baseURL: server.baseURL, model: MODEL, timeoutMs }, opts);

async function streamed(reply: FakeReply, opts: ModelClientOptions = {}, call: { maxReplyBytes?: number; maxTokens?: number } = {}, timeoutMs?: number): Promise<StreamedReply & { pieces: string[] }> {
  server.reply(reply);
  const pieces: string[] = [];
  const r = await client(opts, timeoutMs).stream(messages, { onDelta: (d) => pieces.push(d), ...call });
  return { ...r, pieces };
}

async function failure(p: Promise<unknown>): Promise<ModelError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(ModelError);
    return err as ModelError;
  }
  throw new Error('expected a ModelError');
}

describe('thinking, as each server sends it, is never shown', () => {
  const shapes: [string, FakeReply][] = [
    ['Ollama /v1: delta.reasoning, with the usage-only last chunk', ollamaStream(MODEL, [...THINKING, ...ANSWER], { usage: true })],
    ['LM Studio: delta.reasoning_content', lmStudioStream(MODEL, [...THINKING, ...ANSWER], { separate: true })],
    ['LM Studio: delta.reasoning (gpt-oss)', lmStudioStream(MODEL, [...THINKING, ...ANSWER], { separate: true, field: 'reasoning' })],
    ['LM Studio: <think> inline in content', lmStudioStream(MODEL, [...THINKING, ...ANSWER], { separate: false })],
    ['llama.cpp --reasoning-format deepseek: delta.reasoning_content, keep-alive comments first', llamaCppStream(MODEL, [...THINKING, ...ANSWER], { format: 'deepseek', pings: 3 })],
    ['llama.cpp --reasoning-format none: <think> inline', llamaCppStream(MODEL, [...THINKING, ...ANSWER], { format: 'none' })],
    ['llama.cpp, template opened <think>: the reply starts inside thinking', llamaCppStream(MODEL, [...THINKING, ...ANSWER], { format: 'headless' })],
    ['vLLM: delta.reasoning, with the usage-only last chunk', vllmStream(MODEL, [...THINKING, ...ANSWER], { usage: true })],
    ['vLLM before 0.11: delta.reasoning_content', vllmStream(MODEL, [...THINKING, ...ANSWER], { field: 'reasoning_content' })],
  ];
  it.each(shapes)('%s', async (_name, reply) => {
    const r = await streamed(reply);
    expect(r.text).toBe(SHOWN);
    expect(r.pieces.join('')).toBe(SHOWN);
    expect(r.thought).toBe(true);
    expect(r.cut).toBeNull();
  });

  it('<think> split at every place across two chunks (Ollama, thinking left inline)', async () => {
    const reply = '<think>The answer is 42.</think>\n\nAdd the ones first.';
    for (let i = 0; i <= reply.length; i++) {
      const events: SseEvent[] = [reply.slice(0, i), reply.slice(i)].map((c) => ({ data: { id: 'x', object: 'chat.completion.chunk', created: 1, model: MODEL, system_fingerprint: 'fp_ollama', choices: [{ index: 0, delta: { role: 'assistant', content: c }, finish_reason: null }] } }));
      events.push({ data: '[DONE]' });
      const r = await streamed({ kind: 'sse', events });
      expect(r.text, `split at ${i}`).toBe('Add the ones first.');
      expect(r.pieces.join('')).not.toContain('42');
    }
  });

  it('a reply that never closes its <think> shows nothing and says the model gave no answer', async () => {
    const err = await failure(streamed(llamaCppStream(MODEL, THINKING, { format: 'none', finish: 'length' })));
    expect(err.kind).toBe('no-answer');
    expect(err.message).toBe('the model used up its token limit while thinking and gave no answer; ask again, or choose a model that thinks less');
    const fieldOnly = await failure(streamed(vllmStream(MODEL, THINKING)));
    expect(fieldOnly.message).toBe('the model thought but gave no answer; ask again');
  });

  it('after a model showed it starts inside thinking, its next replies are held the same way', async () => {
    await streamed(llamaCppStream(MODEL, [...THINKING, ...ANSWER], { format: 'headless' }), {});
    const again = await streamed(llamaCppStream(MODEL, [{ think: 'Still 42.' }, { say: 'Count on from 40.' }], { format: 'headless' }));
    expect(again.text).toBe('Count on from 40.');
    expect(again.pieces).toEqual(['Count on from 40.']);
  });

  it('a non-streamed reply loses its thinking too (the authoring pipeline uses complete)', async () => {
    server.reply({ kind: 'text', text: '<think>Program: return 40 + 2</think>\n\n```python\ndef solution(a, b):\n    return a + b\n```' });
    expect(await client().complete(messages)).toBe('```python\ndef solution(a, b):\n    return a + b\n```');
    server.reply({ kind: 'text', text: 'I think it is 42.</think>The program is below.' });
    expect(await client().complete(messages)).toBe('The program is below.');
  });
});

describe('each server’s errors, with its own words', () => {
  it.each(HTTP_ERRORS)('$server', async ({ reply, message }) => {
    server.reply(reply);
    const err = await failure(client().stream(messages, { onDelta: () => undefined }));
    expect(err.kind).toBe('server');
    expect(err.message).toBe(message);
  });

  it('one call’s error body never explains the next call’s error', async () => {
    const c = client();
    server.reply({ kind: 'raw', status: 400, body: '{"object":"error","message":"first failure","type":"BadRequestError","param":null,"code":400}' });
    expect((await failure(c.complete(messages))).message).toBe('the model server answered HTTP 400: first failure');
    server.reply({ kind: 'raw', status: 500, body: '' });
    expect((await failure(c.complete(messages))).message).toBe('the model server answered HTTP 500: 500 status code (no body)');
  });

  it('llama.cpp before #16109: the `error:` line the openai package drops', async () => {
    const err = await failure(streamed(MID_STREAM_ERRORS.llamaCppLegacy(MODEL, 'Start with '), { thinkMode: 'plain' }));
    expect(err.kind).toBe('server');
    expect(err.message).toBe('the model server reported an error in its reply: the request exceeds the available context size. try increasing the context size or enable context shift');
  });

  it.each([
    ['llama.cpp since #16109', MID_STREAM_ERRORS.llamaCpp(MODEL, 'Start with '), 'context shift is disabled'],
    ['vLLM', MID_STREAM_ERRORS.vllm(MODEL, 'Start with '), 'Internal server error'],
  ] as const)('%s: `data: {"error": …}` in the middle of the stream', async (_name, reply, said) => {
    const err = await failure(streamed(reply, { thinkMode: 'plain' }));
    expect(err.kind).toBe('server');
    expect(err.message).toBe(`the model server reported an error in its reply: ${said}`);
  });
});

describe('time limits for models that think first', () => {
  const thinkFor = (steps: number, delayMs: number): FakeReply => {
    const r = llamaCppStream(MODEL, [...Array.from({ length: steps }, (_, i): Part => ({ think: `step ${i}. ` })), { say: 'Add the ones.' }], { format: 'deepseek', delayMs });
    return r;
  };

  it('thinking longer than the overall limit is not a timeout: only the answer counts against it', async () => {
    // 30 thinking chunks 60 ms apart: well over the 1 s overall limit, each gap far under the idle limit.
    const r = await streamed(thinkFor(30, 60), { idleTimeoutMs: 2000 }, {}, 1000);
    expect(r.text).toBe('Add the ones.');
  });

  it('keep-alive comments count as activity for the idle limit', async () => {
    const [first = { comment: '' }, ...rest] = (llamaCppStream(MODEL, ANSWER, { format: 'deepseek' }) as { events: SseEvent[] }).events;
    // After the first chunk, 12 comments 100 ms apart: more than the 500 ms idle limit in all, never silent for that long.
    const events: SseEvent[] = [first, ...Array.from({ length: 12 }, (): SseEvent => ({ comment: 'ping' })), ...rest];
    const r = await streamed({ kind: 'sse', events, delayMs: 100 }, { idleTimeoutMs: 500, thinkMode: 'plain' });
    expect(r.text).toBe(SHOWN);
    // …while the same silence without them is a stall.
    const silent: SseEvent[] = [first, ...rest];
    server.reply({ kind: 'sse', events: silent.slice(0, 1), end: false });
    const err = await failure(client({ idleTimeoutMs: 500, thinkMode: 'plain' }).stream(messages, { onDelta: () => undefined }));
    expect(err.kind).toBe('idle-timeout');
  });

  it('a model that thinks for ever is stopped at the thinking limit, with a message that says so', async () => {
    server.reply({ kind: 'sse', events: Array.from({ length: 400 }, (_, i) => ({ data: { choices: [{ index: 0, delta: { reasoning_content: `step ${i} ` }, finish_reason: null }] } })), delayMs: 20 });
    const err = await failure(client({ thinkingTimeoutMs: 300, idleTimeoutMs: 5000 }).stream(messages, { onDelta: () => undefined }));
    expect(err.kind).toBe('timeout');
    expect(err.message).toBe('the model was still thinking after 0.3 s without starting its answer; gave up (a smaller or non-thinking model answers sooner)');
    await server.lastStreamSettled();
    expect(server.lastStream()?.clientLeft).toBe(true);
  });
});

describe('the reply’s size', () => {
  // A millisecond between events, as a model writes: the server notices a client that went away.
  const long = (n: number): FakeReply => llamaCppStream(MODEL, Array.from({ length: n }, (_, i): Part => ({ say: `Sentence ${i} of a reply that goes on and on. ` })), { format: 'deepseek', delayMs: 1 });

  it('asks for max_tokens, and reports a reply the model cut at it', async () => {
    const r = await streamed(llamaCppStream(MODEL, ANSWER, { format: 'deepseek', finish: 'length' }), { thinkMode: 'plain' }, { maxTokens: 256 });
    expect(r.cut).toBe('max-tokens');
    expect(r.text).toBe(SHOWN);
    expect((server.requests.at(-1)?.body as { max_tokens?: number }).max_tokens).toBe(256);
  });

  it('stops reading at the byte limit: the shown text is cut there and the server sees the client leave', async () => {
    const r = await streamed(long(5000), { thinkMode: 'plain' }, { maxReplyBytes: 2000 });
    expect(r.cut).toBe('reply-bytes');
    expect(new TextEncoder().encode(r.text).length).toBeLessThanOrEqual(2000);
    expect(new TextEncoder().encode(r.text).length).toBeGreaterThan(1900);
    expect(r.pieces.join('')).toBe(r.text);
    await server.lastStreamSettled();
    const s = server.lastStream();
    expect(s?.clientLeft).toBe(true);
    expect(s?.written).toBeLessThan(s?.of ?? 0);
  });

  it('never cuts a character in half', async () => {
    const r = await streamed(llamaCppStream(MODEL, [{ say: '🍎'.repeat(100) }], { format: 'deepseek' }), { thinkMode: 'plain' }, { maxReplyBytes: 10 });
    expect(r.text).toBe('🍎🍎');
  });

  it('stops a stream of endless thinking at the stream byte limit', async () => {
    server.reply({ kind: 'sse', events: Array.from({ length: 3000 }, (_, i) => ({ data: { choices: [{ index: 0, delta: { reasoning_content: `thought ${i} `.repeat(10) }, finish_reason: null }] } })), delayMs: 1 });
    const err = await failure(client({ maxStreamBytes: 64 * 1024 }).stream(messages, { onDelta: () => undefined }));
    expect(err.kind).toBe('no-answer');
    await server.lastStreamSettled();
    expect(server.lastStream()?.clientLeft).toBe(true);
  });
});
