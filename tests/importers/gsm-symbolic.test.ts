import { describe, expect, it } from 'vitest';
import { parseGsmSymbolic, rewriteDivides, splitGsmSymbolicInput } from '../../src-main/importers/gsm-symbolic.js';
import type { GsmSymbolicResult } from '../../src-main/importers/gsm-symbolic.js';
import type { Template } from '../../src-main/template/template.types.js';

// Templates written for these tests in the syntax of Apple's files (see the header of gsm-symbolic.ts).
const SHARK = {
  question: 'Mia saw a 10-foot shark with 2 6-inch fish attached to it. What percentage of the shark is the fish?',
  answer: 'The fish are 6 * 2 = <<6*2=12>>12 inches = 1 foot.\n1 / 10 * 100 = 10%\n#### 10',
  id_orig: 473,
  id_shuffled: 0,
  question_annotated: [
    '{n, Mia} saw a {x,10}-foot {big_fish,shark} with {k,2} {y,6}-inch fish attached to it. What percentage of the {big_fish,shark} is the fish?',
    '',
    '#init:',
    '- n = sample(names)',
    '- big_fish = sample(["dolphin", "whale", "shark"])',
    '- $x = range(10, 500, 10)',
    '- $k = range(2, 10)',
    '- $y = range(2, 100)',
    '',
    '#conditions:',
    '- k * y < x * 12',
    '- divides(k*y, 12)',
    '- divides(x * 12, k*y)',
    '',
    '#answer: int((k * y)/ (x * 12) * 100)',
  ].join('\n'),
};

function ok(r: GsmSymbolicResult): Template {
  if (!r.ok) throw new Error(`expected ok, got ${r.field}: ${r.message}`);
  return r.template;
}

function annotated(text: string, init: string[], conditions: string[], answer: string): string {
  return [text, '', '#init:', ...init.map((l) => `- ${l}`), '', ...(conditions.length ? ['#conditions:', ...conditions.map((c) => `- ${c}`), ''] : []), `#answer: ${answer}`].join('\n');
}

describe('parseGsmSymbolic: a complete template', () => {
  const r = parseGsmSymbolic(SHARK, { fileName: 'templates/symbolic/0000.json', index: 0 });
  const t = ok(r);

  it('turns placeholders into {name} and defaults into variables', () => {
    expect(t.generic_problem).toBe('{n} saw a {x}-foot {big_fish} with {k} {y}-inch fish attached to it. What percentage of the {big_fish} is the fish?');
    expect(t.variables).toEqual({ n: 'Mia', x: 10, big_fish: 'shark', k: 2, y: 6 });
    expect(t.original_problem).toBe(SHARK.question);
    expect(t.original_answer).toBe(10);
    expect(t.id).toBe('gsm-symbolic.symbolic.0000');
    expect(t.source).toBe('gsm-symbolic');
    expect(r.unsupportedHelpers).toBeUndefined();
  });

  it('writes the answer expression as the program', () => {
    expect(t.program).toBe(
      [
        'def solution(n, x, big_fish, k, y):',
        `    """{n} saw a {x}-foot {big_fish} with {k} {y}-inch fish attached to it. What percentage of the {big_fish} is the fish?"""`,
        '    # GSM-Symbolic answer expression',
        '    return int((k * y)/ (x * 12) * 100)',
        '',
      ].join('\n'),
    );
  });

  it('maps #init to domains (range stop excluded)', () => {
    expect(t.domains).toEqual({
      n: { kind: 'list', list: 'names' },
      big_fish: { kind: 'choice', values: ['dolphin', 'whale', 'shark'] },
      x: { kind: 'int', min: 10, max: 490, step: 10 },
      k: { kind: 'int', min: 2, max: 9 },
      y: { kind: 'int', min: 2, max: 99 },
    });
  });

  it('keeps conditions as constraints, with divides(a, b) meaning "a is divisible by b"', () => {
    expect(t.constraints).toEqual(['k * y < x * 12', '((12) != 0 and (k*y) % (12) == 0)', '((k*y) != 0 and (x * 12) % (k*y) == 0)']);
  });

  it('keeps the source object under meta', () => {
    expect(t.meta?.gsm_symbolic).toEqual(SHARK);
  });
});

