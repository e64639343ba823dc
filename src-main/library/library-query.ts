/**
 * One page of the Library table. Two steps, because at 100k templates the expensive part is reading
 * bodies: first the page's rowids (filter + ORDER BY + LIMIT over indexed columns only), then the
 * columns to show for just those rows (the problem text from the JSON body, the latest audit, the
 * open flags). The total for the filter is counted once per database change and cached.
 */
import type { LibraryFilter, LibraryPage, LibraryRow, LibrarySortColumn, ReviewStateView, TemplateHealth } from '../api/library-contract.std.js';
import type { ReadDb } from '../storage/db-handles.js';
import { searchTerms, toFtsQuery } from '../storage/fts-query.js';
import { hasHit, makeSnippet } from '../storage/search-snippet.js';
import { cachedStatement } from '../storage/statement-cache.js';
import { REVIEW_STATES, TEMPLATE_STATUSES } from '../storage/storage.types.js';
import { buildTemplateFilter, INDEXED_SORT_COLUMNS, listingOrderSql, type TemplateFilter } from '../storage/template-filter-sql.js';
import { findPlaceholders } from '../template/placeholders.js';
import { PLACEHOLDER_STYLES, type PlaceholderStyle } from '../template/template.types.js';
import { StampedCache } from './change-stamp.js';

export interface LibraryQuery {
  filter: LibraryFilter;
  sort?: { column: LibrarySortColumn; dir: 'asc' | 'desc' } | undefined;
  offset: number;
  limit: number;
  /** Tests lower it to exercise the broad-search plans on a small library; default RANK_MAX. */
  rankMax?: number;
}

/** Rows show the generic problem cut to about this many characters. */
const PROBLEM_CHARS = 200;

interface DetailRow {
  seq: number;
  id: string;
  pack_id: string;
  source: string | null;
  topic: string | null;
  strand: string | null;
  grade_min: number | null;
  grade_max: number | null;
  status: string;
  review: string;
  updated_at: number;
  generic_problem: unknown;
  original_problem: unknown;
  variables: unknown;
  placeholder_style: unknown;
  acceptance: number | null;
  reproduces_original: number | null;
  needs_module: string | null;
  flags: string;
}

const DETAIL_SQL = `
  SELECT t.seq, t.id, t.pack_id, t.source, t.topic, t.strand, t.grade_min, t.grade_max, t.status, t.review, t.updated_at,
    json_extract(t.body, '$.generic_problem') AS generic_problem,
    json_extract(t.body, '$.original_problem') AS original_problem,
    json_extract(t.body, '$.variables') AS variables,
    json_extract(t.body, '$.placeholder_style') AS placeholder_style,
    a.acceptance, a.reproduces_original, a.needs_module,
    (SELECT json_group_array(reason) FROM
       (SELECT DISTINCT f.reason FROM template_flags f WHERE f.template_id = t.id AND f.resolved_at IS NULL ORDER BY f.reason)) AS flags
  FROM templates t LEFT JOIN audit_results a ON a.template_id = t.id
  WHERE t.seq IN (SELECT value FROM json_each(?))`;

/** Totals per filter, exact: emptied whenever the database changes (see change-stamp.ts). */
const totals = new WeakMap<ReadDb, StampedCache<number>>();

export function toTemplateFilter(filter: LibraryFilter): TemplateFilter {
  return filter;
}

/**
 * A search matching at most this many templates is "narrow": its matches drive the query (each
 * looked up in the table, then filtered and sorted), and relevance is ranked with FTS5's bm25, which
 * costs ~4 µs a match. A broad search is instead a set the other filter's or the sort's covering index
 * is checked against, so a page stops after 100 rows; relevance then reads as id order (among more
 * matches than this, bm25's order says little, and ranking 100k matches takes ~0.4 s).
 */
export const RANK_MAX = 5000;

export interface PageSql {
  sql: string;
  params: (string | number)[];
}

