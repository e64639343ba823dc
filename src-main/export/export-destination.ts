/**
 * Where an export may be written, and writing it without ever clobbering a file nobody asked to
 * replace. Who may name a path depends on who is asking:
 *
 * - the desktop app: only a path the user picked in the save dialog (the Electron relay checks the
 *   grant, as for imports, and the dialog itself asked before replacing a file): any absolute path;
 * - browser mode: a page on a loopback port has no save dialog, and a script on it must not be able to
 *   write ~/.bashrc, so it may only name a file in the library's exports folder (`<data dir>/exports`):
 *   a bare file name, or a path that is inside that folder once symbolic links are resolved;
 * - the CLI: any path the user typed.
 *
 * In every case an existing file is replaced only when asked (`overwrite`: the UI's confirmation, the
 * CLI's `--force`), a symbolic link is never written through, and the file appears only complete: the
 * records go to a temporary file beside it, which is renamed into place at the end (a failed export
 * leaves the old file as it was; a cancelled one keeps what was written, as a valid file).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export type DestinationPolicy = { kind: 'anywhere' } | { kind: 'exports-folder'; folder: string };

/** Why a destination is refused: `exists` (ask first, then pass overwrite) or `refused` (never). */
export class DestinationError extends Error {
  override name = 'DestinationError';
  constructor(
    readonly reason: 'exists' | 'refused',
    message: string,
  ) {
    super(message);
  }
}

function inside(file: string, dir: string): boolean {
  const rel = path.relative(dir, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

/** The real path of the deepest folder of `dir` that exists, with the rest appended (nothing is created). */
function realFolder(dir: string): string {
  let existing = dir;
  const rest: string[] = [];
  while (!fs.existsSync(existing)) {
    rest.unshift(path.basename(existing));
    const up = path.dirname(existing);
    if (up === existing) break;
    existing = up;
  }
  return path.join(fs.realpathSync(existing), ...rest);
}

/**
 * The absolute path an export named `out` goes to under `policy`, checked: throws DestinationError
 * (`refused`) for what may never be written and (`exists`) for a file that is there and not to be
 * replaced. `out` undefined means `fallback` (the default name in the exports folder).
 */
export function resolveDestination(out: string | undefined, fallback: string, policy: DestinationPolicy, overwrite: boolean): string {
  const raw = out ?? fallback;
  if (raw.includes('\0')) throw new DestinationError('refused', 'the file name contains a NUL character');
  let file: string;
  if (policy.kind === 'exports-folder' && out !== undefined) {
    const folder = path.resolve(policy.folder);
    if (raw.split(/[\\/]/).includes('..')) throw new DestinationError('refused', `"${raw}": ".." is not allowed; in browser mode exports are written to the exports folder (${folder})`);
    file = path.isAbsolute(raw) ? path.resolve(raw) : path.resolve(folder, raw);
    const realParent = realFolder(path.dirname(file));
    const realExports = realFolder(folder);
    if (!inside(path.join(realParent, path.basename(file)), realExports)) {
      throw new DestinationError('refused', `"${raw}" is outside the exports folder (${folder}); in browser mode an export can only be written there — give a file name`);
    }
  } else {
    if (!path.isAbsolute(raw)) throw new DestinationError('refused', `out must be an absolute path; got ${JSON.stringify(raw)}`);
    file = path.resolve(raw);
  }
  if (path.basename(file).startsWith('.')) throw new DestinationError('refused', `"${path.basename(file)}": a file name may not start with a dot`);
  let stat: fs.Stats | undefined;
  try {
    stat = fs.lstatSync(file);
  } catch {
    stat = undefined;
  }
  if (stat?.isSymbolicLink()) throw new DestinationError('refused', `${file} is a symbolic link; an export is never written through one`);
  if (stat?.isDirectory()) throw new DestinationError('refused', `${file} is a folder`);
  if (stat && !stat.isFile()) throw new DestinationError('refused', `${file} is not a regular file`);
  if (stat && !overwrite) throw new DestinationError('exists', `${file} already exists; replace it only if you mean to (overwrite / --force)`);
  return file;
}

/** An output being written: `stream` takes the data; `commit` puts the file in place; `abort` leaves no trace. */
export interface OutputFile {
  readonly path: string;
  readonly stream: fs.WriteStream;
  commit(): Promise<void>;
  abort(): Promise<void>;
}

/**
 * Starts writing `file` (already checked by resolveDestination) through a temporary file in the same
 * folder. Without `overwrite`, a file that appears at `file` meanwhile is not replaced either: the
 * commit links the temporary file into place (link() fails if the name exists), and falls back to a
 * checked rename only where the file system has no hard links.
 */
export function openOutput(file: string, overwrite: boolean): OutputFile {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.partial`);
  // `wx`: a new file, never an existing one or a link someone put there.
  const stream = fs.createWriteStream(temp, { flags: 'wx', encoding: 'utf8' });
  const closed = (): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      if (stream.closed) {
        resolve();
        return;
      }
      stream.end((err?: Error | null) => (err ? reject(err) : resolve()));
    });
  return {
    path: file,
    stream,
    commit: async () => {
      await closed();
      if (overwrite) {
        await fs.promises.rename(temp, file);
        return;
      }
      try {
        await fs.promises.link(temp, file);
        await fs.promises.unlink(temp);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'EEXIST') {
          await fs.promises.rm(temp, { force: true });
          throw new DestinationError('exists', `${file} appeared while the export was being written; it was left as it is`);
        }
        if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'EXDEV') throw err;
        if (fs.existsSync(file)) {
          await fs.promises.rm(temp, { force: true });
          throw new DestinationError('exists', `${file} appeared while the export was being written; it was left as it is`);
        }
        await fs.promises.rename(temp, file);
      }
    },
    abort: async () => {
      await closed().catch(() => undefined);
      await fs.promises.rm(temp, { force: true });
    },
  };
}
