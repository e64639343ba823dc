/**
 * App settings: JSON values by key, in the user's own library database (see migration 005). Readers
 * check a value's shape themselves (a zod schema per setting), so an unreadable stored value is
 * reported by the one setting it belongs to.
 */
import type { ReadDb, WriteDb } from './db-handles.js';
import { cachedStatement } from './statement-cache.js';
import type { WriteOptions } from './storage.types.js';

function checkKey(key: string, caller: string): void {
  if (typeof key !== 'string' || key.length < 1 || key.length > 200) throw new Error(`${caller}: a setting key is 1 to 200 characters; got ${JSON.stringify(key)}`);
}

/** The stored value, parsed; undefined when the setting was never saved. */
export function getSetting(db: ReadDb, key: string): unknown {
  checkKey(key, 'getSetting');
  const text = cachedStatement<[string], string>(db, 'SELECT value FROM settings WHERE key = ?').pluck().get(key);
  return text === undefined ? undefined : (JSON.parse(text) as unknown);
}

/** Saves (or replaces) a setting; the value must survive JSON (no undefined, functions, bigints, NaN; leave optional keys out). */
export function setSetting(db: WriteDb, key: string, value: unknown, options: WriteOptions = {}): void {
  checkKey(key, 'setSetting');
  const problem = notJson(value, key);
  if (problem !== undefined) throw new Error(`setSetting: ${problem}`);
  const text = JSON.stringify(value);
  cachedStatement<[string, string, number]>(
    db,
    'INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
  ).run(key, text, options.now ?? Date.now());
}

export function deleteSetting(db: WriteDb, key: string): boolean {
  checkKey(key, 'deleteSetting');
  return cachedStatement<[string]>(db, 'DELETE FROM settings WHERE key = ?').run(key).changes > 0;
}

/** Why `value` would not come back from JSON as it went in (JSON.stringify drops or rewrites these silently). */
function notJson(value: unknown, where: string): string | undefined {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : `${where} is ${value}, which JSON cannot hold`;
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const p = notJson(v, `${where}[${i}]`);
      if (p !== undefined) return p;
    }
    return undefined;
  }
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      const p = notJson(v, `${where}.${k}`);
      if (p !== undefined) return p;
    }
    return undefined;
  }
  return `${where} is ${value === undefined ? 'undefined' : `a ${typeof value}`}, which JSON cannot hold`;
}
