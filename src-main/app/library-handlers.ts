/**
 * The handlers for the library methods of the contract (`library-contract.std.ts`): browsing and
 * curating (library-browse-handlers.ts) and the long jobs — audit, report, export (library-job-handlers.ts).
 */
import type { ApiHandlers } from '../api/contract.std.js';
import type { libraryApiArgs } from '../api/library-contract.std.js';
import type { HandlerDeps } from './handler-deps.js';
import { createLibraryBrowseHandlers } from './library-browse-handlers.js';
import { createLibraryJobHandlers } from './library-job-handlers.js';

export type LibraryHandlers = Pick<ApiHandlers, keyof typeof libraryApiArgs>;

export function createLibraryHandlers(deps: HandlerDeps): LibraryHandlers {
  return { ...createLibraryBrowseHandlers(deps), ...createLibraryJobHandlers(deps) };
}
