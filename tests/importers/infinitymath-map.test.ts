import { describe, expect, it } from 'vitest';
import { createInfinityMathMapper, infinityMathRowFromTemplate } from '../../src-main/importers/infinitymath-map.js';
import type { MapResult } from '../../src-main/importers/import-types.js';
import type { Template } from '../../src-main/template/template.types.js';

const PROGRAM = 'def solution(price, discount):\n    """Sale price."""\n    return price * (1 - discount / 100)\n';

function ok(r: MapResult): Template {
  if (!r.ok) throw new Error(`expected ok, got ${r.field}: ${r.message}`);
  return r.template;
}

describe('createInfinityMathMapper: row shapes', () => {
  it('maps a row with the expected keys, keeping gen_answer and unknown keys under meta', () => {
    const mapper = createInfinityMathMapper();
    const row = {
      id: 17,
      source: 'gsm8k',
      original_question: 'A coat costs $80 and is 25% off. What does it cost?',
      general_question: 'A coat costs {price} dollars and is {discount}% off. What does it cost?',
      generated_program: PROGRAM,
      variables: { price: 80, discount: 25 },
      ori_answer: 60,
      gen_answer: 60.0,
      difficulty_hint: 'easy',
    };
    const t = ok(mapper.map(row, 1, 'infinitymath.jsonl'));
    expect(t).toMatchObject({
      id: 'im.17',
      source: 'infinitymath/gsm8k',
      original_problem: row.original_question,
      generic_problem: row.general_question,
      program: PROGRAM,
      variables: { price: 80, discount: 25 },
      original_answer: 60,
      placeholder_style: 'braces',
    });
    expect(t.meta?.gen_answer).toBe(60);
    expect(t.meta?.infinitymath).toMatchObject({ extra: { difficulty_hint: 'easy' }, keys: { generic: 'general_question', answer: 'ori_answer' } });
  });

  it('reads variables as a list of {name, value}, numeric strings as numbers, a program as lines', () => {
    const mapper = createInfinityMathMapper();
    const t = ok(
      mapper.map(
        {
          idx: 'gsm8k.train.5',
          generic_problem: 'Buy n pens at cost each, paying fee too.',
          program: ['def solution(n, cost, fee):', '    return n * cost + fee'],
          vars: [
            { name: 'n', value: '1,250' },
            { name: 'cost', value: '$3' },
            { name: 'fee', value: '3/4' },
          ],
          answer: '3,750.75',
        },
        2,
        'f.jsonl',
      ),
    );
    expect(t.id).toBe('gsm8k.train.5');
    expect(t.variables).toEqual({ n: 1250, cost: 3, fee: 0.75 });
    expect(t.program).toBe('def solution(n, cost, fee):\n    return n * cost + fee');
    expect(t.original_answer).toBe(3750.75);
    expect(t.placeholder_style).toBe('bare');
  });

  it('reads [name, value] pairs and JSON or Python-literal strings', () => {
    const mapper = createInfinityMathMapper();
    const base = { generic_problem: 'Add {a} and {b}.', program: 'def solution(a, b):\n    return a + b\n' };
    expect(ok(mapper.map({ ...base, variables: [['a', 1], ['b', '2.5']] }, 1, 'f')).variables).toEqual({ a: 1, b: 2.5 });
    expect(ok(mapper.map({ ...base, variables: '{"a": 1, "b": 2}' }, 2, 'f')).variables).toEqual({ a: 1, b: 2 });
    expect(ok(mapper.map({ ...base, variables: "{'a': 1, 'b': 'two'}" }, 3, 'f')).variables).toEqual({ a: 1, b: 'two' });
    expect(ok(mapper.map({ ...base, variables: '[["a", 4], ["b", 5]]' }, 4, 'f')).variables).toEqual({ a: 4, b: 5 });
  });

  it('keeps names as text and strips placeholder brackets from variable names', () => {
    const mapper = createInfinityMathMapper();
    const t = ok(
      mapper.map(
        { generic_problem: '<name> has <apples> apples.', program: 'def solution(name, apples):\n    return apples\n', variables: { '<name>': 'Ann', '{apples}': '12' } },
        1,
        'f',
      ),
    );
    expect(t.variables).toEqual({ name: 'Ann', apples: 12 });
    expect(t.placeholder_style).toBe('angle');
  });

  it('keeps a string answer that is not a plain number as text', () => {
    const mapper = createInfinityMathMapper();
    const t = ok(mapper.map({ generic_problem: 'x', program: 'x = 1', variables: {}, ori_answer: '\\frac{1}{2}' }, 1, 'f'));
    expect(t.original_answer).toBe('\\frac{1}{2}');
  });
});

describe('createInfinityMathMapper: ids', () => {
  it('derives a stable id from the file and the content when the row has none', () => {
    const row = { generic_problem: 'Add {a} and {b}.', program: 'def solution(a, b):\n    return a + b\n', variables: { a: 1, b: 2 } };
    const first = ok(createInfinityMathMapper().map(row, 1, 'data/InfinityMATH.jsonl')).id;
    const again = ok(createInfinityMathMapper().map({ ...row, variables: { a: 5, b: 6 } }, 99, 'data/InfinityMATH.jsonl')).id;
    const otherFile = ok(createInfinityMathMapper().map(row, 1, 'other.jsonl')).id;
    const otherText = ok(createInfinityMathMapper().map({ ...row, generic_problem: 'Sum {a} and {b}.' }, 1, 'data/InfinityMATH.jsonl')).id;
    expect(first).toMatch(/^im\.infinitymath\.[0-9a-f]{12}$/);
    expect(again).toBe(first);
    expect(otherFile).not.toBe(first);
    expect(otherText).not.toBe(first);
  });
});

