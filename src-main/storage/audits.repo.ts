/**
 * Audit results: one row per template, the latest audit. Saving an audit also sets the template's
 * `status`, which listings filter on, unless the template changed while the audit ran.
 */
import { canonicalJson } from './canonical-json.js';
import type { ReadDb, WriteDb } from './db-handles.js';
import { expectStringArray, parseJsonColumn } from './json-guards.js';
import { cachedStatement } from './statement-cache.js';
import { AUDIT_STATUSES, type AuditStatus, type EpochMs } from './storage.types.js';

export interface AuditInput {
  templateId: string;
  /**
   * `contentHash` of the template version the audit ran on (from `getTemplate`). When it no longer
   * matches, the audit is kept but marked not current and the template's status is left alone.
   * Omitted: the audit is taken to be of the current version.
   */
  templateHash?: string;
  runAt: EpochMs;
  samples: number;
  valid: number;
  crashes: number;
  timeouts: number;
  /** A module the program imports that the sandbox lacks (`sympy`), if that is why it failed. */
  needsModule: string | null;
  /** Whether the original values give the original answer; `null` when there is no original answer. */
  reproducesOriginal: boolean | null;
  /** Share of drawn instances that were valid, 0..1. */
  acceptance: number;
  status: AuditStatus;
  reasons: string[];
  /**
   * The earlier template this one (nearly) repeats, from the library-wide duplicate scan; `null` when
   * none. Omitted: an audit of one template (after an edit) keeps whatever the last scan found.
   */
  duplicateOf?: string | null;
  details?: unknown;
}

export interface AuditRecord extends Required<Omit<AuditInput, 'details' | 'duplicateOf'>> {
  details?: unknown;
  /** The earlier template this one (nearly) repeats; absent when the last scan found none. */
  duplicateOf?: string;
  /** True when the audit is of the template as it is stored now. */
  current: boolean;
}

export function saveAudit(db: WriteDb, audit: AuditInput): void {
  saveAudits(db, [audit]);
}

/**
 * Save many audits in one transaction (an audit run over a pack saves in batches). `skipMissing`:
 * audits of templates deleted in the meantime are dropped instead of failing the batch. Returns how
 * many were saved.
 */
export function saveAudits(db: WriteDb, audits: readonly AuditInput[], opts: { skipMissing?: boolean } = {}): number {
  const currentHash = cachedStatement<[string], { content_hash: string }>(db, 'SELECT content_hash FROM templates WHERE id = ?');
  const upsert = cachedStatement<(string | number | null)[]>(
    db,
    `INSERT INTO audit_results (template_id, template_hash, run_at, samples, valid, crashes, timeouts, needs_module,
       reproduces_original, acceptance, status, reasons, details, duplicate_of)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (template_id) DO UPDATE SET template_hash = excluded.template_hash, run_at = excluded.run_at,
       samples = excluded.samples, valid = excluded.valid, crashes = excluded.crashes, timeouts = excluded.timeouts,
       needs_module = excluded.needs_module, reproduces_original = excluded.reproduces_original,
       acceptance = excluded.acceptance, status = excluded.status, reasons = excluded.reasons, details = excluded.details,
       duplicate_of = CASE WHEN ? THEN excluded.duplicate_of ELSE audit_results.duplicate_of END`,
  );
  const setStatus = cachedStatement<[string, string]>(db, 'UPDATE templates SET status = ? WHERE id = ?');
  const run = db.transaction((): number => {
    let saved = 0;
    for (const audit of audits) {
      checkAudit(audit);
      const stored = currentHash.get(audit.templateId);
      if (stored === undefined && opts.skipMissing === true) continue;
      if (stored === undefined) throw new Error(`saveAudit: template "${audit.templateId}" does not exist`);
      saved++;
      const auditedHash = audit.templateHash ?? stored.content_hash;
      upsert.run(
        audit.templateId,
        auditedHash,
        audit.runAt,
        audit.samples,
        audit.valid,
        audit.crashes,
        audit.timeouts,
        audit.needsModule,
        audit.reproducesOriginal === null ? null : audit.reproducesOriginal ? 1 : 0,
        audit.acceptance,
        audit.status,
        canonicalJson(audit.reasons),
        audit.details === undefined ? null : canonicalJson(audit.details),
        audit.duplicateOf ?? null,
        audit.duplicateOf === undefined ? 0 : 1,
      );
      if (auditedHash === stored.content_hash) setStatus.run(audit.status, audit.templateId);
    }
    return saved;
  });
  return run();
}

export function getAudit(db: ReadDb, templateId: string): AuditRecord | undefined {
  const row = cachedStatement<[string], AuditRow>(
    db,
    `SELECT a.*, (a.template_hash = t.content_hash) AS current
     FROM audit_results a JOIN templates t ON t.id = a.template_id WHERE a.template_id = ?`,
  ).get(templateId);
  if (row === undefined) return undefined;
  const where = `audit_results row "${row.template_id}"`;
  const status = AUDIT_STATUSES.find((s) => s === row.status);
  if (status === undefined) throw new Error(`${where}: status "${row.status}" is not one of ${AUDIT_STATUSES.join(', ')}`);
  const record: AuditRecord = {
    templateId: row.template_id,
    templateHash: row.template_hash,
    runAt: row.run_at,
    samples: row.samples,
    valid: row.valid,
    crashes: row.crashes,
    timeouts: row.timeouts,
    needsModule: row.needs_module,
    reproducesOriginal: row.reproduces_original === null ? null : row.reproduces_original === 1,
    acceptance: row.acceptance,
    status,
    reasons: expectStringArray(parseJsonColumn(row.reasons, `${where}, reasons`), `${where}, reasons`),
    current: row.current === 1,
  };
  if (row.duplicate_of !== null) record.duplicateOf = row.duplicate_of;
  if (row.details !== null) record.details = parseJsonColumn(row.details, `${where}, details`);
  return record;
}

interface AuditRow {
  template_id: string;
  template_hash: string;
  run_at: number;
  samples: number;
  valid: number;
  crashes: number;
  timeouts: number;
  needs_module: string | null;
  reproduces_original: number | null;
  acceptance: number;
  status: string;
  reasons: string;
  details: string | null;
  duplicate_of: string | null;
  current: number;
}

function checkAudit(audit: AuditInput): void {
  const where = `saveAudit: audit of "${audit.templateId}"`;
  for (const field of ['samples', 'valid', 'crashes', 'timeouts', 'runAt'] as const) {
    const value = audit[field];
    if (!Number.isSafeInteger(value) || value < 0) throw new Error(`${where}: ${field} must be a non-negative integer; got ${value}`);
  }
  if (!(audit.acceptance >= 0 && audit.acceptance <= 1)) {
    throw new Error(`${where}: acceptance must be a number from 0 to 1; got ${audit.acceptance}`);
  }
  if (audit.duplicateOf !== undefined && audit.duplicateOf !== null && (audit.duplicateOf === '' || audit.duplicateOf === audit.templateId)) {
    throw new Error(`${where}: duplicateOf must name another template; got ${JSON.stringify(audit.duplicateOf)}`);
  }
  if (!AUDIT_STATUSES.includes(audit.status)) {
    throw new Error(`${where}: status must be one of ${AUDIT_STATUSES.join(', ')}; got ${JSON.stringify(audit.status)}`);
  }
}
