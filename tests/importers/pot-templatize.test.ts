import { describe, expect, it } from 'vitest';
import { templatizePot } from '../../src-main/importers/pot-templatize.js';
import type { PotResult } from '../../src-main/importers/pot-templatize.js';
import type { Template } from '../../src-main/template/template.types.js';

const ctx = { lineNo: 7, fileId: 'unit.jsonl' };

function program(...body: string[]): string {
  return ['', 'def solution():', ...body.map((l) => `    ${l}`), '', '', ''].join('\n');
}

function tpl(r: PotResult): Template {
  if (!r.template) throw new Error(`expected a template, got ${r.status}: ${r.reason ?? ''}`);
  return r.template;
}

describe('templatizePot: lifting', () => {
  it('lifts numbers written once into parameters and placeholders', () => {
    const code = program('"""Tom has 5 apples and buys 3 more."""', 'apples = 5', 'bought = 3  # from the shop', 'total = apples + bought', 'result = total', 'return result');
    const r = templatizePot({ input: 'Tom has 5 apples and buys 3 more. How many now?', code, target: 8.0 }, ctx);
    expect(r.status).toBe('templatized');
    const t = tpl(r);
    expect(t.generic_problem).toBe('Tom has {apples} apples and buys {bought} more. How many now?');
    expect(t.variables).toEqual({ apples: 5, bought: 3 });
    expect(t.program).toBe(
      [
        'def solution(apples, bought):',
        '    """Tom has 5 apples and buys 3 more."""',
        '    # from the shop',
        '    total = apples + bought',
        '    result = total',
        '    return result',
        '',
      ].join('\n'),
    );
    expect(t).toMatchObject({ id: 'pot.unit.7', source: 'pot', original_problem: 'Tom has 5 apples and buys 3 more. How many now?', original_answer: 8, entry: 'solution', placeholder_style: 'braces' });
    expect(t.meta?.pot).toMatchObject({ code });
    expect(r.originalProgram).toBe(code);
    expect(r.lifted.map((l) => [l.name, l.mention])).toEqual([
      ['apples', '5'],
      ['bought', '3'],
    ]);
  });

  it('replaces only the numeral of money and percents, scaling a percent written as a fraction', () => {
    const code = program('price = 40', 'discount = 0.25', 'tax = 8', 'result = price * (1 - discount) * (1 + tax / 100)', 'return result');
    const r = templatizePot({ input: 'A $40 coat is 25% off, plus 8% tax.', code, target: 32.4 }, ctx);
    const t = tpl(r);
    expect(t.generic_problem).toBe('A ${price} coat is {discount_percent}% off, plus {tax}% tax.');
    expect(t.variables).toEqual({ price: 40, discount_percent: 25, tax: 8 });
    expect(t.program).toContain('def solution(price, discount_percent, tax):\n    discount = discount_percent / 100\n');
    expect(r.status).toBe('templatized');
  });

  it('lifts number words, "twice" as "{x} times", and "a dozen"', () => {
    const code = program('eggs = 12', 'kids = 3', 'times = 2', 'result = eggs * kids * times', 'return result');
    const t = tpl(templatizePot({ input: 'Buy a dozen eggs for three kids, twice a week.', code, target: 72 }, ctx));
    expect(t.generic_problem).toBe('Buy {eggs} eggs for {kids} kids, {times} times a week.');
  });

  it('lifts digits with separators and literal fractions such as 1/6', () => {
    const code = program('people = 1000', 'share = 1/6', 'result = people * share', 'return result');
    const t = tpl(templatizePot({ input: 'Of 1,000 people, a share of 0.16666666666666666 came.', code }, ctx));
    expect(t.generic_problem).toBe('Of {people} people, a share of {share} came.');
    expect(t.variables).toEqual({ people: 1000, share: 1 / 6 });
  });

  it('keeps a whole-valued float a float inside the program', () => {
    const r = templatizePot({ input: 'It weighs 5 kg.', code: program('w = 5.0', 'return w / 2') }, ctx);
    expect(tpl(r).program).toBe('def solution(w):\n    w = float(w)\n    return w / 2\n');
    expect(r.notes.join('\n')).toContain('converts the parameter back with float()');
  });
});

