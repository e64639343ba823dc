/** Command-line options of `npm run web` (dist/web.mjs). */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { defaultDatabasePath } from '../paths.js';

export const WEB_USAGE = `usage: npm run web -- [--port N] [--db PATH] [--no-open] [--new-address]

  --port N        listen on 127.0.0.1:N and keep N as this library's port (0: any free port, this time only)
                  (default: the port this library used last time, or a free one the first time)
  --db PATH       the library database (default: $INFINITYMATH_DB, or ${defaultDatabasePath()})
  --no-open       do not open a browser; just print the address
  --new-address   make a new secret for this library's address: old bookmarks and signed-in browsers stop working

The address (with its token) stays the same for a library from one start to the next, so it can be
bookmarked. If the library's port is taken, a free port is used for that run (and said so on stderr).
`;

export interface WebArgs {
  help: boolean;
  /** null: the library's remembered port (a free one the first time). */
  port: number | null;
  dbPath: string;
  open: boolean;
  newAddress: boolean;
}

/** A usage mistake: reported as one line, exit code 2. */
export class WebArgsError extends Error {
  override readonly name = 'WebArgsError';
}

export function parseWebArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): WebArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        db: { type: 'string' },
        'no-open': { type: 'boolean', default: false },
        'new-address': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (err) {
    throw new WebArgsError((err as Error).message.split('\n')[0] ?? 'bad arguments');
  }
  let port: number | null = null;
  if (values.port !== undefined) {
    port = Number(values.port);
    if (values.port.trim() === '' || !Number.isInteger(port) || port < 0 || port > 65535) {
      throw new WebArgsError(`--port expects a whole number from 0 to 65535, got "${values.port}"`);
    }
  }
  if (values.db !== undefined && values.db.trim() === '') throw new WebArgsError('--db expects a file path');
  const db = values.db ?? (env.INFINITYMATH_DB !== undefined && env.INFINITYMATH_DB !== '' ? env.INFINITYMATH_DB : defaultDatabasePath());
  return { help: values.help, port, dbPath: path.resolve(db), open: !values['no-open'], newAddress: values['new-address'] };
}
