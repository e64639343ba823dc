/**
 * Builds the FROM/WHERE/ORDER BY of template listings from a filter. Only fixed SQL fragments are
 * concatenated (column names and ORDER BY clauses come from the tables below); every value the
 * caller supplies becomes a bound parameter.
 */
import { toFtsQuery } from './fts-query.js';
import { REVIEW_STATES, TEMPLATE_STATUSES, type ReviewState, type TemplateStatus } from './storage.types.js';

export interface TemplateFilter {
  packId?: string;
  /** A topic; `null` selects templates without one. */
  topic?: string | null;
  source?: string;
  status?: TemplateStatus;
  /**
   * Free text, matched against the original and generic problem (every word as a prefix). Text
   * without any word (blank, or only punctuation) applies no search filter.
   */
  search?: string;
  strand?: string;
  /** Templates whose grade range contains this grade. */
  grade?: number;
  review?: ReviewState;
  /** Templates with an open flag of this reason; `'*'` = any open flag. */
  flag?: string;
  /** Templates whose latest audit says they need this module; `'*'` = any module. */
  needsModule?: string;
  /** true: only templates an audit marked as a (near-)duplicate; false: only those not marked. */
  duplicate?: boolean;
}

export const TEMPLATE_ORDERS = ['id', 'topic', 'created', 'updated', 'relevance'] as const;
/** `relevance` is the search rank (best first) and falls back to `id` when there is no search. */
export type TemplateOrder = (typeof TEMPLATE_ORDERS)[number];

const ORDER_SQL: Record<TemplateOrder, string> = {
  id: 't.id',
  topic: 't.topic IS NULL, t.topic, t.id',
  created: 't.created_at DESC, t.id',
  updated: 't.updated_at DESC, t.id',
  relevance: 'templates_fts.rank, t.id',
};

export interface FilterSql {
  /** `FROM templates t [JOIN templates_fts …] WHERE …` */
  fromWhere: string;
  /** The same in two parts, for callers that join more tables: `FROM templates t [JOIN templates_fts …]`. */
  from: string;
  /** `WHERE …`, or '' without conditions. */
  where: string;
  /** How many conditions other than the search the filter has. */
  conditions: number;
  params: (string | number)[];
  hasSearch: boolean;
}

/**
 * How the search joins in: `join` (default) joins `templates_fts`, so `templates_fts.rank` can order;
 * `subquery` tests `t.seq` against the set of matching rowids instead, which lets SQLite walk a
 * covering index of the other filter or the sort and stop after a page (at 100k templates, joining
 * looks up every match's table row: 87k page reads for a common word); `omit` leaves the search out
 * (the caller handles it).
 */
export type SearchJoin = 'join' | 'subquery' | 'omit';

export function buildTemplateFilter(filter: TemplateFilter, caller: string, options: { search?: SearchJoin } = {}): FilterSql {
  const where: string[] = [];
  const params: (string | number)[] = [];
  let from = 'FROM templates t';
  const ftsQuery = filter.search === undefined ? null : toFtsQuery(filter.search);
  const searchJoin = options.search ?? 'join';
  if (ftsQuery !== null && searchJoin === 'join') {
    from += ' JOIN templates_fts ON templates_fts.rowid = t.seq';
    where.push('templates_fts MATCH ?');
    params.push(ftsQuery);
  } else if (ftsQuery !== null && searchJoin === 'subquery') {
    // The unary + keeps SQLite from driving the loop by the match list (a table-row lookup per match).
    where.push('+t.seq IN (SELECT templates_fts.rowid FROM templates_fts WHERE templates_fts MATCH ?)');
    params.push(ftsQuery);
  }
  if (filter.packId !== undefined) {
    where.push('t.pack_id = ?');
    params.push(filter.packId);
  }
  if (filter.topic === null) {
    where.push('t.topic IS NULL');
  } else if (filter.topic !== undefined) {
    where.push('t.topic = ?');
    params.push(filter.topic);
  }
  if (filter.source !== undefined) {
    where.push('t.source = ?');
    params.push(filter.source);
  }
  if (filter.status !== undefined) {
    if (!TEMPLATE_STATUSES.includes(filter.status)) {
      throw new Error(`${caller}: status must be one of ${TEMPLATE_STATUSES.join(', ')}; got ${JSON.stringify(filter.status)}`);
    }
    where.push('t.status = ?');
    params.push(filter.status);
  }
  if (filter.strand !== undefined) {
    where.push('t.strand = ?');
    params.push(filter.strand);
  }
  if (filter.grade !== undefined) {
    if (!Number.isInteger(filter.grade)) throw new Error(`${caller}: grade must be an integer; got ${filter.grade}`);
    // Indexed (grade_min, grade_max): a closed range on grade_min (BETWEEN 0 AND g, grades start at 0)
    // is what makes SQLite pick that index; with `grade_min <= g` alone it walked every template.
    where.push('t.grade_min BETWEEN 0 AND ? AND t.grade_max >= ?');
    params.push(filter.grade, filter.grade);
  }
  if (filter.review !== undefined) {
    if (!REVIEW_STATES.includes(filter.review)) {
      throw new Error(`${caller}: review must be one of ${REVIEW_STATES.join(', ')}; got ${JSON.stringify(filter.review)}`);
    }
    where.push('t.review = ?');
    params.push(filter.review);
  }
  // The three below are written as `t.id IN (subquery)` rather than EXISTS: flagged, module-needing and
  // duplicate templates are few, so SQLite runs the (partially indexed) subquery first and looks each
  // id up, instead of probing the child table once per template of a 100k library.
  if (filter.flag === '*') {
    where.push('t.id IN (SELECT f.template_id FROM template_flags f WHERE f.resolved_at IS NULL)');
  } else if (filter.flag !== undefined) {
    where.push('t.id IN (SELECT f.template_id FROM template_flags f WHERE f.resolved_at IS NULL AND f.reason = ?)');
    params.push(filter.flag);
  }
  if (filter.needsModule === '*') {
    where.push('t.id IN (SELECT a.template_id FROM audit_results a WHERE a.needs_module IS NOT NULL)');
  } else if (filter.needsModule !== undefined) {
    where.push('t.id IN (SELECT a.template_id FROM audit_results a WHERE a.needs_module = ?)');
    params.push(filter.needsModule);
  }
  if (filter.duplicate === true) {
    where.push('t.id IN (SELECT a.template_id FROM audit_results a WHERE a.duplicate_of IS NOT NULL)');
  } else if (filter.duplicate === false) {
    where.push('t.id NOT IN (SELECT a.template_id FROM audit_results a WHERE a.duplicate_of IS NOT NULL)');
  }
  const whereSql = where.length === 0 ? '' : `WHERE ${where.join(' AND ')}`;
  const fromWhere = whereSql === '' ? from : `${from} ${whereSql}`;
  return { fromWhere, from, where: whereSql, params, hasSearch: ftsQuery !== null, conditions: where.length - (ftsQuery !== null && searchJoin !== 'omit' ? 1 : 0) };
}

