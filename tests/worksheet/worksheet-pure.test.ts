/**
 * The parts of the worksheet engine that need no sandbox: the spec and its edits, difficulty metrics,
 * balancing versions, choosing templates for a topic, and text/LaTeX escaping.
 */
import { describe, expect, it } from 'vitest';
import type { Instance } from '../../src-main/template/template.types.js';
import { assignBalanced, assignInOrder, spreadOf, type Candidate } from '../../src-main/worksheet/balance.std.js';
import { measureInstance, programSteps } from '../../src-main/worksheet/difficulty.std.js';
import { mathTextToHtml } from '../../src-main/worksheet/math-html.std.js';
import { pickItems, templatesForTopic } from '../../src-main/worksheet/pick-templates.js';
import { renderWorksheetHtml } from '../../src-main/worksheet/worksheet-html.std.js';
import { escapeTex, mathTextToTex, renderWorksheetTex } from '../../src-main/worksheet/worksheet-tex.std.js';
import type { GeneratedWorksheet } from '../../src-main/worksheet/worksheet-types.std.js';
import { lockItem, parseWorksheetSpec, regenerateItem, unlockItem } from '../../src-main/worksheet/worksheet-spec.std.js';
import { starterTemplates } from './fixture.js';

/** A generated-looking sheet without the sandbox: 3 versions × 2 problems of one made-up template. */
function syntheticSheet(overrides: Record<string, unknown> = {}): GeneratedWorksheet {
  const instance = (seed: number): Instance => ({
    templateId: 'starter.x_y',
    seed,
    values: { a: seed },
    text: `Give $\\frac{${seed}}{4}$ of $10 & 5%.`,
    answer: { t: 'int', v: String(seed) },
    answerText: `${seed}_1`,
    answerFormat: 'integer',
  });
  const spec = parseWorksheetSpec({ seed: 9, versions: 3, items: [{ templateId: 'starter.x_y', count: 2 }], ...overrides });
  return {
    spec,
    versions: ['A', 'B', 'C'].map((label, index) => ({
      index,
      label,
      problems: [1, 2].map((n) => ({ number: n, itemIndex: 0, instance: instance(index * 10 + n), metrics: { magnitude: 0, digits: 0, whole: 1, steps: 1 } })),
    })),
    balance: [],
    seeds: [],
  };
}

const items = [
  { templateId: 'a', count: 2 },
  { templateId: 'b', count: 1 },
];

describe('worksheet spec', () => {
  it('fills the defaults and keeps what is given', () => {
    const spec = parseWorksheetSpec({ seed: 5, items });
    expect(spec).toMatchObject({ title: 'Worksheet', columns: 1, workingSpace: 'small', paper: 'A4', versions: 1, key: 'appended', nameLine: true, fontSize: 12 });
    expect(spec.items).toEqual(items);
  });

  it('names every bad field', () => {
    expect(() => parseWorksheetSpec({ seed: 5, items, versions: 27 })).toThrow(/versions: .*26/);
    expect(() => parseWorksheetSpec({ seed: -1, items })).toThrow(/seed:/);
    expect(() => parseWorksheetSpec({ seed: 1, items: [] })).toThrow(/items:/);
    expect(() => parseWorksheetSpec({ seed: 1, items: [{ templateId: 'a', count: 0 }] })).toThrow(/items\.0\.count:/);
    expect(() => parseWorksheetSpec({ seed: 1, items, paper: 'A5' })).toThrow(/paper:/);
    expect(() => parseWorksheetSpec({ seed: 1, items, colour: 'red' })).toThrow(/colour/);
  });

  it('refuses a lock that does not fit the versions or the count', () => {
    expect(() => parseWorksheetSpec({ seed: 1, versions: 2, items: [{ templateId: 'a', count: 1, locked: [[4]] }] })).toThrow(
      /items\.0\.locked: item 1 \(a\) is locked for 1 version\(s\) but the sheet has 2/,
    );
    expect(() => parseWorksheetSpec({ seed: 1, versions: 2, items: [{ templateId: 'a', count: 2, locked: [[4, 5], [6]] }] })).toThrow(
      /locked with 1 seed\(s\) for version B but its count is 2/,
    );
  });

  it('regenerating an item changes only its reroll and unlocks it; lock and unlock round-trip', () => {
    const spec = parseWorksheetSpec({ seed: 3, versions: 2, items });
    const locked = lockItem(spec, 0, [
      [11, 12],
      [13, 14],
    ]);
    expect(locked.items[0]?.locked).toEqual([
      [11, 12],
      [13, 14],
    ]);
    expect(locked.items[1]).toEqual(spec.items[1]);
    const rerolled = regenerateItem(regenerateItem(locked, 0), 0);
    expect(rerolled.items[0]).toEqual({ templateId: 'a', count: 2, reroll: 2 });
    expect(rerolled.items[1]).toEqual(spec.items[1]);
    expect(unlockItem(locked, 0).items[0]).toEqual(spec.items[0]);
    expect(() => regenerateItem(spec, 5)).toThrow(/no item 5 \(the sheet has 2\)/);
    expect(() => lockItem(spec, 0, [[1, 2]])).toThrow(/locked for 1 version\(s\) but the sheet has 2/);
  });
});

