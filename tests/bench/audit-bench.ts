/**
 * Audit figures for `npm run bench` (the lead wires `auditBench` into tests/bench/bench.ts): the issue's
 * goal is an audit of a 100k-template library at 20 draws each on 2 cores in ≤ 3 min. A 100k library
 * is not built here (its import alone is its own benchmark); instead, in the same run:
 *
 * 1. the engine's raw verified instances/s (prepare + 20 instances per template, as bench.ts measures
 *    it) on a sample of the library — the reference;
 * 2. a full audit (`auditLibrary`: duplicate scan, 20 draws + the original values per template, results
 *    saved in batches) of BENCH_TEMPLATES templates, as program runs/s against that reference;
 * 3. the duplicate scan on 100k synthetic problem texts and the dataset report over 100k audited rows,
 *    both measured at full size;
 * and the 100k audit time extrapolated from (2) and (3).
 *
 * The templates are the starter pack's, cycled, each with its own program text (a comment naming the
 * copy) so every one is compiled in every sandbox process as a distinct program would be, and its own
 * wording (two words from a list), so the duplicate scan has real work.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { auditLibrary } from '../../src-main/audit/audit-runner.js';
import { findDuplicates } from '../../src-main/audit/duplicates.js';
import { generateInstances } from '../../src-main/engine/generate.js';
import { prepareTemplate } from '../../src-main/engine/prepared-template.js';
import { readStarterTemplates } from '../../src-main/library/starter-pack.js';
import { computeReport } from '../../src-main/report/dataset-report.js';
import type { SandboxPool } from '../../src-main/sandbox/pool.js';
import { saveAudits, type AuditInput } from '../../src-main/storage/audits.repo.js';
import { openDatabase } from '../../src-main/storage/database.js';
import type { WriteDb } from '../../src-main/storage/db-handles.js';
import { createPack } from '../../src-main/storage/packs.repo.js';
import { upsertTemplates } from '../../src-main/storage/templates.repo.js';
import type { Template } from '../../src-main/template/template.types.js';

const BENCH_TEMPLATES = Number(process.env.AUDIT_BENCH_TEMPLATES ?? 5000);
const ENGINE_SAMPLE = 600;
const DRAWS = 20;
const LIBRARY = 100_000;
const GOAL_S = 180;

const WORDS = ['red', 'green', 'blue', 'north', 'south', 'early', 'late', 'small', 'large', 'quiet', 'busy', 'old', 'new', 'near', 'far', 'warm', 'cold', 'wet', 'dry', 'long'];

function fmt(x: number, digits = 0): string {
  return x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

function benchTemplates(n: number): Template[] {
  const starter = readStarterTemplates().templates;
  return Array.from({ length: n }, (_, i) => {
    const t = starter[i % starter.length] as Template;
    const copy = Math.floor(i / starter.length);
    const tag = `${WORDS[copy % WORDS.length] ?? 'x'} ${WORDS[Math.floor(copy / WORDS.length) % WORDS.length] ?? 'y'}`;
    return { ...t, id: `bench.${i}`, generic_problem: `${t.generic_problem} (${tag})`, program: `${t.program.trimEnd()}\n# bench copy ${i}\n` };
  });
}

function fillLibrary(db: WriteDb, packId: string, templates: readonly Template[]): void {
  createPack(db, { id: packId, name: packId, sourceKind: 'import' });
  for (let i = 0; i < templates.length; i += 5000) upsertTemplates(db, packId, templates.slice(i, i + 5000).map((template) => ({ template })));
}

/** The engine's own rate on these templates: prepare, then 20 verified instances each. */
async function engineRate(pool: SandboxPool, templates: readonly Template[]): Promise<number> {
  const started = performance.now();
  let instances = 0;
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < templates.length) {
      const t = templates[next++];
      if (!t) return;
      const report = await generateInstances(pool, await prepareTemplate(pool, t), Array.from({ length: DRAWS }, (_, i) => i + 1));
      instances += report.accepted;
    }
  };
  await Promise.all(Array.from({ length: pool.size * 4 }, worker));
  return instances / ((performance.now() - started) / 1000);
}

