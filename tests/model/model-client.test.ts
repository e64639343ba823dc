/**
 * The model client against the loopback fake server: listing, plain and streamed replies, and every
 * failure a local server shows, each with the message the user will read.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createModelClient, forgetThinkModes, type ChatMessage } from '../../src-main/model/model-client.js';
import { ModelError } from '../../src-main/model/model-errors.js';
import { startFakeOpenAIServer, type FakeOpenAIServer } from '../helpers/fake-openai-server.js';

const messages: ChatMessage[] = [
  { role: 'system', content: 'You are a tutor.' },
  { role: 'user', content: 'Help me with 3 × 4.' },
];

let server: FakeOpenAIServer;
beforeAll(async () => {
  server = await startFakeOpenAIServer({ models: ['tutor-7b', 'llama3:latest'] });
});
afterAll(() => server.close());
afterEach(() => {
  expect(server.pending()).toBe(0);
  forgetThinkModes();
});

const client = (over: { model?: string; timeoutMs?: number; apiKey?: string; idleTimeoutMs?: number; baseURL?: string; thinkMode?: 'hold' | 'plain' } = {}) =>
  createModelClient(
    { baseURL: over.baseURL ?? server.baseURL, model: over.model ?? 'tutor-7b', timeoutMs: over.timeoutMs ?? 10_000, ...(over.apiKey ? { apiKey: over.apiKey } : {}) },
    { ...(over.idleTimeoutMs !== undefined ? { idleTimeoutMs: over.idleTimeoutMs } : {}), ...(over.thinkMode ? { thinkMode: over.thinkMode } : {}) },
  );

async function modelError(p: Promise<unknown>): Promise<ModelError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(ModelError);
    return err as ModelError;
  }
  throw new Error('expected a ModelError, but the call succeeded');
}

/** A port nothing listens on: bound, then released. */
async function freePort(): Promise<number> {
  const s = http.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describe('model client', () => {
  it('lists the models the server has', async () => {
    expect(await client().listModels()).toEqual(['tutor-7b', 'llama3:latest']);
  });

  it('gets a whole reply, sending the messages and the model', async () => {
    server.reply('Think of 3 groups of 4.');
    const before = server.chatRequests().length;
    expect(await client().complete(messages, { temperature: 0.2 })).toBe('Think of 3 groups of 4.');
    const sent = server.chatRequests()[before];
    expect(sent?.model).toBe('tutor-7b');
    expect(sent?.messages).toEqual(messages);
    expect(sent?.stream).not.toBe(true);
  });

  it('streams a reply piece by piece, once the model is known not to start inside thinking', async () => {
    // A model not seen yet: its first reply is held until it is clear it does not begin inside thinking.
    server.reply({ kind: 'text', chunks: ['Start ', 'with ', 'the groups.'] }, { kind: 'text', chunks: ['Then ', 'count ', 'them.'] });
    const first: string[] = [];
    const reply = await client().stream(messages, { onDelta: (d) => first.push(d) });
    expect(first).toEqual(['Start with the groups.']);
    expect(reply).toEqual({ text: 'Start with the groups.', cut: null, thought: false });
    const pieces: string[] = [];
    expect((await client().stream(messages, { onDelta: (d) => pieces.push(d) })).text).toBe('Then count them.');
    expect(pieces).toEqual(['Then ', 'count ', 'them.']);
    expect(server.chatRequests().at(-1)?.stream).toBe(true);
  });

  it('streams slow tokens as long as each arrives within the idle timeout', async () => {
    server.reply({ kind: 'text', chunks: ['a', 'b', 'c'], delayMs: 60 });
    const pieces: string[] = [];
    expect((await client({ idleTimeoutMs: 2000, thinkMode: 'plain' }).stream(messages, { onDelta: (d) => pieces.push(d) })).text).toBe('abc');
    expect(pieces).toHaveLength(3);
  });

  it('gives up on a stream that stalls partway (idle timeout), keeping what arrived for the caller', async () => {
    server.reply({ kind: 'hang', chunks: ['Half a '] });
    const pieces: string[] = [];
    const err = await modelError(client({ idleTimeoutMs: 300, thinkMode: 'plain' }).stream(messages, { onDelta: (d) => pieces.push(d) }));
    expect(err.kind).toBe('idle-timeout');
    expect(err.message).toBe('the model stopped sending for 0.3 s in the middle of its reply; gave up');
    expect(pieces).toEqual(['Half a ']);
  });

  it('times out a server that never answers', async () => {
    server.reply({ kind: 'hang' });
    const err = await modelError(client({ timeoutMs: 1000 }).complete(messages));
    expect(err.kind).toBe('timeout');
    expect(err.message).toBe(`no complete reply from ${server.baseURL} within 1 s; the server may be busy or the model too slow`);
  });

  it('reports a server dying mid-stream', async () => {
    server.reply({ kind: 'disconnect', chunks: ['You could ', 'start by '] });
    const pieces: string[] = [];
    const err = await modelError(client({ thinkMode: 'plain' }).stream(messages, { onDelta: (d) => pieces.push(d) }));
    expect(err.kind).toBe('dropped');
    expect(err.message).toBe('the model server closed the connection in the middle of its reply');
    expect(pieces.join('')).toBe('You could start by ');
  });

  it('reports garbage instead of JSON, plain and streamed', async () => {
    server.reply({ kind: 'garbage' }, { kind: 'garbage', chunks: ['ok '] });
    const plain = await modelError(client().complete(messages));
    expect(plain.kind).toBe('bad-reply');
    expect(plain.message).toContain('is not valid JSON');
    const streamed = await modelError(client().stream(messages, { onDelta: () => undefined }));
    expect(streamed.kind).toBe('bad-reply');
  });

  it('passes a server error on with its own message', async () => {
    server.reply({ kind: 'error', status: 500, message: 'CUDA out of memory' });
    const err = await modelError(client().stream(messages, { onDelta: () => undefined }));
    expect(err.kind).toBe('server');
    expect(err.message).toBe('the model server answered HTTP 500: CUDA out of memory');
  });

  it('names the available models when the configured one is not loaded', async () => {
    const err = await modelError(client({ model: 'mistral' }).complete(messages));
    expect(err.kind).toBe('model-not-found');
    expect(err.message).toBe('model "mistral" is not loaded; available: tutor-7b, llama3:latest');
  });

  it('stops when the caller aborts', async () => {
    server.reply({ kind: 'text', chunks: ['one ', 'two ', 'three ', 'four'], delayMs: 100 });
    const controller = new AbortController();
    const pieces: string[] = [];
    const err = await modelError(
      client({ thinkMode: 'plain' }).stream(messages, {
        signal: controller.signal,
        onDelta: (d) => {
          pieces.push(d);
          controller.abort();
        },
      }),
    );
    expect(err.kind).toBe('aborted');
    expect(pieces).toEqual(['one ']);
  });

  it('says nothing answers, naming Ollama for its port', async () => {
    const port = await freePort();
    const err = await modelError(client({ baseURL: `http://127.0.0.1:${port}/v1` }).listModels());
    expect(err.kind).toBe('unreachable');
    expect(err.message).toBe(`nothing answers at http://127.0.0.1:${port}/v1 — is the server running?`);
    const ollama = await client({ baseURL: 'http://127.0.0.1:11434/v1' }).testConnection();
    // Ollama is not installed on test machines; if one runs here, the report says so instead.
    if (!ollama.ok) expect(ollama.message.startsWith('nothing answers at http://127.0.0.1:11434/v1 — is Ollama running?')).toBe(true);
  });

  it('tests the connection: OK, wrong model, and a model named without its :latest tag', async () => {
    expect(await client().testConnection()).toEqual({
      ok: true,
      message: `connected to ${server.baseURL}: model "tutor-7b" is available`,
      models: ['tutor-7b', 'llama3:latest'],
    });
    expect((await client({ model: 'llama3' }).testConnection()).ok).toBe(true);
    const wrong = await client({ model: 'phi3' }).testConnection();
    expect(wrong).toEqual({ ok: false, message: 'model "phi3" is not loaded; available: tutor-7b, llama3:latest', models: ['tutor-7b', 'llama3:latest'] });
  });
});

describe('model client and API keys', () => {
  let keyed: FakeOpenAIServer;
  beforeAll(async () => {
    keyed = await startFakeOpenAIServer({ models: ['m'], apiKey: 'sk-local-123' });
  });
  afterAll(() => keyed.close());

  it('says the server wants a key, or refused the one given, and works with the right one', async () => {
    const withKey = (apiKey?: string) => createModelClient({ baseURL: keyed.baseURL, model: 'm', timeoutMs: 5000, ...(apiKey ? { apiKey } : {}) });
    expect(await withKey().testConnection()).toEqual({ ok: false, message: 'the server wants an API key: enter it in Settings', models: [] });
    expect((await modelError(withKey('wrong').listModels())).message).toBe('the server refused the API key (HTTP 401)');
    expect(await withKey('sk-local-123').listModels()).toEqual(['m']);
    expect(keyed.requests.at(-1)?.headers.authorization).toBe('Bearer sk-local-123');
  });

  it('sends a placeholder key, never one from the environment, when none is configured', async () => {
    const before = keyed.requests.length;
    await createModelClient({ baseURL: keyed.baseURL, model: 'm', timeoutMs: 5000 }).listModels().catch(() => undefined);
    expect(keyed.requests[before]?.headers.authorization).toBe('Bearer not-needed');
    expect(keyed.requests[before]?.headers['openai-organization']).toBeUndefined();
  });
});
