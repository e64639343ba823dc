/**
 * The one-time move of a library from where an earlier version kept it (src-main/userdata/adopt-old-library.ts),
 * on real SQLite files in a temp home: a database whose last transactions live only in its -wal (the writer
 * was killed) arrives whole; an existing library is never overwritten; the user is told once; a move cut
 * short is finished; and the CLI does it for real.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src-main/paths.js';
import { adoptOldLibrary } from '../../src-main/userdata/adopt-old-library.js';
import { userDirs, type UserEnv } from '../../src-main/userdata/user-dirs.js';

let home: string;
let where: UserEnv;
let target: string;
/** Where earlier versions kept it, on Linux (see old-libraries.ts). */
let oldCli: string;
let oldElectron: string;

beforeEach(() => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'im-adopt-'));
  where = { platform: 'linux', env: {}, home };
  target = userDirs(where).database;
  oldCli = path.join(home, '.local', 'share', 'infinitymath-studio', 'library.sqlite');
  oldElectron = path.join(home, '.config', 'infinitymath-studio', 'library.sqlite');
});
afterEach(() => {
  fs.rmSync(home, { recursive: true, force: true });
});

/**
 * A WAL-mode library whose writer was killed: every row is still in library.sqlite-wal (checkpoints off),
 * so a move that forgot the -wal would arrive empty.
 */
function killedWriter(file: string, rows: number, label: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const script = `
    const Database = require('better-sqlite3');
    const db = new Database(${JSON.stringify(file)});
    db.pragma('journal_mode = WAL');
    db.pragma('wal_autocheckpoint = 0');
    db.exec('CREATE TABLE notes (n INTEGER, label TEXT)');
    const insert = db.prepare('INSERT INTO notes VALUES (?, ?)');
    db.transaction(() => { for (let i = 0; i < ${rows}; i++) insert.run(i, ${JSON.stringify(label)}); })();
    process.kill(process.pid, 'SIGKILL');`;
  const r = spawnSync(process.execPath, ['-e', script], { cwd: packageRoot(), encoding: 'utf8' });
  expect(r.signal).toBe('SIGKILL');
  expect(fs.existsSync(`${file}-wal`)).toBe(true);
}

function rowsIn(file: string): { n: number; label: string | null } {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('SELECT count(*) AS n, max(label) AS label FROM notes').get() as { n: number; label: string | null };
  } finally {
    db.close();
  }
}

function filesAt(file: string): string[] {
  return ['', '-wal', '-shm', '-journal'].filter((s) => fs.existsSync(`${file}${s}`)).map((s) => `${path.basename(file)}${s}`);
}

