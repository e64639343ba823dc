/**
 * The Library pages' pure logic, in Node (library.e2e.test.ts covers the wiring in Chromium): the
 * filter ⇄ URL round trip, the page cache arithmetic of the virtualized table, snippet and
 * placeholder marking, the history diff, the review queue's walking rules, the editor's checks and
 * the report's chart data.
 */
import { describe, expect, it } from 'vitest';
import type { DatasetReport, LibraryFilter } from '../../src-main/api/library-contract.std.js';
import type { Template } from '../../src-main/template/template.types.js';
import { parseLocation, routeHash } from '../../src-renderer/app/route.js';
import { buildTemplate, draftFrom, fieldOfError } from '../../src-renderer/library/edit-form.js';
import { describeFilter, nextSort, parseSort, queryFromView, sameView, viewFromQuery, type LibraryView } from '../../src-renderer/library/library-url.js';
import { PageCache, pageOf, pagesForRange, pagesToFetch } from '../../src-renderer/library/page-cache.js';
import { histogramOption, shareOf, statusBySourceOption, topReasonsOption, type ReportPalette } from '../../src-renderer/library/report-options.js';
import { nextInQueue, queueKey, queueText } from '../../src-renderer/library/review-queue.js';
import { gradeText, lineDiff, percentText, placeholderPieces, snippetPieces } from '../../src-renderer/library/text-pieces.js';

/** Through the real hash: build the link, parse it back as the page would. */
function roundTrip(view: LibraryView): LibraryView {
  return viewFromQuery(parseLocation(routeHash('library', [], queryFromView(view))).query);
}

describe('library view ⇄ URL query', () => {
  it('round-trips every filter field and the sort through the hash', () => {
    const view: LibraryView = {
      filter: {
        search: 'apples & pears?',
        packId: 'import.gsmhard',
        source: 'gsm8k',
        topic: 'unit-rate',
        strand: 'ratio',
        grade: 7,
        status: 'broken',
        review: 'flagged',
        flag: 'wrong answer',
        needsModule: 'sympy',
        duplicate: true,
      },
      sort: { column: 'acceptance', dir: 'desc' },
    };
    expect(roundTrip(view)).toEqual(view);
    const hash = routeHash('library', [], queryFromView(view));
    expect(hash).toContain('sort=-acceptance');
    expect(hash).toContain('dup=1');
    expect(hash).toContain('q=apples');
  });

  it('an empty view is the bare route', () => {
    expect(routeHash('library', [], queryFromView({ filter: {}, sort: null }))).toBe('#/library');
    expect(roundTrip({ filter: {}, sort: null })).toEqual({ filter: {}, sort: null });
  });

  it('drops values that are not valid for their key (old or edited bookmarks)', () => {
    const view = viewFromQuery({ status: 'sick', review: 'maybe', grade: '14', dup: 'yes', sort: '-colour', q: '   ', pack: 'x'.repeat(201) });
    expect(view).toEqual({ filter: {}, sort: null });
    expect(viewFromQuery({ grade: '7.5' }).filter.grade).toBeUndefined();
    expect(viewFromQuery({ grade: '0' }).filter.grade).toBe(0);
    expect(viewFromQuery({ flag: '*', needs: '*' }).filter).toEqual({ flag: '*', needsModule: '*' });
  });

  it('keeps other keys out of the view but lets them travel (the queue position)', () => {
    const location = parseLocation(routeHash('library', ['t', 'a/b c'], { ...queryFromView({ filter: { status: 'broken' }, sort: null }), at: '11' }));
    expect(location.path).toEqual(['t', 'a/b c']);
    expect(location.query.at).toBe('11');
    expect(viewFromQuery(location.query)).toEqual({ filter: { status: 'broken' }, sort: null });
  });

  it('sorts: a new column starts in its natural direction, the same column flips', () => {
    expect(nextSort(null, 'id')).toEqual({ column: 'id', dir: 'asc' });
    expect(nextSort(null, 'acceptance')).toEqual({ column: 'acceptance', dir: 'desc' });
    expect(nextSort({ column: 'id', dir: 'asc' }, 'id')).toEqual({ column: 'id', dir: 'desc' });
    expect(nextSort({ column: 'id', dir: 'desc' }, 'grade')).toEqual({ column: 'grade', dir: 'asc' });
    expect(parseSort('-updated')).toEqual({ column: 'updated', dir: 'desc' });
    expect(parseSort('relevance')).toEqual({ column: 'relevance', dir: 'asc' });
  });

  it('compares views by meaning and describes a filter in words', () => {
    expect(sameView({ filter: { status: 'broken', topic: 'x' }, sort: null }, { filter: { topic: 'x', status: 'broken' }, sort: null })).toBe(true);
    expect(sameView({ filter: {}, sort: null }, { filter: {}, sort: { column: 'id', dir: 'asc' } })).toBe(false);
    const filter: LibraryFilter = { search: 'train', status: 'broken', flag: '*', duplicate: true };
    expect(describeFilter(filter)).toBe('search “train” · status broken · any flag · duplicates');
    expect(describeFilter({})).toBe('all templates');
  });
});

