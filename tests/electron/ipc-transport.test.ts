/**
 * The desktop transport: the renderer's one ApiClient (client-core.ts, the same as over HTTP) over
 * window.imApi: responses in, values or ApiErrors out.
 */
import { describe, expect, it } from 'vitest';
import { ApiError, type ApiEvent, type ApiMethod, type ApiResponse } from '../../src-main/api/contract.std.js';
import type { ImApi } from '../../src-main/electron/preload-api.std.js';
import { clientFromTransport } from '../../src-renderer/api/client-core.js';
import { findImApi } from '../../src-renderer/api/ipc-transport.js';

/** An ImApi answering from a table, as the preload would with the main process behind it. */
function tableApi(answers: Partial<Record<ApiMethod, ApiResponse<unknown>>>): ImApi & { sent: [string, unknown][]; emit(e: ApiEvent): void } {
  const listeners = new Set<(e: ApiEvent) => void>();
  const sent: [string, unknown][] = [];
  return {
    sent,
    call: (method, args) => {
      sent.push([method, args]);
      return Promise.resolve(answers[method] ?? { ok: false, error: { code: 'internal', message: 'no answer' } });
    },
    onEvent: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    pathForFile: () => '/home/user/file.jsonl',
    emit: (e) => {
      for (const l of listeners) l(e);
    },
  };
}

describe('the ApiClient over window.imApi', () => {
  it('returns the value of an ok response', async () => {
    const api = tableApi({ 'learners.create': { ok: true, value: { id: 1, name: 'Ada', createdAt: 5 } } });
    const client = clientFromTransport(api);
    expect(await client.call('learners.create', { name: 'Ada' })).toEqual({ id: 1, name: 'Ada', createdAt: 5 });
    expect(api.sent).toEqual([['learners.create', { name: 'Ada' }]]);
  });

  it('throws an ApiError with the response’s code and message', async () => {
    const client = clientFromTransport(tableApi({ 'practice.reveal': { ok: false, error: { code: 'not-found', message: 'no such template: x' } } }));
    const err = await client.call('practice.reveal', { learnerId: 1, templateId: 'x', seed: 0 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ code: 'not-found', message: 'no such template: x' });
  });

  it('passes events through and stops on unsubscribe', () => {
    const api = tableApi({});
    const seen: ApiEvent[] = [];
    const stop = clientFromTransport(api).onEvent((e) => seen.push(e));
    api.emit({ type: 'sandbox.ready' });
    stop();
    api.emit({ type: 'sandbox.ready' });
    expect(seen).toEqual([{ type: 'sandbox.ready' }]);
  });
});

describe('findImApi', () => {
  it('finds the preload’s object and nothing else', () => {
    const api = tableApi({});
    expect(findImApi({ imApi: api })).toBe(api);
    expect(findImApi({})).toBeNull();
    expect(findImApi({ imApi: { call: () => undefined } })).toBeNull();
    expect(findImApi({ imApi: 'nope' })).toBeNull();
  });
});
