/**
 * The main process's handler for `im:call`: refuse senders that are not our page, validate the
 * method and arguments against the contract before anything reaches the engine, allow imports only
 * of files the user chose, then relay to the backend. Every outcome is an ApiResponse.
 */
import { ApiError, parseApiCall, type ApiMethod, type ApiResponse } from '../api/contract.std.js';
import type { ImportGrants } from './import-grants.js';
import type { FrameLike } from './sender-check.js';

export interface CallTarget {
  call(method: string, args: unknown): Promise<ApiResponse<unknown>>;
}

export interface CallRelayDeps {
  /** Why this sender may not call (senderProblem against the window's main frame), or null. */
  checkSender(sender: FrameLike | null | undefined): string | null;
  /** The backend to call (looked up per call: it is replaced if it dies). */
  backend(): CallTarget;
  grants: ImportGrants;
  /**
   * Work the main process does on a result before the page gets it (the desktop app prints and saves
   * worksheet exports: the engine process has no browser and no dialogs). Default: the result as is.
   */
  afterCall?: (method: ApiMethod, response: ApiResponse<unknown>) => Promise<ApiResponse<unknown>>;
}

export type CallRelay = (sender: FrameLike | null | undefined, method: unknown, args: unknown) => Promise<ApiResponse<unknown>>;

function badRequest(message: string): ApiResponse<never> {
  return { ok: false, error: { code: 'bad-request', message } };
}

export function createCallRelay(deps: CallRelayDeps): CallRelay {
  return async (sender, method, args) => {
    const problem = deps.checkSender(sender);
    if (problem !== null) return badRequest(`call refused: ${problem}`);
    let call: ReturnType<typeof parseApiCall>;
    try {
      call = parseApiCall(method, args);
    } catch (err) {
      if (err instanceof ApiError) return { ok: false, error: { code: err.code, message: err.message } };
      throw err;
    }
    if (call.method === 'library.importFile') {
      const file = (call.args as { path: string }).path;
      if (!deps.grants.allows(file)) {
        return badRequest(`library.importFile: ${file} was not chosen by the user; drop the file on the window, pick it with a file input, or use File › Import JSONL…`);
      }
    }
    const response = await deps.backend().call(call.method, call.args);
    return deps.afterCall ? deps.afterCall(call.method, response) : response;
  };
}