describe('page cache of the virtualized table', () => {
  it('maps rows to pages of 100', () => {
    expect(pageOf(0)).toBe(0);
    expect(pageOf(99)).toBe(0);
    expect(pageOf(100)).toBe(1);
    expect(pageOf(99_999)).toBe(999);
  });

  it('asks only for page 0 before the total is known, then for the pages covering the visible rows', () => {
    expect(pagesForRange(0, 30, null)).toEqual([0]);
    expect(pagesForRange(250, 280, null)).toEqual([0]);
    expect(pagesForRange(95, 130, 100_000)).toEqual([0, 1]);
    expect(pagesForRange(99_990, 100_020, 100_000)).toEqual([999]);
    expect(pagesForRange(10, 40, 0)).toEqual([]);
    expect(pagesForRange(40, 10, 1000)).toEqual([]);
  });

  it('never asks for a page twice, and retries a page whose fetch failed', () => {
    expect(pagesToFetch([3, 4, 5], new Set([3]), new Set([4]))).toEqual([5]);
    const cache = new PageCache<string>();
    expect(cache.claim(0, 20)).toEqual([0]);
    expect(cache.claim(0, 20)).toEqual([]); // in flight
    cache.store(
      0,
      Array.from({ length: 100 }, (_, i) => `row ${i}`),
      250,
    );
    expect(cache.total).toBe(250);
    expect(cache.row(42)).toBe('row 42');
    expect(cache.row(142)).toBeUndefined();
    expect(cache.claim(80, 260)).toEqual([1, 2]); // clamped to the 250 rows that exist
    cache.release(2);
    expect(cache.claim(200, 249)).toEqual([2]);
    cache.store(1, ['row 100', 'row 101'], 250);
    expect(cache.row(101)).toBe('row 101');
    expect(cache.loadedPages).toBe(2);
  });
});

