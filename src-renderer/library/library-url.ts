/**
 * The Library's view (filter + sort) as URL query parameters and back, so a view can be bookmarked,
 * shared and walked with back/forward. Short, readable keys (`q`, `pack`, `status`…); a value that is
 * not valid for its key is dropped (an old bookmark never breaks the page).
 */
import {
  LIBRARY_SORT_COLUMNS,
  REVIEW_STATES_VIEW,
  TEMPLATE_HEALTH,
  type LibraryFilter,
  type LibrarySortColumn,
} from '../../src-main/api/library-contract.std.js';

export interface LibrarySort {
  column: LibrarySortColumn;
  dir: 'asc' | 'desc';
}

export interface LibraryView {
  filter: LibraryFilter;
  /** null: the server's default order (relevance with a search, else id). */
  sort: LibrarySort | null;
}

/** String-valued filter fields and their query keys. */
const TEXT_KEYS = [
  ['search', 'q'],
  ['packId', 'pack'],
  ['source', 'source'],
  ['topic', 'topic'],
  ['strand', 'strand'],
  ['flag', 'flag'],
  ['needsModule', 'needs'],
] as const;

/** Every query key the view uses (other keys, like the review queue's `at`, pass through). */
export const VIEW_KEYS: readonly string[] = [...TEXT_KEYS.map(([, key]) => key), 'grade', 'status', 'review', 'dup', 'sort'];

function isOneOf<T extends string>(values: readonly T[], value: string | undefined): value is T {
  return value !== undefined && (values as readonly string[]).includes(value);
}

export function viewFromQuery(query: Readonly<Record<string, string>>): LibraryView {
  const filter: LibraryFilter = {};
  for (const [field, key] of TEXT_KEYS) {
    const value = query[key]?.trim();
    // Limits as in the contract's schema: a longer value would be refused by the server.
    if (value !== undefined && value !== '' && value.length <= (field === 'search' ? 500 : 200)) filter[field] = value;
  }
  const grade = query.grade;
  if (grade !== undefined && /^\d{1,2}$/.test(grade) && Number(grade) <= 13) filter.grade = Number(grade);
  if (isOneOf(TEMPLATE_HEALTH, query.status)) filter.status = query.status;
  if (isOneOf(REVIEW_STATES_VIEW, query.review)) filter.review = query.review;
  if (query.dup === '1') filter.duplicate = true;
  return { filter, sort: parseSort(query.sort) };
}

/** `acceptance` → ascending, `-acceptance` → descending. */
export function parseSort(value: string | undefined): LibrarySort | null {
  if (value === undefined || value === '') return null;
  const desc = value.startsWith('-');
  const column = desc ? value.slice(1) : value;
  return isOneOf(LIBRARY_SORT_COLUMNS, column) ? { column, dir: desc ? 'desc' : 'asc' } : null;
}

export function sortParam(sort: LibrarySort | null): string | undefined {
  return sort === null ? undefined : `${sort.dir === 'desc' ? '-' : ''}${sort.column}`;
}

export function queryFromView(view: LibraryView): Record<string, string | undefined> {
  const query: Record<string, string | undefined> = {};
  for (const [field, key] of TEXT_KEYS) query[key] = view.filter[field];
  if (view.filter.grade !== undefined) query.grade = String(view.filter.grade);
  query.status = view.filter.status;
  query.review = view.filter.review;
  if (view.filter.duplicate === true) query.dup = '1';
  query.sort = sortParam(view.sort);
  return query;
}

/** Same view? (Compared through the query, which has one spelling per view.) */
export function sameView(a: LibraryView, b: LibraryView): boolean {
  return JSON.stringify(queryFromView(a)) === JSON.stringify(queryFromView(b));
}

export function isEmptyFilter(filter: LibraryFilter): boolean {
  return Object.values(filter).every((v) => v === undefined);
}

/**
 * The next sort when a column header is clicked: a new column starts in its natural direction
 * (numbers and dates high first), the same column flips.
 */
export function nextSort(current: LibrarySort | null, column: LibrarySortColumn): LibrarySort {
  if (current?.column === column) return { column, dir: current.dir === 'asc' ? 'desc' : 'asc' };
  return { column, dir: column === 'acceptance' || column === 'updated' || column === 'relevance' ? 'desc' : 'asc' };
}

/** A one-line description of the filter, for the review queue and the report ("status broken · search “apples”"). */
export function describeFilter(filter: LibraryFilter): string {
  const parts: string[] = [];
  if (filter.search !== undefined) parts.push(`search “${filter.search}”`);
  if (filter.packId !== undefined) parts.push(`pack ${filter.packId}`);
  if (filter.source !== undefined) parts.push(`source ${filter.source}`);
  if (filter.topic !== undefined) parts.push(`topic ${filter.topic}`);
  if (filter.strand !== undefined) parts.push(`strand ${filter.strand}`);
  if (filter.grade !== undefined) parts.push(`grade ${filter.grade}`);
  if (filter.status !== undefined) parts.push(`status ${filter.status}`);
  if (filter.review !== undefined) parts.push(`review ${filter.review}`);
  if (filter.flag !== undefined) parts.push(filter.flag === '*' ? 'any flag' : `flag “${filter.flag}”`);
  if (filter.needsModule !== undefined) parts.push(filter.needsModule === '*' ? 'needs a module' : `needs ${filter.needsModule}`);
  if (filter.duplicate === true) parts.push('duplicates');
  return parts.length === 0 ? 'all templates' : parts.join(' · ');
}
