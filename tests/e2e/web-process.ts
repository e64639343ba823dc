/**
 * Browser mode as a user starts it: `node dist/web.mjs --port 0 --db <file> --no-open`, its one stdout
 * line parsed for the launch address, and a clean SIGTERM stop.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../../src-main/paths.js';
import { TEST_CACHE_DIR } from '../helpers/sandbox.js';

/** Overridable to try another build of the server (the renderer is always dist/renderer). */
export const WEB_ENTRY = process.env.IM_E2E_WEB_ENTRY ?? path.join(packageRoot(), 'dist', 'web.mjs');
const LAUNCH_LINE = /^InfinityMATH Studio \(browser mode\): (http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]+)$/m;
/** Start-up opens the database and loads the starter pack; generous for a loaded 2-core machine. */
const START_DEADLINE_MS = 60_000;

export interface WebProcess {
  /** The launch address printed by the server (with the library's token). */
  url: string;
  stderr: () => string;
  stop: () => Promise<void>;
}

export function assertWebBuilt(): void {
  const index = path.join(packageRoot(), 'dist', 'renderer', 'index.html');
  if (!fs.existsSync(WEB_ENTRY) || !fs.existsSync(index)) {
    throw new Error(`browser mode is not built (${WEB_ENTRY} and ${index} are needed): run npm run build`);
  }
}

/** `port: 'remembered'` starts as a user does (no --port): the library's own port, kept across restarts. */
export function startWeb(dbPath: string, options: { port?: 'any' | 'remembered' } = {}): Promise<WebProcess> {
  const port = options.port === 'remembered' ? [] : ['--port', '0'];
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, [WEB_ENTRY, ...port, '--db', dbPath, '--no-open'], {
    // The Pyodide snapshot goes to the repository's ignored .cache/, shared with the other suites.
    env: { ...process.env, XDG_CACHE_HOME: path.dirname(TEST_CACHE_DIR) },
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const code = await exited;
    if (code !== 0) throw new Error(`the web server exited with ${String(code)} on SIGTERM: ${stderr}`);
  };

  return new Promise<WebProcess>((resolve, reject) => {
    const deadline = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no launch address from ${WEB_ENTRY} within ${START_DEADLINE_MS} ms; stderr: ${stderr}`));
    }, START_DEADLINE_MS);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = LAUNCH_LINE.exec(stdout);
      if (match?.[1] !== undefined) {
        clearTimeout(deadline);
        resolve({ url: match[1], stderr: () => stderr, stop });
      }
    });
    void exited.then((code) => {
      clearTimeout(deadline);
      reject(new Error(`the web server exited with ${String(code)} before printing its address; stderr: ${stderr}`));
    });
  });
}
