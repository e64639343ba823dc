/**
 * The contract's ApiClient over the preload's `window.imApi`, for renderer code running in Electron.
 * ApiResponse errors become ApiError with the same code and message, exactly as over HTTP.
 */
import { ApiError, type ApiArgs, type ApiClient, type ApiEvent, type ApiMethod, type ApiResults } from '../api/contract.std.js';
import { IM_API_GLOBAL, type ImApi } from './preload-api.std.js';

export function createIpcApiClient(api: ImApi): ApiClient {
  return {
    async call<M extends ApiMethod>(method: M, args: ApiArgs<M>): Promise<ApiResults[M]> {
      const response = await api.call(method, args);
      if (response.ok) return response.value as ApiResults[M];
      throw new ApiError(response.error.code, response.error.message);
    },
    onEvent(listener: (event: ApiEvent) => void): () => void {
      return api.onEvent(listener);
    },
  };
}

/** `window.imApi` when the page runs in the Electron shell, otherwise null (browser mode). */
export function findImApi(scope: object = globalThis): ImApi | null {
  const candidate = (scope as Record<string, unknown>)[IM_API_GLOBAL];
  if (typeof candidate !== 'object' || candidate === null) return null;
  const api = candidate as Partial<Record<keyof ImApi, unknown>>;
  return typeof api.call === 'function' && typeof api.onEvent === 'function' && typeof api.pathForFile === 'function' ? (candidate as ImApi) : null;
}
