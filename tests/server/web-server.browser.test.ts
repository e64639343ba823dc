/**
 * The defences in a real browser (Chromium via playwright-core). The user has opened the launch URL,
 * so the browser holds the token cookie. Then:
 *  - a page from another local server (another port: the same site, so even a SameSite=Strict cookie
 *    goes along) tries every way a page can reach the API and the event stream;
 *  - a DNS-rebinding page (a foreign name that resolves to 127.0.0.1) loads our port under its name.
 * None of it may reach a handler; our own page keeps working.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_FLAGS, chromiumPath } from '../../src-main/chromium.js';
import { startFixture, type Fixture } from './fixture.js';

let f: Fixture;
let evil: http.Server;
let evilOrigin: string;
let browser: BrowserContext;
let profile: string;

/** The attacker's page: each attempt reports what the page itself could observe. */
function evilPage(target: string): string {
  return `<!doctype html><html><body>
<iframe name="sink"></iframe>
<form id="form" method="POST" action="${target}/api/learners.create" enctype="text/plain" target="sink">
  <input name='{"name":"Mallory","x":"' value='"}'>
</form>
<script>
window.attempts = (async () => {
  const out = {};
  try {
    const r = await fetch('${target}/api/learners.create', { method: 'POST', credentials: 'include', headers: { 'content-type': 'application/json' }, body: '{"name":"Mallory"}' });
    out.corsJson = 'status ' + r.status;
  } catch (e) { out.corsJson = 'blocked'; }
  try {
    const r = await fetch('${target}/api/learners.create', { method: 'POST', mode: 'no-cors', credentials: 'include', headers: { 'content-type': 'text/plain' }, body: '{"name":"Mallory"}' });
    out.noCors = r.type;
  } catch (e) { out.noCors = 'blocked'; }
  try {
    const r = await fetch('${target}/api/app.info', { method: 'POST', credentials: 'include', headers: { 'content-type': 'application/json', 'x-im-token': 'guess' }, body: '{}' });
    out.readInfo = 'status ' + r.status;
  } catch (e) { out.readInfo = 'blocked'; }
  out.events = await new Promise((resolve) => {
    const s = new EventSource('${target}/api/events', { withCredentials: true });
    s.onopen = () => { s.close(); resolve('open'); };
    s.onerror = () => { s.close(); resolve('error'); };
  });
  out.script = await new Promise((resolve) => {
    const el = document.createElement('script');
    el.src = '${target}/app.js';
    el.onload = () => resolve('loaded');
    el.onerror = () => resolve('error');
    document.body.appendChild(el);
  });
  document.getElementById('form').submit();
  return out;
})();
</script></body></html>`;
}

beforeAll(async () => {
  f = await startFixture();
  evil = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(evilPage(f.server.url));
  });
  await new Promise<void>((resolve) => evil.listen(0, '127.0.0.1', resolve));
  const address = evil.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  evilOrigin = `http://127.0.0.1:${address.port}`;
  profile = fs.mkdtempSync(path.join(os.tmpdir(), 'im-web-chromium-'));
  browser = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    args: [
      ...CHROMIUM_FLAGS,
      // A rebinding attacker's name, answering with our address.
      '--host-resolver-rules=MAP rebind.test 127.0.0.1',
    ],
  });
});
afterAll(async () => {
  await browser.close();
  await new Promise<void>((resolve) => evil.close(() => resolve()));
  await f.cleanup();
  fs.rmSync(profile, { recursive: true, force: true });
});

describe('in Chromium', () => {
  it('the launch URL signs the browser in with an HttpOnly cookie and leaves no token in the address bar', async () => {
    const page = await browser.newPage();
    const response = await page.goto(f.server.launchUrl);
    expect(response?.status()).toBe(200);
    expect(page.url()).toBe(`${f.server.url}/`);
    expect((await page.textContent('body'))?.trim()).toBe('fixture');
    // Page scripts cannot read it (this TypeScript has no DOM types, hence the cast).
    expect(await page.evaluate(() => (globalThis as unknown as { document: { cookie: string } }).document.cookie)).toBe('');
    const cookies = await browser.cookies(f.server.url);
    expect(cookies.map((c) => ({ name: c.name, value: c.value, httpOnly: c.httpOnly, sameSite: c.sameSite }))).toEqual([
      { name: 'im_token', value: f.server.token, httpOnly: true, sameSite: 'Strict' },
    ]);
    // Our own page reaches the API with the cookie alone, as the renderer does.
    const info = await page.evaluate(async () => {
      const r = await fetch('/api/app.info', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      return r.json();
    });
    expect(info).toMatchObject({ ok: true, value: { version: 'fake' } });
    await page.close();
  });

  it('a page on another local port cannot call the API, open the events or use our files', async () => {
    const before = [...f.ctx.calls];
    const page = await browser.newPage();
    const refused: number[] = [];
    page.on('response', (r) => {
      if (r.url().startsWith(f.server.url)) refused.push(r.status());
    });
    // The form posts into the iframe (a navigation); its answer is watched for from the start.
    const formAnswer = page.waitForResponse((r) => r.url() === `${f.server.url}/api/learners.create` && r.request().isNavigationRequest());
    await page.goto(`${evilOrigin}/`);
    const out = await page.evaluate(() => (globalThis as unknown as { attempts: Promise<Record<string, string>> }).attempts);
    // no-cors and <script> fail outright: Cross-Origin-Resource-Policy withholds even opaque responses.
    expect(out).toEqual({ corsJson: 'blocked', noCors: 'blocked', readInfo: 'blocked', events: 'error', script: 'error' });
    expect((await formAnswer).status()).toBe(403);
    expect(f.ctx.calls).toEqual(before);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((s) => s === 403)).toBe(true);
    await page.close();
  });

  it('a DNS-rebinding name pointing at our port gets 403', async () => {
    const page = await browser.newPage();
    const response = await page.goto(`http://rebind.test:${f.server.port}/?token=${f.server.token}`);
    expect(response?.status()).toBe(403);
    expect(await page.textContent('body')).toContain('Forbidden: unexpected Host header');
    await page.close();
  });
});
