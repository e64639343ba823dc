/**
 * Templates: the native template JSON plus the columns listings filter on, the imported original,
 * a health status and a review state. Full-text search lives in `templates_fts`: this module adds
 * and replaces its rows, a trigger removes them (see migration 1 for why), so templates are written
 * only through here.
 */
import type { Template } from '../template/template.types.js';
import { canonicalJson, sha256Hex } from './canonical-json.js';
import type { ReadDb, WriteDb } from './db-handles.js';
import { cachedStatement } from './statement-cache.js';
import { REVIEW_STATES, type ReviewState, type WriteOptions } from './storage.types.js';
import {
  STORED_COLUMNS,
  SUMMARY_COLUMNS,
  toStored,
  toSummary,
  type StoredRow,
  type StoredTemplate,
  type SummaryRow,
  type TemplateSummary,
} from './template-rows.js';
import { buildTemplateFilter, checkPage, orderBySql, type TemplateFilter, type TemplateOrder } from './template-filter-sql.js';
import { searchTerms, toFtsQuery } from './fts-query.js';
import { hasHit, makeSnippet } from './search-snippet.js';

export type { TemplateFilter, TemplateOrder } from './template-filter-sql.js';
export type { StoredTemplate, TemplateSummary } from './template-rows.js';
// Callers that render search hits need the markers; they live with the excerpt code.
export { SNIPPET_CLOSE, SNIPPET_OPEN } from './search-snippet.js';

export interface TemplateUpsertItem {
  template: Template;
  /** The source row as imported. Stored once; later upserts never replace it. */
  original?: unknown;
}

export interface UpsertConflict {
  id: string;
  /** The pack that already owns this id (ids are unique across the library). */
  existingPackId: string;
}

export interface UpsertResult {
  inserted: number;
  updated: number;
  unchanged: number;
  /** Items skipped because their id belongs to another pack. */
  conflicts: UpsertConflict[];
}

export interface TemplateListQuery extends TemplateFilter {
  limit: number;
  offset?: number;
  orderBy?: TemplateOrder;
}

export interface SearchHit extends TemplateSummary {
  /** A short excerpt around the matches, matched words between SNIPPET_OPEN and SNIPPET_CLOSE (search-snippet.ts). */
  snippet: string;
}

export interface TopicCount {
  /** `null` for templates without a topic. */
  topic: string | null;
  count: number;
}

interface ExistingRow {
  seq: number;
  pack_id: string;
  content_hash: string;
}

type Column = string | number | null;

/**
 * Insert new templates and update changed ones, in one transaction. Idempotent: a template whose
 * canonical JSON hashes the same as the stored one is left completely untouched (not even
 * `updated_at`). A changed template gets its new body, keeps its `original`, goes back to status
 * `unknown` and loses its instance pool, because both were derived from the old program.
 */
