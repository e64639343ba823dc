/**
 * The Library's filter (`LibraryFilter` of the contract) as SQL for the jobs: which templates an audit
 * or an export walks, and what the dataset report aggregates over. The listings' builder
 * (template-filter-sql.ts) reads every field of it; this only maps the contract's type onto it.
 */
import type { LibraryFilter } from '../api/library-contract.std.js';
import type { ReadDb } from '../storage/db-handles.js';
import { buildTemplateFilter, type FilterSql, type TemplateFilter } from '../storage/template-filter-sql.js';

/** The contract's filter is the listings' filter field for field (checked by the compiler here). */
export function toTemplateFilter(filter: LibraryFilter): TemplateFilter {
  return filter;
}

/** `FROM templates t … WHERE …` for the filter, with its parameters (alias `t` for templates). */
export function libraryFilterSql(filter: LibraryFilter, caller: string): FilterSql {
  return buildTemplateFilter(toTemplateFilter(filter), caller);
}

/** Ids of the templates the filter matches, in library order (the order they were added). */
export function selectTemplateIds(db: ReadDb, filter: LibraryFilter, caller: string): string[] {
  const sql = libraryFilterSql(filter, caller);
  return db.prepare(`SELECT t.id ${sql.fromWhere} ORDER BY t.seq`).pluck().all(...sql.params) as string[];
}