describe('difficulty metrics', () => {
  const program = 'from fractions import Fraction\n\ndef solution(a, b):\n    """Docstring."""\n    # comment\n    total = a + b\n    return Fraction(total, 4)\n';

  it('counts program statements, not comments, docstrings, imports or the def line', () => {
    expect(programSteps(program)).toBe(2);
    expect(programSteps('def f(x):\n    """Multi\n    line\n    doc."""\n    y = x\n    z = y * 2\n    return z\n')).toBe(3);
  });

  it('measures answer size, digits of the values and wholeness', () => {
    const base: Omit<Instance, 'answer' | 'values'> = { templateId: 't', seed: 1, text: '', answerText: '', answerFormat: 'fraction' };
    const whole = measureInstance({ ...base, values: { a: 125, b: 7, name: 'Ann' }, answer: { t: 'fraction', n: '99', d: '1' } }, program);
    expect(whole).toEqual({ magnitude: 2, digits: 4, whole: 1, steps: 2 });
    const part = measureInstance({ ...base, values: { a: 0.25 }, answer: { t: 'fraction', n: '3', d: '4' } }, program);
    expect(part.digits).toBe(2);
    expect(part.whole).toBe(0);
    expect(part.magnitude).toBeCloseTo(Math.log10(1.75), 12);
    expect(measureInstance({ ...base, values: {}, answer: { t: 'str', v: 'Jar B' } }, program).magnitude).toBe(0);
  });
});

describe('balancing versions', () => {
  // A fixture where dealing in draw order is unfair: answers grow with the draw order.
  const pool: Candidate[] = Array.from({ length: 24 }, (_, i) => ({
    seed: 1000 + i,
    metrics: { magnitude: Math.log10(1 + ((i * 37) % 24) * 40), digits: 1 + (i % 4), whole: i % 3 === 0 ? 0 : 1, steps: 3 },
  }));

  it('deals every version the same number of distinct candidates', () => {
    const dealt = assignBalanced(pool, 4, 2);
    expect(dealt.map((d) => d.length)).toEqual([2, 2, 2, 2]);
    expect(new Set(dealt.flat().map((c) => c.seed)).size).toBe(8);
    expect(() => assignBalanced(pool.slice(0, 5), 4, 2)).toThrow(/5 candidate\(s\) for 4 version\(s\) × 2/);
  });

  it('spreads each property less than dealing in draw order', () => {
    const balanced = spreadOf(assignBalanced(pool, 4, 2));
    const naive = spreadOf(assignInOrder(pool, 4, 2));
    expect(naive).toMatchObject({ digits: 3, whole: 0.5 });
    expect(naive.magnitude).toBeGreaterThan(1.5);
    expect(balanced.magnitude).toBeLessThan(naive.magnitude / 10);
    expect(balanced.digits).toBeLessThan(naive.digits);
    expect(balanced.whole).toBeLessThan(naive.whole);
    expect(balanced.steps).toBe(0);
  });

  it('does not depend on the order the candidates come in', () => {
    const seeds = (d: Candidate[][]): number[][] => d.map((list) => list.map((c) => c.seed));
    expect(seeds(assignBalanced([...pool].reverse(), 4, 2))).toEqual(seeds(assignBalanced(pool, 4, 2)));
  });
});

describe('choosing templates for a topic', () => {
  const fractions = templatesForTopic(starterTemplates(), 'Fractions');

  it('matches a strand or a topic', () => {
    expect(fractions.length).toBeGreaterThanOrEqual(20);
    expect(fractions.every((t) => t.strand === 'fractions' || t.topic === 'fractions')).toBe(true);
    expect(templatesForTopic(starterTemplates(), 'adding-fractions').every((t) => t.topic === 'adding-fractions')).toBe(true);
  });

  it('is seeded, uses different templates first, and orders easy to hard', () => {
    const a = pickItems(fractions, 20, 7);
    expect(pickItems(fractions, 20, 7)).toEqual(a);
    expect(pickItems([...fractions].reverse(), 20, 7)).toEqual(a);
    expect(pickItems(fractions, 20, 8)).not.toEqual(a);
    expect(a).toHaveLength(20);
    expect(new Set(a.map((i) => i.templateId)).size).toBe(20);
    const difficulty = a.map((i) => fractions.find((t) => t.id === i.templateId)?.difficulty ?? 2);
    expect(difficulty).toEqual([...difficulty].sort((x, y) => x - y));
    const many = pickItems(fractions.slice(0, 3), 10, 1);
    expect(many.map((i) => i.count).sort()).toEqual([3, 3, 4]);
  });
});

