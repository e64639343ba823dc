/**
 * Where `library.exportStart` may write, attacked the way a script on the page (or a careless click)
 * would: in browser mode relative paths, `..`, absolute paths elsewhere, a symbolic link as the file or
 * as a folder on the way, dot files, a folder; in every mode an existing file (never replaced unless
 * asked), a symbolic link put where the export goes, a failed export (the old file stays), a file that
 * appears while the export runs. Each check looks at the files on disk, not only at the error.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiEvent } from '../../src-main/api/contract.std.js';
import type { HandlerDeps } from '../../src-main/app/handler-deps.js';
import { createLibraryJobHandlers } from '../../src-main/app/library-job-handlers.js';
import { SolutionSupply } from '../../src-main/app/solution-supply.js';
import { DestinationError, openOutput } from '../../src-main/export/export-destination.js';
import { runExport } from '../../src-main/export/export-runner.js';
import { ensureStarterPack, STARTER_PACK_ID } from '../../src-main/library/starter-pack.js';
import { openDatabase, type AppDatabase } from '../../src-main/storage/database.js';
import { createTestPool } from '../helpers/sandbox.js';

let dir: string;
let outside: string;
let app: AppDatabase;
const events: ApiEvent[] = [];
const waiters: ((e: ApiEvent) => void)[] = [];

function handlers(mode: 'browser' | 'electron') {
  const deps: HandlerDeps = {
    db: app.db,
    pool: () => Promise.reject(new Error('native exports need no sandbox')),
    emit: (e) => {
      events.push(e);
      for (const w of [...waiters]) w(e);
    },
    now: () => 0,
    signal: new AbortController().signal,
    mode,
    dataDir: dir,
    solutions: new SolutionSupply(() => Promise.reject(new Error('no sandbox'))),
  };
  return createLibraryJobHandlers(deps);
}

const base = { filter: { packId: STARTER_PACK_ID }, format: 'native', perTemplate: 1, only: 'all', dedupe: false } as const;

function finished(jobId: string): Promise<ApiEvent> {
  const seen = events.find((e) => 'jobId' in e && e.jobId === jobId && (e.type === 'library.export.done' || e.type === 'library.job.failed'));
  if (seen) return Promise.resolve(seen);
  return new Promise((resolve) => {
    const w = (e: ApiEvent): void => {
      if (!('jobId' in e) || e.jobId !== jobId || (e.type !== 'library.export.done' && e.type !== 'library.job.failed')) return;
      waiters.splice(waiters.indexOf(w), 1);
      resolve(e);
    };
    waiters.push(w);
  });
}

/** Every file under `root`, relative, sorted (to see that nothing else was written). */
function filesUnder(root: string): string[] {
  return fs
    .readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((d) => !d.isDirectory())
    .map((d) => path.relative(root, path.join(d.parentPath, d.name)))
    .sort();
}

beforeAll(() => {
  dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'im-export-dest-')));
  outside = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'im-export-outside-')));
  app = openDatabase(path.join(dir, 'library.sqlite'));
  ensureStarterPack(app.db);
  fs.mkdirSync(path.join(dir, 'exports'));
});
afterAll(() => {
  app.close();
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(outside, { recursive: true, force: true });
});

