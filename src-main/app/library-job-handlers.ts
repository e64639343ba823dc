/** Long work over the library as background jobs: audit, dataset report, export. */
import { ApiError, type ApiHandlers } from '../api/contract.std.js';
import type { HandlerDeps } from './handler-deps.js';

export type LibraryJobMethod = 'library.auditStart' | 'library.jobCancel' | 'library.report' | 'library.reportHtml' | 'library.exportStart';

export function createLibraryJobHandlers(deps: HandlerDeps): Pick<ApiHandlers, LibraryJobMethod> {
  const later = (method: string) => (): Promise<never> => Promise.reject(new ApiError('unavailable', `${method}: not built yet (${deps.mode})`));
  return {
    'library.auditStart': later('library.auditStart'),
    'library.jobCancel': later('library.jobCancel'),
    'library.report': later('library.report'),
    'library.reportHtml': later('library.reportHtml'),
    'library.exportStart': later('library.exportStart'),
  };
}