describe('templatizePot: never guessing', () => {
  it('keeps fixed two variables that share a value', () => {
    const r = templatizePot({ input: 'She has 4 red and 4 blue pens and 9 pencils.', code: program('red = 4', 'blue = 4', 'pencils = 9', 'return red + blue + pencils') }, ctx);
    expect(r.status).toBe('partial');
    expect(r.fixed).toEqual([
      { name: 'red', value: 4, reason: 'ambiguous: red and blue share the value 4', category: 'ambiguous' },
      { name: 'blue', value: 4, reason: 'ambiguous: blue and red share the value 4', category: 'ambiguous' },
    ]);
    expect(tpl(r).generic_problem).toBe('She has 4 red and 4 blue pens and {pencils} pencils.');
  });

  it('keeps fixed a value written twice in the question', () => {
    const r = templatizePot({ input: 'He runs 3 sprints 3 times a week, 60 meters each.', code: program('sprints = 3', 'meters = 60', 'return sprints * 3 * meters') }, ctx);
    expect(r.fixed[0]).toMatchObject({ name: 'sprints', reason: 'ambiguous: 3 appears 2 times in the question ("3", "3")' });
    expect(tpl(r).generic_problem).toBe('He runs 3 sprints 3 times a week, {meters} meters each.');
  });

  it('keeps fixed a value that also appears as a literal elsewhere in the program', () => {
    const r = templatizePot({ input: 'Each of 2 boxes holds 6 cans.', code: program('boxes = 2', 'cans = 6', 'return boxes * cans * 2') }, ctx);
    expect(r.fixed).toEqual([{ name: 'boxes', value: 2, reason: 'ambiguous: 2 also appears as a literal elsewhere in the program', category: 'ambiguous' }]);
    expect(r.status).toBe('partial');
  });

  it('keeps fixed two variables that claim the same mention', () => {
    const r = templatizePot({ input: 'Save 20% of 50 dollars.', code: program('pct = 20', 'rate = 0.2', 'money = 50', 'return money * rate + pct - pct') }, ctx);
    expect(r.fixed.map((f) => f.name)).toEqual(['pct', 'rate']);
    expect(tpl(r).generic_problem).toBe('Save 20% of {money} dollars.');
  });

  it('keeps fixed values written as words that cannot hold another number', () => {
    const r = templatizePot({ input: 'Half of the 8 cakes, on the 3rd day, for one friend.', code: program('part = 0.5', 'cakes = 8', 'day = 3', 'friends = 1', 'return cakes * part') }, ctx);
    expect(r.fixed.map((f) => [f.name, f.category])).toEqual([
      ['part', 'unsupported'],
      ['day', 'unsupported'],
      ['friends', 'unsupported'],
    ]);
    expect(tpl(r).generic_problem).toBe('Half of the {cakes} cakes, on the 3rd day, for one friend.');
  });

  it('reports numbers the program never uses and caps the status at partial', () => {
    const r = templatizePot({ input: 'Kelly buys 5 packs for $10 in total; budget $65.', code: program('packs = 5', 'cost = 2', 'budget = 65', 'return budget - packs * cost') }, ctx);
    expect(r.unusedMentions).toEqual(['$10']);
    expect(r.status).toBe('partial');
    expect(r.fixed).toEqual([{ name: 'cost', value: 2, reason: 'value 2 not found in the question', category: 'absent' }]);
  });
});

describe('templatizePot: refusals', () => {
  it('refuses with a reason', () => {
    expect(templatizePot({ input: 'q 1', code: 'print(1)' }, ctx)).toMatchObject({ status: 'refused', reason: expect.stringContaining('no `def solution():`') as unknown });
    expect(templatizePot({ input: 'q 1', code: program('return sum([1, 2])') }, ctx)).toMatchObject({ status: 'refused', reason: expect.stringContaining('no numeric assignments') as unknown });
    expect(templatizePot({ input: 'q 1', code: program('a = 7', 'return a') }, ctx)).toMatchObject({ status: 'refused', reason: 'every number was kept fixed (a: value 7 not found in the question)' });
    expect(templatizePot({ input: 'q 1', code: 'def solution():\n    x = "oops\n' }, ctx)).toMatchObject({ status: 'refused', reason: expect.stringContaining('could not be read') as unknown });
    expect(templatizePot({ input: 'q 1', code: 'def solution(a):\n    return a\n' }, ctx)).toMatchObject({ status: 'refused', reason: 'solution() already takes parameters (a)' });
    expect(templatizePot({ code: 'x' }, ctx)).toMatchObject({ status: 'refused', reason: expect.stringContaining('no question') as unknown });
    expect(templatizePot('row', ctx)).toMatchObject({ status: 'refused', reason: 'the record must be a JSON object, found a string ("row")' });
  });
});
