/**
 * Pyodide's memory snapshot turns a 3–5 s cold start into well under a second. The snapshot API is
 * private (`_makeSnapshot`/`_loadSnapshot`), which is why the pyodide version is pinned exactly and
 * the file name carries the version: a different version never loads an old snapshot.
 */
import fs from 'node:fs';
import path from 'node:path';
import { SandboxProcess, type SandboxProcessOptions } from './sandbox-process.js';

function pyodideVersion(pyodideDir: string): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(pyodideDir, 'package.json'), 'utf8')) as { version?: string };
  return pkg.version ?? 'unknown';
}

export function snapshotPath(cacheDir: string, pyodideDir: string): string {
  return path.join(cacheDir, `pyodide-${pyodideVersion(pyodideDir)}-abi${process.versions.modules}.snapshot`);
}

/** Returns the snapshot file, making it first if needed; undefined if it cannot be made (cold starts then). */
export async function ensureSnapshot(cacheDir: string, opts: Omit<SandboxProcessOptions, 'snapshotFile'>): Promise<string | undefined> {
  const file = snapshotPath(cacheDir, opts.pyodideDir);
  if (fs.existsSync(file)) return file;
  const maker = new SandboxProcess(opts, 'make-snapshot');
  try {
    const { bytes } = await maker.ready;
    if (!bytes) return undefined;
    fs.mkdirSync(cacheDir, { recursive: true });
    // Write then rename, so a concurrent reader never sees half a snapshot.
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, bytes);
    fs.renameSync(tmp, file);
    return file;
  } catch {
    return undefined;
  } finally {
    await maker.close();
  }
}
