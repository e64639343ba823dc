/**
 * better-sqlite3 is a native module, built for one ABI at a time: plain Node's (tests, CLI, browser
 * mode) or Electron's (the desktop app, after `electron-builder install-app-deps`). A binary built
 * for the other one fails to load with NODE_MODULE_VERSION in the message. These helpers find out
 * which case we are in by loading the module in a fresh process of the target runtime, and say
 * whether a rebuild will fix it; ensure-native-main.ts runs them from the npm scripts.
 */
import { spawnSync } from 'node:child_process';

export type NativeTarget = 'node' | 'electron';

export interface AbiMismatch {
  /** The ABI the binary on disk was built for. */
  builtFor: number;
  /** The ABI the runtime that tried to load it needs. */
  runtimeNeeds: number;
}

export type NativeProbe = { ok: true } | { ok: false; message: string };

export type NativeAction = { action: 'none' } | { action: 'rebuild'; reason: string } | { action: 'fail'; reason: string };

/** Reads Node's "compiled against a different Node.js version" error. */
export function parseAbiMismatch(message: string): AbiMismatch | null {
  const m = /NODE_MODULE_VERSION\s+(\d+)\.[\s\S]*?requires\s+NODE_MODULE_VERSION\s+(\d+)/.exec(message);
  if (!m?.[1] || !m[2]) return null;
  return { builtFor: Number(m[1]), runtimeNeeds: Number(m[2]) };
}

/** Load failures that a rebuild from source (or a matching prebuilt binary) repairs. */
const REBUILD_FIXES: { pattern: RegExp; reason: string }[] = [
  { pattern: /Could not locate the bindings file/, reason: 'better-sqlite3 has no compiled binary' },
  { pattern: /invalid ELF header|wrong ELF class|not a valid Win32 application|mach-o, but wrong architecture|incompatible architecture/i, reason: 'the binary was built for another platform or architecture' },
  { pattern: /undefined symbol|Symbol not found|The specified procedure could not be found/, reason: 'the binary does not match this runtime' },
];

export function decideNativeAction(probe: NativeProbe, target: NativeTarget): NativeAction {
  if (probe.ok) return { action: 'none' };
  const mismatch = parseAbiMismatch(probe.message);
  if (mismatch) {
    return { action: 'rebuild', reason: `better-sqlite3 is built for ABI ${mismatch.builtFor}; ${target === 'node' ? 'Node' : 'Electron'} needs ABI ${mismatch.runtimeNeeds}` };
  }
  if (/Cannot find module 'better-sqlite3'/.test(probe.message)) {
    return { action: 'fail', reason: 'better-sqlite3 is not installed: run `npm install`' };
  }
  for (const fix of REBUILD_FIXES) {
    if (fix.pattern.test(probe.message)) return { action: 'rebuild', reason: fix.reason };
  }
  return { action: 'fail', reason: `better-sqlite3 does not load: ${firstLine(probe.message)}` };
}

/** The command that rebuilds better-sqlite3 for the target (run from the package root). */
export function rebuildCommand(target: NativeTarget): { command: string; args: string[] } {
  return target === 'node'
    ? { command: 'npm', args: ['rebuild', 'better-sqlite3'] }
    : { command: 'npx', args: ['--no', 'electron-builder', 'install-app-deps'] };
}

/** Opens an in-memory database with the package's better-sqlite3, in a process of its own. */
const PROBE_SCRIPT = [
  'try {',
  "  const Database = require('better-sqlite3');",
  "  const db = new Database(':memory:');",
  "  if (db.prepare('SELECT 1 AS one').get().one !== 1) throw new Error('SELECT 1 returned something else');",
  '  db.close();',
  '} catch (err) {',
  // Only the message: the stack of a one-line script says nothing.
  '  process.stderr.write(String(err && err.message ? err.message : err));',
  '  process.exit(1);',
  '}',
].join('\n');

/**
 * Loads better-sqlite3 with `execPath` (Node, or Electron's binary with ELECTRON_RUN_AS_NODE) from
 * `packageRoot`. A fresh process each time: a failed dlopen is cached for the life of a process.
 */
export function probeNativeModule(execPath: string, packageRoot: string, env: NodeJS.ProcessEnv = process.env): NativeProbe {
  const result = spawnSync(execPath, ['-e', PROBE_SCRIPT], { cwd: packageRoot, env, encoding: 'utf8', timeout: 60_000 });
  if (result.error) return { ok: false, message: `cannot run ${execPath}: ${result.error.message}` };
  if (result.status === 0) return { ok: true };
  return { ok: false, message: result.stderr.trim() || `exit code ${result.status}` };
}

function firstLine(text: string): string {
  return text.split('\n').find((l) => l.trim() !== '')?.trim() ?? text;
}
