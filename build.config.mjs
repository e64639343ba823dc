// Builds everything `npm start`, `npm run web`, the CLI and the tests run: esbuild bundles of the
// engine's entry points, the renderer (Vite), and the starter pack's pre-generated instances (so the
// first problem appears before Pyodide is warm). Native and wasm packages stay external: they are
// loaded from node_modules at run time (Pyodide by absolute path inside the sandbox).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  sourcemap: 'linked',
  // Smaller bundles parse faster: start-up of the CLI and browser mode is part of what users wait for.
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
  external: ['better-sqlite3', 'pyodide', 'electron', 'playwright-core'],
  loader: { '.py': 'text' },
  // Bundled ESM still needs `require` for CommonJS dependencies such as better-sqlite3.
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
};

/** name → [entry, options]; entries whose source does not exist yet are skipped. */
const entries = {
  'sandbox-child': ['src-main/sandbox/child-main.ts', { banner: {}, sourcemap: false }],
  'sandbox-watchdog': ['src-main/sandbox/watchdog-worker.ts', { banner: {}, sourcemap: false }],
  cli: ['src-main/cli/main.ts', {}],
  web: ['src-main/server/web-main.ts', {}],
  backend: ['src-main/backend/backend-main.ts', {}],
  'ensure-native': ['src-main/electron/ensure-native-main.ts', {}],
  'smoke-electron': ['src-main/electron/smoke-launch-main.ts', {}],
  'electron-main': ['src-main/electron/main.electron.ts', {}],
  // Sandboxed preloads cannot be ES modules.
  preload: ['src-main/electron/preload.electron.ts', { format: 'cjs', banner: {}, outExtension: { '.js': '.cjs' } }],
  bench: ['tests/bench/bench.ts', {}],
  'bench-import': ['tests/bench/import-child.ts', {}],
};

const args = process.argv.slice(2);
const only = args.filter((a) => !a.startsWith('--'));
const wanted = (name) => only.length === 0 || only.includes(name);

await Promise.all(
  Object.entries(entries)
    .filter(([name, [entry]]) => wanted(name) && fs.existsSync(entry))
    .map(([name, [entry, extra]]) =>
      build({ ...common, entryPoints: { [name]: entry }, outdir: 'dist', outExtension: { '.js': '.mjs' }, ...extra }),
    ),
);

if (wanted('renderer') && fs.existsSync('src-renderer/vite.config.ts')) {
  const r = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--config', 'src-renderer/vite.config.ts', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

// Pre-generated instances of the starter pack (seeds 1..8), remade only when the templates change.
if (wanted('instances') && !args.includes('--no-instances')) {
  const dir = 'assets/templates';
  const hash = createHash('sha256');
  for (const f of fs.readdirSync(dir).sort()) hash.update(f).update(fs.readFileSync(path.join(dir, f)));
  hash.update(fs.readFileSync('dist/sandbox-child.mjs'));
  const digest = hash.digest('hex');
  const out = 'dist/starter-instances.jsonl';
  const stamp = 'dist/starter-instances.hash';
  if (!fs.existsSync(out) || !fs.existsSync(stamp) || fs.readFileSync(stamp, 'utf8') !== digest) {
    // The CLI needs better-sqlite3 built for Node (after `npm start` it may be built for Electron).
    const native = spawnSync(process.execPath, ['dist/ensure-native.mjs', '--for', 'node'], { stdio: 'inherit' });
    if (native.status !== 0) process.exit(native.status ?? 1);
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'im-build-'));
    const r = spawnSync(
      process.execPath,
      ['dist/cli.mjs', 'generate', '--all', '--count', '8', '--seed', '1', '--out', `${out}.tmp`, '--db', path.join(tmp, 'build.sqlite')],
      { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, XDG_CACHE_HOME: path.resolve('.cache') } },
    );
    fs.rmSync(tmp, { recursive: true, force: true });
    if (r.status !== 0) process.exit(r.status ?? 1);
    fs.renameSync(`${out}.tmp`, out);
    fs.writeFileSync(stamp, digest);
  }
}