/** The statement that selects the rowids of one page (exported so the benchmark can EXPLAIN it). */
export function pageSql(db: ReadDb, query: LibraryQuery): PageSql {
  const filter = toTemplateFilter(query.filter);
  const ftsQuery = query.filter.search === undefined ? null : toFtsQuery(query.filter.search);
  const column = query.sort?.column ?? 'relevance';
  const dir = query.sort?.dir ?? 'asc';
  const page = [query.limit, query.offset];
  const narrow = ftsQuery !== null && countSearch(db, ftsQuery) <= (query.rankMax ?? RANK_MAX);
  if (narrow && column === 'relevance') {
    // Rank the few matches once, then keep those the other filters allow (a table lookup each).
    const others = buildTemplateFilter(filter, 'library.query', { search: 'omit' });
    const desc = dir === 'desc' ? ' DESC' : '';
    return {
      sql: `WITH m AS MATERIALIZED (SELECT rowid AS seq, rank AS r FROM templates_fts WHERE templates_fts MATCH ?)
       SELECT m.seq FROM m ${others.conditions === 0 ? '' : `JOIN templates t ON t.seq = m.seq ${others.where}`}
       ORDER BY m.r${desc}, m.seq${desc} LIMIT ? OFFSET ?`,
      params: [ftsQuery, ...others.params, ...page],
    };
  }
  const built = buildTemplateFilter(filter, 'library.query', { search: narrow ? 'join' : 'subquery' });
  // Without ranking, `relevance` reads as id order (hasSearch false makes it so).
  const order = listingOrderSql(column, dir, false, 'library.query');
  const effective = column === 'relevance' ? 'id' : column;
  if (!narrow && built.conditions > 0 && INDEXED_SORT_COLUMNS.includes(effective)) {
    // Walk the sort column's index in order (dense: the column and the rowid) and keep the rows in
    // the filter's set, computed once from covering indexes; the page stops after `limit` rows.
    // Letting SQLite drive by the filter's index instead reads every match's table row (each on its
    // own page: bodies are ~2 kB) to sort them.
    return { sql: `SELECT t.seq FROM templates t WHERE +t.seq IN (SELECT t.seq ${built.fromWhere}) ORDER BY ${order.sql} LIMIT ? OFFSET ?`, params: [...built.params, ...page] };
  }
  const from = order.needsAudit ? `${built.from} LEFT JOIN audit_results a ON a.template_id = t.id` : built.from;
  return { sql: `SELECT t.seq ${from} ${built.where} ORDER BY ${order.sql} LIMIT ? OFFSET ?`, params: [...built.params, ...page] };
}

export function queryLibrary(db: ReadDb, query: LibraryQuery): LibraryPage {
  const page = pageSql(db, query);
  const seqs = cachedStatement<(string | number)[], { seq: number }>(db, page.sql)
    .all(...page.params)
    .map((r) => r.seq);
  const rows = seqs.length === 0 ? [] : readRows(db, seqs, query.filter.search);
  return { total: countMatches(db, query.filter, query.rankMax), offset: query.offset, rows };
}

function cacheOf(db: ReadDb): StampedCache<number> {
  let cache = totals.get(db);
  if (cache === undefined) {
    cache = new StampedCache<number>();
    totals.set(db, cache);
  }
  return cache;
}

/** How many templates an FTS query matches (cached until the database changes). */
function countSearch(db: ReadDb, ftsQuery: string): number {
  return cacheOf(db).get(db, `fts:${ftsQuery}`, () =>
    cachedStatement<[string], { n: number }>(db, 'SELECT count(*) AS n FROM templates_fts WHERE templates_fts MATCH ?').get(ftsQuery)?.n ?? 0,
  );
}