describe('marked text', () => {
  it('splits a search snippet at \\u0002…\\u0003 into text and matches', () => {
    expect(snippetPieces('a bag of \u0002apples\u0003 and \u0002pears\u0003.')).toEqual([
      { text: 'a bag of ', mark: false },
      { text: 'apples', mark: true },
      { text: ' and ', mark: false },
      { text: 'pears', mark: true },
      { text: '.', mark: false },
    ]);
    // Markup in the text stays text: React renders it escaped.
    expect(snippetPieces('<b>\u0002x\u0003')).toEqual([
      { text: '<b>', mark: false },
      { text: 'x', mark: true },
    ]);
    expect(snippetPieces('open \u0002end')).toEqual([
      { text: 'open ', mark: false },
      { text: 'end', mark: true },
    ]);
  });

  it('marks only the template’s own placeholders, in its style, longest name first', () => {
    expect(placeholderPieces('{n} boxes of {n_apples} apples cost {price}{x}', ['n', 'n_apples', 'price'])).toEqual([
      { text: '{n}', mark: true, name: 'n' },
      { text: ' boxes of ', mark: false },
      { text: '{n_apples}', mark: true, name: 'n_apples' },
      { text: ' apples cost ', mark: false },
      { text: '{price}', mark: true, name: 'price' },
      { text: '{x}', mark: false },
    ]);
    expect(placeholderPieces('<a> and <b>', ['a'], 'angle').filter((p) => p.mark).map((p) => p.name)).toEqual(['a']);
    expect(placeholderPieces('num_boxes boxes, num_boxes_2 left', ['num_boxes'], 'bare').filter((p) => p.mark).map((p) => p.text)).toEqual(['num_boxes']);
    expect(placeholderPieces('no names', [])).toEqual([{ text: 'no names', mark: false }]);
  });

  it('diffs programs line by line', () => {
    const before = 'def f(a, b):\n    total = a + b\n    return total';
    const after = 'def f(a, b):\n    total = a * b\n    return total';
    expect(lineDiff(before, after)).toEqual([
      { kind: 'same', text: 'def f(a, b):' },
      { kind: 'removed', text: '    total = a + b' },
      { kind: 'added', text: '    total = a * b' },
      { kind: 'same', text: '    return total' },
    ]);
    expect(lineDiff('a', 'a\nb')).toEqual([
      { kind: 'same', text: 'a' },
      { kind: 'added', text: 'b' },
    ]);
  });

  it('formats percentages and grade ranges', () => {
    expect(percentText(0.934)).toBe('93 %');
    expect(percentText(null)).toBe('—');
    expect(gradeText({ min: 3, max: 3 })).toBe('3');
    expect(gradeText({ min: 5, max: 7 })).toBe('5–7');
    expect(gradeText(null)).toBe('—');
  });
});

describe('review queue', () => {
  const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) =>
    queueKey({ key: k, ctrlKey: false, metaKey: false, altKey: false, ...mods });

  it('maps j/k/a/f/e/Esc and ignores modified keys', () => {
    expect(['j', 'k', 'a', 'f', 'e', 'Escape', 'x'].map((k) => key(k))).toEqual(['next', 'prev', 'approve', 'flag', 'edit', 'back', null]);
    expect(key('a', { ctrlKey: true })).toBeNull();
    expect(key('f', { metaKey: true })).toBeNull();
  });

  it('steps to the next row, or to the row that moved up when this one left the view', () => {
    expect(nextInQueue('t1', 5, [{ id: 't1' }, { id: 't2' }])).toEqual({ id: 't2', position: 6 });
    // Approving t1 inside "review: none" removed it: the row now at 5 is the next one.
    expect(nextInQueue('t1', 5, [{ id: 't2' }, { id: 't3' }])).toEqual({ id: 't2', position: 5 });
    expect(nextInQueue('t1', 9, [{ id: 't1' }])).toBeNull();
    expect(nextInQueue('t1', 9, [])).toBeNull();
  });

  it('says where the template is in the view', () => {
    expect(queueText(11, 340)).toBe('12 of 340 in this view');
    expect(queueText(null, 1200)).toBe('1,200 in this view');
    expect(queueText(5, null)).toBe('');
  });
});

describe('template editor', () => {
  const base: Template = {
    id: 't',
    generic_problem: 'A has {a} apples.',
    program: 'def solution(a):\n    return a',
    variables: { a: 3 },
    domains: { a: { kind: 'int', min: 1, max: 9 } },
  };

  it('round-trips a template through the draft', () => {
    const built = buildTemplate(base, draftFrom(base));
    expect(built).toEqual({ ok: true, template: base });
  });

  it('applies edits and drops emptied constraints and domains', () => {
    const draft = { ...draftFrom(base), program: 'def solution(a):\n    return a * 2', data: JSON.stringify({ variables: { a: 4 }, constraints: ['a > 1'] }) };
    const built = buildTemplate(base, draft);
    expect(built.ok).toBe(true);
    if (!built.ok) return;
    expect(built.template.program).toContain('a * 2');
    expect(built.template.variables).toEqual({ a: 4 });
    expect(built.template.constraints).toEqual(['a > 1']);
    expect(built.template.domains).toBeUndefined();
  });

  it('names the field that is wrong', () => {
    expect(buildTemplate(base, { ...draftFrom(base), data: '{ "variables": ' })).toMatchObject({ ok: false, field: 'data' });
    expect(buildTemplate(base, { ...draftFrom(base), data: '{"variables": {"a": 1}, "colour": 1}' })).toMatchObject({ ok: false, field: 'data', message: expect.stringContaining('colour') as unknown });
    expect(buildTemplate(base, { ...draftFrom(base), data: '{"variables": {}, "constraints": [1]}' })).toMatchObject({ ok: false, field: 'data' });
    expect(buildTemplate(base, { ...draftFrom(base), text: '  ' })).toMatchObject({ ok: false, field: 'text' });
    expect(buildTemplate(base, { ...draftFrom(base), program: '' })).toMatchObject({ ok: false, field: 'program' });
    expect(fieldOfError('library.edit: template.program: SyntaxError: invalid syntax (line 2)')).toBe('program');
    expect(fieldOfError('library.edit: generic_problem: placeholder {b} has no variable')).toBe('text');
    expect(fieldOfError('library.edit: domains.a: min must not exceed max')).toBe('data');
    expect(fieldOfError('library.edit: no template with id "x"')).toBe('general');
  });
});

