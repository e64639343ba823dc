/**
 * The main process's handler for `im:call`: refuse senders that are not our page, validate the
 * method and arguments against the contract before anything reaches the engine, allow imports only
 * of files the user chose and exports only to files the user picked in the save dialog, then relay
 * to the backend. Every outcome is an ApiResponse.
 */
import { ApiError, parseApiCall, type ApiMethod, type ApiResponse } from '../api/contract.std.js';
import type { ExportGrants } from './export-grants.js';
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
  /** Paths picked in the export save dialog; without it, no export may name a path (only the default folder). */
  exportGrants?: ExportGrants;
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
    if (call.method === 'library.exportStart' || call.method === 'library.exportTarget') {
      const args = call.args as { out?: string; overwrite?: boolean };
      if (args.out !== undefined) {
        // exportTarget only looks; exportStart uses the answer up. The dialog asked before replacing a file.
        const granted = call.method === 'library.exportStart' ? deps.exportGrants?.take(args.out) : deps.exportGrants?.allows(args.out);
        if (granted !== true) {
          return badRequest(`${call.method}: ${args.out} was not chosen in the save dialog; use Choose… in the export dialog (or leave the file empty for the exports folder)`);
        }
        if (call.method === 'library.exportStart') call = { method: call.method, args: { ...args, overwrite: true } };
      }
    }
    const response = await deps.backend().call(call.method, call.args);
    return deps.afterCall ? deps.afterCall(call.method, response) : response;
  };
}
