/**
 * Everything the template detail page shows: the template and the row it was imported from, its
 * variables with original values and domains in words, flags, notes, history, and the latest
 * audit (marked stale when the template changed after it).
 */
import type { AuditView, HistoryEntry, TemplateDetail, VariableView } from '../api/library-contract.std.js';
import { resolveDomains } from '../sampling/infer-domain.js';
import { getAudit } from '../storage/audits.repo.js';
import { listFlags, listHistory, listNotes } from '../storage/curation.repo.js';
import type { ReadDb } from '../storage/db-handles.js';
import { isPlainRecord } from '../storage/json-guards.js';
import { getPack } from '../storage/packs.repo.js';
import { cachedStatement } from '../storage/statement-cache.js';
import { getTemplate } from '../storage/templates.repo.js';
import { plainNumber } from '../template/format-value.js';
import { detectPlaceholderStyle, findPlaceholders } from '../template/placeholders.js';
import { templateSchema, type Template, type VariableValue } from '../template/template.types.js';
import { describeDomain } from './domain-words.js';
import { asHealth, asReview } from './library-query.js';

/** `undefined` when there is no template with this id. */
export function templateDetail(db: ReadDb, id: string): TemplateDetail | undefined {
  const stored = getTemplate(db, id);
  if (stored === undefined) return undefined;
  const template = stored.template;
  return {
    id,
    packId: stored.packId,
    packName: getPack(db, stored.packId)?.name ?? stored.packId,
    template,
    original: stored.original ?? null,
    variables: variableViews(template),
    status: asHealth(stored.status),
    review: asReview(stored.review),
    flags: listFlags(db, id).map((f) => ({ id: f.id, reason: f.reason, note: f.note, at: f.createdAt, open: f.resolvedAt === null })),
    notes: listNotes(db, id).map((n) => ({ id: n.id, text: n.text, at: n.createdAt })),
    history: historyEntries(db, id),
    audit: auditView(db, id),
    createdAt: stored.createdAt,
    updatedAt: stored.updatedAt,
  };
}

export function variableViews(template: Template): VariableView[] {
  const domains = resolveDomains(template);
  return variablesInTextOrder(template).map(([name, value]) => {
    const domain = domains[name];
    return {
      name,
      originalValue: typeof value === 'number' ? plainNumber(value) : value,
      domain: domain === undefined ? 'unknown' : describeDomain(domain),
      explicit: template.domains?.[name] !== undefined,
    };
  });
}

/**
 * Variables in the order the problem mentions them (stored bodies have their keys sorted), then
 * the ones the text does not mention (internal constants), in their own order.
 */
function variablesInTextOrder(template: Template): [string, VariableValue][] {
  const names = Object.keys(template.variables);
  const style = template.placeholder_style ?? detectPlaceholderStyle(template.generic_problem, names).style;
  const order = new Map<string, number>();
  for (const occurrence of findPlaceholders(template.generic_problem, style, names)) {
    if (!order.has(occurrence.name)) order.set(occurrence.name, occurrence.start);
  }
  const at = (name: string): number => order.get(name) ?? Number.MAX_SAFE_INTEGER;
  return Object.entries(template.variables).sort(([a], [b]) => at(a) - at(b));
}

function historyEntries(db: ReadDb, id: string): HistoryEntry[] {
  const out: HistoryEntry[] = [];
  for (const h of listHistory(db, id)) {
    // Every stored version was a valid template when it was replaced; one that no longer parses
    // (a format change) is skipped rather than hiding the whole page.
    const parsed = templateSchema.safeParse(h.body);
    if (parsed.success) out.push({ version: h.version, at: h.createdAt, message: h.message, template: parsed.data });
  }
  return out;
}

export function auditView(db: ReadDb, id: string): AuditView | null {
  const audit = getAudit(db, id);
  if (audit === undefined) return null;
  const details = isPlainRecord(audit.details) ? audit.details : {};
  const text = (key: string): string | null => {
    const v = details[key];
    return typeof v === 'string' ? v : null;
  };
  const duplicateOf =
    cachedStatement<[string], { duplicate_of: string | null }>(db, 'SELECT duplicate_of FROM audit_results WHERE template_id = ?').get(id)?.duplicate_of ?? null;
  return {
    runAt: audit.runAt,
    samples: audit.samples,
    valid: audit.valid,
    acceptance: audit.acceptance,
    crashes: audit.crashes,
    timeouts: audit.timeouts,
    needsModule: audit.needsModule,
    reproducesOriginal: audit.reproducesOriginal,
    originalAnswer: text('originalAnswer'),
    programAnswer: text('programAnswer'),
    status: audit.status,
    reasons: audit.reasons,
    duplicateOf,
    stale: !audit.current,
  };
}
