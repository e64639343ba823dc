/** The handlers for the authoring methods of the contract (`authoring-contract.std.ts`). */
import type { ApiHandlers } from '../api/contract.std.js';
import type { authoringApiArgs } from '../api/authoring-contract.std.js';
import type { HandlerDeps } from './handler-deps.js';

export type AuthoringHandlers = Pick<ApiHandlers, keyof typeof authoringApiArgs>;

export function createAuthoringHandlers(deps: HandlerDeps): AuthoringHandlers {
  void deps;
  return {};
}
