// Bundles the engine's entry points with esbuild. Native and wasm packages stay external: they are
// loaded from node_modules at run time (Pyodide by absolute path inside the sandbox).
import process from 'node:process';
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
  external: ['better-sqlite3', 'pyodide', 'electron'],
  loader: { '.py': 'text' },
  // Bundled ESM still needs `require` for CommonJS dependencies such as better-sqlite3.
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
};

const entries = {
  'sandbox-child': 'src-main/sandbox/child-main.ts',
  'sandbox-watchdog': 'src-main/sandbox/watchdog-worker.ts',
  cli: 'src-main/cli/main.ts',
  bench: 'tests/bench/bench.ts',
  'bench-import': 'tests/bench/import-child.ts',
};

const only = process.argv.slice(2);
await Promise.all(
  Object.entries(entries)
    .filter(([name]) => only.length === 0 || only.includes(name))
    .map(([name, entry]) =>
      build({
        ...common,
        entryPoints: { [name]: entry },
        outdir: 'dist',
        outExtension: { '.js': '.mjs' },
        ...(name.startsWith('sandbox') ? { banner: {} , sourcemap: false } : {}),
      }),
    ),
);
