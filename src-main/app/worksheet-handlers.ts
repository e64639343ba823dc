/** The handlers for the worksheet methods of the contract (`worksheet-contract.std.ts`). */
import type { ApiHandlers } from '../api/contract.std.js';
import type { worksheetApiArgs } from '../api/worksheet-contract.std.js';
import type { HandlerDeps } from './handler-deps.js';

export type WorksheetHandlers = Pick<ApiHandlers, keyof typeof worksheetApiArgs>;

export function createWorksheetHandlers(deps: HandlerDeps): WorksheetHandlers {
  void deps;
  return {};
}