/** 100k problem texts of 25–45 words with 2% planted near-copies: the scan's time at full size. */
function duplicateScanMs(): { ms: number; found: number } {
  let state = 7;
  const rand = (): number => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2 ** 32;
  };
  const vocab = Array.from({ length: 5000 }, (_, i) => `w${i.toString(36)}`);
  const docs = Array.from({ length: LIBRARY }, (_, i) => {
    const words = Array.from({ length: 25 + Math.floor(rand() * 20) }, () => vocab[Math.floor(rand() * vocab.length)] ?? 'w');
    return { id: `d.${i}`, words, program: `p${i}` };
  });
  for (let i = 1; i < docs.length; i += 50) {
    const src = docs[i - 1];
    if (src) docs[i] = { id: `d.${i}`, words: [...src.words.slice(0, -1), 'changed'], program: src.program };
  }
  const t0 = performance.now();
  const found = findDuplicates(docs).size;
  return { ms: performance.now() - t0, found };
}

/** The dataset report over 100k audited templates (the figures the report page shows). */
function reportAt100k(dir: string): number {
  const app = openDatabase(path.join(dir, 'report-100k.sqlite'));
  try {
    const starter = readStarterTemplates().templates;
    fillLibrary(
      app.db,
      'big',
      Array.from({ length: LIBRARY }, (_, i) => ({ ...(starter[i % starter.length] as Template), id: `big.${i}`, source: `src${i % 7}` })),
    );
    const audits: AuditInput[] = Array.from({ length: LIBRARY }, (_, i) => ({
      templateId: `big.${i}`,
      runAt: 1,
      samples: DRAWS,
      valid: DRAWS - (i % 5),
      crashes: 0,
      timeouts: 0,
      needsModule: i % 97 === 0 ? 'sympy' : null,
      reproducesOriginal: i % 13 !== 0,
      acceptance: (DRAWS - (i % 5)) / DRAWS,
      status: i % 5 === 0 ? 'healthy' : i % 5 < 4 ? 'warning' : 'broken',
      reasons: i % 5 === 0 ? [] : [`only ${i % 100}% of draws are valid`],
      duplicateOf: i % 50 === 1 ? `big.${i - 1}` : null,
      details: { answerMagnitude: (i % 11) - 2 },
    }));
    for (let i = 0; i < audits.length; i += 10_000) saveAudits(app.db, audits.slice(i, i + 10_000));
    computeReport(app.db, {}); // warm the page cache once
    const t0 = performance.now();
    computeReport(app.db, {});
    return performance.now() - t0;
  } finally {
    app.close();
  }
}

export async function auditBench(pool: SandboxPool): Promise<string[][]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'im-audit-bench-'));
  try {
    const templates = benchTemplates(BENCH_TEMPLATES);
    const app = openDatabase(path.join(dir, 'audit.sqlite'));
    let auditS: number;
    let audited: number;
    try {
      fillLibrary(app.db, 'bench', templates);
      // The reference first, on templates the audit will also see (the processes' compiled-program caches
      // are per program text, so the audit gains nothing from it beyond a warm pool).
      const reference = await engineRate(pool, templates.slice(0, ENGINE_SAMPLE));
      const t0 = performance.now();
      const summary = await auditLibrary(app.db, pool, { packId: 'bench' }, { samples: DRAWS });
      auditS = (performance.now() - t0) / 1000;
      audited = summary.audited;
      const runsPerS = (audited * (DRAWS + 1)) / auditS;
      const scan = duplicateScanMs();
      const reportMs = reportAt100k(dir);
      const perTemplateS = auditS / audited;
      const at100k = perTemplateS * LIBRARY + scan.ms / 1000;
      return [
        [`audit: ${fmt(audited)} templates × ${DRAWS} draws + original values, pool of ${pool.size} (s)`, fmt(auditS, 1), '', ''],
        ['  program runs/s in the audit', fmt(runsPerS), `${fmt(runsPerS / reference, 2)}×`, ''],
        [`  vs the engine's verified instances/s on ${ENGINE_SAMPLE} of them (prepare + ${DRAWS} each)`, fmt(reference), '', ''],
        [`  duplicate scan of ${fmt(LIBRARY)} problem texts (ms; ${fmt(scan.found)} planted copies found)`, fmt(scan.ms), '', ''],
        [`  audit of a ${fmt(LIBRARY)} library, extrapolated (s)`, fmt(at100k), `${fmt(at100k / GOAL_S, 2)}× goal`, `≤ ${GOAL_S} s`],
        [`dataset report over ${fmt(LIBRARY)} audited templates (ms)`, fmt(reportMs), '', ''],
      ];
    } finally {
      app.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
