/** Browse and curate: facets, paged query, detail, gallery, review/undo, notes, edit, audit of one template. */
import { ApiError, type ApiHandlers } from '../api/contract.std.js';
import type { TemplateDetail } from '../api/library-contract.std.js';
import { toAuditInput } from '../audit/audit-runner.js';
import { auditTemplate } from '../audit/audit-template.js';
import { editTemplate } from '../library/edit-template.js';
import { drawGallery } from '../library/gallery.js';
import { libraryFacets } from '../library/library-facets.js';
import { queryLibrary, toTemplateFilter } from '../library/library-query.js';
import { auditView, templateDetail } from '../library/template-detail.js';
import { saveAudit } from '../storage/audits.repo.js';
import { addNote, applyReview, undoReview, undoTemplateIds, UndoError, UnknownTemplatesError, type Selection } from '../storage/curation.repo.js';
import { getTemplate } from '../storage/templates.repo.js';
import type { HandlerDeps } from './handler-deps.js';

export type LibraryBrowseMethod =
  | 'library.facets'
  | 'library.query'
  | 'library.template'
  | 'library.gallery'
  | 'library.auditOne'
  | 'library.review'
  | 'library.undo'
  | 'library.note'
  | 'library.edit';

/** A change event names at most this many ids; bigger changes say `null` ("refresh everything"). */
export const CHANGED_IDS_MAX = 1000;

export function createLibraryBrowseHandlers(deps: HandlerDeps): Pick<ApiHandlers, LibraryBrowseMethod> {
  const { db } = deps;
  const changed = (ids: string[] | null): void => {
    deps.emit({ type: 'library.changed', ids: ids !== null && ids.length <= CHANGED_IDS_MAX ? ids : null });
  };
  const stored = (id: string, method: string) => {
    const found = getTemplate(db, id);
    if (found === undefined) throw new ApiError('not-found', `${method}: no template with id "${id}"`);
    return found;
  };
  const detail = (id: string, method: string): TemplateDetail => {
    const found = templateDetail(db, id);
    if (found === undefined) throw new ApiError('not-found', `${method}: no template with id "${id}"`);
    return found;
  };
  // Storage throws plain errors for a caller's mistakes; these are the ones the UI should show as such.
  const asApiError = (method: string, error: unknown): Error => {
    if (error instanceof UnknownTemplatesError) return new ApiError('not-found', `${method}: ${error.message}`);
    if (error instanceof UndoError) return new ApiError('bad-request', `${method}: ${error.message.replace(/^undoReview: /, '')}`);
    return error instanceof Error ? error : new Error(String(error));
  };

  /** Runs synchronous storage work as a handler: a thrown error becomes the rejection, mapped to an ApiError. */
  const attempt = <T>(method: string, work: () => T): Promise<T> => {
    try {
      return Promise.resolve(work());
    } catch (error) {
      return Promise.reject(asApiError(method, error));
    }
  };

  return {
    'library.facets': () => attempt('library.facets', () => libraryFacets(db)),
    'library.query': (args) =>
      attempt('library.query', () => queryLibrary(db, { filter: args.filter, sort: args.sort, offset: args.offset, limit: args.limit })),
    'library.template': ({ id }) => attempt('library.template', () => detail(id, 'library.template')),
    'library.gallery': async ({ id, count, seed }) => {
      const { template } = stored(id, 'library.gallery');
      return drawGallery(await deps.pool(), template, seed, count);
    },
    'library.auditOne': async ({ id, samples }) => {
      const before = stored(id, 'library.auditOne');
      const audit = await auditTemplate(await deps.pool(), before.template, { samples });
      // Saved against the hash it ran on: if the template was edited meanwhile, the audit is kept as stale.
      saveAudit(db, toAuditInput(audit, before.contentHash, deps.now()));
      changed([id]);
      const view = auditView(db, id);
      if (view === null) throw new ApiError('not-found', `library.auditOne: template "${id}" was deleted while it was audited`);
      return view;
    },
    'library.review': ({ selection, action, reason, note }) =>
      attempt('library.review', () => {
        if (action === 'flag' && reason === undefined) {
          throw new ApiError('bad-request', 'library.review: reason: flagging needs a reason (a preset reason or free text)');
        }
        const target: Selection = 'ids' in selection ? { ids: selection.ids } : { filter: toTemplateFilter(selection.filter) };
        const outcome = applyReview(db, target, { action, now: deps.now(), ...(reason !== undefined ? { reason } : {}), ...(note !== undefined ? { note } : {}) });
        changed('ids' in selection ? [...new Set(selection.ids)] : null);
        return { changed: outcome.changed, undoToken: outcome.undoToken };
      }),
    'library.undo': ({ token }) =>
      attempt('library.undo', () => {
        const restored = undoReview(db, token, deps.now());
        changed(restored <= CHANGED_IDS_MAX ? undoTemplateIds(db, token, CHANGED_IDS_MAX) : null);
        return { restored };
      }),
    'library.note': ({ id, text }) =>
      attempt('library.note', () => {
        const noteId = addNote(db, id, text, deps.now());
        changed([id]);
        return { id: noteId };
      }),
    'library.edit': ({ id, template, message }) =>
      attempt('library.edit', () => {
        const outcome = editTemplate(db, id, template, message?.trim() || null, deps.now());
        if (outcome.changed) changed([id]);
        return detail(id, 'library.edit');
      }),
  };
}
