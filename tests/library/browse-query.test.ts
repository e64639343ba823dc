/** library.query and library.facets on a real SQLite file: every filter, every sort both ways, totals, rows, facets. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { libraryApiArgs, LIBRARY_SORT_COLUMNS, type LibraryFilter, type LibraryPage, type LibrarySortColumn } from '../../src-main/api/library-contract.std.js';
import { queryLibrary } from '../../src-main/library/library-query.js';
import { SNIPPET_CLOSE, SNIPPET_OPEN, upsertTemplates } from '../../src-main/storage/templates.repo.js';
import { coatTemplate } from '../storage/storage-fixtures.js';
import { ALL_IDS, openBrowseFixture, seedLibrary, type BrowseFixture } from './browse-fixtures.js';

let f: BrowseFixture;
beforeAll(() => {
  f = openBrowseFixture();
  seedLibrary(f.app.db);
});
afterAll(() => f.close());

function query(args: Record<string, unknown>): Promise<LibraryPage> {
  return f.handlers['library.query'](libraryApiArgs['library.query'].parse(args));
}
async function ids(filter: LibraryFilter, sort?: { column: LibrarySortColumn; dir: 'asc' | 'desc' }): Promise<string[]> {
  const page = await query({ filter, ...(sort ? { sort } : {}) });
  expect(page.total, `total of ${JSON.stringify(filter)}`).toBe(page.rows.length);
  return page.rows.map((r) => r.id);
}

describe('library.query filters', () => {
  it.each<[string, LibraryFilter, string[]]>([
    ['no filter', {}, ALL_IDS],
    ['pack', { packId: 'beta' }, ['b.1', 'b.2']],
    ['source', { source: 'gsm8k' }, ['a.1', 'a.2']],
    ['topic', { topic: 'percent' }, ['a.1', 'b.1']],
    ['strand', { strand: 'money' }, ['a.2']],
    ['grade inside a range', { grade: 7 }, ['a.1', 'b.1']],
    ['grade at a range end', { grade: 5 }, ['a.2']],
    ['grade nobody teaches', { grade: 12 }, []],
    ['status healthy', { status: 'healthy' }, ['a.1', 'b.2']],
    ['status unknown (never audited)', { status: 'unknown' }, ['b.1']],
    ['review flagged', { review: 'flagged' }, ['a.2', 'a.3']],
    ['review approved', { review: 'approved' }, ['b.1']],
    ['review none (a cleared flag counts as none)', { review: 'none' }, ['a.1', 'b.2']],
    ['flag by reason', { flag: 'wrong answer' }, ['a.2']],
    ['any open flag (resolved ones do not count)', { flag: '*' }, ['a.2', 'a.3']],
    ['a resolved reason only', { flag: 'ambiguous wording' }, []],
    ['needs a module', { needsModule: 'sympy' }, ['a.2']],
    ['needs any module', { needsModule: '*' }, ['a.2', 'b.2']],
    ['duplicates', { duplicate: true }, ['a.3']],
    ['not duplicates', { duplicate: false }, ['a.1', 'a.2', 'b.1', 'b.2']],
    ['search (prefix words, original and generic text)', { search: 'appl' }, ['a.2', 'b.1', 'b.2']],
    ['search with two words', { search: 'train apples' }, ['b.2']],
    ['search without a word finds nothing', { search: '?!' }, ALL_IDS],
    ['search + filter', { search: 'apples', packId: 'beta', status: 'healthy' }, ['b.2']],
    ['filters combine', { source: 'gsm8k', review: 'flagged' }, ['a.2']],
  ])('%s', async (_name, filter, expected) => {
    expect((await ids(filter, { column: 'id', dir: 'asc' })).sort()).toEqual([...expected].sort());
    // The plans for a broad search (matches checked against an index walk) find the same rows, in every sort.
    for (const column of LIBRARY_SORT_COLUMNS.filter((c) => c !== 'relevance')) {
      const narrow = queryLibrary(f.app.db, { filter, sort: { column, dir: 'desc' }, offset: 0, limit: 100 });
      const broad = queryLibrary(f.app.db, { filter, sort: { column, dir: 'desc' }, offset: 0, limit: 100, rankMax: 0 });
      expect(broad.rows.map((r) => r.id), column).toEqual(narrow.rows.map((r) => r.id));
      expect(broad.total).toBe(narrow.total);
    }
  });

  it('rejects a filter field it does not know, and bad values, with the field named', () => {
    expect(() => libraryApiArgs['library.query'].parse({ filter: { colour: 'red' } })).toThrow(/colour/);
    expect(() => libraryApiArgs['library.query'].parse({ filter: { grade: 14 } })).toThrow();
  });
});

describe('library.query sorting', () => {
  // Expected ascending orders (ties in library order, which here is id order); descending is exactly the reverse.
  const ascending: Record<Exclude<LibrarySortColumn, 'relevance'>, string[]> = {
    id: ['a.1', 'a.2', 'a.3', 'b.1', 'b.2'],
    pack: ['a.1', 'a.2', 'a.3', 'b.1', 'b.2'],
    // NULL first, then by value.
    source: ['b.2', 'b.1', 'a.1', 'a.2', 'a.3'],
    topic: ['b.2', 'a.2', 'a.1', 'b.1', 'a.3'],
    grade: ['a.3', 'a.2', 'a.1', 'b.1', 'b.2'],
    status: ['a.2', 'a.1', 'b.2', 'b.1', 'a.3'],
    review: ['b.1', 'a.2', 'a.3', 'a.1', 'b.2'],
    acceptance: ['b.1', 'a.2', 'a.3', 'b.2', 'a.1'],
    updated: ['a.1', 'a.2', 'a.3', 'b.1', 'b.2'],
  };
  for (const column of LIBRARY_SORT_COLUMNS) {
    if (column === 'relevance') continue;
    it(`by ${column}, both ways`, async () => {
      expect(await ids({}, { column, dir: 'asc' })).toEqual(ascending[column]);
      expect(await ids({}, { column, dir: 'desc' })).toEqual([...ascending[column]].reverse());
    });
  }

  it('by relevance: best match first with a search, by id without one', async () => {
    // The expected order is FTS5's own bm25 ranking of the same query.
    const ranked = f.app.db
      .prepare("SELECT id FROM templates_fts WHERE templates_fts MATCH '\"apples\"*' ORDER BY rank, id")
      .pluck()
      .all() as string[];
    expect(await ids({ search: 'apples' }, { column: 'relevance', dir: 'asc' })).toEqual(ranked);
    expect(await ids({ search: 'apples' })).toEqual(ranked);
    expect(await ids({}, { column: 'relevance', dir: 'asc' })).toEqual(ALL_IDS);
    expect(await ids({}, { column: 'relevance', dir: 'desc' })).toEqual([...ALL_IDS].reverse());
    // Filtered, the rank order is kept among the rows the filter allows.
    expect(await ids({ search: 'apples', packId: 'beta' })).toEqual(ranked.filter((id) => id.startsWith('b.')));
    expect(await ids({ search: 'apples' }, { column: 'relevance', dir: 'desc' })).toEqual([...ranked].reverse());
    // A search matching more than RANK_MAX templates is listed in id order instead.
    const broad = queryLibrary(f.app.db, { filter: { search: 'apples' }, offset: 0, limit: 100, rankMax: 2 });
    expect(broad.rows.map((r) => r.id)).toEqual(['a.2', 'b.1', 'b.2']);
    expect(broad.total).toBe(3);
  });

  it('pages with offset and limit, and the total stays the filter total', async () => {
    const page = await query({ filter: {}, sort: { column: 'updated', dir: 'desc' }, offset: 1, limit: 2 });
    expect(page).toMatchObject({ total: 5, offset: 1 });
    expect(page.rows.map((r) => r.id)).toEqual(['b.1', 'a.3']);
    expect((await query({ filter: {}, offset: 5, limit: 10 })).rows).toEqual([]);
  });
});

describe('library.query rows', () => {
  it('carry the columns, latest audit, open flags and the problem with {placeholders}', async () => {
    const page = await query({ filter: { packId: 'alpha' }, sort: { column: 'id', dir: 'asc' } });
    const [a1, a2, a3] = page.rows;
    expect(a1).toEqual({
      id: 'a.1',
      packId: 'alpha',
      source: 'gsm8k',
      topic: 'percent',
      strand: 'percent',
      grade: { min: 6, max: 8 },
      status: 'healthy',
      review: 'none',
      flags: [],
      acceptance: 1,
      reproducesOriginal: true,
      needsModule: null,
      problem: 'A coat costs {price} and is on sale for {discount_percent} off. What is the sale price?',
      snippet: null,
      updatedAt: 100,
    });
    expect(a2).toMatchObject({ status: 'broken', review: 'flagged', flags: ['wrong answer'], acceptance: 0.2, reproducesOriginal: false, needsModule: 'sympy' });
    // A bare-style template shows its placeholders braced too.
    expect(a3).toMatchObject({ grade: null, flags: ['duplicate'], problem: 'A train travels {price} miles in {discount_percent} minutes.' });
    const b1 = (await query({ filter: { packId: 'beta' } })).rows[0];
    expect(b1).toMatchObject({ id: 'b.1', acceptance: null, reproducesOriginal: null, status: 'unknown', review: 'approved' });
  });

  it('with a search, carry an excerpt with the matched words marked', async () => {
    const page = await query({ filter: { search: 'train' }, sort: { column: 'id', dir: 'asc' } });
    expect(page.rows.map((r) => r.snippet)).toEqual([
      `A ${SNIPPET_OPEN}train${SNIPPET_CLOSE} travels 80 miles in 25 minutes.`,
      `A ${SNIPPET_OPEN}train${SNIPPET_CLOSE} carries apples worth $80, 25% of them bruised.`,
    ]);
  });
});

describe('library.facets', () => {
  it('counts per value with labels, every status and review state listed', async () => {
    const facets = await f.handlers['library.facets']({});
    expect(facets.total).toBe(5);
    expect(facets.packs).toEqual([
      { value: 'alpha', label: 'Alpha pack', count: 3 },
      { value: 'beta', label: 'Beta pack', count: 2 },
    ]);
    expect(facets.sources).toEqual([
      { value: 'gsm8k', label: 'gsm8k', count: 2 },
      { value: 'aqua', label: 'aqua', count: 1 },
      { value: 'math', label: 'math', count: 1 },
    ]);
    expect(facets.strands).toEqual([
      { value: 'percent', label: 'Percent', count: 2 },
      { value: 'money', label: 'Money & financial literacy', count: 1 },
    ]);
    expect(facets.grades.map((g) => [g.value, g.count])).toEqual([
      ['3', 1], ['4', 1], ['5', 1], ['6', 1], ['7', 2], ['8', 1], ['9', 1], ['10', 1],
    ]);
    expect(facets.statuses).toEqual([
      { value: 'unknown', label: 'unknown', count: 1 },
      { value: 'healthy', label: 'healthy', count: 2 },
      { value: 'warning', label: 'warning', count: 1 },
      { value: 'broken', label: 'broken', count: 1 },
    ]);
    expect(facets.reviews.map((r) => [r.value, r.count])).toEqual([['none', 2], ['approved', 1], ['flagged', 2], ['rejected', 0]]);
    expect(facets.flags).toEqual([
      { value: 'duplicate', label: 'duplicate', count: 1 },
      { value: 'wrong answer', label: 'wrong answer', count: 1 },
    ]);
    expect(facets.modules.map((m) => [m.value, m.count])).toEqual([['numpy', 1], ['sympy', 1]]);
    expect(facets.flagReasons).toContain('wrong answer');
  });

  it('and totals are recounted after a change (cached only while nothing changes)', async () => {
    const before = await f.handlers['library.facets']({});
    expect(await f.handlers['library.facets']({})).toBe(before); // cached: the same object
    expect((await query({ filter: { review: 'rejected' } })).total).toBe(0);
    await f.handlers['library.review']({ selection: { ids: ['a.1'] }, action: 'reject' });
    const after = await f.handlers['library.facets']({});
    expect(after.reviews.find((r) => r.value === 'rejected')?.count).toBe(1);
    expect((await query({ filter: { review: 'rejected' } })).total).toBe(1);
  });
});

// Last: it edits b.2, which changes what the tests above count.
describe('library.query rows after an edit', () => {
  it('cuts a long problem to about 200 characters at a word', async () => {
    const long = `${'seven apples '.repeat(40)}end`;
    await f.handlers['library.edit']({ id: 'b.2', template: { ...(await f.handlers['library.template']({ id: 'b.2' })).template, generic_problem: long } });
    const row = (await query({ filter: { search: 'bruised' } })).rows.find((r) => r.id === 'b.2');
    expect(row?.problem.endsWith('apples…')).toBe(true);
    expect(Array.from(row?.problem ?? '').length).toBeLessThanOrEqual(201);
  });
});

describe('ties', () => {
  it('keep library order (the order templates were added), not id order, and reverse with the sort', async () => {
    upsertTemplates(f.app.db, 'beta', [{ template: coatTemplate({ id: 'z.first', topic: 'ties' }) }], { now: 900 });
    upsertTemplates(f.app.db, 'beta', [{ template: coatTemplate({ id: 'c.second', topic: 'ties' }) }], { now: 901 });
    expect(await ids({ topic: 'ties' }, { column: 'topic', dir: 'asc' })).toEqual(['z.first', 'c.second']);
    expect(await ids({ topic: 'ties' }, { column: 'topic', dir: 'desc' })).toEqual(['c.second', 'z.first']);
    expect(await ids({ topic: 'ties' }, { column: 'id', dir: 'asc' })).toEqual(['c.second', 'z.first']);
    // Without a search, the default order is id order.
    expect(await ids({ topic: 'ties' })).toEqual(['c.second', 'z.first']);
  });
});
