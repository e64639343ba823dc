/**
 * Library search at 100k templates: builds a library from a synthetic InfinityMATH-shaped file (the
 * real import runner, once, into a temp file), gives it a curated look (every template audited, a
 * few needing a module or marked duplicate, some flagged, some approved), then times `library.query`
 * — one page of 100 rows — over ~200 queries: search terms, each filter alone, search + filter,
 * sorts, and deep pages. Reported: p50/p95 when a filter is seen the first time (its total is
 * counted) and when the table scrolls (the total is cached until the database changes), against
 * the reference of reading one page by rowid with no filter at all.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { libraryApiArgs, type LibraryFilter, type LibrarySortColumn } from '../../src-main/api/library-contract.std.js';
import { createLibraryBrowseHandlers } from '../../src-main/app/library-browse-handlers.js';
import { importFile } from '../../src-main/importers/import-runner.js';
import { packageRoot } from '../../src-main/paths.js';
import { saveAudits, type AuditInput } from '../../src-main/storage/audits.repo.js';
import { applyReview } from '../../src-main/storage/curation.repo.js';
import { openDatabase } from '../../src-main/storage/database.js';
import { writeSyntheticFile } from '../helpers/synthetic-infinitymath.js';
import { SolutionSupply } from '../../src-main/app/solution-supply.js';

const ROWS = 101_380;

export interface Case {
  /** search + filters in the default order (the goal), sorted by a column, scrolled deep, or a word every row has. */
  group: 'filter' | 'sort' | 'scroll' | 'broad';
  name: string;
  filter: LibraryFilter;
  sort?: { column: LibrarySortColumn; dir: 'asc' | 'desc' };
  offset?: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

const fmt = (x: number, digits = 1): string => x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/**
 * ~200 queries: words a curator types (each item word is in 1/8 of the synthetic rows, like a topic
 * word in real data), numbers, two-word searches, every filter alone and with a search; then sorts,
 * deep pages, and words that every synthetic row contains (reported apart: real text is not that uniform).
 */
export function cases(): Case[] {
  const items = ['apples', 'marbles', 'stickers', 'books', 'pencils', 'shells', 'stamps', 'cards'];
  const prefixes = ['appl', 'marb', 'stick', 'pen', 'shel', 'stam'];
  const out: Case[] = [];
  const search = (name: string, text: string): void => void out.push({ group: 'filter', name, filter: { search: text } });
  for (const w of items) search('search a word', w);
  for (const w of prefixes) search('search a prefix', w);
  for (let i = 0; i < 30; i++) search('search a number', String((i * 2477) % ROWS));
  for (let i = 0; i < 16; i++) search('search a word and a number', `${items[i % 8] ?? 'apples'} ${12 + i}`);
  for (let i = 0; i < 10; i++) search('search a phrase', `${items[i % 8] ?? 'apples'} in them`);
  const filters: LibraryFilter[] = [
    { packId: 'import.infinitymath-synthetic' },
    { source: 'infinitymath/gsm8k' },
    { status: 'healthy' },
    { status: 'warning' },
    { status: 'broken' },
    { status: 'unknown' },
    { review: 'approved' },
    { review: 'flagged' },
    { review: 'none' },
    { review: 'rejected' },
    { flag: '*' },
    { flag: 'wrong answer' },
    { flag: 'implausible numbers' },
    { needsModule: '*' },
    { needsModule: 'sympy' },
    { duplicate: true },
    { duplicate: false },
    { grade: 7 },
    { topic: 'percent' },
    { strand: 'fractions' },
  ];
  for (const filter of filters) out.push({ group: 'filter', name: `filter ${JSON.stringify(filter)}`, filter });
  filters.forEach((filter, i) => {
    out.push({ group: 'filter', name: `search + ${JSON.stringify(filter)}`, filter: { ...filter, search: items[i % 8] ?? 'apples' } });
    out.push({ group: 'filter', name: `number + ${JSON.stringify(filter)}`, filter: { ...filter, search: String(100 + i * 37) } });
  });
  const sorts: LibrarySortColumn[] = ['id', 'pack', 'source', 'topic', 'grade', 'status', 'review', 'acceptance', 'updated', 'relevance'];
  for (const column of sorts) {
    for (const dir of ['asc', 'desc'] as const) {
      out.push({ group: 'sort', name: `sort ${column} ${dir}`, filter: {}, sort: { column, dir } });
      out.push({ group: 'sort', name: `flagged, sort ${column} ${dir}`, filter: { review: 'flagged' }, sort: { column, dir } });
      out.push({ group: 'sort', name: `search, sort ${column} ${dir}`, filter: { search: items[sorts.indexOf(column) % 8] ?? 'apples' }, sort: { column, dir } });
    }
  }
  for (let i = 0; i < 20; i++) out.push({ group: 'scroll', name: 'scroll deep', filter: i % 2 === 0 ? {} : { status: 'healthy' }, offset: (i * 4999) % 90_000 });
  for (const w of ['boxes', 'cost', 'together', 'dollars', 'each']) out.push({ group: 'broad', name: `search ${w} (every row)`, filter: { search: w } });
  return out;
}

