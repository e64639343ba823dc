/**
 * The boundary both transports share: validate the method and arguments against the contract, call
 * the handler, and turn every outcome into an ApiResponse (a thrown error never crosses the wire as
 * a stack trace).
 */
import { ApiError, parseApiCall, type ApiHandlers, type ApiResponse } from './contract.std.js';

export async function dispatch(handlers: ApiHandlers, method: unknown, args: unknown): Promise<ApiResponse<unknown>> {
  try {
    const call = parseApiCall(method, args);
    const handler = handlers[call.method] as (a: unknown) => Promise<unknown>;
    return { ok: true, value: await handler(call.args) };
  } catch (err) {
    if (err instanceof ApiError) return { ok: false, error: { code: err.code, message: err.message } };
    const message = err instanceof Error ? err.message : String(err);
    return { ok: false, error: { code: 'internal', message: `${typeof method === 'string' ? method : 'call'} failed: ${message}` } };
  }
}
