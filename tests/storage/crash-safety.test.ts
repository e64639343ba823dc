/**
 * Crash safety of imports: a child process writes batches (templates + checkpoint in one
 * transaction) and is killed with SIGKILL while a batch is being written. Afterwards the file must
 * pass SQLite's integrity check and the checkpoint must describe exactly the rows present, so that a
 * resumed run continues without gaps or duplicates, which the second round checks.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src-main/storage/database.js';
import { findResumable, getImport } from '../../src-main/storage/imports.repo.js';
import { countTemplates, searchTemplates } from '../../src-main/storage/templates.repo.js';
import { CRASH_FINGERPRINT, CRASH_FORMAT, CRASH_OPTIONS, CRASH_PACK, lineBytes } from './fixtures/crash-writer.shared.js';
import { makeTempDir, type TempDir } from './storage-fixtures.js';

const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
const BATCH = 400;

let tmp: TempDir;
let bundleDir: string;
let bundle: string;

beforeAll(async () => {
  tmp = makeTempDir();
  // Inside the repository so that the bundle's `import 'better-sqlite3'` resolves from node_modules.
  const cacheRoot = path.join(REPO_ROOT, 'node_modules/.cache/imstudio-storage-tests');
  mkdirSync(cacheRoot, { recursive: true });
  bundleDir = mkdtempSync(path.join(cacheRoot, 'crash-'));
  bundle = path.join(bundleDir, 'crash-writer.mjs');
  await build({
    entryPoints: [path.join(import.meta.dirname, 'fixtures/crash-writer.child.ts')],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: ['better-sqlite3'],
    logLevel: 'silent',
  });
});

afterAll(() => {
  tmp.remove();
  rmSync(bundleDir, { recursive: true, force: true });
});

interface ChildRun {
  importId: number;
  startLine: number;
  /** The highest nextLine the child reported as committed before it died. */
  reportedCommitted: number;
  signal: NodeJS.Signals | null;
}

/** Run the writer until it announces batch `killAt`, then SIGKILL it while that batch is in flight. */
function runAndKill(dbFile: string, killAt: number): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bundle, dbFile, String(BATCH)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk;
    });
    let importId = -1;
    let startLine = -1;
    let reportedCommitted = -1;
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      const [word, a, b] = line.split(' ');
      if (word === 'READY') {
        importId = Number(a);
        startLine = Number(b);
        reportedCommitted = startLine;
      } else if (word === 'COMMITTED') {
        reportedCommitted = Number(b);
      } else if (word === 'WRITING' && Number(a) === killAt) {
        child.kill('SIGKILL');
      }
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') {
        reject(new Error(`crash writer exited with code ${String(code)} instead of being killed:\n${stderr}`));
        return;
      }
      resolve({ importId, startLine, reportedCommitted, signal });
    });
  });
}

function expectedBytes(lines: number): number {
  let total = 0;
  for (let n = 0; n < lines; n += 1) total += lineBytes(n);
  return total;
}

/** Open the killed database and check that file, rows, search index and checkpoint agree. */
function verify(dbFile: string, run: ChildRun): number {
  const app = openDatabase(dbFile);
  try {
    const db = app.db;
    expect(db.pragma('integrity_check')).toEqual([{ integrity_check: 'ok' }]);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    // FTS5's own consistency check throws if the index disagrees with itself.
    db.exec("INSERT INTO templates_fts (templates_fts, rank) VALUES ('integrity-check', 0)");

    const record = getImport(db, run.importId);
    expect(record?.status).toBe('running'); // nobody finished it: it died
    const nextLine = record?.nextLine ?? -1;
    // Killed while batch `killAt` was in flight: either it committed just before the kill or not at all.
    expect([run.reportedCommitted, run.reportedCommitted + BATCH]).toContain(nextLine);
    expect(nextLine).toBeGreaterThan(run.startLine);

    // The checkpoint describes exactly the rows present: same count, no gaps, nothing beyond it.
    expect(countTemplates(db, { packId: CRASH_PACK })).toBe(nextLine);
    const bounds = db.prepare('SELECT min(id) AS lo, max(id) AS hi, count(DISTINCT id) AS n FROM templates').get();
    expect(bounds).toEqual({ lo: 'crash.0000000', hi: `crash.${String(nextLine - 1).padStart(7, '0')}`, n: nextLine });
    expect(db.prepare('SELECT count(*) FROM templates_fts').pluck().get()).toBe(nextLine);
    expect(record?.nextByte).toBe(expectedBytes(nextLine));
    expect(record?.counters).toEqual({ stored: nextLine });
    expect(searchTemplates(db, `Row ${nextLine - 1}`, 5).map((h) => h.id)).toContain(`crash.${String(nextLine - 1).padStart(7, '0')}`);
    expect(findResumable(db, CRASH_FINGERPRINT, CRASH_FORMAT, CRASH_OPTIONS)?.id).toBe(run.importId);
    return nextLine;
  } finally {
    app.close();
  }
}

describe('crash safety (SIGKILL during a batch)', () => {
  it('leaves a consistent file whose checkpoint matches the rows, and resumes exactly there', async () => {
    const dbFile = tmp.file('crash.sqlite');

    const first = await runAndKill(dbFile, 5);
    expect(first.signal).toBe('SIGKILL');
    expect(first.startLine).toBe(0);
    const afterFirst = verify(dbFile, first);

    // Second life: resumes from the checkpoint (same import run), writes on, is killed again.
    const second = await runAndKill(dbFile, 3);
    expect(second.importId).toBe(first.importId);
    expect(second.startLine).toBe(afterFirst);
    const afterSecond = verify(dbFile, second);
    expect(afterSecond).toBeGreaterThanOrEqual(afterFirst + 3 * BATCH);
  });
});
