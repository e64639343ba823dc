/**
 * A cheap "has the database changed?" stamp for caches of counts. `total_changes()` counts every
 * row this connection changed (imports, audits, reviews all go through the app's one connection)
 * and `PRAGMA data_version` moves when another connection (the CLI) commits. Reading both costs
 * microseconds, so cached totals and facets are exact, never stale.
 */
import type { ReadDb } from '../storage/db-handles.js';
import { cachedStatement } from '../storage/statement-cache.js';

export function changeStamp(db: ReadDb): string {
  const changes = cachedStatement<[], { n: number }>(db, 'SELECT total_changes() AS n').get()?.n ?? 0;
  const version = db.pragma('data_version', { simple: true });
  return `${String(version)}:${changes}`;
}

/** A small map of values computed under one stamp; any change of the stamp empties it. */
export class StampedCache<V> {
  private stamp = '';
  private readonly values = new Map<string, V>();

  constructor(private readonly maxEntries = 200) {}

  get(db: ReadDb, key: string, compute: () => V): V {
    const now = changeStamp(db);
    if (now !== this.stamp) {
      this.values.clear();
      this.stamp = now;
    }
    const hit = this.values.get(key);
    if (hit !== undefined) return hit;
    const value = compute();
    if (this.values.size >= this.maxEntries) this.values.clear();
    this.values.set(key, value);
    return value;
  }
}