/** How many templates the filter matches (cached until the database changes). */
export function countMatches(db: ReadDb, filter: LibraryFilter, rankMax = RANK_MAX): number {
  const ftsQuery = filter.search === undefined ? null : toFtsQuery(filter.search);
  const narrow = ftsQuery !== null && countSearch(db, ftsQuery) <= rankMax;
  const built = buildTemplateFilter(toTemplateFilter(filter), 'library.query', { search: narrow ? 'join' : 'subquery' });
  if (ftsQuery !== null && built.conditions === 0) return countSearch(db, ftsQuery);
  return cacheOf(db).get(db, canonicalFilterKey(filter), () =>
    cachedStatement<(string | number)[], { n: number }>(db, `SELECT count(*) AS n ${built.fromWhere}`).get(...built.params)?.n ?? 0,
  );
}

function readRows(db: ReadDb, seqs: number[], search: string | undefined): LibraryRow[] {
  const terms = search === undefined ? [] : searchTerms(search);
  const bySeq = new Map<number, DetailRow>();
  for (const row of cachedStatement<[string], DetailRow>(db, DETAIL_SQL).all(JSON.stringify(seqs))) bySeq.set(row.seq, row);
  const out: LibraryRow[] = [];
  for (const seq of seqs) {
    const row = bySeq.get(seq);
    if (row !== undefined) out.push(toRow(row, terms));
  }
  return out;
}

function toRow(row: DetailRow, terms: readonly string[]): LibraryRow {
  const generic = typeof row.generic_problem === 'string' ? row.generic_problem : '';
  const original = typeof row.original_problem === 'string' ? row.original_problem : '';
  let snippet: string | null = null;
  if (terms.length > 0) snippet = makeSnippet(original !== '' && hasHit(original, terms) ? original : generic, terms);
  return {
    id: row.id,
    packId: row.pack_id,
    source: row.source,
    topic: row.topic,
    strand: row.strand,
    grade: row.grade_min !== null && row.grade_max !== null ? { min: row.grade_min, max: row.grade_max } : null,
    status: TEMPLATE_STATUSES.find((s) => s === row.status) ?? 'unknown',
    review: asReview(row.review),
    flags: parseStringArray(row.flags),
    acceptance: row.acceptance,
    reproducesOriginal: row.reproduces_original === null ? null : row.reproduces_original === 1,
    needsModule: row.needs_module,
    problem: cut(bracedPlaceholders(generic, row.variables, row.placeholder_style), PROBLEM_CHARS),
    snippet,
    updatedAt: row.updated_at,
  };
}

/** Review states the app does not know (a newer version's) read as "none" rather than breaking the table. */
export function asReview(review: string): ReviewStateView {
  return REVIEW_STATES.find((s) => s === review) ?? 'none';
}

export function asHealth(status: string): TemplateHealth {
  return TEMPLATE_STATUSES.find((s) => s === status) ?? 'unknown';
}

/** The generic problem with every placeholder written `{name}`, whatever style the template uses. */
function bracedPlaceholders(text: string, variablesJson: unknown, styleValue: unknown): string {
  const names = typeof variablesJson === 'string' ? Object.keys(parseObject(variablesJson)) : [];
  const declared = PLACEHOLDER_STYLES.find((s) => s === styleValue);
  const style: PlaceholderStyle = declared ?? (names.some((n) => text.includes(`{${n}}`)) ? 'braces' : names.some((n) => text.includes(`<${n}>`)) ? 'angle' : 'bare');
  if (style === 'braces') return text;
  let out = '';
  let last = 0;
  for (const o of findPlaceholders(text, style, names)) {
    out += `${text.slice(last, o.start)}{${o.name}}`;
    last = o.end;
  }
  return out + text.slice(last);
}

function cut(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  const head = chars.slice(0, max).join('');
  const space = head.lastIndexOf(' ');
  return `${(space > max * 0.6 ? head.slice(0, space) : head).trimEnd()}…`;
}

function parseObject(json: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(json);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function parseStringArray(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

/** Same filter, same key: keys sorted, undefined fields dropped. */
export function canonicalFilterKey(filter: LibraryFilter): string {
  const entries = Object.entries(filter)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify(entries);
}