describe('report charts', () => {
  const palette: ReportPalette = {
    text: '#000',
    muted: '#555',
    line: '#ddd',
    accent: '#00f',
    success: '#0a0',
    surface: '#eee',
    heat: ['#fff', '#00f'],
    warning: '#a80',
    broken: '#c00',
  };
  const zero = { unknown: 0, healthy: 0, warning: 0, broken: 0 };
  const report: DatasetReport = {
    total: 30,
    audited: 25,
    byStatus: { unknown: 5, healthy: 15, warning: 6, broken: 4 },
    bySource: [
      { source: 'math', byStatus: { ...zero, healthy: 2, broken: 3 } },
      { source: 'gsm8k', byStatus: { unknown: 5, healthy: 13, warning: 6, broken: 1 } },
    ],
    byReview: { none: 28, approved: 1, flagged: 1, rejected: 0 },
    acceptance: { buckets: ['0–50%', '50–100%'], counts: [5, 20] },
    magnitude: { buckets: ['10^0', '10^1', '10^2'], counts: [3, 12, 10] },
    topReasons: [
      { reason: 'fractional count', count: 2 },
      { reason: 'crashes', count: 7 },
    ],
    needsModule: [{ module: 'sympy', count: 2 }],
    duplicates: 1,
    reproduced: 20,
    notReproduced: 5,
  };

  it('splits each source by status as shares, biggest source on top, counts in the labels', () => {
    const option = statusBySourceOption(report, palette);
    const yAxis = option.yAxis as { data: string[] };
    expect(yAxis.data).toEqual(['math (5)', 'gsm8k (25)']);
    const series = option.series as { name: string; stack: string; data: number[]; itemStyle: { color: string } }[];
    expect(series.map((s) => s.name)).toEqual(['Healthy', 'Warning', 'Broken', 'Not audited']);
    expect(series.map((s) => s.data)).toEqual([
      [40, 52],
      [0, 24],
      [60, 4],
      [0, 20],
    ]);
    expect(series.every((s) => s.stack === 'status')).toBe(true);
    expect(series[2]?.itemStyle.color).toBe('#c00');
    expect(shareOf(1, 3)).toBe(33.3);
    expect(shareOf(0, 0)).toBe(0);
  });

  it('draws histograms and the top reasons, most common on top', () => {
    const hist = histogramOption(report.magnitude, palette, 'Magnitude', '#0a0');
    expect((hist.xAxis as { data: string[] }).data).toEqual(['10^0', '10^1', '10^2']);
    expect((hist.series as { data: number[] }[])[0]?.data).toEqual([3, 12, 10]);
    const reasons = topReasonsOption(report.topReasons, palette);
    // A category axis draws bottom-up: the last entry is the top bar.
    expect((reasons.yAxis as { data: string[] }).data).toEqual(['fractional count', 'crashes']);
    expect((reasons.series as { data: number[] }[])[0]?.data).toEqual([2, 7]);
    expect(JSON.stringify(reasons.aria)).toContain('crashes (7), fractional count (2)');
  });
});
