/**
 * Who gets in: only this launch's token holder, only through 127.0.0.1/localhost names, only from our
 * own origin. Every refusal is checked on the page, a static file, the API and the event stream.
 */
import net from 'node:net';
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../src-main/server/http-responses.js';
import { MAX_COOKIE_AGE_SECONDS } from '../../src-main/server/request-guards.js';
import { startWebServer } from '../../src-main/server/web-server.js';
import { FakeContext } from './fake-context.js';
import { INDEX_HTML, makeStaticTree, startFixture, type Fixture } from './fixture.js';
import { raw } from './http-client.js';

let f: Fixture;
let port: number;

beforeAll(async () => {
  f = await startFixture();
  port = f.server.port;
});
afterAll(async () => {
  await f.cleanup();
});

const EVERY_KIND: { what: string; method: string; path: string; headers?: Record<string, string>; body?: string }[] = [
  { what: 'the page', method: 'GET', path: '/' },
  { what: 'a static file', method: 'GET', path: '/app.js' },
  { what: 'an API call', method: 'POST', path: '/api/app.info', headers: { 'content-type': 'application/json' }, body: '{}' },
  { what: 'the event stream', method: 'GET', path: '/api/events' },
];

function connects(host: string, p: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port: p });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('the token', () => {
  it('is 24 random bytes in base64url, and differs per launch', async () => {
    expect(f.server.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const other = await startFixture();
    try {
      expect(other.server.token).not.toBe(f.server.token);
    } finally {
      await other.cleanup();
    }
  });

  it.each(EVERY_KIND)('without it, $what is refused with 401', async ({ method, path, headers, body }) => {
    const r = await raw(port, { method, path, headers: headers ?? {}, ...(body !== undefined ? { body } : {}) });
    expect(r.status).toBe(401);
    expect(r.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(r.body).toMatch(/^Unauthorized: open the address printed/);
    expect(r.headers['set-cookie']).toBeUndefined();
  });

  it.each(EVERY_KIND)('with a wrong one (cookie or header), $what is refused with 401', async ({ method, path, headers, body }) => {
    const wrong = `${f.server.token.slice(0, -1)}${f.server.token.endsWith('A') ? 'B' : 'A'}`;
    const attempts: Record<string, string>[] = [{ cookie: `im_token=${wrong}` }, { 'x-im-token': wrong }, { 'x-im-token': '' }, { cookie: 'im_token=' }, { cookie: `token=${f.server.token}` }];
    for (const auth of attempts) {
      const r = await raw(port, { method, path, headers: { ...headers, ...auth }, ...(body !== undefined ? { body } : {}) });
      expect(r.status, JSON.stringify(auth)).toBe(401);
    }
  });

  it('a wrong token in the query is refused and sets no cookie', async () => {
    const r = await raw(port, { path: '/?token=not-the-token' });
    expect(r.status).toBe(401);
    expect(r.headers['set-cookie']).toBeUndefined();
  });

  it('the right token in the query sets an HttpOnly, SameSite=Strict cookie and redirects to /', async () => {
    const r = await raw(port, { path: `/?token=${f.server.token}` });
    expect(r.status).toBe(303);
    expect(r.headers.location).toBe('/');
    expect(r.headers['set-cookie']).toEqual([`im_token=${f.server.token}; HttpOnly; SameSite=Strict; Path=/`]);
    expect(r.headers['cache-control']).toBe('no-store');
    // The launch URL the server reports is exactly this visit.
    expect(f.server.launchUrl).toBe(`http://127.0.0.1:${port}/?token=${f.server.token}`);
  });

  it('the cookie then opens the page, a static file, the API and the events', async () => {
    const cookie = `other=1; im_token=${f.server.token}`;
    const page = await raw(port, { path: '/', headers: { cookie } });
    expect(page.status).toBe(200);
    expect(page.body).toBe(INDEX_HTML);
    expect((await raw(port, { path: '/app.js', headers: { cookie } })).status).toBe(200);
    const api = await raw(port, { method: 'POST', path: '/api/app.info', headers: { cookie, 'content-type': 'application/json' }, body: '{}' });
    expect(api.status).toBe(200);
    expect(JSON.parse(api.body)).toEqual({ ok: true, value: { version: 'fake', templates: 3, instancesReady: 7, sandboxReady: true, mode: 'browser' } });
  });

  it('the x-im-token header works too (what fetch and EventSource clients send)', async () => {
    const r = await raw(port, { path: '/app.js', headers: f.auth });
    expect(r.status).toBe(200);
  });

  it('a library-named, persistent cookie: only that name signs in, and it keeps the same flags', async () => {
    const { dir, staticDir } = makeStaticTree();
    const ctx = new FakeContext();
    const token = 'stable-library-secret_0123456789';
    await expect(startWebServer({ ctx, staticDir, token, cookieName: 'im token' })).rejects.toThrow('cookieName must be 1 to 64 characters');
    await expect(startWebServer({ ctx, staticDir, token, cookieName: 'im_x', cookieMaxAgeSeconds: 0 })).rejects.toThrow('cookieMaxAgeSeconds must be a whole number');
    await expect(startWebServer({ ctx, staticDir, token, cookieName: 'im_x', cookieMaxAgeSeconds: MAX_COOKIE_AGE_SECONDS + 1 })).rejects.toThrow('cookieMaxAgeSeconds');
    const s = await startWebServer({ ctx, staticDir, token, cookieName: 'im_token_lib1', cookieMaxAgeSeconds: MAX_COOKIE_AGE_SECONDS });
    try {
      const visit = await raw(s.port, { path: `/?token=${token}` });
      expect(visit.status).toBe(303);
      expect(visit.headers['set-cookie']).toEqual([`im_token_lib1=${token}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${MAX_COOKIE_AGE_SECONDS}`]);
      expect((await raw(s.port, { path: '/', headers: { cookie: `im_token_lib1=${token}` } })).status).toBe(200);
      // The right secret under another library's (or the default) name does not sign in.
      expect((await raw(s.port, { path: '/', headers: { cookie: `im_token=${token}` } })).status).toBe(401);
      expect((await raw(s.port, { path: '/', headers: { cookie: `im_token_lib2=${token}` } })).status).toBe(401);
      // Host and Origin are still checked first.
      expect((await raw(s.port, { path: '/', headers: { cookie: `im_token_lib1=${token}`, host: `evil.example:${s.port}` } })).status).toBe(403);
      expect((await raw(s.port, { path: '/', headers: { cookie: `im_token_lib1=${token}`, origin: 'http://evil.example' } })).status).toBe(403);
    } finally {
      await s.close();
      (await import('node:fs')).rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a caller-chosen token must be long and cookie-safe', async () => {
    const { dir, staticDir } = makeStaticTree();
    const ctx = new FakeContext();
    await expect(startWebServer({ ctx, staticDir, token: 'short' })).rejects.toThrow('token must be 16 to 256 characters');
    await expect(startWebServer({ ctx, staticDir, token: 'a'.repeat(20) + ';Path=/x' })).rejects.toThrow('token must be 16 to 256 characters');
    const s = await startWebServer({ ctx, staticDir, token: 'fixed-token-for-tests_0123' });
    try {
      expect(s.token).toBe('fixed-token-for-tests_0123');
      expect((await raw(s.port, { path: '/', headers: { 'x-im-token': 'fixed-token-for-tests_0123' } })).status).toBe(200);
    } finally {
      await s.close();
      (await import('node:fs')).rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('DNS rebinding and cross-origin requests', () => {
  it.each(EVERY_KIND)('a foreign Host is refused with 403 for $what, even with the token', async ({ method, path, headers, body }) => {
    for (const host of [`evil.example:${port}`, `127.0.0.1:${port + 1}`, '127.0.0.1', `localhost.evil.example:${port}`, `127.0.0.2:${port}`]) {
      const r = await raw(port, { method, path, headers: { ...headers, ...f.auth, host }, ...(body !== undefined ? { body } : {}) });
      expect(r.status, host).toBe(403);
      expect(r.body).toContain('Host');
    }
  });

  it('a request without a Host header is refused', async () => {
    // HTTP/1.1 requires Host, and node:http itself answers 400; HTTP/1.0 may omit it and reaches our check.
    const r = await raw(port, { path: '/', headers: f.auth, noHost: true });
    expect(r.status).toBe(400);
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = net.connect({ host: '127.0.0.1', port });
      let text = '';
      socket.on('data', (c: Buffer) => (text += c.toString('latin1')));
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
      socket.write(`GET / HTTP/1.0\r\nx-im-token: ${f.server.token}\r\n\r\n`);
    });
    expect(reply).toMatch(/^HTTP\/1\.1 403 Forbidden\r\n/);
    expect(reply).toContain('Forbidden: unexpected Host header');
  });

  it('both of our host names are accepted', async () => {
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`]) {
      const r = await raw(port, { path: '/', headers: { ...f.auth, host } });
      expect(r.status, host).toBe(200);
    }
  });

  it.each(EVERY_KIND)('a foreign Origin is refused with 403 for $what, even with the token', async ({ method, path, headers, body }) => {
    for (const origin of ['http://evil.example', `http://127.0.0.1:${port + 1}`, `https://127.0.0.1:${port}`, 'null', `http://localhost:${port}.evil.example`]) {
      const r = await raw(port, { method, path, headers: { ...headers, ...f.auth, origin }, ...(body !== undefined ? { body } : {}) });
      expect(r.status, origin).toBe(403);
      expect(r.body).toContain('cross-origin');
    }
  });

  it('a CORS preflight from another origin is refused and grants nothing', async () => {
    const r = await raw(port, {
      method: 'OPTIONS',
      path: '/api/learners.create',
      headers: { origin: 'http://evil.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-im-token' },
    });
    expect(r.status).toBe(403);
    expect(r.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('our own origins are accepted', async () => {
    for (const origin of [`http://127.0.0.1:${port}`, `http://localhost:${port}`]) {
      const r = await raw(port, { method: 'POST', path: '/api/app.info', headers: { ...f.auth, origin, 'content-type': 'application/json' }, body: '{}' });
      expect(r.status, origin).toBe(200);
    }
  });
});

describe('listening', () => {
  it('binds only to 127.0.0.1', async () => {
    expect(f.server.url).toBe(`http://127.0.0.1:${port}`);
    expect(await connects('127.0.0.1', port)).toBe(true);
    const others: string[] = [];
    for (const addrs of Object.values(os.networkInterfaces())) {
      for (const a of addrs ?? []) if (a.address !== '127.0.0.1') others.push(a.address);
    }
    // All of 127/8 is loopback on Linux: a server bound to 0.0.0.0 would answer on 127.0.0.2 too.
    if (process.platform === 'linux') others.push('127.0.0.2');
    expect(others.length).toBeGreaterThan(0);
    for (const host of others) expect(await connects(host, port), host).toBe(false);
  });

  it('refuses a port in use, and a bad port, with a clear error', async () => {
    const { dir, staticDir } = makeStaticTree();
    const ctx = new FakeContext();
    try {
      await expect(startWebServer({ ctx, staticDir, port })).rejects.toThrow(`port ${port} on 127.0.0.1 is already in use`);
      await expect(startWebServer({ ctx, staticDir, port: 70000 })).rejects.toThrow('port must be a whole number from 0 to 65535, got 70000');
      await expect(startWebServer({ ctx, staticDir: `${dir}/missing` })).rejects.toThrow(`static directory ${dir}/missing does not exist`);
    } finally {
      (await import('node:fs')).rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stops listening when closed', async () => {
    const other = await startFixture();
    const p = other.server.port;
    expect(await connects('127.0.0.1', p)).toBe(true);
    await other.cleanup();
    expect(await connects('127.0.0.1', p)).toBe(false);
  });
});

describe('security headers', () => {
  it('every response carries the CSP, nosniff and no-referrer, errors included', async () => {
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'",
    );
    const responses = [
      await raw(port, { path: '/', headers: f.auth }),
      await raw(port, { path: '/app.js', headers: f.auth }),
      await raw(port, { path: '/missing.js', headers: f.auth }),
      await raw(port, { path: '/' }),
      await raw(port, { path: '/', headers: { host: `evil.example:${port}` } }),
      await raw(port, { method: 'POST', path: '/api/app.info', headers: { ...f.auth, 'content-type': 'application/json' }, body: '{}' }),
    ];
    for (const r of responses) {
      expect(r.headers['content-security-policy'], String(r.status)).toBe(CONTENT_SECURITY_POLICY);
      expect(r.headers['x-content-type-options']).toBe('nosniff');
      expect(r.headers['referrer-policy']).toBe('no-referrer');
      expect(r.headers['cross-origin-resource-policy']).toBe('same-origin');
    }
  });
});
