/**
 * The desktop app's transport: the preload's `window.imApi` (src-main/electron/preload-api.std.ts) carries
 * ApiResponses as they are, so it is an ApiTransport already and gets the same client as browser mode
 * (client-core.ts); this finds it.
 */
import { IM_API_GLOBAL, type ImApi } from '../../src-main/electron/preload-api.std.js';

/** `window.imApi` when the page runs in the Electron shell, otherwise null (browser mode). */
export function findImApi(scope: object = globalThis): ImApi | null {
  const candidate = (scope as Record<string, unknown>)[IM_API_GLOBAL];
  if (typeof candidate !== 'object' || candidate === null) return null;
  const api = candidate as Partial<Record<keyof ImApi, unknown>>;
  return typeof api.call === 'function' && typeof api.onEvent === 'function' && typeof api.pathForFile === 'function' ? (candidate as ImApi) : null;
}
