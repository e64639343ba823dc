/**
 * electron.builder.yml, read and schema-checked by electron-builder's own loader (packaging itself
 * needs Electron's binary, which this machine cannot download), plus the invariants the app relies on.
 */
import fs from 'node:fs';
import path from 'node:path';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { DebugLogger } from 'builder-util';
import { beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src-main/paths.js';

const root = packageRoot();
type Config = Awaited<ReturnType<typeof getConfig>>;
let config: Config;

beforeAll(async () => {
  config = await getConfig(root, 'electron.builder.yml', null);
});

/** Glob patterns of a files-like option; the loader turns a list of strings into one `{ filter }` set. */
function strings(value: unknown): string[] {
  return (Array.isArray(value) ? value : [value]).flatMap((v: unknown) => {
    if (typeof v === 'string') return [v];
    const filter = (v as { filter?: unknown } | null)?.filter;
    return Array.isArray(filter) ? filter.filter((f): f is string => typeof f === 'string') : [];
  });
}

function targets(platform: unknown): string[] {
  const target = (platform as { target?: unknown } | null | undefined)?.target;
  return (Array.isArray(target) ? target : [target]).map((t) => (typeof t === 'string' ? t : (t as { target: string }).target));
}

describe('electron.builder.yml', () => {
  it('matches electron-builder’s schema', async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('names the app and builds the four installers', () => {
    expect(config.productName).toBe('InfinityMATH Studio');
    expect(config.appId).toMatch(/^[a-z]+(\.[a-z]+)+$/);
    // The .deb first: it is the one that runs on Ubuntu 24.04 (AppArmor profile), see electron.builder.yml.
    expect(targets(config.linux)).toEqual(['deb', 'AppImage']);
    expect(targets(config.win)).toEqual(['nsis']);
    expect(targets(config.mac)).toEqual(['dmg']);
  });

  it('rebuilds native modules for Electron and keeps ELECTRON_RUN_AS_NODE working for the sandbox', () => {
    expect(config.npmRebuild).toBe(true);
    expect(config.electronFuses?.runAsNode).toBe(true);
  });

  it('packs what the main process loads, including package.json’s main', () => {
    const files = strings(config.files);
    const main = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { main: string }).main;
    for (const needed of ['package.json', main, 'dist/preload.cjs', 'dist/backend.mjs', 'dist/renderer/**']) expect(files).toContain(needed);
  });

  it('unpacks the engine root: every file the sandbox children or the backend resolve next to Pyodide', () => {
    const unpacked = strings(config.asarUnpack);
    // src-main/paths.ts resolves these from one root, which the main process points at app.asar.unpacked.
    const engine = ['package.json', 'dist/sandbox-child.mjs', 'dist/sandbox-watchdog.mjs', 'dist/starter-instances.jsonl', 'assets/templates/**', 'node_modules/pyodide/**'];
    expect(unpacked).toEqual(expect.arrayContaining(['**/*.node', ...engine]));
    // Unpacked files must be packed in the first place (node_modules are collected separately).
    const files = strings(config.files);
    for (const f of engine.filter((e) => !e.startsWith('node_modules/'))) expect(files).toContain(f);
  });

  it('puts no package.json in extraResources (electron-builder then drops the app’s own from app.asar)', () => {
    const extra = JSON.stringify(config.extraResources ?? []);
    expect(extra).not.toContain('package.json');
  });
});
