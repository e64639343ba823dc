/**
 * The one-time move of a library found where an earlier version kept it (old-libraries.ts) into the
 * one folder every entry point now uses (user-dirs.ts). Run by the CLI, browser mode and the desktop app
 * before they open the default database; it never runs for a database the user named (--db,
 * INFINITYMATH_DB) or a library folder they chose (INFINITYMATH_DATA_DIR).
 *
 * Rules: a library is its database file and the files SQLite keeps beside it (-wal holds committed
 * transactions not yet copied into the database, so leaving it behind would lose them; -shm, -journal).
 * Nothing is ever overwritten: if today's location holds any of those files, old libraries stay where
 * they are and the user is told once. The move is journalled (a small file next to the target), so a
 * move cut short (power loss, a full disk) is finished by the next start instead of leaving half a
 * library in each place. Sidecar files move before the database itself: a database never arrives
 * without its -wal.
 */
import fs from 'node:fs';
import path from 'node:path';
import { oldLibraryLocations } from './old-libraries.js';
import { userDirs, type UserEnv } from './user-dirs.js';

/** Sidecars first, the database last. */
const LIBRARY_FILES = ['-wal', '-shm', '-journal', ''] as const;
const JOURNAL = '.library-move.json';
const REPORTED = '.older-libraries-reported.json';

export type AdoptOutcome =
  /** The database is not the default one, or a library folder was chosen: nothing was looked at. */
  | { kind: 'not-default' }
  /** No old library anywhere. */
  | { kind: 'none' }
  | { kind: 'moved'; from: string; to: string; files: string[]; leftBehind: string[]; message: string }
  /** Today's location holds a library already: the old ones stay. `message` is null once it was said. */
  | { kind: 'left'; found: string[]; message: string | null }
  | { kind: 'failed'; from: string; to: string; message: string };

interface MoveJournal {
  from: string;
  to: string;
}

function exists(file: string): boolean {
  try {
    fs.lstatSync(file);
    return true;
  } catch {
    return false;
  }
}

function hasLibrary(db: string): boolean {
  return LIBRARY_FILES.some((suffix) => exists(`${db}${suffix}`));
}

/** When a library was last written: its database or its -wal, whichever is newer. */
function lastWritten(db: string): number {
  let newest = 0;
  for (const suffix of ['', '-wal']) {
    try {
      newest = Math.max(newest, fs.statSync(`${db}${suffix}`).mtimeMs);
    } catch {
      // not there
    }
  }
  return newest;
}

/** One file, never over an existing one: a rename, or across volumes a copy that refuses to overwrite. */
function moveFile(from: string, to: string): void {
  try {
    if (exists(to)) throw Object.assign(new Error(`${to} already exists`), { code: 'EEXIST' });
    fs.renameSync(from, to);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
    fs.copyFileSync(from, to, fs.constants.COPYFILE_EXCL);
    fs.unlinkSync(from);
  }
}

/** Moves what is still at `from` (a journalled move may have been cut short part-way). */
function moveLibrary(from: string, to: string): string[] {
  const moved: string[] = [];
  for (const suffix of LIBRARY_FILES) {
    const source = `${from}${suffix}`;
    const target = `${to}${suffix}`;
    if (!exists(source)) continue;
    if (exists(target)) {
      // Copied before the cut, not yet removed: the same bytes, or a conflict this code must not settle.
      if (fs.statSync(source).size !== fs.statSync(target).size) throw new Error(`both ${source} and ${target} exist and differ`);
      fs.unlinkSync(source);
    } else {
      moveFile(source, target);
    }
    moved.push(path.basename(target));
  }
  return moved;
}

function readJson<T>(file: string, valid: (v: unknown) => v is T): T | null {
  try {
    const value: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    return valid(value) ? value : null;
  } catch {
    return null;
  }
}

const isJournal = (v: unknown): v is MoveJournal =>
  typeof v === 'object' && v !== null && typeof (v as MoveJournal).from === 'string' && typeof (v as MoveJournal).to === 'string';
const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

function movedMessage(from: string, to: string, leftBehind: readonly string[]): string {
  const rest = leftBehind.length === 0 ? '' : ` Another, older library was left where it is: ${leftBehind.join(', ')} (open it with --db to look at it).`;
  return `Your InfinityMATH library was moved from ${from} to ${to}, where the app, browser mode and the command line now all find it.${rest}`;
}

function doMove(from: string, to: string, leftBehind: string[]): AdoptOutcome {
  const dir = path.dirname(to);
  const journal = path.join(dir, JOURNAL);
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(journal, JSON.stringify({ from, to } satisfies MoveJournal));
    const files = moveLibrary(from, to);
    fs.rmSync(journal, { force: true });
    if (leftBehind.length > 0) fs.writeFileSync(path.join(dir, REPORTED), JSON.stringify(leftBehind));
    return { kind: 'moved', from, to, files, leftBehind, message: movedMessage(from, to, leftBehind) };
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    return {
      kind: 'failed',
      from,
      to,
      message: `Could not move your InfinityMATH library from ${from} to ${to}: ${why}. Close every InfinityMATH window and command, then start again; until then the old library stays where it is (open it with --db ${from}).`,
    };
  }
}

/**
 * Brings an old library to `dbPath` if `dbPath` is today's default location and nothing is there yet.
 * Says what it did in `message` (one sentence for stderr or a dialog), and says "left where it is" once.
 */
export function adoptOldLibrary(dbPath: string, where: UserEnv): AdoptOutcome {
  const defaults = userDirs(where);
  const chosenDir = where.env.INFINITYMATH_DATA_DIR !== undefined && where.env.INFINITYMATH_DATA_DIR !== '';
  if (chosenDir || path.resolve(dbPath) !== path.resolve(defaults.database)) return { kind: 'not-default' };
  const dir = path.dirname(defaults.database);

  // A move cut short last time is finished first, whatever else is found.
  const journal = path.join(dir, JOURNAL);
  const pending = readJson(journal, isJournal);
  if (pending !== null && path.resolve(pending.to) === path.resolve(defaults.database) && hasLibrary(pending.from)) return doMove(pending.from, pending.to, []);
  if (exists(journal)) fs.rmSync(journal, { force: true });

  const found = oldLibraryLocations(where).filter((db) => exists(db));
  if (found.length === 0) return { kind: 'none' };
  if (hasLibrary(defaults.database)) {
    const reportedFile = path.join(dir, REPORTED);
    const reported = readJson(reportedFile, isStringList) ?? [];
    const fresh = found.filter((f) => !reported.includes(f));
    if (fresh.length === 0) return { kind: 'left', found, message: null };
    try {
      fs.writeFileSync(reportedFile, JSON.stringify([...reported, ...fresh]));
    } catch {
      // Not remembered: it will be said again next time, which is better than not at all.
    }
    return {
      kind: 'left',
      found,
      message: `Found an older InfinityMATH library at ${fresh.join(', ')}; it was left where it is because ${defaults.database} already holds your library. Open it with --db to look at it.`,
    };
  }
  // Several old ones: the one written last is the one in use.
  const [newest, ...others] = [...found].sort((a, b) => lastWritten(b) - lastWritten(a));
  if (newest === undefined) return { kind: 'none' };
  return doMove(newest, defaults.database, others);
}

/** The sentence to show the user for an outcome, or null when there is nothing (more) to say. */
export function adoptionNotice(outcome: AdoptOutcome): string | null {
  return 'message' in outcome ? outcome.message : null;
}
