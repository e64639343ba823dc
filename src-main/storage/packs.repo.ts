/** Packs: named groups of templates (the starter set, one per imported file, the user's own). */
import { canonicalJson } from './canonical-json.js';
import type { ReadDb, WriteDb } from './db-handles.js';
import { expectRecord, parseJsonColumn } from './json-guards.js';
import { cachedStatement } from './statement-cache.js';
import { PACK_SOURCE_KINDS, type EpochMs, type PackSourceKind, type WriteOptions } from './storage.types.js';

export interface PackInput {
  id: string;
  name: string;
  sourceKind: PackSourceKind;
  /** The file a pack was imported from, if any. */
  sourcePath?: string | null;
  meta?: Record<string, unknown>;
}

export interface PackRecord {
  id: string;
  name: string;
  sourceKind: PackSourceKind;
  sourcePath: string | null;
  createdAt: EpochMs;
  meta: Record<string, unknown>;
}

export interface PackWithCount extends PackRecord {
  templateCount: number;
}

interface PackRow {
  id: string;
  name: string;
  source_kind: string;
  source_path: string | null;
  created_at: number;
  meta: string;
}

const PACK_COLUMNS = 'p.id, p.name, p.source_kind, p.source_path, p.created_at, p.meta';

/** Create a pack; throws if the id is taken (use `ensurePack` to reuse an existing one). */
export function createPack(db: WriteDb, input: PackInput, options: WriteOptions = {}): PackRecord {
  checkPackInput(input);
  const existing = getPack(db, input.id);
  if (existing !== undefined) throw new Error(`createPack: a pack with id "${input.id}" already exists (named "${existing.name}")`);
  const createdAt = options.now ?? Date.now();
  cachedStatement<[string, string, string, string | null, number, string]>(
    db,
    'INSERT INTO packs (id, name, source_kind, source_path, created_at, meta) VALUES (?, ?, ?, ?, ?, ?)',
  ).run(input.id, input.name, input.sourceKind, input.sourcePath ?? null, createdAt, canonicalJson(input.meta ?? {}));
  return { id: input.id, name: input.name, sourceKind: input.sourceKind, sourcePath: input.sourcePath ?? null, createdAt, meta: input.meta ?? {} };
}

/** The pack with this id, created from `input` if it does not exist yet (an existing pack is left as it is). */
export function ensurePack(db: WriteDb, input: PackInput, options: WriteOptions = {}): PackRecord {
  return getPack(db, input.id) ?? createPack(db, input, options);
}

export function getPack(db: ReadDb, id: string): PackRecord | undefined {
  const row = cachedStatement<[string], PackRow>(db, `SELECT ${PACK_COLUMNS} FROM packs p WHERE p.id = ?`).get(id);
  return row === undefined ? undefined : toPack(row);
}

/** All packs with their template counts, by name. */
export function listPacks(db: ReadDb): PackWithCount[] {
  const rows = cachedStatement<[], PackRow & { template_count: number }>(
    db,
    `SELECT ${PACK_COLUMNS}, (SELECT count(*) FROM templates t WHERE t.pack_id = p.id) AS template_count
     FROM packs p ORDER BY p.name COLLATE NOCASE, p.id`,
  ).all();
  return rows.map((row) => ({ ...toPack(row), templateCount: row.template_count }));
}

export function renamePack(db: WriteDb, id: string, name: string): boolean {
  if (name.trim() === '') throw new Error(`renamePack: the new name of pack "${id}" is empty`);
  return cachedStatement<[string, string]>(db, 'UPDATE packs SET name = ? WHERE id = ?').run(name, id).changes === 1;
}

/** Delete a pack and, by cascade, its templates with their instances and audits. */
export function deletePack(db: WriteDb, id: string): boolean {
  return cachedStatement<[string]>(db, 'DELETE FROM packs WHERE id = ?').run(id).changes === 1;
}

function checkPackInput(input: PackInput): void {
  if (input.id.trim() === '') throw new Error('createPack: id is empty');
  if (input.name.trim() === '') throw new Error(`createPack: pack "${input.id}" has an empty name`);
  if (!PACK_SOURCE_KINDS.includes(input.sourceKind)) {
    throw new Error(`createPack: pack "${input.id}" has sourceKind ${JSON.stringify(input.sourceKind)}; expected one of ${PACK_SOURCE_KINDS.join(', ')}`);
  }
}

function toPack(row: PackRow): PackRecord {
  const where = `packs row "${row.id}"`;
  const kind = row.source_kind as PackSourceKind;
  if (!PACK_SOURCE_KINDS.includes(kind)) throw new Error(`${where}: source_kind "${row.source_kind}" is not one of ${PACK_SOURCE_KINDS.join(', ')}`);
  return {
    id: row.id,
    name: row.name,
    sourceKind: kind,
    sourcePath: row.source_path,
    createdAt: row.created_at,
    meta: expectRecord(parseJsonColumn(row.meta, `${where}, meta`), `${where}, meta`),
  };
}
