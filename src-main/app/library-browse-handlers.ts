/** Browse and curate: facets, paged query, detail, gallery, review/undo, notes, edit, audit of one template. */
import { ApiError, type ApiHandlers } from '../api/contract.std.js';
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

export function createLibraryBrowseHandlers(deps: HandlerDeps): Pick<ApiHandlers, LibraryBrowseMethod> {
  const later = (method: string) => (): Promise<never> => Promise.reject(new ApiError('unavailable', `${method}: not built yet (${deps.mode})`));
  return {
    'library.facets': later('library.facets'),
    'library.query': later('library.query'),
    'library.template': later('library.template'),
    'library.gallery': later('library.gallery'),
    'library.auditOne': later('library.auditOne'),
    'library.review': later('library.review'),
    'library.undo': later('library.undo'),
    'library.note': later('library.note'),
    'library.edit': later('library.edit'),
  };
}
