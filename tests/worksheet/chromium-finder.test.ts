/**
 * Finding a browser to print PDFs with outside Electron (src-main/chromium.ts), on every OS: CHROMIUM_PATH
 * first, then where Chrome, Chromium and Edge install, then PATH; and an error that lists what was tried.
 */
import fs from 'node:fs';
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { chromiumCandidates, chromiumPath, findChromium, type BrowserSearch } from '../../src-main/chromium.js';

function search(platform: NodeJS.Platform, present: readonly string[], env: BrowserSearch['env'] = {}, home = '/home/ada'): BrowserSearch {
  return { platform, env, home, isExecutable: (f) => present.includes(f) };
}

describe('findChromium', () => {
  it('Linux: Debian’s chromium first, then Chrome and Edge, then PATH', () => {
    expect(findChromium(search('linux', ['/usr/bin/chromium', '/usr/bin/google-chrome']))).toEqual({ ok: true, path: '/usr/bin/chromium' });
    expect(findChromium(search('linux', ['/opt/google/chrome/chrome']))).toEqual({ ok: true, path: '/opt/google/chrome/chrome' });
    expect(findChromium(search('linux', ['/opt/microsoft/msedge/msedge']))).toEqual({ ok: true, path: '/opt/microsoft/msedge/msedge' });
    expect(findChromium(search('linux', ['/home/ada/bin/chromium-browser'], { PATH: '/home/ada/bin:/usr/bin' }))).toEqual({ ok: true, path: '/home/ada/bin/chromium-browser' });
  });

  it('macOS: the app bundles in /Applications and ~/Applications', () => {
    expect(findChromium(search('darwin', ['/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'], {}, '/Users/ada'))).toEqual({
      ok: true,
      path: '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    });
    expect(findChromium(search('darwin', ['/Users/ada/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge'], {}, '/Users/ada'))).toEqual({
      ok: true,
      path: '/Users/ada/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
    });
  });

  it('Windows: Program Files (both), the user’s LocalAppData, Edge (always there on Windows 10 and 11)', () => {
    const env = { PROGRAMFILES: 'C:\\Program Files', 'PROGRAMFILES(X86)': 'C:\\Program Files (x86)', LOCALAPPDATA: 'C:\\Users\\ada\\AppData\\Local' };
    expect(findChromium(search('win32', ['C:\\Users\\ada\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe'], env, 'C:\\Users\\ada'))).toEqual({
      ok: true,
      path: 'C:\\Users\\ada\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe',
    });
    expect(findChromium(search('win32', ['C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe'], env, 'C:\\Users\\ada'))).toEqual({
      ok: true,
      path: 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe',
    });
    expect(chromiumCandidates({ platform: 'win32', env: {}, home: 'C:\\Users\\ada' })).toContain('C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe');
  });

  it('honours CHROMIUM_PATH, and says when it points at nothing rather than searching elsewhere', () => {
    expect(findChromium(search('linux', ['/usr/bin/chromium', '/srv/chrome'], { CHROMIUM_PATH: '/srv/chrome' }))).toEqual({ ok: true, path: '/srv/chrome' });
    const wrong = findChromium(search('linux', ['/usr/bin/chromium'], { CHROMIUM_PATH: '/srv/nothing' }));
    expect(wrong).toMatchObject({ ok: false, tried: ['/srv/nothing'] });
    expect(!wrong.ok && wrong.message).toContain('CHROMIUM_PATH is /srv/nothing, but there is no browser there');
  });

  it('names every place it looked when there is no browser at all', () => {
    for (const [platform, home] of [
      ['linux', '/home/ada'],
      ['darwin', '/Users/ada'],
      ['win32', 'C:\\Users\\ada'],
    ] as const) {
      const none = findChromium(search(platform, [], { PATH: platform === 'win32' ? 'C:\\Tools' : '/opt/tools' }, home));
      expect(none.ok).toBe(false);
      if (none.ok) continue;
      expect(none.tried.length).toBeGreaterThan(5);
      for (const place of none.tried) expect(none.message).toContain(place);
      expect(none.message).toMatch(/^no Chrome, Chromium or Edge found to print PDFs with: .*set CHROMIUM_PATH/);
      expect(none.tried).toContain(platform === 'win32' ? 'C:\\Tools\\msedge.exe' : '/opt/tools/chromium');
    }
  });
});

describe('chromiumPath on this machine', () => {
  it('finds the browser the tests print with: CHROMIUM_PATH if set, else one of the usual places', () => {
    const found = chromiumPath();
    expect(fs.statSync(found).isFile()).toBe(true);
    const named = process.env.CHROMIUM_PATH;
    if (named !== undefined && named !== '') expect(found).toBe(named);
    else expect(findChromium({ platform: process.platform, env: process.env, home: os.homedir(), isExecutable: (f) => fs.existsSync(f) })).toEqual({ ok: true, path: found });
  });
});
