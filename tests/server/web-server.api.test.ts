/**
 * The contract over HTTP: JSON arguments in, ApiResponse out with a status per error code; the body
 * rules that keep forms and other pages out (JSON only, 1 MiB); and the event stream.
 */
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiEvent } from '../../src-main/api/contract.std.js';
import { bodyLimitFor, MAX_BODY_BYTES } from '../../src-main/server/api-route.js';
import { startFixture, type Fixture } from './fixture.js';
import { raw } from './http-client.js';
import { sseReader, type SseReader } from './sse-reader.js';

let f: Fixture;

beforeAll(async () => {
  f = await startFixture({ heartbeatMs: 20 });
});
afterAll(async () => {
  await f.cleanup();
});

const JSON_TYPE = { 'content-type': 'application/json' };

async function call(method: string, body: string, headers: Record<string, string> = JSON_TYPE): Promise<{ status: number; json: unknown }> {
  const r = await raw(f.server.port, { method: 'POST', path: `/api/${method}`, headers: { ...f.auth, ...headers }, body });
  expect(r.headers['content-type']).toBe('application/json; charset=utf-8');
  expect(r.headers['cache-control']).toBe('no-store');
  return { status: r.status, json: JSON.parse(r.body) as unknown };
}

describe('POST /api/<method>', () => {
  it('passes the parsed arguments to the handler and returns its value', async () => {
    expect(await call('learners.create', '{"name":"  Ada  "}')).toEqual({ status: 200, json: { ok: true, value: { id: 1, name: 'Ada', createdAt: 0 } } });
    // Schema defaults apply (hintsUsed), so the handler sees what the contract parsed, not the raw body.
    const submit = await call('practice.submit', JSON.stringify({ learnerId: 2, templateId: 't', seed: 5, answer: '3/4', elapsedMs: 10 }));
    expect(submit).toEqual({ status: 200, json: { ok: true, value: { verdict: 'correct', message: 'hints 0', readAs: '3/4', counted: true, answerText: null, attemptsOnProblem: 1, diagnosis: null } } });
  });

  it('accepts an empty body as no arguments and a UTF-8 charset parameter', async () => {
    expect((await call('app.info', '')).status).toBe(200);
    expect((await call('learners.list', '{}', { 'content-type': 'application/json; charset=UTF-8' })).status).toBe(200);
  });

  it('works through fetch, the way the renderer calls it', async () => {
    const res = await fetch(`${f.server.url}/api/practice.catalog`, { method: 'POST', headers: { ...f.auth, ...JSON_TYPE }, body: '{}' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, value: { strands: [], grades: [3, 4] } });
  });

  it('an unknown method is 400 with the contract message', async () => {
    expect(await call('nope', '{}')).toEqual({ status: 400, json: { ok: false, error: { code: 'bad-request', message: 'unknown method "nope"' } } });
    expect(await call('', '{}')).toEqual({ status: 400, json: { ok: false, error: { code: 'bad-request', message: 'unknown method ""' } } });
    expect(await call('__proto__', '{}')).toEqual({ status: 400, json: { ok: false, error: { code: 'bad-request', message: 'unknown method "__proto__"' } } });
  });

  it('bad arguments are 400 with the field named', async () => {
    expect(await call('learners.create', '{"name":""}')).toMatchObject({ status: 400, json: { ok: false, error: { code: 'bad-request', message: expect.stringMatching(/^learners\.create: name: /) as unknown } } });
    expect(await call('app.info', '{"extra":1}')).toMatchObject({ status: 400, json: { ok: false, error: { code: 'bad-request' } } });
  });

  it('maps not-found to 404, unavailable to 503 and anything thrown to 500', async () => {
    expect(await call('practice.another', '{"learnerId":1,"templateId":"gone"}')).toEqual({ status: 404, json: { ok: false, error: { code: 'not-found', message: 'no template gone' } } });
    expect(await call('practice.next', '{"learnerId":1,"scope":{"kind":"mixed"}}')).toEqual({ status: 503, json: { ok: false, error: { code: 'unavailable', message: 'no problem ready yet' } } });
    expect(await call('practice.reveal', '{"learnerId":1,"templateId":"t","seed":1}')).toEqual({ status: 500, json: { ok: false, error: { code: 'internal', message: 'practice.reveal failed: disk on fire' } } });
  });

  it('a result JSON cannot carry is a 500, not a dropped connection', async () => {
    const r = await call('progress.summary', '{"learnerId":1}');
    expect(r.status).toBe(500);
    expect(r.json).toMatchObject({ ok: false, error: { code: 'internal', message: expect.stringContaining('progress.summary failed: its result cannot be sent as JSON') as unknown } });
  });

  it('invalid JSON is 400', async () => {
    const r = await call('learners.create', '{"name":');
    expect(r.status).toBe(400);
    expect(r.json).toMatchObject({ ok: false, error: { code: 'bad-request', message: expect.stringMatching(/^the request body is not valid JSON: /) as unknown } });
  });

  it.each([
    ['a form-encoded body', { 'content-type': 'application/x-www-form-urlencoded' }, 'name=Ada'],
    ['a multipart form', { 'content-type': 'multipart/form-data; boundary=x' }, '--x--'],
    ['text/plain (what a form with enctype=text/plain sends)', { 'content-type': 'text/plain' }, '{"name":"Ada"}'],
    ['no content type', {}, '{"name":"Ada"}'],
    ['JSON in another charset', { 'content-type': 'application/json; charset=latin1' }, '{"name":"Ada"}'],
    ['a look-alike type', { 'content-type': 'application/jsonp' }, '{"name":"Ada"}'],
  ])('%s is refused with 415', async (_what, headers, body) => {
    const r = await call('learners.create', body, headers);
    expect(r).toEqual({ status: 415, json: { ok: false, error: { code: 'bad-request', message: 'the request body must be JSON, sent with Content-Type: application/json' } } });
  });

  it('other HTTP methods are 405', async () => {
    const r = await raw(f.server.port, { path: '/api/app.info', headers: f.auth });
    expect(r.status).toBe(405);
    expect(r.headers.allow).toBe('POST');
  });

  it('a body of exactly 1 MiB is read; one byte more is 413 (declared or streamed)', async () => {
    const json = '{"name":"Ada"}';
    const exact = json + ' '.repeat(MAX_BODY_BYTES - json.length);
    expect(MAX_BODY_BYTES).toBe(1024 * 1024);
    expect((await call('learners.create', exact)).status).toBe(200);
    const over = `${exact} `;
    const tooLarge = { ok: false, error: { code: 'bad-request', message: `the request body is larger than ${MAX_BODY_BYTES} bytes` } };
    const declared = await raw(f.server.port, { method: 'POST', path: '/api/learners.create', headers: { ...f.auth, ...JSON_TYPE }, body: over });
    expect(declared.status).toBe(413);
    expect(JSON.parse(declared.body)).toEqual(tooLarge);
    const streamed = await raw(f.server.port, { method: 'POST', path: '/api/learners.create', headers: { ...f.auth, ...JSON_TYPE }, body: over, chunked: true });
    expect(streamed.status).toBe(413);
    expect(JSON.parse(streamed.body)).toEqual(tooLarge);
  });

  it('a progress file import may send up to its own larger limit, and no more; every other method stays at 1 MiB', async () => {
    expect(bodyLimitFor('learners.importProgress')).toBe(100 * 1024 * 1024);
    expect(bodyLimitFor('learners.create')).toBe(MAX_BODY_BYTES);
    expect(bodyLimitFor('__proto__')).toBe(MAX_BODY_BYTES);
    expect(bodyLimitFor('toString')).toBe(MAX_BODY_BYTES);
    // 3 MiB reaches the handler (the fake has none for it: 503), where any other method gets 413.
    const big = JSON.stringify({ text: 'x'.repeat(3 * MAX_BODY_BYTES) });
    const imported = await raw(f.server.port, { method: 'POST', path: '/api/learners.importProgress', headers: { ...f.auth, ...JSON_TYPE }, body: big });
    expect(imported.status).toBe(503);
    const other = await raw(f.server.port, { method: 'POST', path: '/api/learners.rename', headers: { ...f.auth, ...JSON_TYPE }, body: big });
    expect(other.status).toBe(413);
    // Declared over its limit: refused before a byte is read.
    const limit = bodyLimitFor('learners.importProgress');
    const declared = await raw(f.server.port, {
      method: 'POST',
      path: '/api/learners.importProgress',
      headers: { ...f.auth, ...JSON_TYPE, 'content-length': String(limit + 1) },
      body: '{}',
    }).catch((err: unknown) => ({ status: -1, body: String(err) }));
    expect(declared.status).toBe(413);
    // Without the token, the larger limit never applies: 401 first.
    const anonymous = await raw(f.server.port, { method: 'POST', path: '/api/learners.importProgress', headers: JSON_TYPE, body: big });
    expect(anonymous.status).toBe(401);
  });

  it('the server keeps answering after refusing a large body', async () => {
    expect((await call('app.info', '{}')).status).toBe(200);
  });
});