describe('browser mode: only the exports folder', () => {
  const h = () => handlers('browser');
  const refused = async (out: string, message: string | RegExp): Promise<void> => {
    const before = filesUnder(outside);
    await expect(h()['library.exportStart']({ ...base, out, overwrite: true })).rejects.toMatchObject({ code: 'bad-request', message: expect.stringMatching(message) as unknown });
    expect(filesUnder(outside)).toEqual(before);
  };

  it('writes a bare file name into the exports folder', async () => {
    const target = await h()['library.exportTarget']({ filter: base.filter, format: 'native', out: 'mine.jsonl' });
    expect(target).toEqual({ path: path.join(dir, 'exports', 'mine.jsonl'), exists: false, folder: path.join(dir, 'exports') });
    const started = await h()['library.exportStart']({ ...base, out: 'mine.jsonl', overwrite: false });
    const done = await finished(started.jobId);
    expect(done).toMatchObject({ type: 'library.export.done', summary: { out: path.join(dir, 'exports', 'mine.jsonl') } });
    expect(fs.readFileSync(path.join(dir, 'exports', 'mine.jsonl'), 'utf8').split('\n').filter(Boolean)).toHaveLength(started.total);
    // No temporary file is left beside it.
    expect(fs.readdirSync(path.join(dir, 'exports'))).toEqual(['mine.jsonl']);
  });

  it('refuses .., absolute paths elsewhere, dot files and folders', async () => {
    await refused('../escape.jsonl', /"\.\." is not allowed/);
    await refused('sub/../../escape.jsonl', /"\.\." is not allowed/);
    await refused(path.join(outside, 'abs.jsonl'), /is outside the exports folder/);
    await refused(path.join(dir, 'library.sqlite'), /is outside the exports folder/);
    await refused('.bashrc', /may not start with a dot/);
    fs.mkdirSync(path.join(dir, 'exports', 'a-folder'), { recursive: true });
    await refused('a-folder', /is a folder/);
    await refused('x\u0000.jsonl', /NUL/);
  });

  it('refuses a symbolic link, as the file or as a folder on the way, and writes nothing through it', async () => {
    const victim = path.join(outside, 'victim.txt');
    fs.writeFileSync(victim, 'keep me');
    fs.symlinkSync(victim, path.join(dir, 'exports', 'evil.jsonl'));
    await refused('evil.jsonl', /is a symbolic link/);
    fs.symlinkSync(outside, path.join(dir, 'exports', 'linked-dir'));
    await refused('linked-dir/out.jsonl', /is outside the exports folder/);
    await refused(path.join(dir, 'exports', 'linked-dir', 'out.jsonl'), /is outside the exports folder/);
    expect(fs.readFileSync(victim, 'utf8')).toBe('keep me');
    expect(fs.existsSync(path.join(outside, 'out.jsonl'))).toBe(false);
  });

  it('refuses an existing file unless asked to replace it, and says where it is', async () => {
    const file = path.join(dir, 'exports', 'keep.jsonl');
    fs.writeFileSync(file, 'old\n');
    expect(await h()['library.exportTarget']({ filter: base.filter, format: 'native', out: 'keep.jsonl' })).toMatchObject({ path: file, exists: true });
    await expect(h()['library.exportStart']({ ...base, out: 'keep.jsonl', overwrite: false })).rejects.toMatchObject({
      code: 'bad-request',
      message: `library.exportStart: ${file} already exists; replace it only if you mean to (overwrite / --force)`,
    });
    expect(fs.readFileSync(file, 'utf8')).toBe('old\n');
    const started = await h()['library.exportStart']({ ...base, out: 'keep.jsonl', overwrite: true });
    await finished(started.jobId);
    expect(fs.readFileSync(file, 'utf8')).not.toBe('old\n');
  });

  it('the default file is refused too when it exists, until the user confirms', async () => {
    const started = await h()['library.exportStart']({ ...base, overwrite: false });
    await finished(started.jobId);
    await expect(h()['library.exportStart']({ ...base, overwrite: false })).rejects.toMatchObject({ message: expect.stringContaining('already exists') as unknown });
    const again = await h()['library.exportStart']({ ...base, overwrite: true });
    expect(await finished(again.jobId)).toMatchObject({ type: 'library.export.done' });
  });
});

describe('desktop mode: the path the dialog gave (the relay checks the grant)', () => {
  it('writes an absolute path anywhere, refuses a relative one, and still never writes through a link', async () => {
    const h = handlers('electron');
    const file = path.join(outside, 'picked.jsonl');
    const started = await h['library.exportStart']({ ...base, out: file, overwrite: false });
    await finished(started.jobId);
    expect(fs.existsSync(file)).toBe(true);
    await expect(h['library.exportStart']({ ...base, out: 'relative.jsonl', overwrite: false })).rejects.toMatchObject({ message: 'library.exportStart: out must be an absolute path; got "relative.jsonl"' });
    const victim = path.join(outside, 'victim2.txt');
    fs.writeFileSync(victim, 'keep me');
    fs.symlinkSync(victim, path.join(outside, 'link.jsonl'));
    await expect(h['library.exportStart']({ ...base, out: path.join(outside, 'link.jsonl'), overwrite: true })).rejects.toMatchObject({ message: expect.stringContaining('is a symbolic link') as unknown });
    expect(fs.readFileSync(victim, 'utf8')).toBe('keep me');
  });
});

describe('writing the file', () => {
  it('a failed export leaves the old file exactly as it was, and no temporary file', async () => {
    const file = path.join(outside, 'precious.jsonl');
    fs.writeFileSync(file, 'precious\n');
    const pool = await createTestPool({ size: 1 });
    await pool.close();
    // A closed sandbox: the chat export fails at its first template.
    await expect(runExport(app.db, pool, { filter: { packId: STARTER_PACK_ID }, format: 'chat', perTemplate: 1, only: 'all', dedupe: false, out: file, overwrite: true })).rejects.toThrow();
    expect(fs.readFileSync(file, 'utf8')).toBe('precious\n');
    expect(fs.readdirSync(outside).filter((n) => n.includes('precious'))).toEqual(['precious.jsonl']);
  });

  it('a file that appears while the export is written is not replaced either', async () => {
    const file = path.join(outside, 'race.jsonl');
    const output = openOutput(file, false);
    output.stream.write('new\n');
    fs.writeFileSync(file, 'someone else\n');
    await expect(output.commit()).rejects.toBeInstanceOf(DestinationError);
    expect(fs.readFileSync(file, 'utf8')).toBe('someone else\n');
    expect(fs.readdirSync(outside).filter((n) => n.includes('race'))).toEqual(['race.jsonl']);
  });
});
