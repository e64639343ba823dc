/**
 * Saving an authored template into the author's own pack (`user.mine`, "My templates", unless told
 * otherwise), with its audit, so the library shows it with its health at once.
 */
import { toAuditInput } from '../audit/audit-runner.js';
import type { TemplateAudit } from '../audit/audit-template.js';
import { saveAudit } from '../storage/audits.repo.js';
import type { WriteDb } from '../storage/db-handles.js';
import { ensurePack, getPack } from '../storage/packs.repo.js';
import { getTemplate, upsertTemplates } from '../storage/templates.repo.js';
import type { Template } from '../template/template.types.js';

export const USER_PACK = { id: 'user.mine', name: 'My templates' } as const;

export interface SavedTemplate {
  templateId: string;
  packId: string;
  created: boolean;
}

/** The user's pack to save into, created if needed; throws if the id belongs to a starter or imported pack. */
export function ensureUserPack(db: WriteDb, pack: { id: string; name: string }, now = Date.now()): void {
  const existing = getPack(db, pack.id);
  if (existing !== undefined && existing.sourceKind !== 'user') {
    throw new Error(`the pack "${pack.id}" is a ${existing.sourceKind} pack; authored templates go into a pack of your own`);
  }
  ensurePack(db, { id: pack.id, name: pack.name, sourceKind: 'user' }, { now });
}

export function saveAuthored(db: WriteDb, template: Template, audit: TemplateAudit | null, pack: { id: string; name: string } = USER_PACK, now = Date.now()): SavedTemplate {
  ensureUserPack(db, pack, now);
  const r = upsertTemplates(db, pack.id, [{ template }], { now });
  const conflict = r.conflicts[0];
  if (conflict) throw new Error(`the id "${template.id}" already belongs to a template of the pack "${conflict.existingPackId}"`);
  const stored = getTemplate(db, template.id);
  if (audit !== null && stored !== undefined) saveAudit(db, toAuditInput({ ...audit, templateId: template.id }, stored.contentHash, now));
  return { templateId: template.id, packId: pack.id, created: r.inserted === 1 };
}
