/**
 * The import runner on real files and a real SQLite database: per-line errors with numbers and
 * reasons, idempotent re-import, updates, cancellation and resume, and a kill -9 in the middle of an
 * import that leaves a sound database which the next run resumes.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importFile } from '../../src-main/importers/import-runner.js';
import { packageRoot } from '../../src-main/paths.js';
import { openDatabase, type AppDatabase } from '../../src-main/storage/database.js';
import { countTemplates, getTemplate } from '../../src-main/storage/templates.repo.js';
import { syntheticRow, writeSyntheticFile } from '../helpers/synthetic-infinitymath.js';

let dir: string;
let app: AppDatabase;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'im-import-'));
  app = openDatabase(path.join(dir, 'lib.sqlite'));
});
afterEach(() => {
  app.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const missingProgram = syntheticRow(5);
delete missingProgram.generated_program;
const brokenProgram = { ...syntheticRow(7), generated_program: 'def solution(a):\n    return "unterminated\n' };
const wrongType = { ...syntheticRow(15), variables: 42 };
const BAD: Record<number, string> = {
  3: '{"id": "x", "source": ',
  5: JSON.stringify(missingProgram),
  7: JSON.stringify(brokenProgram),
  9: JSON.stringify({ ...syntheticRow(9), padding: 'x'.repeat(10_000) }),
  11: JSON.stringify(syntheticRow(10)),
  13: '[1, 2, 3]',
  15: JSON.stringify(wrongType),
  17: '',
};

describe('importing an InfinityMATH-shaped file', () => {
  it('reports every bad line with its number and reason, and imports the rest', async () => {
    const file = path.join(dir, 'rows.jsonl');
    writeSyntheticFile(file, 40, { bad: BAD });
    const report = await importFile(app.db, file, { format: 'infinitymath', maxLineBytes: 4096, batchSize: 7 });
    expect(report.rowsRead).toBe(39); // line 17 is blank
    expect(report.inserted).toBe(32);
    expect(report.skipped).toBe(7);
    expect(report.errors.map((e) => [e.lineNo, e.reason])).toEqual([
      [3, 'bad-json'],
      [5, 'missing-field'],
      [7, 'program-does-not-parse'],
      [9, 'line-too-long'],
      [11, 'duplicate-id'],
      [13, 'not-an-object'],
      [15, 'wrong-type'],
    ]);
    expect(report.errors.find((e) => e.lineNo === 7)?.detail).toContain('program line 2: unterminated string');
    expect(report.errors.find((e) => e.lineNo === 5)?.detail).toMatch(/program/);
    expect(countTemplates(app.db, { packId: report.packId })).toBe(32);
    // Recognised keys are reported, and the bare-name placeholders detected.
    // Counted over every row that had the key, including rows rejected later (broken program, duplicate id).
    expect(report.details).toMatchObject({ recognised: { generic: { generalized_problem: 36 }, program: { generated_program: 35 } } });
    expect(report.details).toMatchObject({ placeholderStyles: { bare: 34 } });
    const stored = getTemplate(app.db, 'im.synthetic-1');
    expect(stored?.template.variables).toEqual({ num_marbles: 11, num_boxes: 3, price_per_box: 2 });
  });

  it('is idempotent, and updates only what changed', async () => {
    const file = path.join(dir, 'rows.jsonl');
    writeSyntheticFile(file, 25);
    const first = await importFile(app.db, file, { format: 'infinitymath' });
    expect([first.inserted, first.updated, first.unchanged]).toEqual([25, 0, 0]);
    const again = await importFile(app.db, file, { format: 'infinitymath' });
    expect([again.inserted, again.updated, again.unchanged]).toEqual([0, 0, 25]);
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    lines[4] = JSON.stringify({ ...syntheticRow(5), generalized_problem: 'A changed text with num_boxes boxes.' });
    fs.writeFileSync(file, lines.join('\n'));
    const third = await importFile(app.db, file, { format: 'infinitymath' });
    expect([third.inserted, third.updated, third.unchanged]).toEqual([0, 1, 24]);
  });

  it('takes explicit key overrides (--map) for unknown layouts', async () => {
    const file = path.join(dir, 'renamed.jsonl');
    const rows = [1, 2, 3].map((i) => {
      const r = syntheticRow(i);
      const { generalized_problem: generic, ...rest } = r;
      return JSON.stringify({ ...rest, templ_text: generic });
    });
    fs.writeFileSync(file, `${rows.join('\n')}\n`);
    const without = await importFile(app.db, file, { format: 'infinitymath', packId: 'a' });
    expect(without.skippedByReason['missing-field']).toBe(3);
    const withMap = await importFile(app.db, file, { format: 'infinitymath', packId: 'b', map: { generic: 'templ_text' } });
    expect(withMap.inserted).toBe(3);
  });

  it('can be cancelled and resumes where it stopped', async () => {
    const file = path.join(dir, 'rows.jsonl');
    writeSyntheticFile(file, 300);
    const controller = new AbortController();
    const first = await importFile(app.db, file, {
      format: 'infinitymath',
      batchSize: 50,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.rowsRead >= 100) controller.abort();
      },
    });
    expect(first.cancelled).toBe(true);
    expect(first.inserted).toBe(100);
    const second = await importFile(app.db, file, { format: 'infinitymath', batchSize: 50 });
    expect(second.cancelled).toBe(false);
    expect(second.resumedFromLine).toBe(101);
    expect(second.inserted).toBe(300); // counters continue from the checkpoint
    expect(countTemplates(app.db, { packId: second.packId })).toBe(300);
  });
});

describe('crash safety', () => {
  it('a kill -9 in the middle of an import leaves a sound database, and the next run resumes', async () => {
    app.close();
    const file = path.join(dir, 'big.jsonl');
    const rows = 30_000;
    writeSyntheticFile(file, rows);
    const dbFile = path.join(dir, 'crash.sqlite');
    const cli = path.join(packageRoot(), 'dist', 'cli.mjs');
    const child = spawn(process.execPath, [cli, 'import', file, '--format', 'infinitymath', '--db', dbFile, '--progress-json'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    // Kill it as soon as three batches are committed: mid-import, with more to come.
    await new Promise<void>((resolve, reject) => {
      let seen = 0;
      let buffered = '';
      child.stderr.on('data', (chunk: Buffer) => {
        buffered += chunk.toString();
        const lines = buffered.split('\n');
        buffered = lines.pop() ?? '';
        seen += lines.filter((l) => l.startsWith('progress ')).length;
        if (seen >= 3 && child.exitCode === null) {
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.once('exit', (code) => {
        if (seen < 3) reject(new Error(`import ended before it could be killed (code ${code})`));
      });
    });
    await new Promise((resolve) => child.once('exit', resolve));
    expect(child.signalCode).toBe('SIGKILL');

    const raw = new Database(dbFile);
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    const run = raw.prepare("SELECT status, next_line, counters_json FROM imports ORDER BY id DESC LIMIT 1").get() as { status: string; next_line: number; counters_json: string };
    const stored = (raw.prepare("SELECT count(*) AS n FROM templates WHERE pack_id = 'import.big'").get() as { n: number }).n;
    raw.close();
    expect(run.status).toBe('running');
    expect(run.next_line).toBeGreaterThan(0);
    expect(run.next_line).toBeLessThan(rows);
    // The checkpoint and the rows agree: committed together.
    expect(stored).toBe(run.next_line);
    expect((JSON.parse(run.counters_json) as { inserted: number }).inserted).toBe(stored);

    app = openDatabase(dbFile);
    const resumed = await importFile(app.db, file, { format: 'infinitymath' });
    expect(resumed.resumedFromLine).toBe(run.next_line + 1);
    expect(resumed.inserted).toBe(rows);
    expect(countTemplates(app.db, { packId: 'import.big' })).toBe(rows);
  });
});