describe('parseGsmSymbolic: #init forms', () => {
  function parse(text: string, init: string[], answer = 'a', extra: Record<string, unknown> = {}): GsmSymbolicResult {
    return parseGsmSymbolic({ question_annotated: annotated(text, init, [], answer), ...extra }, { fileName: 'x.jsonl', index: 3 });
  }

  it('reads randint (inclusive), sample(range), arange/frange, fix_floats and lists of numbers', () => {
    const t = ok(
      parse(
        '{a,3} {b,15} {c,0.5} {d,1.25} {e,7} {f,2}',
        ['$a = randint(1, 6)', '$b = sample(range(5, 50, 5))', '$c = np.arange(0.25, 1, 0.25)', '$d = fix_floats(list(frange(1.25, 2, 0.25)))', '$e = sample(range(3, 30, 2))', '$f = sample([2, 4, 8] * 2)'],
        'a + b',
      ),
    );
    expect(t.domains).toEqual({
      a: { kind: 'int', min: 1, max: 6 },
      b: { kind: 'int', min: 5, max: 45, step: 5 },
      c: { kind: 'decimal', min: 0.25, max: 0.75, step: 0.25 },
      d: { kind: 'decimal', min: 1.25, max: 1.75, step: 0.25 },
      // 3, 5, …, 29 is not a multiple-of-2 grid: listed.
      e: { kind: 'choice', values: [3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29] },
      f: { kind: 'choice', values: [2, 4, 8] },
    });
    expect(t.id).toBe('gsm-symbolic.symbolic.x.3');
  });

  it('reads numbers_within(a, b) as an inclusive integer range', () => {
    const r = parse('buys {n,two} boxes', ['$n = numbers_within(4, 8)'], 'n');
    expect(ok(r).domains).toEqual({ n: { kind: 'int', min: 4, max: 8 } });
    expect(ok(r).variables).toEqual({ n: 2 });
    expect(r.unsupportedHelpers).toBeUndefined();
  });

  it('draws k distinct values for a tuple assignment and adds a distinctness constraint', () => {
    const t = ok(parse('{p,Ann} and {q,Bo} like {h1,bake}, {h2,read}, {h3,hike}', ['p, q = sample(names, 2)', "h1, h2, h3 = sample(['bake', 'read', 'hike', 'swim'], 3)"], 'p'));
    expect(t.domains).toMatchObject({ p: { kind: 'list', list: 'names' }, q: { kind: 'list', list: 'names' }, h3: { kind: 'choice', values: ['bake', 'read', 'hike', 'swim'] } });
    expect(t.constraints).toEqual(['p != q', 'len({h1, h2, h3}) == 3']);
  });

  it('reads number-word defaults of numeric variables and keeps unread numeric lists fixed', () => {
    const r = parse('works {d,five} days, {m,triple} pay', ['$d = range(3, 7)', '$m = sample(multiple)'], 'd * m');
    const t = ok(r);
    expect(t.variables).toEqual({ d: 5, m: 3 });
    expect(t.domains).toEqual({ d: { kind: 'int', min: 3, max: 6 }, m: { kind: 'fixed' } });
    if (r.ok) expect(r.notes.join('\n')).toMatch(/numeric m drawn from the list `multiple`/);
  });

  it('keeps placeholders without an #init line fixed, and converts their numeric defaults', () => {
    const t = ok(parse('{a,3} and {b,1,000} and {w,apples}', ['$a = range(1, 5)'], 'a * b'));
    expect(t.variables).toEqual({ a: 3, b: 1000, w: 'apples' });
    expect(t.domains).toMatchObject({ b: { kind: 'fixed' }, w: { kind: 'fixed' } });
  });

  it('reports helpers it does not provide and keeps their variables fixed', () => {
    const r = parse('on {d1,Monday} and {d2,Tuesday} buy {n,4}', ['d1, d2 = sample_sequential(weekdays, 2)', '$n = pick_weighted([1, 4], [1, 3])'], 'n');
    expect(r.unsupportedHelpers).toEqual(['sample_sequential', 'pick_weighted']);
    expect(ok(r).domains).toEqual({ d1: { kind: 'fixed' }, d2: { kind: 'fixed' }, n: { kind: 'fixed' } });
  });

  it('inlines derived and constant variables that the text does not show', () => {
    const t = ok(parse('{a,2} and {b,3}', ['$a = range(1, 9)', '$b = range(1, 9)', '$s = a + b', '$c = 4'], 's * c'));
    expect(t.program).toContain('    return (a + b) * (4)\n');
    expect(Object.keys(t.variables)).toEqual(['a', 'b']);
  });

  it('takes the original value of an answer variable that the text does not show from #### n', () => {
    const text = 'Blocks {x,31}, animals {y,8}, total {total,62}. How many balls?';
    const r = parseGsmSymbolic(
      { question_annotated: annotated(text, ['$x = range(5, 100)', '$y = range(5, 100)', '$total = range(100, 500)', '$ans = range(85, 200)'], ['x + y + ans == total'], 'ans'), answer: 'so 62 - 39 = 23\n#### 23' },
      { fileName: 'p1/0001.json', index: 0 },
    );
    const t = ok(r);
    expect(t.variables).toEqual({ x: 31, y: 8, total: 62, ans: 23 });
    expect(t.domains?.ans).toEqual({ kind: 'int', min: 85, max: 199 });
    expect(t.program).toContain('def solution(x, y, total, ans):');
    expect(t.id).toBe('gsm-symbolic.p1.0001.0');
  });
});

