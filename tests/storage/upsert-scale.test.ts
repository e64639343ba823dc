/**
 * The import-sized workload: 101,110 made-up word-problem templates (10,111 of them, each repeated ten
 * times under new ids, as many as GSM8K train+test and PAL gsm-hard together: the real-text run of the
 * same workload is tests/corpora/storage-real-text.test.ts) upserted in batches of 1,000, with the FTS
 * index maintained.
 * Asserts counts and idempotency at that size; the throughput is printed, not asserted (a timing
 * assertion would fail on a busy machine without anything being wrong).
 */
import { statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type AppDatabase } from '../../src-main/storage/database.js';
import { createPack } from '../../src-main/storage/packs.repo.js';
import { countTemplates, searchTemplates, upsertTemplates, type TemplateUpsertItem, type UpsertResult } from '../../src-main/storage/templates.repo.js';
import { madeUpTemplates, makeTempDir, type TempDir } from './storage-fixtures.js';

const COPIES = 10;
const BATCH = 1000;

let tmp: TempDir;
let app: AppDatabase;
let items: TemplateUpsertItem[];

beforeAll(() => {
  tmp = makeTempDir();
  app = openDatabase(tmp.file('big.sqlite'));
  createPack(app.db, { id: 'big', name: 'Big', sourceKind: 'import' });
  const base = madeUpTemplates(10_111);
  items = [];
  for (let copy = 0; copy < COPIES; copy += 1) {
    for (const template of base) {
      items.push({ template: { ...template, id: `${template.id}.c${copy}` }, original: { question: template.original_problem, copy } });
    }
  }
});
afterAll(() => {
  app.close();
  tmp.remove();
});

interface Timed {
  total: UpsertResult;
  seconds: number;
  /** CPU time of this process: on a shared machine wall time also measures the neighbours. */
  cpuSeconds: number;
}

function upsertAll(list: readonly TemplateUpsertItem[]): Timed {
  const total: UpsertResult = { inserted: 0, updated: 0, unchanged: 0, conflicts: [] };
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < list.length; i += BATCH) {
    const r = upsertTemplates(app.db, 'big', list.slice(i, i + BATCH));
    total.inserted += r.inserted;
    total.updated += r.updated;
    total.unchanged += r.unchanged;
    total.conflicts.push(...r.conflicts);
  }
  const cpu = process.cpuUsage(cpu0);
  return { total, seconds: (performance.now() - t0) / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
}

function report(label: string, rows: number, timed: Timed): void {
  console.log(
    `[storage bench] ${label}: ${rows} rows in ${timed.seconds.toFixed(2)} s = ${Math.round(rows / timed.seconds)} rows/s ` +
      `(CPU ${timed.cpuSeconds.toFixed(2)} s = ${Math.round(rows / timed.cpuSeconds)} rows per CPU-second)`,
  );
}

describe(`upserting ${COPIES}× 10,111 made-up templates in batches of ${BATCH}`, () => {
  it('inserts everything, then finds nothing to do on a re-import, then updates what changed', () => {
    expect(items.length).toBe(101_110);

    const first = upsertAll(items);
    report('insert (with FTS)', items.length, first);
    expect(first.total).toEqual({ inserted: items.length, updated: 0, unchanged: 0, conflicts: [] });
    expect(countTemplates(app.db)).toBe(items.length);
    expect(app.db.prepare('SELECT count(*) FROM templates_fts').pluck().get()).toBe(items.length);

    const second = upsertAll(items);
    report('re-import, unchanged', items.length, second);
    expect(second.total).toEqual({ inserted: 0, updated: 0, unchanged: items.length, conflicts: [] });

    const changed = items.map((item, i) => (i % 10 === 0 ? { template: { ...item.template, difficulty: 2 } } : item));
    const third = upsertAll(changed);
    report('re-import, 10% changed', items.length, third);
    expect(third.total).toEqual({ inserted: 0, updated: 10_111, unchanged: items.length - 10_111, conflicts: [] });

    const t0 = performance.now();
    const hits = searchTemplates(app.db, 'hens eggs market', 20);
    console.log(`[storage bench] FTS search over ${items.length} rows: ${(performance.now() - t0).toFixed(1)} ms, ${hits.length} hits`);
    expect(hits.length).toBe(20);
    app.db.pragma('wal_checkpoint(TRUNCATE)');
    console.log(`[storage bench] database size: ${(statSync(app.file).size / 1e6).toFixed(1)} MB`);
  });
});