export function orderBySql(order: TemplateOrder | undefined, hasSearch: boolean, caller: string): string {
  const chosen = order ?? (hasSearch ? 'relevance' : 'id');
  if (!TEMPLATE_ORDERS.includes(chosen)) {
    throw new Error(`${caller}: orderBy must be one of ${TEMPLATE_ORDERS.join(', ')}; got ${JSON.stringify(chosen)}`);
  }
  return chosen === 'relevance' && !hasSearch ? ORDER_SQL.id : ORDER_SQL[chosen];
}

/** The columns the library table sorts on (the contract's LibrarySortColumn). */
export const LISTING_SORT_COLUMNS = ['id', 'pack', 'source', 'topic', 'grade', 'status', 'review', 'acceptance', 'updated', 'relevance'] as const;
export type ListingSortColumn = (typeof LISTING_SORT_COLUMNS)[number];

/**
 * Sort keys per column, always ending in a unique key so that equal keys keep one order on every
 * page: ties keep library order (`seq`, the order templates were added; for an import, the file's),
 * which every one-column index already holds, so a filtered or sorted page is read in index order.
 * `a` is `audit_results` (LEFT JOINed by the caller when `needsAudit`); `relevance` is the search
 * rank (id order without a search).
 */
const LISTING_SORT_KEYS: Record<ListingSortColumn, readonly string[]> = {
  id: ['t.id'],
  pack: ['t.pack_id', 't.seq'],
  source: ['t.source', 't.seq'],
  topic: ['t.topic', 't.seq'],
  grade: ['t.grade_min', 't.grade_max', 't.seq'],
  status: ['t.status', 't.seq'],
  review: ['t.review', 't.seq'],
  acceptance: ['a.acceptance', 't.seq'],
  updated: ['t.updated_at', 't.seq'],
  relevance: ['templates_fts.rank', 't.seq'],
};

/** What `relevance` means without a search: id order (read from the unique index on id). */
const NO_RANK_ORDER = ['t.id'];

/** Columns with a full one-column index: a page sorted by one of them can be read in index order. */
export const INDEXED_SORT_COLUMNS: readonly ListingSortColumn[] = ['id', 'pack', 'source', 'topic', 'status', 'review'];

export interface ListingOrder {
  /** `ORDER BY` body, e.g. `t.status DESC, t.id DESC`. */
  sql: string;
  /** The order reads `audit_results a`, which the caller must LEFT JOIN. */
  needsAudit: boolean;
}

/**
 * ORDER BY for a library listing. Descending reverses every key, the tie-break included, so a
 * descending listing is exactly the ascending one backwards. `relevance` without a search is id order.
 */
export function listingOrderSql(column: ListingSortColumn, dir: 'asc' | 'desc', hasSearch: boolean, caller: string): ListingOrder {
  if (!LISTING_SORT_COLUMNS.includes(column)) {
    throw new Error(`${caller}: sort column must be one of ${LISTING_SORT_COLUMNS.join(', ')}; got ${JSON.stringify(column)}`);
  }
  if (dir !== 'asc' && dir !== 'desc') throw new Error(`${caller}: sort direction must be asc or desc; got ${JSON.stringify(dir)}`);
  const keys = column === 'relevance' && !hasSearch ? NO_RANK_ORDER : LISTING_SORT_KEYS[column];
  const suffix = dir === 'desc' ? ' DESC' : '';
  return { sql: keys.map((key) => key + suffix).join(', '), needsAudit: column === 'acceptance' };
}

/** Page bounds: a listing is for a screen or an export batch, never "everything at once". */
export const MAX_PAGE = 10_000;

export function checkPage(limit: number, offset: number, caller: string): void {
  if (!Number.isInteger(limit) || limit < 0 || limit > MAX_PAGE) {
    throw new RangeError(`${caller}: limit must be an integer from 0 to ${MAX_PAGE}; got ${limit}`);
  }
  if (!Number.isInteger(offset) || offset < 0) throw new RangeError(`${caller}: offset must be a non-negative integer; got ${offset}`);
}