describe('parseGsmSymbolic: original problem and answer', () => {
  it('keeps the GSM8K answer when the template states the same numbers (words or digits)', () => {
    const t = ok(
      parseGsmSymbolic(
        { question: 'Twenty pop, then three times that.', answer: '20 * 4 = 80\n#### 80', question_annotated: annotated('{n,20} pop, then {k,3} times that.', ['$n = range(10, 50)', '$k = range(2, 5)'], [], 'n + n * k') },
        { fileName: 'f', index: 0 },
      ),
    );
    expect(t.original_answer).toBe(80);
    expect(t.original_problem).toBe('Twenty pop, then three times that.');
  });

  it('leaves out the GSM8K answer when a P1/P2 template adds numbers to the question', () => {
    const r = parseGsmSymbolic(
      {
        question: 'He buys 2 boxes and 4 bags. How many items?',
        answer: '2 + 4 = 6\n#### 6',
        question_annotated: annotated('He buys {a,2} boxes and {b,4} bags, then sells 3. How many items?', ['$a = range(1, 9)', '$b = range(1, 9)'], [], 'a + b - 3'),
      },
      { fileName: 'templates/p1/0009.json', index: 0 },
    );
    const t = ok(r);
    expect(t.original_answer).toBeUndefined();
    expect(t.original_problem).toBe('He buys 2 boxes and 4 bags, then sells 3. How many items?');
    if (r.ok) expect(r.notes.join('\n')).toContain('the original answer 6 is not its answer at the defaults');
  });
});

describe('parseGsmSymbolic: helpers in the answer', () => {
  it('imports Fraction and math functions and defines is_int when the answer uses them', () => {
    const t = ok(
      parseGsmSymbolic(
        { question_annotated: annotated('{a,4} and {b,6}', ['$a = range(1, 9)', '$b = range(1, 9)'], ['is_int(a / 2)'], 'int(Fraction(a, b) * 6) + floor(a / 3) + math.ceil(b / 4) + is_int(a) + divides(b, a)') },
        { fileName: 'f.json', index: 0 },
      ),
    );
    expect(t.program.split('\n').slice(0, 4)).toEqual(['from fractions import Fraction', 'import math', 'from math import floor', '']);
    expect(t.program).toContain('def is_int(x):');
    expect(t.program).toContain('return int(Fraction(a, b) * 6) + floor(a / 3) + math.ceil(b / 4) + is_int(a) + ((a) != 0 and (b) % (a) == 0)');
  });

  it('writes bare math functions as math.x in constraints', () => {
    const t = ok(parseGsmSymbolic({ question_annotated: annotated('{a,4}', ['$a = range(1, 9)'], ['floor(a / 2) > 1'], 'a') }, { fileName: 'f', index: 0 }));
    expect(t.constraints).toEqual(['math.floor(a / 2) > 1']);
  });
});

