/**
 * The backend process over child_process.fork with a stand-in AppContext: the protocol itself
 * (init, calls, events, errors, shutdown, a dying process), independent of the database and sandbox.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ApiEvent, AppInfo } from '../../src-main/api/contract.std.js';
import { BackendStartError, type BackendClient } from '../../src-main/backend/backend-client.js';
import { startNodeBackend } from '../../src-main/backend/backend-ports.js';
import { bundleForTest } from './bundle.js';
import { okCall } from './ok-call.js';
import { forkRaw, isType, type RawBackend } from './raw-backend.js';

let script: string;
let dir: string;
const started: { kill: () => void }[] = [];

beforeAll(async () => {
  script = await bundleForTest('tests/backend/fixtures/stub-backend.ts', 'stub-backend');
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'im-backend-'));
});
afterEach(() => {
  for (const s of started.splice(0)) s.kill();
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function start(dbName: string, extra: { execPath?: string; engineRoot?: string; poolSize?: number } = {}): BackendClient {
  const { client, child } = startNodeBackend(script, { dbPath: path.join(dir, dbName), cacheDir: path.join(dir, 'cache'), ...extra }, { log: () => undefined });
  started.push({ kill: () => child.kill('SIGKILL') });
  return client;
}

function raw(): RawBackend {
  const backend = forkRaw(script);
  started.push({ kill: () => backend.child.kill('SIGKILL') });
  return backend;
}


/** The stub reports its creation options as JSON in AppInfo.version. */
function createdWith(info: AppInfo): { options: Record<string, unknown>; root: string | null } {
  return JSON.parse(info.version) as { options: Record<string, unknown>; root: string | null };
}

describe('backend process: start-up', () => {
  it('answers init with ready and creates the context for Electron from the init paths', async () => {
    const client = start('a.sqlite', { poolSize: 2 });
    await client.ready;
    const info = await okCall(client, 'app.info', {});
    expect(info.mode).toBe('electron');
    expect(createdWith(info)).toEqual({
      options: { dbPath: path.join(dir, 'a.sqlite'), cacheDir: path.join(dir, 'cache'), mode: 'electron', poolSize: 2 },
      root: null,
    });
  });

  it("gives the sandbox Electron's binary run as Node, and points the engine at the unpacked root", async () => {
    const client = start('b.sqlite', { execPath: '/opt/InfinityMATH Studio/infinitymath-studio', engineRoot: '/opt/InfinityMATH Studio/resources/engine' });
    const info = await okCall(client, 'app.info', {});
    const { options, root } = createdWith(info);
    expect(options.execPath).toBe('/opt/InfinityMATH Studio/infinitymath-studio');
    expect(options.extraEnv).toEqual({ ELECTRON_RUN_AS_NODE: '1' });
    expect(root).toBe('/opt/InfinityMATH Studio/resources/engine');
  });

  it('serves calls sent before init once init arrives, in any order', async () => {
    const backend = raw();
    backend.send({ type: 'call', id: 1, method: 'app.info', args: {} });
    backend.send({ type: 'call', id: 2, method: 'learners.list', args: {} });
    backend.send({ type: 'init', dbPath: path.join(dir, 'early.sqlite'), cacheDir: path.join(dir, 'cache') });
    await backend.next(isType('ready'));
    const first = await backend.next(isType('result', (m) => m.id === 1));
    const second = await backend.next(isType('result', (m) => m.id === 2));
    expect((first.response as { ok: boolean }).ok).toBe(true);
    expect(second.response).toEqual({ ok: true, value: [] });
  });

  it('reports a context that cannot start, and answers every call with unavailable and the reason', async () => {
    const client = start('fail.sqlite');
    await expect(client.ready).rejects.toThrow(BackendStartError);
    await expect(client.ready).rejects.toThrow('cannot open fail.sqlite: the disk is full');
    const response = await client.call('app.info', {});
    expect(response).toEqual({ ok: false, error: { code: 'unavailable', message: 'the engine did not start: cannot open fail.sqlite: the disk is full' } });
  });
});

describe('backend process: calls and events', () => {
  it('validates through the contract and never lets a stack trace cross', async () => {
    const client = start('c.sqlite');
    expect(await client.call('no.such', {})).toEqual({ ok: false, error: { code: 'bad-request', message: 'unknown method "no.such"' } });
    const badName = await client.call('learners.create', { name: '   ' });
    expect(badName.ok).toBe(false);
    if (!badName.ok) {
      expect(badName.error.code).toBe('bad-request');
      expect(badName.error.message).toMatch(/^learners\.create: name: /);
    }
    const extraKey = await client.call('app.info', { admin: true });
    expect(extraKey.ok ? 'ok' : extraKey.error.code).toBe('bad-request');
    expect(await client.call('practice.reveal', { learnerId: 1, templateId: 't', seed: 1 })).toEqual({ ok: false, error: { code: 'not-found', message: 'not in the stub' } });
    expect(await client.call('practice.submit', { learnerId: 1, templateId: 't', seed: 1, answer: '3', elapsedMs: 10 })).toEqual({
      ok: false,
      error: { code: 'internal', message: 'practice.submit failed: disk I/O error' },
    });
  });

  it('pushes the context events to the parent, ahead of the result of the call that caused them', async () => {
    const client = start('d.sqlite');
    const events: ApiEvent[] = [];
    const stop = client.onEvent((e) => events.push(e));
    const learner = await okCall(client, 'learners.create', { name: '  Ada ' });
    expect(learner).toEqual({ id: 7, name: 'Ada', createdAt: 1_700_000_000_000 });
    expect(events).toEqual([{ type: 'sandbox.ready' }]);
    stop();
    await client.call('learners.create', { name: 'Bo' });
    expect(events).toHaveLength(1);
  });

  it('answers concurrent calls by id, whatever order they finish in', async () => {
    const client = start('e.sqlite');
    const results = await Promise.all([1, 2, 3, 4, 5].map(() => okCall(client, 'app.info', {})));
    // The stub counts app.info calls in `templates`: five distinct answers, one per call.
    expect(results.map((r) => r.templates).sort()).toEqual([1, 2, 3, 4, 5]);
  });
});

