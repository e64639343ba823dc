/**
 * Audits many templates (a pack, a filter, the whole library) in the background: keeps the sandbox
 * pool busy with a bounded number of templates in flight, saves results in batches, reports
 * progress and stops promptly when cancelled, keeping what was audited so far.
 *
 * The templates are fixed when the run starts (their ids, in library order): saving an audit changes
 * a template's status, so paging through a filter on status while auditing would skip templates.
 */
import type { LibraryFilter } from '../api/library-contract.std.js';
import type { SandboxPool } from '../sandbox/pool.js';
import { saveAudits, type AuditInput } from '../storage/audits.repo.js';
import type { WriteDb } from '../storage/db-handles.js';
import { getTemplate } from '../storage/templates.repo.js';
import { auditTemplate, type HealthStatus, type TemplateAudit } from './audit-template.js';
import { scanDuplicates } from './duplicate-scan.js';
import type { DuplicateMatch } from './duplicates.js';
import { selectTemplateIds } from './library-filter-sql.js';
import { reasonKey } from './reason-key.js';

export interface AuditRunOptions {
  samples?: number;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
  /** Called with every finished audit (the CLI prints them; the UI streams them). */
  onAudit?: (audit: TemplateAudit) => void;
  /** Look for (near-)duplicates across the whole library first (default: yes). */
  duplicates?: boolean;
  /** Audits saved per transaction. */
  saveBatch?: number;
  now?: () => number;
}

export interface AuditRunSummary {
  total: number;
  audited: number;
  byStatus: Record<HealthStatus, number>;
  needsModule: Record<string, number>;
  reproduced: number;
  notReproduced: number;
  /** Audited templates that (nearly) repeat an earlier one. */
  duplicates: number;
  /** Most frequent reasons, reason text with numbers stripped so that alike reasons group. */
  topReasons: { reason: string; count: number }[];
  cancelled: boolean;
}

export function toAuditInput(a: TemplateAudit, contentHash: string, runAt: number): AuditInput {
  return {
    templateId: a.templateId,
    templateHash: contentHash,
    runAt,
    samples: a.samples,
    valid: a.valid,
    crashes: a.crashes,
    timeouts: a.timeouts,
    needsModule: a.needsModule,
    reproducesOriginal: a.reproducesOriginal,
    acceptance: a.acceptance,
    status: a.status,
    reasons: a.reasons,
    ...(a.duplicateOf !== undefined ? { duplicateOf: a.duplicateOf } : {}),
    details: {
      drift: a.drift,
      originalPlausibility: a.originalPlausibility,
      drawnImplausible: a.drawnImplausible,
      rejections: a.rejections,
      firstError: a.firstError,
      originalAnswer: a.originalAnswer,
      programAnswer: a.programAnswer,
      answerMagnitude: a.answerMagnitude,
    },
  };
}

/**
 * The scan's finding on an audit. A duplicate is worth a look, not a broken template: it turns a
 * healthy audit into a warning. `undefined` (no scan ran) leaves the audit as it is.
 */
export function withDuplicate(audit: TemplateAudit, match: DuplicateMatch | null | undefined): TemplateAudit {
  if (match === undefined) return audit;
  if (match === null) return { ...audit, duplicateOf: null };
  return {
    ...audit,
    duplicateOf: match.of,
    status: audit.status === 'healthy' ? 'warning' : audit.status,
    reasons: [...audit.reasons, match.reason],
  };
}

export async function auditLibrary(db: WriteDb, pool: SandboxPool, filter: LibraryFilter, opts: AuditRunOptions = {}): Promise<AuditRunSummary> {
  const ids = selectTemplateIds(db, filter, 'auditLibrary');
  const total = ids.length;
  const summary: AuditRunSummary = {
    total,
    audited: 0,
    byStatus: { healthy: 0, warning: 0, broken: 0 },
    needsModule: {},
    reproduced: 0,
    notReproduced: 0,
    duplicates: 0,
    topReasons: [],
    cancelled: false,
  };
  const duplicates = opts.duplicates === false || total === 0 ? undefined : scanDuplicates(db);
  const reasons = new Map<string, number>();
  const samples = opts.samples ?? 20;
  const saveBatch = opts.saveBatch ?? 250;
  // Enough templates in flight to keep every process fed while one waits on IPC.
  const inFlight = Math.max(2, pool.size * 4);
  const runAt = (opts.now ?? Date.now)();
  let pending: AuditInput[] = [];
  const flush = (): void => {
    if (pending.length === 0) return;
    // A template deleted while it was being audited has nothing left to attach its audit to.
    saveAudits(db, pending, { skipMissing: true });
    pending = [];
  };

  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (next < ids.length && !failed) {
      if (opts.signal?.aborted) {
        summary.cancelled = true;
        return;
      }
      const id = ids[next++];
      const stored = id === undefined ? undefined : getTemplate(db, id);
      // Deleted since the run started: nothing to audit.
      if (stored === undefined) continue;
      const audit = withDuplicate(await auditTemplate(pool, stored.template, { samples }), duplicates ? (duplicates.get(stored.template.id) ?? null) : undefined);
      summary.audited++;
      summary.byStatus[audit.status]++;
      if (audit.needsModule) summary.needsModule[audit.needsModule] = (summary.needsModule[audit.needsModule] ?? 0) + 1;
      if (audit.reproducesOriginal === true) summary.reproduced++;
      if (audit.reproducesOriginal === false) summary.notReproduced++;
      if (typeof audit.duplicateOf === 'string') summary.duplicates++;
      for (const r of audit.reasons) reasons.set(reasonKey(r), (reasons.get(reasonKey(r)) ?? 0) + 1);
      pending.push(toAuditInput(audit, stored.contentHash, runAt));
      if (pending.length >= saveBatch) flush();
      opts.onAudit?.(audit);
      opts.onProgress?.(summary.audited, total);
    }
  };
  const settled = await Promise.allSettled(
    Array.from({ length: inFlight }, () =>
      worker().catch((err: unknown) => {
        failed = true; // the other workers stop taking templates
        throw err;
      }),
    ),
  );
  // Whatever was audited is kept, also when the run was cancelled or failed half-way.
  flush();
  const failure = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failure) throw failure.reason instanceof Error ? failure.reason : new Error(String(failure.reason));
  if (opts.signal?.aborted && summary.audited < total) summary.cancelled = true;
  summary.topReasons = [...reasons.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, 15)
    .map(([reason, count]) => ({ reason, count }));
  return summary;
}
