/** What app://studio/... serves: built renderer files with the CSP, nothing outside the directory. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_INDEX_URL } from '../../src-main/electron/app-origin.js';
import { appResponseFor } from '../../src-main/electron/app-protocol.js';

let dir: string;
let root: string;

beforeAll(() => {
  dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'im-app-protocol-')));
  root = path.join(dir, 'renderer');
  fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>InfinityMATH Studio</title>');
  fs.writeFileSync(path.join(root, 'assets', 'main-abc123.js'), 'console.log(1)');
  fs.writeFileSync(path.join(root, 'assets', 'KaTeX_Main-Regular.woff2'), 'font');
  fs.writeFileSync(path.join(dir, 'secret.txt'), 'outside the renderer');
  fs.symlinkSync(path.join(dir, 'secret.txt'), path.join(root, 'assets', 'link.txt'));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('appResponseFor', () => {
  it('serves the page with a strict Content-Security-Policy and no caching', async () => {
    const r = await appResponseFor(APP_INDEX_URL, 'GET', root);
    expect(r.status).toBe(200);
    expect(r.file).toBe(path.join(root, 'index.html'));
    expect(r.headers['Content-Type']).toBe('text/html; charset=utf-8');
    expect(r.headers['Cache-Control']).toBe('no-store');
    const csp = r.headers['Content-Security-Policy'] ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(r.headers['X-Content-Type-Options']).toBe('nosniff');
  });

  it('serves assets with their types, revalidated', async () => {
    const js = await appResponseFor('app://studio/assets/main-abc123.js', 'GET', root);
    expect([js.status, js.headers['Content-Type'], js.headers['Cache-Control']]).toEqual([200, 'text/javascript; charset=utf-8', 'no-cache']);
    const font = await appResponseFor('app://studio/assets/KaTeX_Main-Regular.woff2', 'HEAD', root);
    expect([font.status, font.headers['Content-Type']]).toEqual([200, 'font/woff2']);
  });

  it.each([
    ['app://studio/../secret.txt', 'dot segments (normalised by the URL parser)'],
    ['app://studio/assets/%2e%2e/%2e%2e/secret.txt', 'encoded dot segments'],
    ['app://studio/assets%2f..%2f..%2fsecret.txt', 'encoded slashes'],
    ['app://studio/assets/link.txt', 'a symlink out of the directory'],
    ['app://studio/missing.js', 'a missing file'],
    ['app://studio/assets', 'a directory'],
    ['app://other/index.html', 'another host on our scheme'],
    ['https://studio/index.html', 'another scheme'],
  ])('answers 404 for %s (%s)', async (url) => {
    const r = await appResponseFor(url, 'GET', root);
    expect([r.status, r.file, r.text]).toEqual([404, null, 'Not Found']);
    expect(r.headers['Content-Security-Policy']).toBeDefined();
  });

  it('refuses methods other than GET and HEAD', async () => {
    const r = await appResponseFor(APP_INDEX_URL, 'POST', root);
    expect([r.status, r.headers.Allow]).toEqual([405, 'GET, HEAD']);
  });
});
