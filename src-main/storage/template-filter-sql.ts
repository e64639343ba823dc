/**
 * Builds the FROM/WHERE/ORDER BY of template listings from a filter. Only fixed SQL fragments are
 * concatenated (column names and ORDER BY clauses come from the tables below); every value the
 * caller supplies becomes a bound parameter.
 */
import { toFtsQuery } from './fts-query.js';
import { TEMPLATE_STATUSES, type TemplateStatus } from './storage.types.js';

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
  params: (string | number)[];
  hasSearch: boolean;
}

export function buildTemplateFilter(filter: TemplateFilter, caller: string): FilterSql {
  const where: string[] = [];
  const params: (string | number)[] = [];
  let from = 'FROM templates t';
  const ftsQuery = filter.search === undefined ? null : toFtsQuery(filter.search);
  if (ftsQuery !== null) {
    from += ' JOIN templates_fts ON templates_fts.rowid = t.seq';
    where.push('templates_fts MATCH ?');
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
  const fromWhere = where.length === 0 ? from : `${from} WHERE ${where.join(' AND ')}`;
  return { fromWhere, params, hasSearch: ftsQuery !== null };
}

export function orderBySql(order: TemplateOrder | undefined, hasSearch: boolean, caller: string): string {
  const chosen = order ?? (hasSearch ? 'relevance' : 'id');
  if (!TEMPLATE_ORDERS.includes(chosen)) {
    throw new Error(`${caller}: orderBy must be one of ${TEMPLATE_ORDERS.join(', ')}; got ${JSON.stringify(chosen)}`);
  }
  return chosen === 'relevance' && !hasSearch ? ORDER_SQL.id : ORDER_SQL[chosen];
}

/** Page bounds: a listing is for a screen or an export batch, never "everything at once". */
export const MAX_PAGE = 10_000;

export function checkPage(limit: number, offset: number, caller: string): void {
  if (!Number.isInteger(limit) || limit < 0 || limit > MAX_PAGE) {
    throw new RangeError(`${caller}: limit must be an integer from 0 to ${MAX_PAGE}; got ${limit}`);
  }
  if (!Number.isInteger(offset) || offset < 0) throw new RangeError(`${caller}: offset must be a non-negative integer; got ${offset}`);
}
