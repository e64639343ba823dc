/**
 * Branded connection types. Both are plain better-sqlite3 connections at run time; the brands only
 * exist for the compiler, so that a function which writes cannot be handed a read-only handle
 * (the idea Signal-Desktop uses with ReadableDB / WritableDB).
 *
 * A `WriteDb` is also a `ReadDb` (a writer may read); a `ReadDb` is not a `WriteDb`.
 */
import type Database from 'better-sqlite3';

declare const readBrand: unique symbol;
declare const writeBrand: unique symbol;

export type ReadDb = Database.Database & { readonly [readBrand]: true };
export type WriteDb = ReadDb & { readonly [writeBrand]: true };

/** Only `openDatabase` and the tests' schema builders should need these: they are the one place a brand is granted. */
export function asReadDb(db: Database.Database): ReadDb {
  return db as ReadDb;
}

export function asWriteDb(db: Database.Database): WriteDb {
  if (db.readonly) throw new Error('asWriteDb: this connection was opened read-only; open the database without { readonly: true } to write');
  return db as WriteDb;
}
