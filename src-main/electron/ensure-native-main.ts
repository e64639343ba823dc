/**
 * `node dist/ensure-native.mjs --for node|electron [--check]`: makes better-sqlite3 loadable by the
 * runtime about to use it, rebuilding only when the binary on disk is for the other one. Run by
 * `npm start` (for Electron) and by `npm test` / `npm run web` (for Node), so switching between the
 * desktop app and the tests costs one rebuild, and nothing when nothing changed. For Electron it first
 * makes sure Electron's binary is there (electron-install.ts: its own installer downloads it on a
 * fresh machine; a failed download ends here with what to do about it).
 * `--check` only reports: exit 0 when it loads, 3 when a rebuild is needed, 1 when it cannot be fixed.
 */
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import { packageRoot } from '../paths.js';
import { ensureElectronBinary } from './electron-install.js';
import { decideNativeAction, probeNativeModule, rebuildCommand, type NativeProbe, type NativeTarget } from './native-abi.js';

const USAGE = 'usage: ensure-native --for node|electron [--check]';

function parseArgs(argv: string[]): { target: NativeTarget; check: boolean } {
  let target: NativeTarget | undefined;
  let check = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--check') check = true;
    else if (arg === '--for') {
      const value = argv[++i];
      if (value !== 'node' && value !== 'electron') throw new Error(`--for takes node or electron, not ${JSON.stringify(value ?? '')}\n${USAGE}`);
      target = value;
    } else throw new Error(`unknown argument ${JSON.stringify(arg)}\n${USAGE}`);
  }
  if (!target) throw new Error(`--for is required\n${USAGE}`);
  return { target, check };
}

function probe(target: NativeTarget, root: string, electron: string | null): NativeProbe {
  if (target === 'node' || electron === null) return probeNativeModule(process.execPath, root);
  return probeNativeModule(electron, root, { ...process.env, ELECTRON_RUN_AS_NODE: '1' });
}

async function main(): Promise<number> {
  const { target, check } = parseArgs(process.argv.slice(2));
  const root = packageRoot();
  let electron: string | null = null;
  if (target === 'electron') {
    const log = (line: string): void => void process.stderr.write(`ensure-native: ${line}\n`);
    const ensured = await ensureElectronBinary(path.join(root, 'node_modules', 'electron'), { env: process.env, platform: process.platform, arch: process.arch, home: os.homedir(), log });
    if (!ensured.ok) {
      log(ensured.message);
      return 1;
    }
    electron = ensured.binary;
  }
  const first = decideNativeAction(probe(target, root, electron), target);
  if (first.action === 'none') return 0;
  if (first.action === 'fail') {
    process.stderr.write(`ensure-native: ${first.reason}\n`);
    return 1;
  }
  if (check) {
    process.stderr.write(`ensure-native: ${first.reason}; a rebuild is needed\n`);
    return 3;
  }
  const { command, args } = rebuildCommand(target);
  process.stderr.write(`ensure-native: ${first.reason}; running ${command} ${args.join(' ')}\n`);
  // npm and npx are .cmd scripts on Windows, which only a shell can start.
  const rebuilt = spawnSync(command, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (rebuilt.status !== 0) {
    process.stderr.write(`ensure-native: ${command} ${args.join(' ')} failed (exit code ${rebuilt.status})\n`);
    return 1;
  }
  const second = decideNativeAction(probe(target, root, electron), target);
  if (second.action !== 'none') {
    process.stderr.write(`ensure-native: still not loadable after the rebuild: ${second.reason}\n`);
    return 1;
  }
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`ensure-native: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 2;
  },
);
