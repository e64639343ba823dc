/** `npm run web` options: defaults, the database path, and one clear line for each mistake. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDatabasePath } from '../../src-main/paths.js';
import { parseWebArgs, WebArgsError } from '../../src-main/server/web-args.js';

describe('parseWebArgs', () => {
  it('defaults to the library\'s remembered port (null), the user database, opening a browser and the same address', () => {
    expect(parseWebArgs([], {})).toEqual({ help: false, port: null, dbPath: defaultDatabasePath(), open: true, newAddress: false });
    expect(parseWebArgs(['--new-address'], {}).newAddress).toBe(true);
  });

  it('takes --port, --db (made absolute) and --no-open', () => {
    expect(parseWebArgs(['--port', '8123', '--db', 'lib.sqlite', '--no-open'], {})).toEqual({
      help: false,
      port: 8123,
      dbPath: path.resolve('lib.sqlite'),
      open: false,
      newAddress: false,
    });
    expect(parseWebArgs(['--port=0'], {}).port).toBe(0);
  });

  it('uses $INFINITYMATH_DB when --db is absent, like the CLI', () => {
    expect(parseWebArgs([], { INFINITYMATH_DB: '/data/lib.sqlite' }).dbPath).toBe(path.resolve('/data/lib.sqlite'));
    expect(parseWebArgs(['--db', '/other.sqlite'], { INFINITYMATH_DB: '/data/lib.sqlite' }).dbPath).toBe(path.resolve('/other.sqlite'));
  });

  it.each([
    [['--port', 'abc'], '--port expects a whole number from 0 to 65535, got "abc"'],
    [['--port', '65536'], '--port expects a whole number from 0 to 65535, got "65536"'],
    [['--port=-1'], '--port expects a whole number from 0 to 65535, got "-1"'],
    [['--port', '80.5'], '--port expects a whole number from 0 to 65535, got "80.5"'],
    [['--port', ''], '--port expects a whole number from 0 to 65535, got ""'],
    [['--db', ''], '--db expects a file path'],
  ])('%j is refused: %s', (argv, message) => {
    expect(() => parseWebArgs(argv, {})).toThrow(new WebArgsError(message));
  });

  it('refuses unknown options and stray arguments', () => {
    expect(() => parseWebArgs(['--open'], {})).toThrow(WebArgsError);
    expect(() => parseWebArgs(['--open'], {})).toThrow(/--open/);
    expect(() => parseWebArgs(['serve'], {})).toThrow(WebArgsError);
  });
});