describe('adoptOldLibrary', () => {
  it('moves a library with its -wal and -shm, so transactions not yet checkpointed arrive too, and says so once', () => {
    killedWriter(oldCli, 500, 'cli');
    const outcome = adoptOldLibrary(target, where);
    expect(outcome).toMatchObject({ kind: 'moved', from: oldCli, to: target, files: ['library.sqlite-wal', 'library.sqlite-shm', 'library.sqlite'], leftBehind: [] });
    expect(outcome.kind === 'moved' && outcome.message).toBe(
      `Your InfinityMATH library was moved from ${oldCli} to ${target}, where the app, browser mode and the command line now all find it.`,
    );
    expect(filesAt(oldCli)).toEqual([]);
    expect(rowsIn(target)).toEqual({ n: 500, label: 'cli' });
    // Nothing is left to move: the next start says nothing.
    expect(adoptOldLibrary(target, where)).toEqual({ kind: 'none' });
  });

  it('never overwrites a library already there: both stay as they are, and it is said once', () => {
    killedWriter(oldCli, 3, 'old');
    killedWriter(target, 7, 'today');
    const before = fs.readFileSync(`${target}-wal`);
    const first = adoptOldLibrary(target, where);
    expect(first.kind).toBe('left');
    expect(first.kind === 'left' && first.message).toBe(
      `Found an older InfinityMATH library at ${oldCli}; it was left where it is because ${target} already holds your library. Open it with --db to look at it.`,
    );
    expect(adoptOldLibrary(target, where)).toEqual({ kind: 'left', found: [oldCli], message: null });
    expect(fs.readFileSync(`${target}-wal`).equals(before)).toBe(true);
    expect(rowsIn(target)).toEqual({ n: 7, label: 'today' });
    expect(rowsIn(oldCli)).toEqual({ n: 3, label: 'old' });
  });

  it('counts a lone -wal at the target as a library (a database must never land next to a stranger’s -wal)', () => {
    killedWriter(oldCli, 3, 'old');
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(`${target}-wal`, 'not ours');
    expect(adoptOldLibrary(target, where).kind).toBe('left');
    expect(filesAt(target)).toEqual(['library.sqlite-wal']);
  });

  it('takes the one written last when several old libraries exist, and names the other', () => {
    killedWriter(oldElectron, 2, 'electron');
    killedWriter(oldCli, 4, 'cli');
    const older = new Date(Date.now() - 86_400_000);
    for (const f of [oldElectron, `${oldElectron}-wal`]) fs.utimesSync(f, older, older);
    const outcome = adoptOldLibrary(target, where);
    expect(outcome).toMatchObject({ kind: 'moved', from: oldCli, leftBehind: [oldElectron] });
    expect(outcome.kind === 'moved' && outcome.message).toContain(`Another, older library was left where it is: ${oldElectron}`);
    expect(rowsIn(target)).toEqual({ n: 4, label: 'cli' });
    expect(rowsIn(oldElectron)).toEqual({ n: 2, label: 'electron' });
    // The one left behind was mentioned already: not again.
    expect(adoptOldLibrary(target, where)).toEqual({ kind: 'left', found: [oldElectron], message: null });
  });

  it('finishes a move that was cut short (the -wal moved, the database not yet)', () => {
    killedWriter(oldCli, 9, 'cut');
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(path.join(path.dirname(target), '.library-move.json'), JSON.stringify({ from: oldCli, to: target }));
    fs.renameSync(`${oldCli}-wal`, `${target}-wal`);
    const outcome = adoptOldLibrary(target, where);
    expect(outcome).toMatchObject({ kind: 'moved', from: oldCli, to: target, files: ['library.sqlite-shm', 'library.sqlite'] });
    expect(rowsIn(target)).toEqual({ n: 9, label: 'cut' });
    expect(fs.existsSync(path.join(path.dirname(target), '.library-move.json'))).toBe(false);
  });

  it('leaves the library where it was and says why when the move fails', () => {
    killedWriter(oldElectron, 5, 'stuck');
    // ~/.local/share is a file: today's folder cannot be made.
    fs.mkdirSync(path.join(home, '.local'), { recursive: true });
    fs.writeFileSync(path.join(home, '.local', 'share'), 'not a folder');
    const outcome = adoptOldLibrary(target, where);
    expect(outcome.kind).toBe('failed');
    expect(outcome.kind === 'failed' && outcome.message).toMatch(new RegExp(`^Could not move your InfinityMATH library from ${oldElectron} to ${target}: .*ENOTDIR`));
    expect(rowsIn(oldElectron)).toEqual({ n: 5, label: 'stuck' });
  });

  it('does nothing for a database the user named, or a library folder they chose', () => {
    killedWriter(oldCli, 1, 'x');
    expect(adoptOldLibrary(path.join(home, 'elsewhere.sqlite'), where)).toEqual({ kind: 'not-default' });
    const chosen = { ...where, env: { INFINITYMATH_DATA_DIR: path.join(home, 'portable') } };
    expect(adoptOldLibrary(userDirs(chosen).database, chosen)).toEqual({ kind: 'not-default' });
    expect(filesAt(oldCli)).toEqual(['library.sqlite', 'library.sqlite-wal', 'library.sqlite-shm']);
  });
});

describe('the CLI on a machine with a library in the old place', () => {
  it('moves it on first use, says so on stderr once, and then lists what was in it', () => {
    const cliHome = fs.mkdtempSync(path.join(os.tmpdir(), 'im-adopt-cli-'));
    try {
      const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: cliHome, XDG_CACHE_HOME: path.join(packageRoot(), '.cache') };
      const old = path.join(cliHome, '.local', 'share', 'infinitymath-studio', 'library.sqlite');
      const cli = (...args: string[]) => spawnSync(process.execPath, [path.join(packageRoot(), 'dist', 'cli.mjs'), ...args], { env, encoding: 'utf8', timeout: 60_000 });
      // An old library made by the CLI itself (the old default, given as --db).
      expect(cli('list', '--limit', '1', '--db', old).status).toBe(0);
      const today = userDirs({ platform: process.platform, env, home: cliHome }).database;
      const first = cli('list', '--limit', '2', '--json');
      expect(first.status).toBe(0);
      expect(first.stderr).toBe(`infinitymath: Your InfinityMATH library was moved from ${old} to ${today}, where the app, browser mode and the command line now all find it.\n`);
      expect((JSON.parse(first.stdout) as { total: number; templates: unknown[] }).templates.length).toBe(2);
      expect(fs.existsSync(old)).toBe(false);
      const second = cli('list', '--limit', '1', '--json');
      expect([second.status, second.stderr]).toEqual([0, '']);
    } finally {
      fs.rmSync(cliHome, { recursive: true, force: true });
    }
  });
});
