/**
 * Number detection for authoring, as a table: what is found, its value and kind, whether it is proposed
 * masked, and the proposed name. Years, "one", "once", "half" and adjective "double" are found but
 * proposed unmasked (see detect-numbers.ts for why); ordinals are not numbers.
 */
import { describe, expect, it } from 'vitest';
import { detectNumbers, markNumber } from '../../src-main/authoring/detect-numbers.js';
import { maskProblem, nameProblem, snakeName } from '../../src-main/authoring/mask.std.js';

type Row = [text: string, value: number, kind: string, masked: boolean, name?: string];

const TABLE: [string, Row[]][] = [
  ['She has 5 apples.', [['5', 5, 'number', true, 'apples']]],
  ['A farm has 1,250 sheep.', [['1,250', 1250, 'number', true, 'sheep']]],
  ['The rope is 12.5 meters long.', [['12.5', 12.5, 'number', true, 'meters']]],
  ['A book costs $12.50.', [['$12.50', 12.5, 'money', true, 'cost']]],
  ['Weng earns $12 an hour for babysitting.', [['$12', 12, 'money', true, 'price_per_hour']]],
  ['He is paid $12.50 per hour.', [['$12.50', 12.5, 'money', true, 'price_per_hour']]],
  ['Pens are $3 each.', [['$3', 3, 'money', true, 'price_each']]],
  ['Her parents decided to give her $15 for that purpose.', [['$15', 15, 'money', true, 'gift']]],
  ['The shirt is 20% off.', [['20%', 20, 'percent', true, 'discount_percent']]],
  ['20 percent of the students walk.', [['20 percent', 20, 'percent', true, 'students_percent']]],
  ['Twenty percent of the class are boys.', [['Twenty percent', 20, 'percent', true, 'class_percent']]],
  ['He ate 3/4 of the cake.', [['3/4', 0.75, 'fraction', true, 'cake_fraction']]],
  ['She drank three quarters of the juice.', [['three quarters', 0.75, 'fraction', true, 'juice_fraction']]],
  ['Two thirds of the pupils came.', [['Two thirds', 2 / 3, 'fraction', true, 'pupils_fraction']]],
  ['She sold half as many clips in May.', [['half', 0.5, 'fraction', false]]],
  ['There are three cats.', [['three', 3, 'number', true, 'cats']]],
  ['He bought twelve eggs.', [['twelve', 12, 'number', true, 'eggs']]],
  ['There were twenty-five students.', [['twenty-five', 25, 'number', true, 'students']]],
  ['She bought a dozen eggs.', [['a dozen', 12, 'number', true, 'eggs']]],
  ['He read twice as many pages.', [['twice', 2, 'multiplier', true, 'factor']]],
  ['They need double the amount.', [['double', 2, 'multiplier', true, 'factor']]],
  ['He booked a double room.', [['double', 2, 'multiplier', false]]],
  ['She will triple her savings.', [['triple', 3, 'multiplier', true, 'factor']]],
  ['In 2019 he ran 8 races.', [['2019', 2019, 'year', false, 'year'], ['8', 8, 'number', true, 'races']]],
  ['The school opened in 1995, with 300 pupils.', [['1995', 1995, 'year', false], ['300', 300, 'number', true, 'pupils']]],
  ['A 2000 piece puzzle.', [['2000', 2000, 'number', true, 'piece']]],
  ['One day he found 7 shells.', [['One', 1, 'number', false], ['7', 7, 'number', true, 'shells']]],
  ['He goes once a week.', [['once', 1, 'multiplier', false]]],
  ['Julie is reading a 120-page book.', [['120', 120, 'number', true, 'pages']]],
  ['Natalia sold clips to 48 of her friends.', [['48', 48, 'number', true, 'friends']]],
  ['It took 1 1/2 hours.', [['1 1/2', 1.5, 'number', true, 'hours']]],
  ['He lives on the 3rd floor with 2 dogs.', [['2', 2, 'number', true, 'dogs']]],
  ['She ran 5 miles and then 5 more miles.', [['5', 5, 'number', true, 'miles'], ['5', 5, 'number', true, 'miles_2']]],
  ['How many are left?', []],
];

