/**
 * How the desktop backend starts its sandbox pool (src-main/backend/sandbox-launch.ts): under Electron no
 * execPath (Electron's fork wrapper runs the children in the Helper on macOS, and as Node everywhere), and
 * at most min(4, cores − 1) children, each of which holds 120–230 MB.
 */
import { describe, expect, it } from 'vitest';
import { contextOptionsFromInit } from '../../src-main/backend/backend-server.js';
import { desktopPoolSize, sandboxLaunch } from '../../src-main/backend/sandbox-launch.js';

describe('desktopPoolSize', () => {
  it('keeps a core for the window and never goes past four', () => {
    expect([1, 2, 3, 4, 5, 8, 16, 64].map(desktopPoolSize)).toEqual([1, 1, 2, 3, 4, 4, 4, 4]);
  });
});

describe('sandboxLaunch', () => {
  it('under Electron leaves execPath to Electron’s fork and still names ELECTRON_RUN_AS_NODE', () => {
    expect(sandboxLaunch({}, { electron: true, cores: 16 })).toEqual({ poolSize: 4, extraEnv: { ELECTRON_RUN_AS_NODE: '1' } });
  });

  it('in plain Node (tests) adds nothing but the size', () => {
    expect(sandboxLaunch({}, { electron: false, cores: 2 })).toEqual({ poolSize: 1 });
  });

  it('an explicit size or binary from init wins', () => {
    expect(sandboxLaunch({ poolSize: 7 }, { electron: true, cores: 2 })).toEqual({ poolSize: 7, extraEnv: { ELECTRON_RUN_AS_NODE: '1' } });
    expect(sandboxLaunch({ execPath: '/opt/node' }, { electron: false, cores: 8 })).toEqual({ poolSize: 4, execPath: '/opt/node', extraEnv: { ELECTRON_RUN_AS_NODE: '1' } });
  });

  it('is what the backend creates its AppContext with', () => {
    const init = { type: 'init' as const, dbPath: '/home/ada/lib.sqlite', cacheDir: '/home/ada/cache' };
    expect(contextOptionsFromInit(init, { electron: true, cores: 12 })).toEqual({
      dbPath: '/home/ada/lib.sqlite',
      cacheDir: '/home/ada/cache',
      mode: 'electron',
      poolSize: 4,
      extraEnv: { ELECTRON_RUN_AS_NODE: '1' },
    });
  });
});