export function upsertTemplates(
  db: WriteDb,
  packId: string,
  items: readonly TemplateUpsertItem[],
  options: WriteOptions = {},
): UpsertResult {
  const now = options.now ?? Date.now();
  const findExisting = cachedStatement<[string], ExistingRow>(db, 'SELECT seq, pack_id, content_hash FROM templates WHERE id = ?');
  const insert = cachedStatement<Column[]>(
    db,
    `INSERT INTO templates (id, pack_id, body, original, content_hash, source, topic, strand, grade_min, grade_max,
       difficulty, answer_format, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const update = cachedStatement<Column[]>(
    db,
    `UPDATE templates SET body = ?, original = coalesce(original, ?), content_hash = ?, source = ?, topic = ?, strand = ?,
       grade_min = ?, grade_max = ?, difficulty = ?, answer_format = ?, status = 'unknown', updated_at = ?
     WHERE seq = ?`,
  );
  const dropInstances = cachedStatement<[string]>(db, 'DELETE FROM instances WHERE template_id = ?');
  const indexText = cachedStatement<[number | bigint, string, string | null, string]>(
    db,
    'INSERT INTO templates_fts (rowid, id, original_problem, generic_problem) VALUES (?, ?, ?, ?)',
  );
  const unindexText = cachedStatement<[number]>(db, 'DELETE FROM templates_fts WHERE rowid = ?');

  const run = db.transaction((): UpsertResult => {
    requirePack(db, packId, 'upsertTemplates');
    const result: UpsertResult = { inserted: 0, updated: 0, unchanged: 0, conflicts: [] };
    items.forEach(({ template, original }, index) => {
      try {
        const existing = findExisting.get(template.id);
        if (existing !== undefined && existing.pack_id !== packId) {
          result.conflicts.push({ id: template.id, existingPackId: existing.pack_id });
          return;
        }
        const body = canonicalJson(template);
        const hash = sha256Hex(body);
        if (existing !== undefined && existing.content_hash === hash) {
          result.unchanged += 1;
          return;
        }
        const originalJson = original === undefined ? null : serializeOriginal(original);
        if (existing === undefined) {
          const { lastInsertRowid } = insert.run(template.id, packId, body, originalJson, hash, ...indexedColumns(template), now, now);
          indexText.run(lastInsertRowid, template.id, template.original_problem ?? null, template.generic_problem);
          result.inserted += 1;
        } else {
          update.run(body, originalJson, hash, ...indexedColumns(template), now, existing.seq);
          unindexText.run(existing.seq);
          indexText.run(existing.seq, template.id, template.original_problem ?? null, template.generic_problem);
          dropInstances.run(template.id);
          result.updated += 1;
        }
      } catch (error) {
        throw new Error(
          `upsertTemplates: template "${template.id}" (item ${index}) could not be stored: ${error instanceof Error ? error.message : String(error)}`,
          { cause: error },
        );
      }
    });
    return result;
  });
  return run();
}

export function getTemplate(db: ReadDb, id: string): StoredTemplate | undefined {
  const row = cachedStatement<[string], StoredRow>(db, `SELECT ${STORED_COLUMNS} FROM templates t WHERE t.id = ?`).get(id);
  return row === undefined ? undefined : toStored(row);
}

/** A page of summaries matching the filter (see `TemplateFilter` for how search text is read). */
export function listTemplates(db: ReadDb, query: TemplateListQuery): TemplateSummary[] {
  const offset = query.offset ?? 0;
  checkPage(query.limit, offset, 'listTemplates');
  const filter = buildTemplateFilter(query, 'listTemplates');
  const sql = `SELECT ${SUMMARY_COLUMNS} ${filter.fromWhere} ORDER BY ${orderBySql(query.orderBy, filter.hasSearch, 'listTemplates')} LIMIT ? OFFSET ?`;
  return cachedStatement<(string | number)[], SummaryRow>(db, sql)
    .all(...filter.params, query.limit, offset)
    .map(toSummary);
}

/** Like `listTemplates` but with the full parsed templates, for exports and audit runs that walk a pack page by page. */
export function listStoredTemplates(db: ReadDb, query: TemplateListQuery): StoredTemplate[] {
  const offset = query.offset ?? 0;
  checkPage(query.limit, offset, 'listStoredTemplates');
  const filter = buildTemplateFilter(query, 'listStoredTemplates');
  const sql = `SELECT ${STORED_COLUMNS} ${filter.fromWhere} ORDER BY ${orderBySql(query.orderBy, filter.hasSearch, 'listStoredTemplates')} LIMIT ? OFFSET ?`;
  return cachedStatement<(string | number)[], StoredRow>(db, sql)
    .all(...filter.params, query.limit, offset)
    .map(toStored);
}

export function countTemplates(db: ReadDb, filter: TemplateFilter = {}): number {
  const built = buildTemplateFilter(filter, 'countTemplates');
  const row = cachedStatement<(string | number)[], { n: number }>(db, `SELECT count(*) AS n ${built.fromWhere}`).get(...built.params);
  return row?.n ?? 0;
}

/** Full-text search, best match first. Any text is accepted; text without a searchable word finds nothing. */
export function searchTemplates(db: ReadDb, text: string, limit: number): SearchHit[] {
  checkPage(limit, 0, 'searchTemplates');
  const query = toFtsQuery(text);
  if (query === null) return [];
  const terms = searchTerms(text);
  const rows = cachedStatement<[string, number], SummaryRow & { original_problem: unknown }>(
    db,
    `SELECT ${SUMMARY_COLUMNS}, json_extract(t.body, '$.original_problem') AS original_problem
     FROM templates_fts JOIN templates t ON t.seq = templates_fts.rowid
     WHERE templates_fts MATCH ?
     ORDER BY templates_fts.rank, t.id
     LIMIT ?`,
  ).all(query, limit);
  return rows.map((row) => {
    const summary = toSummary(row);
    const original = typeof row.original_problem === 'string' ? row.original_problem : '';
    const excerptFrom = original !== '' && hasHit(original, terms) ? original : summary.genericProblem;
    return { ...summary, snippet: makeSnippet(excerptFrom, terms) };
  });
}

/** Topics with their template counts, most used first. */
export function listTopics(db: ReadDb, filter: { packId?: string } = {}): TopicCount[] {
  const rows =
    filter.packId === undefined
      ? cachedStatement<[], TopicCount>(db, 'SELECT topic, count(*) AS count FROM templates GROUP BY topic ORDER BY count DESC, topic').all()
      : cachedStatement<[string], TopicCount>(
          db,
          'SELECT topic, count(*) AS count FROM templates WHERE pack_id = ? GROUP BY topic ORDER BY count DESC, topic',
        ).all(filter.packId);
  return rows.map((row) => ({ topic: row.topic, count: row.count }));
}

/**
 * Rebuild the search index from the stored templates. Only needed after templates were written
 * other than through this module (a hand edit, a future bulk migration); cheap enough to run then.
 */
export function rebuildSearchIndex(db: WriteDb): number {
  return db.transaction(() => {
    // The contentless table's own command for "empty the index".
    db.exec("INSERT INTO templates_fts (templates_fts) VALUES ('delete-all')");
    return db
      .prepare(
        `INSERT INTO templates_fts (rowid, id, original_problem, generic_problem)
         SELECT seq, id, json_extract(body, '$.original_problem'), json_extract(body, '$.generic_problem') FROM templates`,
      )
      .run().changes;
  })();
}

/** Delete a template with its instances and audit (by cascade) and its search entry (by trigger). */
export function deleteTemplate(db: WriteDb, id: string): boolean {
  return cachedStatement<[string]>(db, 'DELETE FROM templates WHERE id = ?').run(id).changes === 1;
}

/** Record a curator's verdict. Not a content change: `updated_at` and the status stay. */
export function setTemplateReview(db: WriteDb, id: string, review: ReviewState): boolean {
  if (!REVIEW_STATES.includes(review)) {
    throw new Error(`setTemplateReview: review must be one of ${REVIEW_STATES.join(', ')}; got ${JSON.stringify(review)}`);
  }
  return cachedStatement<[string, string]>(db, 'UPDATE templates SET review = ? WHERE id = ?').run(review, id).changes === 1;
}

function requirePack(db: ReadDb, packId: string, caller: string): void {
  const found = cachedStatement<[string], { one: number }>(db, 'SELECT 1 AS one FROM packs WHERE id = ?').get(packId);
  if (found === undefined) throw new Error(`${caller}: pack "${packId}" does not exist; create it first (createPack / ensurePack)`);
}

/** The columns listings filter on, in the order both the INSERT and the UPDATE above list them. */
function indexedColumns(t: Template): Column[] {
  return [
    t.source ?? null,
    t.topic ?? null,
    t.strand ?? null,
    t.grade?.min ?? null,
    t.grade?.max ?? null,
    t.difficulty ?? null,
    t.answer_format ?? null,
  ];
}

/** The original row is kept as the source wrote it (key order included), so it exports back unchanged. */
function serializeOriginal(value: unknown): string {
  const json = JSON.stringify(value) as string | undefined;
  if (json === undefined) throw new TypeError('the original row has no JSON form (undefined or a function)');
  return json;
}
