/**
 * Bundles a backend entry the way build.config.mjs bundles dist/*.mjs (ESM, Node 20, native and wasm
 * packages external), into the repository's ignored .cache/ so the bundle resolves better-sqlite3
 * from node_modules and finds the package root by walking up, as dist/backend.mjs does.
 */
import path from 'node:path';
import { build } from 'esbuild';
import { packageRoot } from '../../src-main/paths.js';

export async function bundleForTest(entry: string, name: string): Promise<string> {
  const outdir = path.join(packageRoot(), '.cache', 'test-bundles');
  await build({
    entryPoints: { [name]: path.join(packageRoot(), entry) },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: ['better-sqlite3', 'pyodide', 'electron'],
    loader: { '.py': 'text' },
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    outdir,
    outExtension: { '.js': '.mjs' },
    logLevel: 'silent',
  });
  return path.join(outdir, `${name}.mjs`);
}
