/**
 * `npm run web` as a user runs it (the built dist/web.mjs on a fresh database): one line on stdout
 * with the address, a working app behind it, a clean exit on SIGTERM, and one clear line on stderr
 * for a bad option or a busy port.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src-main/paths.js';
import { TEST_CACHE_DIR } from '../helpers/sandbox.js';

const WEB = path.join(packageRoot(), 'dist', 'web.mjs');
const LINE = /^InfinityMATH Studio \(browser mode\): (http:\/\/127\.0\.0\.1:(\d+))\/\?token=([A-Za-z0-9_-]{32})\n$/;
let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'im-web-main-'));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

interface Run {
  child: ChildProcessWithoutNullStreams;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function run(...args: string[]): Run {
  const child = spawn(process.execPath, [WEB, ...args], {
    env: { ...process.env, XDG_CACHE_HOME: path.dirname(TEST_CACHE_DIR), INFINITYMATH_DB: path.join(dir, 'env-default.sqlite') },
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return { child, stdout: () => out, stderr: () => err, exited };
}

/** Resolves with stdout's first line (newline included), or rejects if the process ends first. */
function firstLine(r: Run): Promise<string> {
  return new Promise((resolve, reject) => {
    const check = (): void => {
      const nl = r.stdout().indexOf('\n');
      if (nl >= 0) {
        r.child.stdout.off('data', check);
        resolve(r.stdout().slice(0, nl + 1));
      }
    };
    r.child.stdout.on('data', check);
    check();
    void r.exited.then(({ code }) => reject(new Error(`exited with ${code} before printing the address: ${r.stderr()}`)));
  });
}

describe('npm run web (dist/web.mjs)', () => {
  it('prints one line with the address, serves the app behind it, and exits cleanly on SIGTERM', async () => {
    const db = path.join(dir, 'library.sqlite');
    const r = run('--no-open', '--db', db);
    try {
      const line = await firstLine(r);
      const m = LINE.exec(line);
      expect(m, line).not.toBeNull();
      const [, origin = '', port = '', token = ''] = m ?? [];
      expect(Number(port)).toBeGreaterThan(0);

      const visit = await fetch(`${origin}/?token=${token}`, { redirect: 'manual' });
      expect(visit.status).toBe(303);
      const cookie = (visit.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      expect(cookie).toBe(`im_token=${token}`);
      const page = await fetch(`${origin}/`, { headers: { cookie } });
      expect(page.status).toBe(200);
      expect(await page.text()).toBe(fs.readFileSync(path.join(packageRoot(), 'dist', 'renderer', 'index.html'), 'utf8'));

      const info = await fetch(`${origin}/api/app.info`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: '{}' });
      expect(info.status).toBe(200);
      expect(await info.json()).toMatchObject({ ok: true, value: { mode: 'browser' } });
      // --db was used, not $INFINITYMATH_DB.
      expect(fs.existsSync(db)).toBe(true);
      expect(fs.existsSync(path.join(dir, 'env-default.sqlite'))).toBe(false);

      r.child.kill('SIGTERM');
      expect(await r.exited).toEqual({ code: 0, signal: null });
      expect(r.stdout()).toBe(line);
    } finally {
      r.child.kill('SIGKILL');
    }
  });

  it('a bad option is one line on stderr and exit code 2', async () => {
    const r = run('--port', 'abc');
    expect(await r.exited).toEqual({ code: 2, signal: null });
    expect(r.stdout()).toBe('');
    expect(r.stderr()).toBe('infinitymath web: --port expects a whole number from 0 to 65535, got "abc" (see --help)\n');
  });

  it('a busy port is one line on stderr and exit code 1', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const address = blocker.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    try {
      const r = run('--no-open', '--port', String(address.port), '--db', path.join(dir, 'busy.sqlite'));
      expect(await r.exited).toEqual({ code: 1, signal: null });
      expect(r.stdout()).toBe('');
      expect(r.stderr()).toBe(`infinitymath web: port ${address.port} on 127.0.0.1 is already in use\n`);
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
  });
});
