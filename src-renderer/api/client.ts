/**
 * The UI's only way to the engine: one contract `ApiClient` (client-core.ts), over whichever transport
 * this window has. In Electron the preload exposes `window.imApi` (ipc-transport.ts); in browser mode the
 * same calls go over HTTP to the loopback server (http-transport.ts).
 */
import type { ApiClient } from '../../src-main/api/contract.std.js';
import { clientFromTransport } from './client-core.js';
import { httpTransport } from './http-transport.js';
import { findImApi } from './ipc-transport.js';

export function createApiClient(scope: object = globalThis): ApiClient {
  return clientFromTransport(findImApi(scope) ?? httpTransport());
}
