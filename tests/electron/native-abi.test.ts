/**
 * Telling whether better-sqlite3 loads in the runtime about to use it, and what to do if not. The
 * probe runs for real against this checkout (built for Node here); `--check` of the script never
 * rebuilds, so the test cannot change node_modules.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { decideNativeAction, parseAbiMismatch, probeNativeModule, rebuildCommand } from '../../src-main/electron/native-abi.js';
import { packageRoot } from '../../src-main/paths.js';
import { bundleForTest } from '../backend/bundle.js';

// Node's own wording (src/node_binding.cc), as printed when a module built for Electron 45 is loaded by Node 20.
const NODE_LOADS_ELECTRON_BUILD =
  "The module '/app/node_modules/better-sqlite3/build/Release/better_sqlite3.node'\n" +
  'was compiled against a different Node.js version using\n' +
  'NODE_MODULE_VERSION 140. This version of Node.js requires\n' +
  'NODE_MODULE_VERSION 115. Please try re-compiling or re-installing\n' +
  'the module (for instance, using `npm rebuild` or `npm install`).';

describe('parseAbiMismatch', () => {
  it('reads both ABIs', () => {
    expect(parseAbiMismatch(NODE_LOADS_ELECTRON_BUILD)).toEqual({ builtFor: 140, runtimeNeeds: 115 });
    expect(parseAbiMismatch(NODE_LOADS_ELECTRON_BUILD.replace('140', '115').replace('requires\nNODE_MODULE_VERSION 115', 'requires\nNODE_MODULE_VERSION 140'))).toEqual({
      builtFor: 115,
      runtimeNeeds: 140,
    });
  });

  it('is null for other errors', () => {
    expect(parseAbiMismatch("Cannot find module 'better-sqlite3'")).toBeNull();
    expect(parseAbiMismatch('NODE_MODULE_VERSION 140.')).toBeNull();
  });
});

describe('decideNativeAction', () => {
  it.each([
    [{ ok: true } as const, 'node', { action: 'none' }],
    [{ ok: false, message: NODE_LOADS_ELECTRON_BUILD } as const, 'node', { action: 'rebuild', reason: 'better-sqlite3 is built for ABI 140; Node needs ABI 115' }],
    [
      { ok: false, message: NODE_LOADS_ELECTRON_BUILD.replace('140', 'X').replace('115', '140').replace('X', '115') } as const,
      'electron',
      { action: 'rebuild', reason: 'better-sqlite3 is built for ABI 115; Electron needs ABI 140' },
    ],
    [{ ok: false, message: 'Could not locate the bindings file. Tried:\n → /app/build/better_sqlite3.node' } as const, 'node', { action: 'rebuild', reason: 'better-sqlite3 has no compiled binary' }],
    [{ ok: false, message: '/app/better_sqlite3.node: invalid ELF header' } as const, 'node', { action: 'rebuild', reason: 'the binary was built for another platform or architecture' }],
    [{ ok: false, message: "Cannot find module 'better-sqlite3'\nRequire stack:\n- /app/[eval]" } as const, 'node', { action: 'fail', reason: 'better-sqlite3 is not installed: run `npm install`' }],
    [{ ok: false, message: '\nSegmentation fault\nmore' } as const, 'electron', { action: 'fail', reason: 'better-sqlite3 does not load: Segmentation fault' }],
  ])('%j for %s → %j', (probe, target, expected) => {
    expect(decideNativeAction(probe, target as 'node' | 'electron')).toEqual(expected);
  });
});

describe('rebuildCommand', () => {
  it('rebuilds with npm for Node and with electron-builder for Electron', () => {
    expect(rebuildCommand('node')).toEqual({ command: 'npm', args: ['rebuild', 'better-sqlite3'] });
    expect(rebuildCommand('electron')).toEqual({ command: 'npx', args: ['--no', 'electron-builder', 'install-app-deps'] });
  });
});

describe('probeNativeModule', () => {
  it('loads better-sqlite3 in a fresh Node process from the package root', () => {
    expect(probeNativeModule(process.execPath, packageRoot())).toEqual({ ok: true });
  });

  it('reports a runtime that cannot be started', () => {
    const probe = probeNativeModule('/nonexistent/electron', packageRoot());
    expect(probe).toEqual({ ok: false, message: 'cannot run /nonexistent/electron: spawnSync /nonexistent/electron ENOENT' });
    expect(decideNativeAction(probe, 'electron').action).toBe('fail');
  });

  it('reports a missing package without its stack', () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'im-abi-'));
    try {
      const probe = probeNativeModule(process.execPath, empty);
      expect(probe.ok).toBe(false);
      expect(probe.ok ? '' : probe.message).toMatch(/^Cannot find module 'better-sqlite3'/);
      expect(decideNativeAction(probe, 'node')).toEqual({ action: 'fail', reason: 'better-sqlite3 is not installed: run `npm install`' });
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });
});

describe('ensure-native script', () => {
  let script: string;
  beforeAll(async () => {
    script = await bundleForTest('src-main/electron/ensure-native-main.ts', 'ensure-native');
  });

  function run(...args: string[]): { code: number | null; stderr: string } {
    const r = spawnSync(process.execPath, [script, ...args], { encoding: 'utf8', timeout: 60_000 });
    return { code: r.status, stderr: r.stderr };
  }

  it('--check --for node succeeds silently when better-sqlite3 loads', () => {
    expect(run('--for', 'node', '--check')).toEqual({ code: 0, stderr: '' });
  });

  it('explains bad arguments with exit code 2', () => {
    expect(run('--check')).toEqual({ code: 2, stderr: 'ensure-native: --for is required\nusage: ensure-native --for node|electron [--check]\n' });
    expect(run('--for', 'deno')).toEqual({ code: 2, stderr: 'ensure-native: --for takes node or electron, not "deno"\nusage: ensure-native --for node|electron [--check]\n' });
    expect(run('--for', 'node', '--force').code).toBe(2);
  });
});
