/**
 * `npm run smoke:electron` (dist/smoke-electron.mjs, after ensure-native has made sure Electron's binary
 * is there): starts the real app in its smoke mode (smoke-run.ts), waits for it, prints its report and
 * exits with its code. A missing binary, a missing display or an app that hangs each end with a message
 * saying which, never with a wait: the app gets a few minutes, then it is stopped.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import { packageRoot } from '../paths.js';
import { decideElectron, readElectronState } from './electron-install.js';
import { smokeLaunch } from './smoke-launch.js';

const TIMEOUT_MS = 5 * 60_000;

function fail(message: string): never {
  process.stderr.write(`smoke:electron: ${message}\n`);
  process.exit(1);
}

function hasXvfbRun(): boolean {
  return spawnSync('xvfb-run', ['--help'], { stdio: 'ignore' }).error === undefined;
}

async function main(): Promise<void> {
  const root = packageRoot();
  const electronDir = path.join(root, 'node_modules', 'electron');
  const decision = decideElectron(readElectronState(electronDir, process.env, process.platform), electronDir);
  if (decision.action !== 'ready') {
    fail(`${decision.reason}. Run \`npm run smoke:electron\`, which downloads it first (node dist/ensure-native.mjs --for electron), and read its message if that fails.`);
  }
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'infinitymath-smoke-'));
  const reportFile = path.join(work, 'smoke-report.json');
  const launch = smokeLaunch({
    platform: process.platform,
    env: process.env,
    electron: decision.binary,
    appDir: root,
    reportFile,
    dataDir: path.join(work, 'library'),
    hasXvfbRun: process.platform === 'linux' && hasXvfbRun(),
  });
  if (!launch.ok) fail(launch.message);
  process.stderr.write(`smoke:electron: ${launch.command} ${launch.args.join(' ')}\n`);
  const child = spawn(launch.command, launch.args, { env: launch.env, stdio: ['ignore', 'inherit', 'inherit'] });
  const timer = setTimeout(() => {
    process.stderr.write(`smoke:electron: the app did not finish within ${TIMEOUT_MS / 60_000} minutes; stopping it\n`);
    child.kill('SIGKILL');
  }, TIMEOUT_MS);
  const code = await new Promise<number>((resolve) => {
    child.once('error', (err) => {
      process.stderr.write(`smoke:electron: could not start ${launch.command}: ${err.message}\n`);
      resolve(1);
    });
    child.once('exit', (exitCode, signal) => resolve(exitCode ?? (signal !== null ? 1 : 0)));
  });
  clearTimeout(timer);
  if (!fs.existsSync(reportFile)) fail(`the app exited (code ${code}) without writing its report (${reportFile}); its own output is above`);
  const report = JSON.parse(fs.readFileSync(reportFile, 'utf8')) as { ok: boolean; steps: { name: string; ms: number; detail: string }[]; failed: { step: string; error: string } | null };
  for (const step of report.steps) process.stdout.write(`ok   ${step.name} (${step.ms} ms)${step.detail === '' ? '' : `: ${step.detail}`}\n`);
  if (report.failed !== null) process.stdout.write(`FAIL ${report.failed.step}: ${report.failed.error}\n`);
  process.stdout.write(`report: ${reportFile}${fs.existsSync(reportFile.replace(/\.json$/, '.pdf')) ? `, PDF: ${reportFile.replace(/\.json$/, '.pdf')}` : ''}\n`);
  process.exit(report.ok && code === 0 ? 0 : 1);
}

main().catch((err: unknown) => fail(err instanceof Error ? err.message : String(err)));
