/**
 * The dataset report: what the library (or a filter of it) looks like after audits. Every figure is
 * one SQL aggregate over templates LEFT JOIN their latest audit, so it stays fast at 100k templates;
 * nothing here reads or parses a template body.
 */
import type { DatasetReport, Histogram, LibraryFilter, ReviewStateView, TemplateHealth } from '../api/library-contract.std.js';
import { REVIEW_STATES_VIEW, TEMPLATE_HEALTH } from '../api/library-contract.std.js';
import { libraryFilterSql } from '../audit/library-filter-sql.js';
import { reasonKey } from '../audit/reason-key.js';
import type { ReadDb } from '../storage/db-handles.js';

/** Magnitudes (log10 |answer|) outside this range are counted in the end buckets. */
export const MAGNITUDE_MIN = -3;
export const MAGNITUDE_MAX = 12;
const TOP_REASONS = 15;
const TOP_SOURCES = 30;

const withReasonKey = new WeakSet<ReadDb>();

function registerReasonKey(db: ReadDb): void {
  if (withReasonKey.has(db)) return;
  db.function('im_reason_key', { deterministic: true }, (r: unknown) => reasonKey(String(r)));
  withReasonKey.add(db);
}

function emptyHealth(): Record<TemplateHealth, number> {
  return Object.fromEntries(TEMPLATE_HEALTH.map((h) => [h, 0])) as Record<TemplateHealth, number>;
}

function asHealth(s: string): TemplateHealth {
  return TEMPLATE_HEALTH.find((h) => h === s) ?? 'unknown';
}

export const ACCEPTANCE_BUCKETS = Array.from({ length: 10 }, (_, i) => `${i * 10}–${i * 10 + 10}%`);

export function magnitudeLabel(k: number): string {
  if (k <= MAGNITUDE_MIN) return `≤10^${MAGNITUDE_MIN}`;
  if (k >= MAGNITUDE_MAX) return `≥10^${MAGNITUDE_MAX}`;
  return `10^${k}`;
}

export function computeReport(db: ReadDb, filter: LibraryFilter = {}): DatasetReport {
  registerReasonKey(db);
  const f = libraryFilterSql(filter, 'library.report');
  // `ar` is the audit; the filter's own subqueries use other aliases and never need it.
  const joined = `${f.from} LEFT JOIN audit_results ar ON ar.template_id = t.id ${f.where}`;
  const run = <R>(sql: string): R[] => db.prepare(sql).all(...f.params) as R[];

  // One pass over templates alone: status by source and review.
  const byStatus = emptyHealth();
  const byReview = Object.fromEntries(REVIEW_STATES_VIEW.map((r) => [r, 0])) as Record<ReviewStateView, number>;
  const bySourceMap = new Map<string, Record<TemplateHealth, number>>();
  let total = 0;
  for (const row of run<{ source: string | null; status: string; review: string; n: number }>(
    `SELECT t.source AS source, t.status AS status, t.review AS review, count(*) AS n ${f.fromWhere} GROUP BY t.source, t.status, t.review`,
  )) {
    total += row.n;
    const status = asHealth(row.status);
    byStatus[status] += row.n;
    const key = row.source ?? '(no source)';
    const counts = bySourceMap.get(key) ?? emptyHealth();
    counts[status] += row.n;
    bySourceMap.set(key, counts);
    const r = REVIEW_STATES_VIEW.find((x) => x === row.review);
    if (r !== undefined) byReview[r] += row.n;
  }
  const sum = (c: Record<TemplateHealth, number>): number => TEMPLATE_HEALTH.reduce((s, h) => s + c[h], 0);
  const bySource = [...bySourceMap.entries()]
    .map(([source, counts]) => ({ source, byStatus: counts }))
    .sort((a, b) => sum(b.byStatus) - sum(a.byStatus) || a.source.localeCompare(b.source))
    .slice(0, TOP_SOURCES);

  // One pass over the audits: acceptance and magnitude buckets, with the counts that go with them.
  const acceptance: Histogram = { buckets: [...ACCEPTANCE_BUCKETS], counts: ACCEPTANCE_BUCKETS.map(() => 0) };
  const magnitudeCounts = new Map<number, number>();
  let audited = 0;
  let duplicates = 0;
  let reproduced = 0;
  let notReproduced = 0;
  for (const row of run<{ b: number; k: number | null; n: number; dup: number; yes: number; no: number }>(
    `SELECT min(CAST(ar.acceptance * 10 AS INTEGER), 9) AS b,
            CASE WHEN json_type(ar.details, '$.answerMagnitude') IN ('integer', 'real')
                 THEN max(${MAGNITUDE_MIN}, min(${MAGNITUDE_MAX}, CAST(floor(json_extract(ar.details, '$.answerMagnitude')) AS INTEGER))) END AS k,
            count(*) AS n, count(ar.duplicate_of) AS dup,
            coalesce(sum(ar.reproduces_original = 1), 0) AS yes, coalesce(sum(ar.reproduces_original = 0), 0) AS no
     ${joined} ${f.where === '' ? 'WHERE' : 'AND'} ar.template_id IS NOT NULL GROUP BY b, k`,
  )) {
    audited += row.n;
    duplicates += row.dup;
    reproduced += row.yes;
    notReproduced += row.no;
    if (row.b >= 0 && row.b < 10) acceptance.counts[row.b] = (acceptance.counts[row.b] ?? 0) + row.n;
    if (row.k !== null) magnitudeCounts.set(row.k, (magnitudeCounts.get(row.k) ?? 0) + row.n);
  }
  const magnitude: Histogram = { buckets: [], counts: [] };
  if (magnitudeCounts.size > 0) {
    const ks = [...magnitudeCounts.keys()];
    for (let k = Math.min(...ks); k <= Math.max(...ks); k++) {
      magnitude.buckets.push(magnitudeLabel(k));
      magnitude.counts.push(magnitudeCounts.get(k) ?? 0);
    }
  }

  const topReasons = db
    .prepare(
      `SELECT im_reason_key(r.value) AS reason, count(*) AS count ${f.from} JOIN audit_results ar ON ar.template_id = t.id
       JOIN json_each(ar.reasons) r ${f.where} GROUP BY reason ORDER BY count DESC, reason LIMIT ${TOP_REASONS}`,
    )
    .all(...f.params) as { reason: string; count: number }[];

  const needsModule = run<{ module: string; count: number }>(
    `SELECT ar.needs_module AS module, count(*) AS count ${joined} ${f.where === '' ? 'WHERE' : 'AND'} ar.needs_module IS NOT NULL
     GROUP BY ar.needs_module ORDER BY count DESC, module`,
  );

  return {
    total,
    audited,
    byStatus,
    bySource,
    byReview,
    acceptance,
    magnitude,
    topReasons,
    needsModule,
    duplicates,
    reproduced,
    notReproduced,
  };
}
