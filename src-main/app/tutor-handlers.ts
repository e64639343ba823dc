/** The handlers for the tutor methods of the contract (`tutor-contract.std.ts`). */
import type { ApiHandlers } from '../api/contract.std.js';
import type { tutorApiArgs } from '../api/tutor-contract.std.js';
import type { HandlerDeps } from './handler-deps.js';

export type TutorHandlers = Pick<ApiHandlers, keyof typeof tutorApiArgs>;

export function createTutorHandlers(deps: HandlerDeps): TutorHandlers {
  void deps;
  return {};
}
