/**
 * The UI's only way to the engine: one contract `ApiClient`, over whichever transport this window
 * has. In Electron the preload exposes `window.imApi` (see src-main/electron/preload-api.std.ts);
 * in browser mode the same calls go over HTTP to the loopback server.
 */
import type { ApiClient } from '../../src-main/api/contract.std.js';
import { createIpcApiClient, findImApi } from '../../src-main/electron/ipc-api-client.std.js';
import { clientFromTransport } from './client-core.js';
import { httpTransport } from './http-transport.js';

export function createApiClient(scope: object = globalThis): ApiClient {
  const imApi = findImApi(scope);
  return imApi !== null ? createIpcApiClient(imApi) : clientFromTransport(httpTransport());
}
