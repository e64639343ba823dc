/**
 * Prepared statements cached per connection. Preparing is the expensive part of a small query
 * (parsing and planning), and the repositories run the same few statements many thousand times
 * during an import, so each connection keeps its statements keyed by SQL text.
 *
 * SQL passed here is always a constant (or built from whitelisted fragments); values are bound as
 * parameters, never interpolated.
 */
import type Database from 'better-sqlite3';

const caches = new WeakMap<Database.Database, Map<string, Database.Statement>>();

export function cachedStatement<Params extends unknown[], Row = unknown>(
  db: Database.Database,
  sql: string,
): Database.Statement<Params, Row> {
  let cache = caches.get(db);
  if (cache === undefined) {
    cache = new Map();
    caches.set(db, cache);
  }
  let statement = cache.get(sql);
  if (statement === undefined) {
    statement = db.prepare(sql);
    cache.set(sql, statement);
  }
  return statement as unknown as Database.Statement<Params, Row>;
}