async function openEvents(): Promise<{ res: Response; events: SseReader; abort: AbortController }> {
  const abort = new AbortController();
  const res = await fetch(`${f.server.url}/api/events`, { headers: f.auth, signal: abort.signal });
  if (res.body === null) throw new Error('no body');
  return { res, events: sseReader(res.body), abort };
}

describe('GET /api/events', () => {
  it('delivers each event the context emits as one data message', async () => {
    const { res, events, abort } = await openEvents();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await events.next()).toBe(': connected');
    const first: ApiEvent = { type: 'sandbox.ready' };
    const second: ApiEvent = { type: 'import.progress', bytesRead: 10, totalBytes: 20, rowsRead: 3, imported: 2, skipped: 1 };
    f.ctx.emit(first);
    f.ctx.emit(second);
    const received: unknown[] = [];
    while (received.length < 2) {
      const block = await events.next();
      if (block === null) throw new Error('stream ended early');
      if (block.startsWith(':')) continue; // heartbeat
      expect(block).toMatch(/^data: [^\n]+$/);
      received.push(JSON.parse(block.slice('data: '.length)));
    }
    expect(received).toEqual([first, second]);
    abort.abort();
  });

  it('sends comment heartbeats while idle', async () => {
    const { events, abort } = await openEvents();
    expect(await events.next()).toBe(': connected');
    expect(await events.next()).toBe(': heartbeat');
    abort.abort();
  });

  it('unsubscribes from the context when the client goes away', async () => {
    await f.ctx.whenListeners((n) => n === 0);
    const { events, abort } = await openEvents();
    expect(await events.next()).toBe(': connected');
    await f.ctx.whenListeners((n) => n === 1);
    abort.abort();
    await f.ctx.whenListeners((n) => n === 0);
  });

  it('is ended by close(), which does not wait for open streams', async () => {
    const other = await startFixture();
    const res = await fetch(`${other.server.url}/api/events`, { headers: other.auth });
    if (res.body === null) throw new Error('no body');
    const events = sseReader(res.body);
    expect(await events.next()).toBe(': connected');
    await other.cleanup();
    expect(await events.next()).toBeNull();
    await other.ctx.whenListeners((n) => n === 0);
  });
});

describe('close()', () => {
  it('lets a request in flight finish, then closes its connection instead of keeping it alive', async () => {
    const other = await startFixture();
    const hold = other.ctx.holdImports();
    const agent = new http.Agent({ keepAlive: true });
    const reply = new Promise<{ status: number; connection: string | undefined; body: string; socketClosed: Promise<void> }>((resolve, reject) => {
      const req = http.request(
        { host: '127.0.0.1', port: other.server.port, method: 'POST', path: '/api/library.importFile', agent, headers: { ...other.auth, ...JSON_TYPE } },
        (res) => {
          const socketClosed = new Promise<void>((done) => res.socket.once('close', () => done()));
          let body = '';
          res.on('data', (c: Buffer) => (body += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, body, socketClosed }));
        },
      );
      req.on('error', reject);
      req.end('{"path":"/data/x.jsonl"}');
    });
    await hold.entered;
    const closed = other.server.close();
    hold.release();
    const r = await reply;
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({ ok: true, value: { packId: '/data/x.jsonl' } });
    // The keep-alive agent asked to reuse the connection; the closing server ends it instead.
    expect(r.connection).toBe('close');
    await r.socketClosed;
    await closed;
    agent.destroy();
    await other.cleanup();
  });
});