describe('detectNumbers', () => {
  it.each(TABLE)('%s', (text, rows) => {
    const spans = detectNumbers(text);
    expect(spans.map((s) => [s.text, s.value, s.kind, s.masked])).toEqual(rows.map(([t, v, k, m]) => [t, v, k, m]));
    rows.forEach((row, i) => {
      if (row[4] !== undefined) expect(spans[i]?.name).toBe(row[4]);
      expect(text.slice(spans[i]?.start, spans[i]?.end)).toBe(row[0]);
    });
    // Names are unique and valid.
    expect(new Set(spans.map((s) => s.name)).size).toBe(spans.length);
    for (const s of spans) expect(nameProblem(s.name)).toBeNull();
    // Unmasked spans say why.
    for (const s of spans) expect(s.masked ? s.note : typeof s.note).toBe(s.masked ? null : 'string');
  });
});

describe('maskProblem', () => {
  it('turns a GSM8K problem into a generic problem with its variables', () => {
    const text = 'Betty needs $100. Her parents give her $15, her grandparents twice as much. She has 20% of it and 3/4 of a cake.';
    const m = maskProblem(text, detectNumbers(text));
    expect(m.errors).toEqual([]);
    expect(m.generic).toBe(
      'Betty needs ${needed}. Her parents give her ${gift}, her grandparents {factor} times as much. She has {percent}% of it and {cake_fraction_num}/{cake_fraction_den} of a cake.',
    );
    expect(m.variables).toEqual({ needed: 100, gift: 15, factor: 2, percent: 20, cake_fraction_num: 3, cake_fraction_den: 4 });
  });

  it('keeps unmasked spans as written and follows renames', () => {
    const text = 'In 2019 she sold 48 clips and half as many in May.';
    const spans = detectNumbers(text).map((s) => (s.text === '48' ? { ...s, name: 'april_clips' } : s));
    expect(maskProblem(text, spans)).toEqual({ generic: 'In 2019 she sold {april_clips} clips and half as many in May.', variables: { april_clips: 48 }, errors: [] });
  });

  it('reports duplicate and invalid names instead of masking', () => {
    const text = 'She has 5 apples and 6 pears.';
    const [a, b] = detectNumbers(text);
    if (!a || !b) throw new Error('expected two spans');
    expect(maskProblem(text, [a, { ...b, name: 'apples' }]).errors).toEqual(['the name "apples" is used twice']);
    expect(maskProblem(text, [{ ...a, name: '2x' }]).errors[0]).toMatch(/not a valid name/);
    expect(maskProblem(text, [{ ...a, name: 'return' }]).errors[0]).toMatch(/reserved/);
    expect(maskProblem('changed text', [a]).errors[0]).toMatch(/outside|no longer matches/);
  });

  it('snake-cases names', () => {
    expect(snakeName('Price per Hour!')).toBe('price_per_hour');
    expect(snakeName('3 boxes')).toBe('n_3_boxes');
    expect(snakeName('appleCount')).toBe('apple_count');
  });
});

describe('markNumber', () => {
  const text = 'He owns 1995 stamps and a few coins in 2001.';
  it('marks a selected number (even one proposed unmasked) with a fresh name', () => {
    const i = text.indexOf('2001');
    const span = markNumber(text, i - 1, i + 5, ['year']);
    expect(span).toMatchObject({ text: '2001', value: 2001, kind: 'year', masked: true, note: null, name: 'year_2' });
  });
  it('refuses a selection that is not exactly one number', () => {
    expect(() => markNumber(text, text.indexOf('few'), text.indexOf('few') + 3, [])).toThrow(/"few" cannot be marked as a number: it is not a number/);
    expect(() => markNumber(text, 0, text.length, [])).toThrow(/more than one number/);
    expect(() => markNumber(text, 3, 200, [])).toThrow(/outside the problem text/);
    expect(() => markNumber('the 3rd day', 4, 7, [])).toThrow(/ordinal/);
  });
});