describe('parseGsmSymbolic: refusals', () => {
  it('refuses (label, value) tuples, which a template cannot express', () => {
    const r = parseGsmSymbolic(
      { question_annotated: annotated('a {sides,six-sided} die', ['$sides = sample([("four-sided", 4), ("six-sided", 6)] * 3)'], [], 'sides - 1') },
      { fileName: 'f', index: 0 },
    );
    expect(r).toMatchObject({ ok: false, field: 'question_annotated', message: expect.stringContaining('(label, value) tuples') as unknown });
  });

  it('refuses a shown placeholder computed from other variables', () => {
    const r = parseGsmSymbolic({ question_annotated: annotated('{a,2} + {b,3} = {s,5}', ['$a = range(1, 9)', '$b = range(1, 9)', '$s = a + b'], [], 's') }, { fileName: 'f', index: 0 });
    expect(r).toMatchObject({ ok: false, message: expect.stringContaining('{s} is computed from other variables') as unknown });
  });

  it('refuses an #init variable whose original value is unknown', () => {
    const r = parseGsmSymbolic({ question_annotated: annotated('{a,2} apples', ['$a = range(1, 9)', '$k = range(1, 5)'], ['a > k'], 'a - k') }, { fileName: 'f', index: 0 });
    expect(r).toMatchObject({ ok: false, message: '#init draws k, which the text never shows, so its original value is unknown' });
  });

  it('says when a placeholder has no default value', () => {
    const r = parseGsmSymbolic({ question_annotated: annotated('{a,2} apples and {b} pears', ['$a = range(1, 9)', '$b = range(1, 5)'], [], 'a + b') }, { fileName: 'f', index: 0 });
    expect(r).toMatchObject({ ok: false, message: '{b} is written without a default value, so its original value is unknown' });
  });

  it('refuses a record without question_annotated or #answer', () => {
    expect(parseGsmSymbolic({ question: 'q', answer: '#### 1' }, { fileName: 'f', index: 0 })).toMatchObject({ ok: false, field: 'question_annotated' });
    expect(parseGsmSymbolic({ question_annotated: '{a,1} apples\n#init:\n- $a = range(1, 3)' }, { fileName: 'f', index: 0 })).toMatchObject({
      ok: false,
      message: expect.stringContaining('no `#answer:` section') as unknown,
    });
    expect(parseGsmSymbolic('text', { fileName: 'f', index: 0 })).toMatchObject({ ok: false, field: '(record)' });
  });
});

describe('rewriteDivides', () => {
  it('rewrites nested calls and leaves other names alone', () => {
    expect(rewriteDivides('divides(a, divides(b, 2) + 1) and x.divides(1, 2)')).toBe('((((2) != 0 and (b) % (2) == 0) + 1) != 0 and (a) % (((2) != 0 and (b) % (2) == 0) + 1) == 0) and x.divides(1, 2)');
  });
});

describe('splitGsmSymbolicInput', () => {
  it('reads a single pretty-printed JSON object, a JSON array, or JSONL with line numbers', () => {
    expect(splitGsmSymbolicInput('\uFEFF{\n  "id_shuffled": 1,\n  "question_annotated": "x"\n}\n').records).toEqual([{ index: 0, line: 1, value: { id_shuffled: 1, question_annotated: 'x' } }]);
    expect(splitGsmSymbolicInput('[{"a":1},{"a":2}]').records.map((r) => r.value)).toEqual([{ a: 1 }, { a: 2 }]);
    const jsonl = splitGsmSymbolicInput('{"a":1}\n\n{"a":2}\nnot json\n');
    expect(jsonl.records).toEqual([
      { index: 0, line: 1, value: { a: 1 } },
      { index: 1, line: 3, value: { a: 2 } },
    ]);
    expect(jsonl.errors).toHaveLength(1);
    expect(jsonl.errors[0]?.line).toBe(4);
    expect(splitGsmSymbolicInput('   ')).toEqual({ records: [], errors: [] });
  });
});
