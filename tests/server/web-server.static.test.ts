/**
 * The built renderer is served from its directory with the right types, and nothing outside it is
 * reachable: `..` in every spelling, a sibling directory sharing the prefix, or a symlink pointing out.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_JS, INDEX_HTML, startFixture, type Fixture } from './fixture.js';
import { raw } from './http-client.js';

let f: Fixture;

beforeAll(async () => {
  f = await startFixture();
});
afterAll(async () => {
  await f.cleanup();
});

const get = (p: string, method = 'GET') => raw(f.server.port, { method, path: p, headers: f.auth });

describe('static files', () => {
  it('serves index.html for / and by name, never cached', async () => {
    for (const p of ['/', '/index.html']) {
      const r = await get(p);
      expect(r.status, p).toBe(200);
      expect(r.body).toBe(INDEX_HTML);
      expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(r.headers['cache-control']).toBe('no-store');
      expect(r.headers['content-length']).toBe(String(Buffer.byteLength(INDEX_HTML)));
    }
  });

  it.each([
    ['/app.js', 'text/javascript; charset=utf-8'],
    ['/assets/style.css', 'text/css; charset=utf-8'],
    ['/assets/icon.svg', 'image/svg+xml'],
    ['/assets/data.json', 'application/json; charset=utf-8'],
    ['/assets/font.woff2', 'font/woff2'],
    ['/assets/mod.wasm', 'application/wasm'],
  ])('serves %s as %s, byte for byte', async (p, type) => {
    const res = await fetch(`${f.server.url}${p}`, { headers: f.auth });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(type);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(Buffer.from(await res.arrayBuffer())).toEqual(fs.readFileSync(path.join(f.staticDir, p)));
  });

  it('answers HEAD with headers only', async () => {
    const r = await get('/app.js', 'HEAD');
    expect(r.status).toBe(200);
    expect(r.headers['content-length']).toBe(String(Buffer.byteLength(APP_JS)));
    expect(r.body).toBe('');
  });

  it('refuses other methods on files with 405', async () => {
    const r = await get('/app.js', 'PUT');
    expect(r.status).toBe(405);
    expect(r.headers.allow).toBe('GET, HEAD');
  });

  it('answers 404 for missing files and directories', async () => {
    for (const p of ['/missing.js', '/assets', '/assets/', '/assets/missing.css']) {
      const r = await get(p);
      expect(r.status, p).toBe(404);
      expect(r.body).toBe('Not Found\n');
    }
  });

  it('resolves harmless dots that stay inside the directory', async () => {
    const r = await get('/assets/../app.js');
    expect(r.status).toBe(200);
    expect(r.body).toBe(APP_JS);
  });
});

describe('path traversal', () => {
  // Each of these names a real file outside static/ (the fixture's package.json or static-evil/x.txt).
  it.each([
    '/../package.json',
    '/%2e%2e/package.json',
    '/%2E%2E/package.json',
    '/..%2fpackage.json',
    '/%2e%2e%2fpackage.json',
    '/assets/../../package.json',
    '/assets/%2e%2e/%2e%2e/package.json',
    '/..%5cpackage.json',
    '/../static-evil/x.txt',
    '/%2e%2e/static-evil/x.txt',
    '/link.json',
    '/app.js%00.png',
    '/%ff%fe',
  ])('%s is 404', async (p) => {
    const r = await get(p);
    expect(r.status).toBe(404);
    expect(r.body).not.toContain('secret-outside-static');
  });

  it('an absolute file path in the URL is 404', async () => {
    const target = path.join(f.dir, 'package.json');
    const r = await get(`/${encodeURIComponent(target)}`);
    expect(r.status).toBe(404);
  });
});
