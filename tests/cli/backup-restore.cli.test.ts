/**
 * `infinitymath backup FILE` / `infinitymath restore FILE` as a user runs them (the built bundle, real
 * files): a backup that refuses to overwrite without --force, a restore that refuses to replace a
 * library without --force, keeps a copy of it when it does, creates a library that does not exist,
 * and refuses files that are not ours or are from a newer schema, with one clear line.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src-main/paths.js';
import { LATEST_SCHEMA_VERSION } from '../../src-main/storage/migrations.js';
import { TEST_CACHE_DIR } from '../helpers/sandbox.js';

const CLI = path.join(packageRoot(), 'dist', 'cli.mjs');
let dir: string;

function cli(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    env: { ...process.env, XDG_CACHE_HOME: path.dirname(TEST_CACHE_DIR), INFINITYMATH_DB: path.join(dir, 'env.sqlite') },
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Every row of the tables a user's data lives in. */
function rows(file: string): Record<string, unknown[]> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const out: Record<string, unknown[]> = {};
    for (const table of ['learners', 'templates', 'packs', 'settings']) out[table] = db.prepare(`SELECT * FROM ${table} ORDER BY rowid`).raw().all();
    return out;
  } finally {
    db.close();
  }
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'im-cli-backup-'));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('infinitymath backup / restore', () => {
  it('backs up, refuses to overwrite without --force, and restores into a new or (with --force) an existing library', () => {
    const lib = path.join(dir, 'lib.sqlite');
    expect(cli('list', '--db', lib, '--limit', '1').code).toBe(0); // a fresh library with the starter pack
    const seed = new Database(lib);
    seed.prepare("INSERT INTO learners (name, created_at) VALUES ('Amira', 1)").run();
    seed.close();

    const file = path.join(dir, 'out', 'backup.sqlite');
    fs.mkdirSync(path.dirname(file));
    const made = cli('backup', file, '--db', lib);
    expect(made.code, made.stderr).toBe(0);
    expect(made.stdout).toMatch(new RegExp(`^backed up ${lib} to ${file} \\(\\d+\\.\\d MB: \\d+ templates, 1 learners, 0 answers\\)\\n$`));
    const again = cli('backup', file, '--db', lib);
    expect(again).toMatchObject({ code: 1, stdout: '', stderr: `infinitymath: backup: ${file} already exists; choose another name, or --force to replace it\n` });
    expect(cli('backup', file, '--db', lib, '--force', '--json').code).toBe(0);
    const original = rows(lib);

    // Into a library that does not exist yet: created, nothing to keep.
    const fresh = path.join(dir, 'elsewhere', 'new.sqlite');
    const created = cli('restore', file, '--db', fresh, '--json');
    expect(created.code, created.stderr).toBe(0);
    expect(JSON.parse(created.stdout)).toMatchObject({ created: true, keptCopy: null, learners: 1, schemaVersion: LATEST_SCHEMA_VERSION });
    expect(rows(fresh)).toEqual(original);

    // Into the existing library: refused without --force, which changes nothing…
    const changed = new Database(lib);
    changed.prepare("UPDATE learners SET name = 'Changed'").run();
    changed.close();
    const refused = cli('restore', file, '--db', lib);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^infinitymath: restore: this would replace the library at .* \(\d+ templates, 1 learners, 0 answers\); run again with --force to replace it \(a copy of it is kept in .*backups first\)\n$/);
    expect(rows(lib).learners).toEqual([[1, 'Changed', 1]]);
    // …and with --force it is replaced, the library as it was kept beside it.
    const forced = cli('restore', file, '--db', lib, '--force');
    expect(forced.code, forced.stderr).toBe(0);
    expect(rows(lib)).toEqual(original);
    const kept = /the library as it was is kept in (.*)\n$/.exec(forced.stdout)?.[1] ?? '';
    expect(path.dirname(kept)).toBe(path.join(dir, 'backups'));
    expect(rows(kept).learners).toEqual([[1, 'Changed', 1]]);
  });

  it('refuses files that are not libraries, or from a newer schema, or missing, with one line; and usage mistakes with exit 2', () => {
    const lib = path.join(dir, 'lib2.sqlite');
    expect(cli('list', '--db', lib, '--limit', '1').code).toBe(0);
    const text = path.join(dir, 'notes.txt');
    fs.writeFileSync(text, 'not a database at all, just some words on a page\n'.repeat(5));
    expect(cli('restore', text, '--db', lib, '--force')).toMatchObject({ code: 1, stderr: `infinitymath: restore: "${text}" is not an InfinityMATH Studio library: it is not an SQLite database\n` });
    const future = path.join(dir, 'future.sqlite');
    fs.copyFileSync(lib, future);
    const db = new Database(future);
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    db.pragma('journal_mode = DELETE');
    db.close();
    const tooNew = cli('restore', future, '--db', lib, '--force');
    expect(tooNew.code).toBe(1);
    expect(tooNew.stderr).toContain(`schema version ${LATEST_SCHEMA_VERSION + 1}, written by a newer InfinityMATH Studio`);
    expect(cli('restore', path.join(dir, 'missing.sqlite'), '--db', lib).stderr).toContain('there is no such file');
    expect(cli('backup', path.join(dir, 'x.sqlite'), '--db', path.join(dir, 'no-such-library.sqlite')).stderr).toBe(`infinitymath: backup: there is no library at ${path.join(dir, 'no-such-library.sqlite')} (use --db to name it)\n`);
    expect(cli('backup')).toMatchObject({ code: 2, stderr: 'infinitymath: backup: which file? usage: infinitymath backup FILE [--force]\n' });
    expect(cli('restore', 'a', 'b').code).toBe(2);
    expect(cli('backup', 'a', '--frobnicate').code).toBe(2);
  });
});