/** Audits, flags and reviews spread over the library the way a curated one looks. */
export function curate(db: Parameters<typeof saveAudits>[0]): void {
  const ids = db.prepare('SELECT id FROM templates ORDER BY seq').pluck().all() as string[];
  const audits: AuditInput[] = ids.map((id, i) => {
    const status = i % 10 === 0 ? 'broken' : i % 4 === 0 ? 'warning' : 'healthy';
    return {
      templateId: id,
      runAt: 1,
      samples: 20,
      valid: status === 'broken' ? 4 : 19,
      crashes: 0,
      timeouts: 0,
      needsModule: i % 97 === 0 ? (i % 2 === 0 ? 'sympy' : 'numpy') : null,
      reproducesOriginal: i % 13 !== 0,
      acceptance: ((i * 37) % 101) / 100,
      status,
      reasons: status === 'healthy' ? [] : ['a reason'],
    };
  });
  for (let i = 0; i < audits.length; i += 5000) saveAudits(db, audits.slice(i, i + 5000));
  db.prepare('UPDATE audit_results SET duplicate_of = ? WHERE rowid % 113 = 0').run(ids[0] ?? '');
  const every = (n: number, from: number): string[] => ids.filter((_, i) => i % n === from);
  applyReview(db, { ids: every(50, 1) }, { action: 'flag', reason: 'wrong answer', now: 2 });
  applyReview(db, { ids: every(71, 2) }, { action: 'flag', reason: 'implausible numbers', now: 3 });
  applyReview(db, { ids: every(10, 3) }, { action: 'approve', now: 4 });
  applyReview(db, { ids: every(200, 5) }, { action: 'reject', now: 5 });
}

