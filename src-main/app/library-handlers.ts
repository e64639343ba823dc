/** The handlers for the library methods of the contract (`library-contract.std.ts`). */
import { ApiError, type ApiHandlers } from '../api/contract.std.js';
import { libraryApiArgs } from '../api/library-contract.std.js';
import type { HandlerDeps } from './handler-deps.js';

export type LibraryHandlers = Pick<ApiHandlers, keyof typeof libraryApiArgs>;

export function createLibraryHandlers(deps: HandlerDeps): LibraryHandlers {
  void deps;
  const out: Record<string, unknown> = {};
  for (const method of Object.keys(libraryApiArgs)) out[method] = () => Promise.reject(new ApiError('unavailable', `${method}: not built yet`));
  return out as LibraryHandlers;
}
