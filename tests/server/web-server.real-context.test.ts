/**
 * The server in front of the real engine (createAppContext on a fresh temp database): the starter
 * pack is reachable over HTTP, arguments are validated, and the context's events arrive as SSE.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiArgs, ApiEvent, ApiMethod, ApiResponse, ApiResults } from '../../src-main/api/contract.std.js';
import type { AppContext } from '../../src-main/app/app-context.js';
import { createAppContext } from '../../src-main/app/create-app-context.js';
import { startWebServer, type WebServer } from '../../src-main/server/web-server.js';
import { TEST_CACHE_DIR } from '../helpers/sandbox.js';
import { writeSyntheticFile } from '../helpers/synthetic-infinitymath.js';
import { makeStaticTree } from './fixture.js';
import { sseReader } from './sse-reader.js';

let ctx: AppContext;
let server: WebServer;
let dir: string;
let dbDir: string;

beforeAll(async () => {
  ({ dir } = makeStaticTree());
  dbDir = fs.mkdtempSync(path.join(os.tmpdir(), 'im-web-db-'));
  ctx = await createAppContext({ dbPath: path.join(dbDir, 'library.sqlite'), mode: 'browser', cacheDir: TEST_CACHE_DIR, poolSize: 1 });
  server = await startWebServer({ ctx, staticDir: path.join(dir, 'static') });
});
afterAll(async () => {
  await server.close();
  await ctx.close();
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(dbDir, { recursive: true, force: true });
});

async function call<M extends ApiMethod>(method: M, args: ApiArgs<M>): Promise<{ status: number; body: ApiResponse<ApiResults[M]> }> {
  const res = await fetch(`${server.url}/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-im-token': server.token },
    body: JSON.stringify(args),
  });
  return { status: res.status, body: (await res.json()) as ApiResponse<ApiResults[M]> };
}

function valueOf<T>(r: { status: number; body: ApiResponse<T> }): T {
  if (!r.body.ok) throw new Error(`HTTP ${r.status}: ${r.body.error.message}`);
  expect(r.status).toBe(200);
  return r.body.value;
}

describe('browser mode on the real engine', () => {
  it('reports browser mode and the starter library', async () => {
    const info = valueOf(await call('app.info', {}));
    expect(info.mode).toBe('browser');
    expect(info.templates).toBeGreaterThanOrEqual(300);
  });

  it('lists strands and grades and creates learners', async () => {
    const catalog = valueOf(await call('practice.catalog', {}));
    expect(catalog.strands.length).toBeGreaterThan(0);
    expect(catalog.grades.length).toBeGreaterThan(0);
    expect(valueOf(await call('learners.create', { name: 'Ada' })).name).toBe('Ada');
    expect(valueOf(await call('learners.list', {})).map((l) => l.name)).toContain('Ada');
  });

  it('refuses bad arguments with 400 before the engine sees them', async () => {
    const r = await call('learners.create', { name: '   ' });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });

  it('a missing import file is 404', async () => {
    const r = await call('library.importFile', { path: path.join(dbDir, 'nope.jsonl') });
    expect(r.status).toBe(404);
    expect(r.body).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it("streams the engine's events (an import's result) as server-sent events", async () => {
    const file = path.join(dbDir, 'three.jsonl');
    writeSyntheticFile(file, 3);
    const abort = new AbortController();
    // fetch resolves once the stream's first bytes arrive, and the server subscribes before sending them.
    const res = await fetch(`${server.url}/api/events`, { headers: { 'x-im-token': server.token }, signal: abort.signal });
    if (res.body === null) throw new Error('no body');
    const events = sseReader(res.body);
    const received: ApiEvent[] = [];
    const sawDone = (async () => {
      while (!received.some((e) => e.type === 'import.done')) {
        const block = await events.next();
        if (block === null) throw new Error('stream ended before import.done');
        if (block.startsWith('data: ')) received.push(JSON.parse(block.slice('data: '.length)) as ApiEvent);
      }
    })();
    const summary = valueOf(await call('library.importFile', { path: file, format: 'infinitymath' }));
    await sawDone;
    abort.abort();
    expect(summary.rowsRead).toBe(3);
    expect(received.find((e) => e.type === 'import.done')).toEqual({ type: 'import.done', summary });
  });
});