describe('backend process: bad messages', () => {
  it('reports a malformed call and still answers its id', async () => {
    const backend = raw();
    backend.send({ type: 'init', dbPath: path.join(dir, 'f.sqlite'), cacheDir: path.join(dir, 'cache') });
    await backend.next(isType('ready'));
    backend.send({ type: 'call', id: 5, method: 42, args: {} });
    const report = await backend.next(isType('protocol-error'));
    expect(report.message).toBe('bad message (type "call"): method: Invalid input: expected string, received number');
    const answer = await backend.next(isType('result', (m) => m.id === 5));
    expect(answer.response).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });

  it('refuses an init with a relative path, an unknown message type and a second init', async () => {
    const backend = raw();
    backend.send({ type: 'init', dbPath: 'library.sqlite', cacheDir: path.join(dir, 'cache') });
    expect((await backend.next(isType('protocol-error'))).message).toBe('bad message (type "init"): dbPath: must be an absolute path');
    backend.send({ type: 'launch-missiles' });
    expect((await backend.next(isType('protocol-error'))).message).toMatch(/^bad message \(type "launch-missiles"\): type: /);
    backend.send({ type: 'init', dbPath: path.join(dir, 'g.sqlite'), cacheDir: path.join(dir, 'cache') });
    await backend.next(isType('ready'));
    backend.send({ type: 'init', dbPath: path.join(dir, 'other.sqlite'), cacheDir: path.join(dir, 'cache') });
    expect((await backend.next(isType('protocol-error'))).message).toBe('init was sent twice; the second one is ignored');
  });
});

describe('backend process: ending', () => {
  it('on shutdown, closes the context, answers the calls in flight, and exits 0', async () => {
    const client = start('h.sqlite');
    await client.ready;
    // The stub holds practice.catalog until its context is closed.
    const held = client.call('practice.catalog', {});
    const code = await client.shutdown();
    expect(code).toBe(0);
    expect(await held).toEqual({ ok: false, error: { code: 'internal', message: 'practice.catalog failed: the database is closed' } });
    expect(fs.existsSync(path.join(dir, 'h.sqlite.closed'))).toBe(true);
    expect(await client.call('app.info', {})).toEqual({ ok: false, error: { code: 'unavailable', message: 'the engine process is not running' } });
  });

  it('answers a call that arrives after shutdown with unavailable before it exits', async () => {
    const backend = raw();
    backend.send({ type: 'init', dbPath: path.join(dir, 'late.sqlite'), cacheDir: path.join(dir, 'cache') });
    await backend.next(isType('ready'));
    backend.send({ type: 'shutdown' });
    backend.send({ type: 'call', id: 9, method: 'app.info', args: {} });
    const answer = await backend.next(isType('result', (m) => m.id === 9));
    expect(answer.response).toEqual({ ok: false, error: { code: 'unavailable', message: 'the engine is shutting down' } });
    expect(await backend.exit).toEqual({ code: 0, signal: null });
  });

  it('closes the context and exits when its parent goes away', async () => {
    const backend = raw();
    backend.send({ type: 'init', dbPath: path.join(dir, 'i.sqlite'), cacheDir: path.join(dir, 'cache') });
    await backend.next(isType('ready'));
    backend.child.disconnect();
    expect(await backend.exit).toEqual({ code: 0, signal: null });
    expect(fs.existsSync(path.join(dir, 'i.sqlite.closed'))).toBe(true);
  });

  it('kills a backend that does not finish closing within the grace period', async () => {
    const client = start('hang-on-close.sqlite');
    await client.ready;
    expect(await client.shutdown(300)).toBeNull();
    expect(client.running).toBe(false);
  });

  it('answers pending calls with unavailable when the process dies', async () => {
    const { client, child } = startNodeBackend(script, { dbPath: path.join(dir, 'j.sqlite'), cacheDir: path.join(dir, 'cache') }, { log: () => undefined });
    started.push({ kill: () => child.kill('SIGKILL') });
    await client.ready;
    const held = client.call('practice.catalog', {});
    child.kill('SIGKILL');
    expect(await held).toEqual({ ok: false, error: { code: 'unavailable', message: 'the engine process ended (exit code null)' } });
    expect(client.running).toBe(false);
    expect(await client.exited).toBeNull();
  });

  it('rejects ready when the process ends before it is ready', async () => {
    const { client, child } = startNodeBackend(path.join(dir, 'missing-backend.mjs'), { dbPath: path.join(dir, 'k.sqlite'), cacheDir: path.join(dir, 'cache') }, { log: () => undefined });
    started.push({ kill: () => child.kill('SIGKILL') });
    await expect(client.ready).rejects.toThrow('the engine process ended before it was ready (exit code 1)');
  });
});