describe('text to HTML and LaTeX', () => {
  it('keeps money as text and renders math with KaTeX', () => {
    const html = mathTextToHtml('Pay $12.50 for <b> $\\frac{3}{4}$ kg.');
    expect(html).toContain('Pay $12.50 for &lt;b&gt; ');
    expect(html).toContain('class="katex"');
    expect(html).toContain('<mfrac>');
  });

  it('escapes prose for LaTeX and keeps math as written', () => {
    expect(escapeTex('50% of #3 & {x}_1 ~ ^\\')).toBe('50\\% of \\#3 \\& \\{x\\}\\_1 \\textasciitilde{} \\textasciicircum{}\\textbackslash{}');
    expect(mathTextToTex('It costs $12.50, and $\\frac{3}{4}$ of 20% is $$x^2$$.')).toBe('It costs \\$12.50, and $\\frac{3}{4}$ of 20\\% is \\[x^2\\].');
    expect(mathTextToTex('A \\$5 bill')).toBe('A \\$5 bill');
  });

  it('writes one section per version and per key, with balanced environments', () => {
    const sheet = syntheticSheet({ title: 'Q&A #1', columns: 2 });
    const tex = renderWorksheetTex(sheet);
    expect(tex.match(/\\section\*\{Version [A-C]\}/g)).toEqual(['\\section*{Version A}', '\\section*{Version B}', '\\section*{Version C}']);
    expect(tex.match(/\\section\*\{Answer key: Version [A-C]\}/g)).toHaveLength(3);
    expect(tex).toContain('\\usepackage{amsmath,amssymb}');
    expect(tex).toContain('Q\\&A \\#1');
    expect(tex).toContain('Give $\\frac{11}{4}$ of \\$10 \\& 5\\%.');
    expect(tex).toContain('\\item 11\\_1 {\\footnotesize\\texttt{starter.x\\_y \\#11}}');
    expect(tex).toContain('\\renewcommand{\\sheetfooter}{Answer key · Version B · seed 9}');
    const begins = [...tex.matchAll(/\\begin\{(\w+)\}/g)].map((m) => m[1]);
    const ends = [...tex.matchAll(/\\end\{(\w+)\}/g)].map((m) => m[1]);
    expect(begins.sort()).toEqual(ends.sort());
    expect(begins.filter((b) => b === 'multicols')).toHaveLength(3);
    const depth = [...tex.matchAll(/\\(begin|end)\{\w+\}/g)].reduce((d, m) => {
      const next = d + (m[1] === 'begin' ? 1 : -1);
      expect(next).toBeGreaterThanOrEqual(0);
      return next;
    }, 0);
    expect(depth).toBe(0);
    // Without a key, no key section; keys only, no version section.
    expect(renderWorksheetTex(sheet, { parts: 'sheets' })).not.toContain('Answer key');
    expect(renderWorksheetTex(sheet, { parts: 'keys', versions: [1] }).match(/\\section\*\{[^}]*\}/g)).toEqual(['\\section*{Answer key: Version B}']);
  });

  it('prints each version and key with its own footer, escaped text and the worked-solution hook', () => {
    const sheet = syntheticSheet({ title: '<Fractions & more>', workedSolutions: true });
    const html = renderWorksheetHtml(sheet, { katexCss: '/* katex */', workedSolution: (p) => `<i>steps for ${p.instance.seed}</i>` });
    expect(html).toContain('<h1>&lt;Fractions &amp; more&gt;</h1>');
    expect(html).toContain('of $10 &amp; 5%.');
    expect(html.match(/<section class="part sheet/g)).toHaveLength(3);
    expect(html.match(/<section class="part key/g)).toHaveLength(3);
    expect(html).toContain('@page v1{@bottom-center{content:"Version B · seed 9"}}');
    expect(html).toContain('@page k2{@bottom-center{content:"Answer key · Version C · seed 9"}}');
    expect(html).toContain('<div class="worked"><i>steps for 21</i></div>');
    expect(html).toContain('starter.x_y #21');
    expect(html).not.toContain('[[P');
    const noWorked = renderWorksheetHtml(syntheticSheet(), { katexCss: '', workedSolution: () => 'steps' });
    expect(noWorked).not.toContain('class="worked"');
    const keysOnly = renderWorksheetHtml(syntheticSheet(), { katexCss: '', parts: 'keys', versions: [0] });
    expect(keysOnly.match(/<section class="part /g)).toEqual(['<section class="part ']);
    expect(keysOnly).not.toContain('@page v0');
    expect(() => renderWorksheetHtml(syntheticSheet(), { katexCss: '', versions: [7] })).toThrow(/no version among \[7\]/);
  });
});
