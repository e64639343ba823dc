/**
 * The main process's `im:call` handler, relaying to a real backend process (the stub-context
 * backend): refused senders and invalid calls never reach the engine, imports need the user's choice.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppInfo } from '../../src-main/api/contract.std.js';
import type { BackendClient } from '../../src-main/backend/backend-client.js';
import { startNodeBackend } from '../../src-main/backend/backend-ports.js';
import { ImportGrants } from '../../src-main/electron/import-grants.js';
import { createCallRelay, type CallRelay } from '../../src-main/electron/ipc-relay.js';
import { senderProblem, type FrameLike } from '../../src-main/electron/sender-check.js';
import { bundleForTest } from '../backend/bundle.js';

const mainFrame: FrameLike = { url: 'app://studio/index.html', parent: null, processId: 3, routingId: 1 };
const iframe: FrameLike = { url: 'app://studio/index.html', parent: mainFrame, processId: 3, routingId: 2 };
const foreign: FrameLike = { url: 'https://evil.example.org/', parent: null, processId: 3, routingId: 1 };

let dir: string;
let client: BackendClient;
let kill: () => void;
let grants: ImportGrants;
let relay: CallRelay;

/**
 * How many app.info calls have reached the engine before this one (the stub counts them in
 * `templates`). Relayed app.info calls are counted; the probe's own call is not.
 */
let probes = 0;
async function engineCalls(): Promise<number> {
  const r = await client.call('app.info', {});
  if (!r.ok) throw new Error(r.error.message);
  probes++;
  return (r.value as AppInfo).templates - probes;
}

beforeAll(async () => {
  const script = await bundleForTest('tests/backend/fixtures/stub-backend.ts', 'stub-backend-relay');
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'im-relay-'));
  const started = startNodeBackend(script, { dbPath: path.join(dir, 'r.sqlite'), cacheDir: path.join(dir, 'cache') }, { log: () => undefined });
  client = started.client;
  kill = () => started.child.kill('SIGKILL');
  grants = new ImportGrants();
  relay = createCallRelay({ checkSender: (f) => senderProblem(f, mainFrame), backend: () => client, grants });
  await client.ready;
});
afterAll(() => {
  kill();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('createCallRelay', () => {
  it('relays a valid call from the app page and returns the engine’s response', async () => {
    const before = await engineCalls();
    expect(await relay(mainFrame, 'learners.create', { name: ' Ada ' })).toEqual({ ok: true, value: { id: 7, name: 'Ada', createdAt: 1_700_000_000_000 } });
    expect(await relay(mainFrame, 'app.info', {})).toMatchObject({ ok: true, value: { mode: 'electron' } });
    expect(await engineCalls()).toBe(before + 1);
  });

  it('refuses other senders without reaching the engine', async () => {
    const before = await engineCalls();
    expect(await relay(iframe, 'app.info', {})).toEqual({ ok: false, error: { code: 'bad-request', message: 'call refused: sent from a subframe' } });
    expect(await relay(foreign, 'app.info', {})).toEqual({
      ok: false,
      error: { code: 'bad-request', message: 'call refused: sent from a page outside the app (https://evil.example.org)' },
    });
    expect(await relay(null, 'app.info', {})).toEqual({ ok: false, error: { code: 'bad-request', message: 'call refused: the sending frame is gone' } });
    expect(await engineCalls()).toBe(before);
    expect(await relay(mainFrame, 'app.info', {})).toMatchObject({ ok: true });
    expect(await engineCalls()).toBe(before + 1);
  });

  it('validates method and arguments before relaying', async () => {
    const before = await engineCalls();
    expect(await relay(mainFrame, 'constructor', {})).toEqual({ ok: false, error: { code: 'bad-request', message: 'unknown method "constructor"' } });
    expect(await relay(mainFrame, 42, {})).toEqual({ ok: false, error: { code: 'bad-request', message: 'unknown method 42' } });
    const tooLong = await relay(mainFrame, 'learners.create', { name: 'x'.repeat(61) });
    expect(tooLong.ok ? '' : tooLong.error.message).toMatch(/^learners\.create: name: /);
    const extra = await relay(mainFrame, 'app.info', { admin: true });
    expect(extra.ok ? '' : extra.error.code).toBe('bad-request');
    expect(await engineCalls()).toBe(before);
  });

  it('imports only files the user handed over', async () => {
    const chosen = path.join(dir, 'chosen.jsonl');
    const refused = await relay(mainFrame, 'library.importFile', { path: chosen });
    expect(refused).toEqual({
      ok: false,
      error: {
        code: 'bad-request',
        message: `library.importFile: ${chosen} was not chosen by the user; drop the file on the window, pick it with a file input, or use File › Import JSONL…`,
      },
    });
    expect(grants.grant(chosen)).toBe(true);
    // Granted: the call reaches the engine (the stub has no importer and says so).
    expect(await relay(mainFrame, 'library.importFile', { path: chosen })).toEqual({ ok: false, error: { code: 'not-found', message: 'not in the stub' } });
    // The same file spelled differently is the same grant; a sibling is not.
    expect((await relay(mainFrame, 'library.importFile', { path: path.join(dir, 'sub', '..', 'chosen.jsonl') })).ok ? '' : 'stub').toBe('stub');
    const sibling = await relay(mainFrame, 'library.importFile', { path: path.join(dir, 'other.jsonl') });
    expect(sibling.ok ? '' : sibling.error.message).toMatch(/was not chosen by the user/);
  });
});

describe('ImportGrants', () => {
  it('accepts only absolute paths', () => {
    const g = new ImportGrants();
    expect(g.grant('relative/file.jsonl')).toBe(false);
    expect(g.grant('')).toBe(false);
    expect(g.grant(42)).toBe(false);
    expect(g.grant('/tmp/a\0b.jsonl')).toBe(false);
    expect(g.allows('relative/file.jsonl')).toBe(false);
    expect(g.grant('/tmp/a.jsonl')).toBe(true);
    expect(g.allows('/tmp/a.jsonl')).toBe(true);
    expect(g.allows('/tmp/b.jsonl')).toBe(false);
  });

  it('forgets the oldest grant beyond a thousand', () => {
    const g = new ImportGrants();
    for (let i = 0; i <= 1000; i++) g.grant(`/data/file-${i}.jsonl`);
    expect(g.allows('/data/file-0.jsonl')).toBe(false);
    expect(g.allows('/data/file-1.jsonl')).toBe(true);
    expect(g.allows('/data/file-1000.jsonl')).toBe(true);
  });
});
