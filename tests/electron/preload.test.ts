/**
 * The preload as Electron loads it: bundled to CommonJS (a sandboxed preload cannot be ESM) and run
 * with a `require` that only knows 'electron'. Electron cannot run here, so its three renderer
 * modules are stand-ins that record what the preload does with them.
 */
import path from 'node:path';
import vm from 'node:vm';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ApiEvent } from '../../src-main/api/contract.std.js';
import type { ImApi } from '../../src-main/electron/preload-api.std.js';
import { packageRoot } from '../../src-main/paths.js';

let code: string;

beforeAll(async () => {
  // The options the lead's build uses for dist/preload.cjs.
  const result = await build({
    entryPoints: [path.join(packageRoot(), 'src-main/electron/preload.electron.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['electron'],
    write: false,
    logLevel: 'silent',
  });
  code = result.outputFiles[0]?.text ?? '';
});

type Listener = (event: unknown, ...args: unknown[]) => void;

interface Loaded {
  exposed: Map<string, unknown>;
  required: string[];
  invoked: unknown[][];
  sentSync: unknown[][];
  listeners: Map<string, Set<Listener>>;
}

/** Runs the bundle in a fresh context the way a sandboxed preload runs. */
function load(pathForFile: (file: unknown) => string = () => ''): Loaded {
  const loaded: Loaded = { exposed: new Map(), required: [], invoked: [], sentSync: [], listeners: new Map() };
  const electron = {
    contextBridge: {
      exposeInMainWorld: (key: string, api: unknown) => loaded.exposed.set(key, api),
    },
    ipcRenderer: {
      invoke: (...args: unknown[]) => {
        loaded.invoked.push(args);
        return Promise.resolve({ ok: true, value: 'from main' });
      },
      sendSync: (...args: unknown[]) => {
        loaded.sentSync.push(args);
        return true;
      },
      on: (channel: string, listener: Listener) => {
        const set = loaded.listeners.get(channel) ?? new Set<Listener>();
        set.add(listener);
        loaded.listeners.set(channel, set);
      },
      removeListener: (channel: string, listener: Listener) => loaded.listeners.get(channel)?.delete(listener),
    },
    webUtils: { getPathForFile: pathForFile },
  };
  const sandboxRequire = (name: string): unknown => {
    loaded.required.push(name);
    if (name === 'electron') return electron;
    throw new Error(`module not found: ${name}`);
  };
  const module = { exports: {} };
  vm.runInNewContext(code, { require: sandboxRequire, module, exports: module.exports });
  return loaded;
}

function imApi(loaded: Loaded): ImApi {
  return loaded.exposed.get('imApi') as ImApi;
}

describe('preload', () => {
  it('is CommonJS that requires nothing but electron', () => {
    const loaded = load();
    expect(new Set(loaded.required)).toEqual(new Set(['electron']));
    expect(code).not.toMatch(/\bimport\s*\(|\bimport\s+[\w{*]/);
    // Types only from the contract: zod and the engine stay out of the page's process.
    expect(code.length).toBeLessThan(4000);
  });

  it('exposes exactly imApi with four functions, and no Electron object', () => {
    const loaded = load();
    expect([...loaded.exposed.keys()]).toEqual(['imApi']);
    const api = loaded.exposed.get('imApi') as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual(['call', 'chooseExportFile', 'onEvent', 'pathForFile']);
    expect(Object.values(api).every((v) => typeof v === 'function')).toBe(true);
  });

  it('call invokes im:call with the method and arguments and returns the main process’s answer', async () => {
    const loaded = load();
    expect(await imApi(loaded).call('learners.create', { name: 'Ada' })).toEqual({ ok: true, value: 'from main' });
    expect(loaded.invoked).toEqual([['im:call', 'learners.create', { name: 'Ada' }]]);
  });

  it('onEvent hands the page the event data only, and its return value stops it', () => {
    const loaded = load();
    const seen: unknown[] = [];
    const stop = imApi(loaded).onEvent((e) => seen.push(e));
    const listeners = [...(loaded.listeners.get('im:event') ?? [])];
    expect(listeners).toHaveLength(1);
    const event: ApiEvent = { type: 'sandbox.ready' };
    listeners[0]?.({ sender: 'ipcRenderer itself', senderId: 0 }, event);
    expect(seen).toEqual([event]);
    stop();
    expect(loaded.listeners.get('im:event')?.size).toBe(0);
    expect(() => imApi(loaded).onEvent('not a function' as unknown as (e: ApiEvent) => void)).toThrow('imApi.onEvent: the listener must be a function');
  });

  it('pathForFile returns the file’s path and grants it to the main process synchronously; a made-up File grants nothing', () => {
    const real = { name: 'gsm.jsonl' };
    const loaded = load((file) => (file === real ? '/home/ada/gsm.jsonl' : ''));
    const api = imApi(loaded);
    expect(api.pathForFile(real as unknown as File)).toBe('/home/ada/gsm.jsonl');
    expect(api.pathForFile({ name: 'made-up.jsonl' } as unknown as File)).toBe('');
    expect(loaded.sentSync).toEqual([['im:grant-path', '/home/ada/gsm.jsonl']]);
  });

  it('chooseExportFile asks the main process (which shows the save dialog) and passes only a string', async () => {
    const loaded = load();
    const api = imApi(loaded);
    await api.chooseExportFile?.({ toString: () => 'starter-chat.jsonl' } as unknown as string);
    expect(loaded.invoked).toEqual([['im:choose-export', 'starter-chat.jsonl']]);
  });
});
