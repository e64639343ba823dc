/**
 * `npm run web` as a user runs it (the built dist/web.mjs on a fresh database): one line on stdout
 * with the address, a working app behind it, a clean exit on SIGTERM, and one clear line on stderr
 * for a bad option or a busy port. Then restarts: the same address and port every time, the cookie
 * of an earlier run still signs in, a taken port falls back (and says so), `--new-address` signs
 * every browser out, and two libraries keep separate cookies.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src-main/paths.js';
import { cookieNameFor } from '../../src-main/server/stable-address.js';
import { MAX_COOKIE_AGE_SECONDS } from '../../src-main/server/request-guards.js';
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
      const setCookie = visit.headers.get('set-cookie') ?? '';
      const cookie = setCookie.split(';')[0] ?? '';
      // Named for this library, and kept across browser restarts (the token is stable: see the restart tests).
      expect(cookie).toBe(`${cookieNameFor(token)}=${token}`);
      expect(setCookie).toBe(`${cookie}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${MAX_COOKIE_AGE_SECONDS}`);
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

  it('keeps the address across restarts; a taken port falls back for one run; --new-address signs browsers out', { timeout: 120_000 }, async () => {
    const db = path.join(dir, 'stable.sqlite');
    const startOnce = async (...extra: string[]): Promise<{ r: Run; origin: string; port: number; token: string; line: string }> => {
      const r = run('--no-open', '--db', db, ...extra);
      const line = await firstLine(r);
      const m = LINE.exec(line);
      if (m === null) throw new Error(`unexpected first line: ${line}`);
      return { r, origin: m[1] ?? '', port: Number(m[2]), token: m[3] ?? '', line };
    };
    const stop = async (r: Run): Promise<void> => {
      r.child.kill('SIGTERM');
      expect(await r.exited).toEqual({ code: 0, signal: null });
    };
    const signedIn = async (origin: string, cookie: string): Promise<number> =>
      (await fetch(`${origin}/api/learners.list`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: '{}' })).status;

    // First start: a free port, remembered; the browser signs in once.
    const first = await startOnce();
    const visit = await fetch(`${first.origin}/?token=${first.token}`, { redirect: 'manual' });
    const cookie = (visit.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect(await signedIn(first.origin, cookie)).toBe(200);
    await stop(first.r);

    // Restart: the very same address, and the cookie from before still works (a reload after a restart).
    const second = await startOnce();
    expect(second.line).toBe(first.line);
    expect(await signedIn(second.origin, cookie)).toBe(200);
    await stop(second.r);
    expect(second.r.stderr()).toBe('infinitymath web: SIGTERM, shutting down\n');

    // The port is taken: another port for this run, said on stderr; same token, so the cookie still works.
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(first.port, '127.0.0.1', resolve));
    let third: Awaited<ReturnType<typeof startOnce>>;
    try {
      third = await startOnce();
      expect(third.port).not.toBe(first.port);
      expect(third.token).toBe(first.token);
      expect(await signedIn(third.origin, cookie)).toBe(200);
      await stop(third.r);
      expect(third.r.stderr().split('\n')[0]).toBe(`infinitymath web: port ${first.port} (this library's usual port) is in use; serving on port ${third.port} for this run`);
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
    // The usual port was kept: free again, it is used again.
    const fourth = await startOnce();
    expect(fourth.line).toBe(first.line);
    await stop(fourth.r);

    // A new address: a new token (same port); the old cookie and the old link no longer sign in.
    const fifth = await startOnce('--new-address');
    try {
      expect(fifth.port).toBe(first.port);
      expect(fifth.token).not.toBe(first.token);
      expect(await signedIn(fifth.origin, cookie)).toBe(401);
      expect((await fetch(`${fifth.origin}/?token=${first.token}`, { redirect: 'manual' })).status).toBe(401);
      expect(fifth.r.stderr()).toContain('this library has a new address');
    } finally {
      await stop(fifth.r);
    }

    // --port 0 is any port, this time only: the remembered port stays.
    const sixth = await startOnce('--port', '0');
    await stop(sixth.r);
    const seventh = await startOnce();
    expect(seventh.port).toBe(first.port);
    await stop(seventh.r);
  });

  it('two libraries served at once keep separate cookies (cookies on 127.0.0.1 are shared by every port)', { timeout: 120_000 }, async () => {
    const a = run('--no-open', '--db', path.join(dir, 'lib-a.sqlite'));
    const b = run('--no-open', '--db', path.join(dir, 'lib-b.sqlite'));
    try {
      const [la, lb] = [LINE.exec(await firstLine(a)), LINE.exec(await firstLine(b))];
      const [, originA = '', , tokenA = ''] = la ?? [];
      const [, originB = '', , tokenB = ''] = lb ?? [];
      expect(tokenA).not.toBe(tokenB);
      expect(cookieNameFor(tokenA)).not.toBe(cookieNameFor(tokenB));
      // A browser holding both cookies sends both to each server; each picks its own.
      const both = `${cookieNameFor(tokenA)}=${tokenA}; ${cookieNameFor(tokenB)}=${tokenB}`;
      for (const origin of [originA, originB]) {
        expect((await fetch(`${origin}/api/app.info`, { method: 'POST', headers: { cookie: both, 'content-type': 'application/json' }, body: '{}' })).status).toBe(200);
      }
      // Library A's cookie does not open library B.
      const onlyA = `${cookieNameFor(tokenA)}=${tokenA}`;
      expect((await fetch(`${originB}/api/app.info`, { method: 'POST', headers: { cookie: onlyA, 'content-type': 'application/json' }, body: '{}' })).status).toBe(401);
    } finally {
      a.child.kill('SIGTERM');
      b.child.kill('SIGTERM');
      await Promise.all([a.exited, b.exited]);
    }
  });
});
