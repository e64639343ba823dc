/**
 * The real backend bundle (src-main/backend/backend-main.ts, as dist/backend.mjs is built) over
 * child_process.fork, with the real AppContext on a fresh SQLite file: the path the desktop app
 * takes, minus Electron.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackendClient } from '../../src-main/backend/backend-client.js';
import { startNodeBackend } from '../../src-main/backend/backend-ports.js';
import { TEST_CACHE_DIR } from '../helpers/sandbox.js';
import { bundleForTest } from './bundle.js';
import { okCall } from './ok-call.js';

let script: string;
let dir: string;
const children: { kill: (signal: NodeJS.Signals) => boolean }[] = [];

beforeAll(async () => {
  script = await bundleForTest('src-main/backend/backend-main.ts', 'backend-main');
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'im-backend-engine-'));
});
afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
  fs.rmSync(dir, { recursive: true, force: true });
});

function start(dbPath: string): { client: BackendClient; pid: number } {
  const { client, child } = startNodeBackend(script, { dbPath, cacheDir: TEST_CACHE_DIR, poolSize: 1 });
  children.push(child);
  if (child.pid === undefined) throw new Error('the backend did not start');
  return { client, pid: child.pid };
}


function sandboxReady(client: BackendClient): Promise<void> {
  return new Promise((resolve) => {
    const stop = client.onEvent((event) => {
      if (event.type === 'sandbox.ready') {
        stop();
        resolve();
      }
    });
  });
}

/** Process ids whose parent is `pid` (Linux `ps`). */
function childPids(pid: number): number[] {
  try {
    return execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' })
      .split('\n')
      .map((l) => Number(l.trim()))
      .filter((n) => n > 0);
  } catch {
    // ps exits 1 when there are none.
    return [];
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('backend process with the real engine', () => {
  const pkgVersion = (JSON.parse(fs.readFileSync(path.join(import.meta.dirname, '../../package.json'), 'utf8')) as { version: string }).version;

  it('opens a fresh database with the starter pack, serves the contract, warms the sandbox and shuts down cleanly', async () => {
    const dbPath = path.join(dir, 'profile', 'library.sqlite');
    const { client } = start(dbPath);
    const warmed = sandboxReady(client);
    await client.ready;
    const info = await okCall(client, 'app.info', {});
    expect(info).toMatchObject({ mode: 'electron', templates: 397, version: pkgVersion });

    const catalog = await okCall(client, 'practice.catalog', {});
    expect(catalog.strands.reduce((n, s) => n + s.templates, 0)).toBe(397);

    const learner = await okCall(client, 'learners.create', { name: 'Ada' });
    const problem = await okCall(client, 'practice.next', { learnerId: learner.id, scope: { kind: 'mixed' } });
    expect(problem.text.length).toBeGreaterThan(10);
    const verdict = await okCall(client, 'practice.submit', {
      learnerId: learner.id,
      templateId: problem.templateId,
      seed: problem.seed,
      answer: 'not a number at all',
      elapsedMs: 1000,
    });
    expect(['wrong', 'invalid']).toContain(verdict.verdict);

    await warmed;
    expect((await okCall(client, 'app.info', {})).sandboxReady).toBe(true);
    expect(await client.shutdown()).toBe(0);
    expect(fs.existsSync(dbPath)).toBe(true);

    // A second process on the same file sees what the first one stored.
    const again = start(dbPath).client;
    expect((await okCall(again, 'learners.list', {})).map((l) => l.name)).toEqual(['Ada']);
    expect(await again.shutdown()).toBe(0);
  });

  it('stops its sandbox processes when it shuts down', async () => {
    const { client, pid } = start(path.join(dir, 'sandbox-exit.sqlite'));
    const warmed = sandboxReady(client);
    await client.ready;
    await warmed;
    const sandboxes = childPids(pid);
    expect(sandboxes.length).toBeGreaterThanOrEqual(1);
    expect(await client.shutdown()).toBe(0);
    expect(sandboxes.filter(isRunning)).toEqual([]);
  });
});
