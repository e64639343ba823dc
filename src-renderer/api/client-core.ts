/**
 * A contract `ApiClient` over any transport that carries raw `ApiResponse`s: `{ ok: false }` becomes
 * a thrown `ApiError` with the server's code and message. No DOM, so it is unit-tested in Node.
 */
import {
  ApiError,
  type ApiArgs,
  type ApiClient,
  type ApiErrorCode,
  type ApiEvent,
  type ApiMethod,
  type ApiResponse,
  type ApiResults,
} from '../../src-main/api/contract.std.js';

/** What a transport must do: carry one call and deliver events. Responses are not unwrapped yet. */
export interface ApiTransport {
  call(method: ApiMethod, args: unknown): Promise<ApiResponse<unknown>>;
  onEvent(listener: (event: ApiEvent) => void): () => void;
}

const ERROR_CODES: readonly ApiErrorCode[] = ['bad-request', 'not-found', 'unavailable', 'internal'];

export function clientFromTransport(transport: ApiTransport): ApiClient {
  return {
    async call<M extends ApiMethod>(method: M, args: ApiArgs<M>): Promise<ApiResults[M]> {
      const response = await transport.call(method, args);
      if (response.ok) {
        // The other side validated the arguments and typed the result against the same contract.
        return response.value as ApiResults[M];
      }
      const code = ERROR_CODES.includes(response.error.code) ? response.error.code : 'internal';
      throw new ApiError(code, response.error.message);
    },
    onEvent: (listener) => transport.onEvent(listener),
  };
}

/** A parsed HTTP body is an ApiResponse (anything else is reported as the server's raw answer). */
export function isApiResponse(value: unknown): value is ApiResponse<unknown> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  if (value.ok === true) return 'value' in value;
  if (value.ok !== false || !('error' in value)) return false;
  const error = value.error;
  return typeof error === 'object' && error !== null && 'message' in error && typeof error.message === 'string' && 'code' in error;
}
