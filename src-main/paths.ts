/**
 * Where the engine finds its own files. Code runs from TypeScript sources (tests), from the esbuild
 * bundles in dist/ (CLI, browser-mode server) and from a packaged app, so paths are found by walking
 * up to the package root rather than assumed relative to the current file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { currentUserEnv, userDirs } from './userdata/user-dirs.js';

function findPackageRoot(start: string): string {
  let dir = start;
  for (;;) {
    const candidate = path.join(dir, 'package.json');
    if (fs.existsSync(candidate)) {
      try {
        const pkg = JSON.parse(fs.readFileSync(candidate, 'utf8')) as { name?: unknown };
        if (pkg.name === 'infinitymath-studio') return dir;
      } catch {
        // A broken package.json higher up is not ours; keep walking.
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`cannot find the infinitymath-studio package root above ${start}`);
    dir = parent;
  }
}

let cachedRoot: string | undefined;

export function packageRoot(): string {
  cachedRoot ??= process.env.INFINITYMATH_ROOT ?? findPackageRoot(path.dirname(fileURLToPath(import.meta.url)));
  return cachedRoot;
}

/** Directory holding pyodide.mjs, the wasm binary and the standard library zip. */
export function pyodideDir(): string {
  return path.join(packageRoot(), 'node_modules', 'pyodide');
}

/** The esbuild bundles that run inside the sandbox child process. */
export function sandboxScripts(): { child: string; watchdog: string } {
  const dist = path.join(packageRoot(), 'dist');
  return { child: path.join(dist, 'sandbox-child.mjs'), watchdog: path.join(dist, 'sandbox-watchdog.mjs') };
}

export function starterTemplatesDir(): string {
  return path.join(packageRoot(), 'assets', 'templates');
}

/** Per-user cache (the Pyodide memory snapshot), per OS (userdata/user-dirs.ts). Overridable for tests. */
export function defaultCacheDir(): string {
  return userDirs(currentUserEnv()).cacheDir;
}

/**
 * The library the CLI, browser mode and the desktop app open when none is named (--db, INFINITYMATH_DB):
 * one per user, in the OS's place for application data (userdata/user-dirs.ts).
 */
export function defaultDatabasePath(): string {
  return userDirs(currentUserEnv()).database;
}