describe('createInfinityMathMapper: overrides and errors', () => {
  it('uses override keys, even when an alias would also match', () => {
    const mapper = createInfinityMathMapper({ generic: 'masked', answer: 'final' });
    const t = ok(
      mapper.map(
        { masked: 'Double {x}.', general_problem: 'decoy', code: 'def solution(x):\n    return 2 * x\n', variables: { x: 4 }, final: 8, answer: 'decoy' },
        1,
        'f',
      ),
    );
    expect(t.generic_problem).toBe('Double {x}.');
    expect(t.original_answer).toBe(8);
    expect(t.meta?.infinitymath).toMatchObject({ extra: { general_problem: 'decoy', answer: 'decoy' } });
  });

  it('rejects an override for a field that does not exist', () => {
    expect(() => createInfinityMathMapper({ genric: 'x' })).toThrow(/unknown InfinityMATH field "genric"/);
  });

  it('names the aliases tried when a required field is missing', () => {
    const r = createInfinityMathMapper().map({ question: 'q', program: 'x', variables: {} }, 3, 'f');
    expect(r).toEqual({
      ok: false,
      field: 'generic',
      message: expect.stringContaining('tried the keys general_problem|generic_problem|generalized_problem|general_question|template|generic_question') as unknown,
    });
    const o = createInfinityMathMapper({ program: 'prog' }).map({ generic_problem: 'g', code: 'x', variables: {} }, 1, 'f');
    expect(o).toMatchObject({ ok: false, field: 'program', message: expect.stringContaining('the override key "prog"') as unknown });
  });

  it('says what was wrong with a value', () => {
    const m = createInfinityMathMapper();
    const base = { generic_problem: 'g {a}', program: 'def solution(a):\n    return a\n' };
    expect(m.map({ ...base, variables: { a: [1, 2] } }, 1, 'f')).toMatchObject({ ok: false, field: 'variables.a', message: 'expected a number or a string, found an array of 2' });
    expect(m.map({ ...base, variables: { 'a b': 1 } }, 1, 'f')).toMatchObject({ ok: false, field: 'variables.a b' });
    expect(m.map({ ...base, variables: 'not json' }, 1, 'f')).toMatchObject({ ok: false, field: 'variables' });
    expect(m.map({ ...base, variables: [['a', 1], ['a', 2]] }, 1, 'f')).toMatchObject({ ok: false, field: 'variables.a', message: 'variable a is given twice' });
    expect(m.map({ ...base, program: 42, variables: {} }, 1, 'f')).toMatchObject({ ok: false, field: 'program', message: 'expected a string or a list of lines, found the number 42' });
    expect(m.map([1, 2], 1, 'f')).toMatchObject({ ok: false, field: '(row)' });
  });
});

describe('createInfinityMathMapper: report', () => {
  it('counts recognised keys, unrecognised keys and placeholder styles', () => {
    const mapper = createInfinityMathMapper();
    const program = 'def solution(a):\n    return a\n';
    mapper.map({ general_problem: 'Take {a}.', program, variables: { a: 1 }, extra1: 1 }, 1, 'f');
    mapper.map({ generic_problem: 'Take a apples.', code: program, vars: { a: 2 }, extra1: 2 }, 2, 'f');
    mapper.map({ generic_problem: 'Take <a>.', code: program, vars: { a: 3 }, other: true }, 3, 'f');
    mapper.map({ nothing: 1 }, 4, 'f');
    const rep = mapper.report();
    expect(rep.recognised.generic).toEqual({ general_problem: 1, generic_problem: 2 });
    expect(rep.recognised.program).toEqual({ program: 1, code: 2 });
    expect(rep.recognised.variables).toEqual({ variables: 1, vars: 2 });
    expect(rep.unrecognisedKeys).toEqual({ extra1: 2, other: 1, nothing: 1 });
    expect(rep.placeholderStyles).toEqual({ braces: 1, angle: 1, bare: 1 });
  });
});

describe('infinityMathRowFromTemplate', () => {
  it('writes the original row back: keys, order and value forms', () => {
    const row = {
      uid: 'abc',
      data_source: 'MATH',
      query: 'Original with 3 and 4',
      template: 'Add a and b.',
      solution: ['def solution(a, b):', '    return a + b'],
      params: '{"a": "3", "b": 4}',
      gt: '7',
      pred: 7,
      note: { kept: true },
    };
    const t = ok(createInfinityMathMapper().map(row, 1, 'f'));
    expect(t.id).toBe('im.abc');
    expect(t.variables).toEqual({ a: 3, b: 4 });
    const back = infinityMathRowFromTemplate(t);
    expect(back).toEqual(row);
    expect(Object.keys(back ?? {})).toEqual(Object.keys(row));
  });

  it('writes edited values in their current form', () => {
    const row = { id: 5, generic_problem: 'Add {a}.', program: 'def solution(a):\n    return a\n', variables: '{"a": 1}' };
    const t = ok(createInfinityMathMapper().map(row, 1, 'f'));
    const edited: Template = { ...t, variables: { a: 2 } };
    expect(infinityMathRowFromTemplate(edited)).toEqual({ ...row, variables: { a: 2 } });
    expect(infinityMathRowFromTemplate({ ...t, meta: {} })).toBeUndefined();
  });
});
