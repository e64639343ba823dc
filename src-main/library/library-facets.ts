/**
 * Counts per value for the Library's filter menus. Each is a GROUP BY over an indexed column (or a
 * small child table), and the whole set is cached until the database changes (change-stamp.ts).
 */
import { FLAG_REASONS, type FacetCount, type LibraryFacets } from '../api/library-contract.std.js';
import { strandLabel } from '../template/strand-labels.js';
import { countOpenFlags } from '../storage/curation.repo.js';
import type { ReadDb } from '../storage/db-handles.js';
import { cachedStatement } from '../storage/statement-cache.js';
import { REVIEW_STATES, TEMPLATE_STATUSES } from '../storage/storage.types.js';
import { StampedCache } from './change-stamp.js';

/** A menu longer than this is not a menu; the most frequent values are kept. */
export const FACET_LIMIT = 500;

const caches = new WeakMap<ReadDb, StampedCache<LibraryFacets>>();

export function libraryFacets(db: ReadDb): LibraryFacets {
  let cache = caches.get(db);
  if (cache === undefined) {
    cache = new StampedCache<LibraryFacets>(1);
    caches.set(db, cache);
  }
  return cache.get(db, 'facets', () => computeFacets(db));
}

type CountRow = { value: string; count: number };

function grouped(db: ReadDb, column: 'source' | 'topic' | 'strand'): CountRow[] {
  // `column` is one of three literal names, never input.
  return cachedStatement<[number], CountRow>(
    db,
    `SELECT ${column} AS value, count(*) AS count FROM templates WHERE ${column} IS NOT NULL GROUP BY ${column} ORDER BY count DESC, value LIMIT ?`,
  ).all(FACET_LIMIT);
}

const plain = (rows: CountRow[]): FacetCount[] => rows.map((r) => ({ value: r.value, label: r.value, count: r.count }));

function computeFacets(db: ReadDb): LibraryFacets {
  const total = cachedStatement<[], { n: number }>(db, 'SELECT count(*) AS n FROM templates').get()?.n ?? 0;
  const packs = cachedStatement<[], CountRow & { name: string }>(
    db,
    'SELECT t.pack_id AS value, p.name, count(*) AS count FROM templates t JOIN packs p ON p.id = t.pack_id GROUP BY t.pack_id ORDER BY count DESC, value',
  ).all();
  const grades = cachedStatement<[], { value: number; count: number }>(
    db,
    `SELECT g.value AS value, (SELECT count(*) FROM templates t WHERE t.grade_min BETWEEN 0 AND g.value AND t.grade_max >= g.value) AS count
     FROM json_each('[0,1,2,3,4,5,6,7,8,9,10,11,12,13]') g`,
  )
    .all()
    .filter((r) => r.count > 0);
  const byStatus = new Map(cachedStatement<[], CountRow>(db, 'SELECT status AS value, count(*) AS count FROM templates GROUP BY status').all().map((r) => [r.value, r.count]));
  const byReview = new Map(cachedStatement<[], CountRow>(db, 'SELECT review AS value, count(*) AS count FROM templates GROUP BY review').all().map((r) => [r.value, r.count]));
  const modules = cachedStatement<[number], CountRow>(
    db,
    'SELECT needs_module AS value, count(*) AS count FROM audit_results WHERE needs_module IS NOT NULL GROUP BY needs_module ORDER BY count DESC, value LIMIT ?',
  ).all(FACET_LIMIT);
  return {
    total,
    packs: packs.map((r) => ({ value: r.value, label: r.name, count: r.count })),
    sources: plain(grouped(db, 'source')),
    topics: plain(grouped(db, 'topic')),
    strands: grouped(db, 'strand').map((r) => ({ value: r.value, label: strandLabel(r.value), count: r.count })),
    grades: grades.map((r) => ({ value: String(r.value), label: `grade ${r.value}`, count: r.count })),
    // Every known state is listed, with 0 where none: the menu keeps its shape.
    statuses: TEMPLATE_STATUSES.map((s) => ({ value: s, label: s, count: byStatus.get(s) ?? 0 })),
    reviews: REVIEW_STATES.map((s) => ({ value: s, label: s, count: byReview.get(s) ?? 0 })),
    flags: countOpenFlags(db).map((r) => ({ value: r.reason, label: r.reason, count: r.count })),
    modules: plain(modules),
    flagReasons: FLAG_REASONS,
  };
}
