/**
 * Audits many templates (a pack, a filter, the whole library) in the background: keeps the sandbox
 * pool busy with a bounded number of templates in flight, saves results in batches, reports
 * progress and stops promptly when cancelled.
 */
import type { SandboxPool } from '../sandbox/pool.js';
import { saveAudits, type AuditInput } from '../storage/audits.repo.js';
import type { WriteDb } from '../storage/db-handles.js';
import { countTemplates, listStoredTemplates, type TemplateFilter } from '../storage/templates.repo.js';
import { auditTemplate, type HealthStatus, type TemplateAudit } from './audit-template.js';

export interface AuditRunOptions {
  samples?: number;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
  /** Called with every finished audit (the CLI prints them; the UI streams them). */
  onAudit?: (audit: TemplateAudit) => void;
}

export interface AuditRunSummary {
  total: number;
  audited: number;
  byStatus: Record<HealthStatus, number>;
  needsModule: Record<string, number>;
  reproduced: number;
  notReproduced: number;
  /** Most frequent reasons, reason text with numbers stripped so that alike reasons group. */
  topReasons: { reason: string; count: number }[];
  cancelled: boolean;
}

const PAGE = 500;

function reasonKey(reason: string): string {
  return reason.replace(/\(.*?\)/g, '(…)').replace(/-?\d[\d.,e+-]*/g, 'N');
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
    details: {
      drift: a.drift,
      originalPlausibility: a.originalPlausibility,
      drawnImplausible: a.drawnImplausible,
      rejections: a.rejections,
      firstError: a.firstError,
      originalAnswer: a.originalAnswer,
      programAnswer: a.programAnswer,
    },
  };
}

export async function auditLibrary(db: WriteDb, pool: SandboxPool, filter: TemplateFilter, opts: AuditRunOptions = {}): Promise<AuditRunSummary> {
  const total = countTemplates(db, filter);
  const summary: AuditRunSummary = {
    total,
    audited: 0,
    byStatus: { healthy: 0, warning: 0, broken: 0 },
    needsModule: {},
    reproduced: 0,
    notReproduced: 0,
    topReasons: [],
    cancelled: false,
  };
  const reasons = new Map<string, number>();
  // Enough templates in flight to keep every process fed while one waits on IPC.
  const inFlight = Math.max(2, pool.size * 3);
  let pendingSaves: AuditInput[] = [];
  const runAt = Date.now();

  for (let offset = 0; offset < total && !summary.cancelled; offset += PAGE) {
    const page = listStoredTemplates(db, { ...filter, limit: PAGE, offset, orderBy: 'id' });
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < page.length) {
        if (opts.signal?.aborted) {
          summary.cancelled = true;
          return;
        }
        const stored = page[next++];
        if (!stored) return;
        const audit = await auditTemplate(pool, stored.template, { samples: opts.samples ?? 20 });
        summary.audited++;
        summary.byStatus[audit.status]++;
        if (audit.needsModule) summary.needsModule[audit.needsModule] = (summary.needsModule[audit.needsModule] ?? 0) + 1;
        if (audit.reproducesOriginal === true) summary.reproduced++;
        if (audit.reproducesOriginal === false) summary.notReproduced++;
        for (const r of audit.reasons) reasons.set(reasonKey(r), (reasons.get(reasonKey(r)) ?? 0) + 1);
        pendingSaves.push(toAuditInput(audit, stored.contentHash, runAt));
        opts.onAudit?.(audit);
        opts.onProgress?.(summary.audited, total);
      }
    };
    await Promise.all(Array.from({ length: inFlight }, worker));
    saveAudits(db, pendingSaves);
    pendingSaves = [];
  }
  summary.topReasons = [...reasons.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 15)
    .map(([reason, count]) => ({ reason, count }));
  return summary;
}