export async function searchBench(): Promise<string[][]> {
  const dataDir = path.join(packageRoot(), 'bench-data');
  fs.mkdirSync(dataDir, { recursive: true });
  // The same file as the import benchmark (made once; real rows' size).
  const file = path.join(dataDir, 'infinitymath-synthetic.jsonl');
  if (!fs.existsSync(file)) {
    process.stderr.write(`writing ${file} (${ROWS} rows)…\n`);
    writeSyntheticFile(file, ROWS, { padTo: 1870 });
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'im-search-bench-'));
  const app = openDatabase(path.join(dir, 'library.sqlite'));
  try {
    process.stderr.write('search bench: importing and curating…\n');
    const report = await importFile(app.db, file, { format: 'infinitymath' });
    curate(app.db);
    app.db.pragma('optimize');
    const controller = new AbortController();
    const noPool = (): Promise<never> => Promise.reject(new Error('the search bench runs no programs'));
    const handlers = createLibraryBrowseHandlers({
      db: app.db,
      pool: noPool,
      emit: () => undefined,
      now: () => 0,
      signal: controller.signal,
      mode: 'browser',
      dataDir: dir,
      solutions: new SolutionSupply(noPool),
    });
    const run = async (c: Case): Promise<number> => {
      const args = libraryApiArgs['library.query'].parse({ filter: c.filter, ...(c.sort ? { sort: c.sort } : {}), offset: c.offset ?? 0, limit: 100 });
      const started = performance.now();
      const page = await handlers['library.query'](args);
      const ms = performance.now() - started;
      if (page.rows.length > 100) throw new Error('more rows than asked for');
      return ms;
    };
    // Reference: one page of 100 rows read by rowid, no filter, no count (what any listing pays at least).
    const reference: number[] = [];
    const page = app.db.prepare("SELECT id, json_extract(body, '$.generic_problem') FROM templates WHERE seq > ? ORDER BY seq LIMIT 100");
    for (let i = 0; i < 200; i++) {
      const started = performance.now();
      page.all((i * 499) % 100_000);
      reference.push(performance.now() - started);
    }
    const all = cases();
    // Warm-up on other pages: statements prepared, pages cached, as in an app that has been used.
    for (const c of all.slice(0, 10)) await run({ ...c, offset: 300 });
    const times: Record<Case['group'], number[]> = { filter: [], sort: [], scroll: [], broad: [] };
    const scroll: number[] = [];
    const slowest: { name: string; ms: number }[] = [];
    for (const c of all) {
      const ms = await run(c);
      times[c.group].push(ms);
      slowest.push({ name: c.name, ms });
    }
    // The next page of the same view: the total is cached, only the page is read.
    for (const c of all) if (c.group === 'filter') scroll.push(await run({ ...c, offset: (c.offset ?? 0) + 100 }));
    // Facets: computed after every change (then cached); time each recomputation after a one-row change.
    const facets: number[] = [];
    for (let i = 0; i < 10; i++) {
      applyReview(app.db, { ids: [`im.synthetic-${i + 1}`] }, { action: i % 2 === 0 ? 'approve' : 'clear', now: 10 + i });
      const started = performance.now();
      await handlers['library.facets']({});
      facets.push(performance.now() - started);
    }
    const byMs = (a: number, b: number): number => a - b;
    for (const list of [...Object.values(times), scroll, reference, facets]) list.sort(byMs);
    slowest.sort((a, b) => b.ms - a.ms);
    const refP95 = percentile(reference, 95);
    const p95 = percentile(times.filter, 95);
    const load = os.loadavg()[0] ?? 0;
    process.stderr.write(`search bench: load average ${fmt(load, 2)}; slowest: ${slowest.slice(0, 8).map((x) => `${x.name} ${fmt(x.ms)} ms`).join('; ')}\n`);
    const pair = (list: number[]): string => `${fmt(percentile(list, 95))} / ${fmt(percentile(list, 50))}`;
    return [
      [
        `library.query, ${report.inserted.toLocaleString('en-US')} templates, page of 100: search and/or one filter, first view, p95 of ${times.filter.length} (ms)`,
        fmt(p95),
        `${fmt(p95 / refP95)}×`,
        '≤ 50 ms',
      ],
      ['  p50, same queries (ms)', fmt(percentile(times.filter, 50)), '', ''],
      ['  the next page of the same views (total cached), p95 / p50 (ms)', pair(scroll), '', '≤ 50 ms'],
      [`  sorted by each column, p95 / p50 of ${times.sort.length} (ms)`, pair(times.sort), '', ''],
      [`  deep pages (offset up to 90k), p95 / p50 of ${times.scroll.length} (ms)`, pair(times.scroll), '', ''],
      [`  a word in every template, max / p50 of ${times.broad.length} (ms)`, `${fmt(times.broad.at(-1) ?? Number.NaN)} / ${fmt(percentile(times.broad, 50))}`, '', ''],
      ['  vs one page by rowid, no filter, no count, p95 (ms)', fmt(refP95, 2), '', ''],
      ['library.facets after a change (recounted), p95 / p50 of 10 (ms)', pair(facets), '', ''],
    ];
  } finally {
    app.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
