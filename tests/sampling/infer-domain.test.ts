import { describe, expect, it } from 'vitest';
import { inferDomain, resolveDomains } from '../../src-main/sampling/infer-domain.js';
import type { Domain, Template, VariableValue } from '../../src-main/template/template.types.js';

/** Infers with the placeholder `{name}` located in `text` (undefined when the text does not contain it). */
function infer(name: string, value: VariableValue, text: string): Domain {
  const start = text.indexOf(`{${name}}`);
  return inferDomain(name, value, text, start === -1 ? undefined : { start, end: start + name.length + 2 });
}

const FIXED: Domain = { kind: 'fixed' };

// [name, original value, generic text, expected domain]
const TABLE: [string, VariableValue, string, Domain][] = [
  // counts keep magnitude and roundness
  ['eggs', 16, 'Her ducks lay {eggs} eggs per day.', { kind: 'int', min: 8, max: 32 }],
  ['n', 400, 'A farm has {n} sheep.', { kind: 'int', min: 200, max: 800, step: 100 }],
  ['n', 12, 'She bought {n} pencils.', { kind: 'int', min: 6, max: 24 }],
  ['n', 35, 'There are {n} students.', { kind: 'int', min: 20, max: 70, step: 5 }],
  ['n', 2, 'He has {n} dogs.', { kind: 'int', min: 2, max: 4 }],
  ['n', 3, 'She reads {n} books.', { kind: 'int', min: 2, max: 6 }],
  ['muffins', 4933828, 'She bakes {muffins} muffins.', { kind: 'int', min: 2466914, max: 9867656 }],
  ['rent_times', 10, 'He rents his car out {rent_times} times a month.', { kind: 'int', min: 5, max: 20 }],
  ['years_with_cost', 3, 'She went for {years_with_cost} more years.', { kind: 'int', min: 2, max: 6 }],
  ['hourly_rate', 10, 'He works a {hourly_rate}-hour shift.', { kind: 'int', min: 5, max: 20 }],
  ['chips', 15, 'The chips cost {chips} cents.', { kind: 'int', min: 8, max: 30 }],
  ['pop_cost', 55, 'She buys a can of pop for {pop_cost} cents.', { kind: 'int', min: 30, max: 110, step: 5 }],
  // structural values stay fixed
  ['n', 1, 'He has {n} apple.', FIXED],
  ['n', 0, 'It started with {n} coins.', FIXED],
  ['minutes_per_hour', 60, 'There are {minutes_per_hour} minutes in an hour.', FIXED],
  ['m', 60, 'He knows there are {m} minutes in an hour.', FIXED],
  ['days_per_week', 7, 'He runs {days_per_week} days a week.', FIXED],
  ['g', 1000, 'There are {g} grams in a kilogram.', FIXED],
  ['c', 100, 'There are {c} cm in a meter.', FIXED],
  ['months_in_year', 12, 'She saves for {months_in_year} months.', FIXED],
  ['eggs_per_dozen', 12, 'A box holds {eggs_per_dozen} eggs.', FIXED],
  ['k', 2, 'She has {k} times as many stickers as Ben.', FIXED],
  ['twice', 2, 'Ann is {twice} as old as Bo.', FIXED],
  ['half', 0.5, 'He ate {half} of the pie.', FIXED],
  ['pi', 3.14, 'Use {pi} for pi.', FIXED],
  ['n', 2, 'Simplify $x^{n} \\cdot x$.', FIXED],
  ['k', 3, 'Compute $\\sqrt[{k}]{8}$.', FIXED],
  ['h', 3, 'The train leaves at {h}:30 pm.', FIXED],
  ['d', 3, 'It rained on the {d}rd day.', FIXED],
  ['n', 5, 'A text where the variable does not appear.', FIXED],
  // money
  ['price', 80, 'A coat costs {price}.', { kind: 'money', min: 40, max: 160, step: 10 }],
  ['x', 3, 'A pen costs ${x} each.', { kind: 'money', min: 2, max: 6, step: 1 }],
  ['x', 3, 'A pen costs \\${x} each.', { kind: 'money', min: 2, max: 6, step: 1 }],
  ['x', 3, 'It costs €{x}.', { kind: 'money', min: 2, max: 6, step: 1 }],
  ['salary', 6000, 'Zaid earns {salary}$ per month.', { kind: 'money', min: 3000, max: 12000, step: 1000 }],
  ['cost', 12.5, 'Each book costs ${cost}.', { kind: 'money', min: 6.5, max: 25, step: 0.5 }],
  ['x', 3.99, 'A pen is ${x}.', { kind: 'money', min: 2, max: 7.98, step: 0.01 }],
  ['x', 12500, 'The car costs ${x}.', { kind: 'money', min: 7500, max: 25000, step: 2500 }],
  ['bill', 12.75, 'The bill came to {bill} dollars.', { kind: 'money', min: 6.5, max: 25.5, step: 0.25 }],
  ['x', 2.35, 'He spent {x} on candy.', { kind: 'money', min: 1.2, max: 4.7, step: 0.05 }],
  ['price', 5, 'Apples are {price} each.', { kind: 'money', min: 3, max: 10, step: 1 }],
  // percent
  ['x', 20, 'The tip is {x}% of the bill.', { kind: 'percent', min: 10, max: 40, step: 5 }],
  ['discount_percent', 25, 'It is on sale for {discount_percent} off.', { kind: 'percent', min: 15, max: 50, step: 5 }],
  ['p', 30, 'It grew by {p} percent.', { kind: 'percent', min: 15, max: 60, step: 5 }],
  ['p', 80, '{p}\\% of the class passed.', { kind: 'percent', min: 40, max: 100, step: 10 }],
  ['p', 12.5, 'Prices rose {p}%.', { kind: 'percent', min: 6.5, max: 25, step: 0.5 }],
  ['rate', 8, 'The tax rate is {rate}.', { kind: 'percent', min: 4, max: 16, step: 1 }],
  // years
  ['year', 1998, 'She was born in {year}.', { kind: 'year', min: 1968, max: 2028 }],
  ['y', 2015, 'The shop opened in {y}.', { kind: 'year', min: 1985, max: 2045 }],
  ['start_year', 1990, 'The club started {start_year} with 5 members.', { kind: 'year', min: 1960, max: 2020 }],
  ['y', 2015, 'In {y}, the shop opened.', { kind: 'year', min: 1985, max: 2045 }],
  ['v', 1500, 'Pour it in {v} ml of water.', { kind: 'int', min: 750, max: 3000, step: 250 }],
  ['up', 1200, 'The price went up by {up} last year.', { kind: 'int', min: 600, max: 2400, step: 100 }],
  ['pairs', 2, 'She bought {pairs} pairs of shoes.', { kind: 'int', min: 2, max: 4 }],
  // decimals keep their resolution
  ['length', 2.5, 'The rope is {length} m long.', { kind: 'decimal', min: 1.5, max: 5, step: 0.5 }],
  ['w', 0.25, 'Each bag weighs {w} kg.', { kind: 'decimal', min: 0.25, max: 1, step: 0.25 }],
  ['r', 3.14, 'The radius is {r} cm.', { kind: 'decimal', min: 1.57, max: 6.28, step: 0.01 }],
  ['rod', 2.35, 'The rod is {rod} m long.', { kind: 'decimal', min: 1.2, max: 4.7, step: 0.05 }],
  ['hours', 2.25, 'She charges $35 per hour. The job took {hours} hours.', { kind: 'decimal', min: 1.25, max: 4.5, step: 0.25 }],
  ['share', 0.25, 'She ate {share} of the cake.', { kind: 'decimal', min: 0.25, max: 0.75, step: 0.25 }],
  // negative values keep their sign
  ['temp', -5, 'The temperature is {temp} degrees.', { kind: 'int', min: -10, max: -3 }],
  ['change', -400, 'The balance changed by {change}.', { kind: 'int', min: -800, max: -200, step: 100 }],
  // math: the `$` that opens math is no price
  ['a', 12, 'Solve ${a}x + 3 = 0$.', { kind: 'int', min: 6, max: 24 }],
  ['b', 3, 'Solve $x^2 + {b}x + 5 = 0$.', { kind: 'int', min: 2, max: 6 }],
  // words
  ['name', 'Janet', '{name} has 3 apples. She eats one.', { kind: 'list', list: 'female_names' }],
  ['name', 'Amara', '{name} has 3 apples.', { kind: 'list', list: 'female_names' }],
  ['name', 'Carlos', '{name} has 3 apples.', { kind: 'list', list: 'male_names' }],
  ['name', 'Alex', '{name} lost her keys.', { kind: 'list', list: 'female_names' }],
  ['name', 'Alex', '{name} lost his keys.', { kind: 'list', list: 'male_names' }],
  ['name', 'Alex', '{name} bought 3 pens.', { kind: 'list', list: 'unisex_names' }],
  ['fruit', 'apples', 'She bought 3 {fruit}.', { kind: 'list', list: 'fruits' }],
  ['fruit', 'apple', 'Each {fruit} costs $2.', { kind: 'list', list: 'fruits_singular' }],
  ['day', 'Monday', 'On {day} she ran.', { kind: 'list', list: 'weekdays' }],
  ['thing', 'orange', 'The {thing} is big.', FIXED],
  ['shop', 'Walmart', 'She went to {shop}.', FIXED],
  ['hero', 'Zorblax', '{hero} has 3 apples.', FIXED],
];

describe('inferDomain table', () => {
  it('has at least 30 rows', () => {
    expect(TABLE.length).toBeGreaterThanOrEqual(30);
  });

  it.each(TABLE)('%s = %s in %j', (name, value, text, expected) => {
    expect(infer(name, value, text)).toEqual(expected);
  });
});

describe('inferred numeric domains', () => {
  it('always contain the original value on their grid, for every value 2..2000', () => {
    for (let v = 2; v <= 2000; v++) {
      const d = infer('n', v, 'She has {n} stickers.');
      if (d.kind !== 'int') throw new Error(`expected int for ${v}, got ${d.kind}`);
      const step = d.step ?? 1;
      expect(d.min <= v && v <= d.max, `${v} in [${d.min}, ${d.max}]`).toBe(true);
      expect(v % step, `${v} on step ${step}`).toBe(0);
      expect(d.min % step).toBe(0);
      expect(d.min).toBeGreaterThanOrEqual(2);
      expect(step === 1 || step <= v / 4, `step ${step} for ${v}`).toBe(true);
    }
  });

  it('keep decimals on the grid of their resolution without float noise', () => {
    for (const v of [0.1, 0.3, 0.7, 1.1, 2.2, 3.3, 0.05, 0.15, 12.34, 99.99, 0.001]) {
      const d = infer('w', v, 'It weighs {w} kg.');
      if (d.kind !== 'decimal') throw new Error(`expected decimal for ${v}, got ${d.kind}`);
      expect(d.min <= v && v <= d.max, `${v} in [${d.min}, ${d.max}]`).toBe(true);
      for (const x of [d.min, d.max, d.step]) expect(String(x).length, `${x} is clean`).toBeLessThan(8);
    }
  });
});

describe('resolveDomains', () => {
  const base: Template = {
    id: 't.1',
    generic_problem: '{name} buys {n} pens at ${price} each and gets {pct}% off.',
    program: 'def solution(name, n, price, pct, hidden):\n    return n * price',
    variables: { name: 'Mia', n: 12, price: 3, pct: 20, hidden: 7 },
  };

  it('infers every variable, and variables absent from the text are fixed', () => {
    expect(resolveDomains(base)).toEqual({
      name: { kind: 'list', list: 'female_names' },
      n: { kind: 'int', min: 6, max: 24 },
      price: { kind: 'money', min: 2, max: 6, step: 1 },
      pct: { kind: 'percent', min: 10, max: 40, step: 5 },
      hidden: FIXED,
    });
  });

  it('lets explicit domains win', () => {
    const t: Template = { ...base, domains: { n: { kind: 'int', min: 10, max: 12 }, name: { kind: 'list', list: 'names' } } };
    const d = resolveDomains(t);
    expect(d.n).toEqual({ kind: 'int', min: 10, max: 12 });
    expect(d.name).toEqual({ kind: 'list', list: 'names' });
    expect(d.price).toEqual({ kind: 'money', min: 2, max: 6, step: 1 });
  });

  it('reads bare-style placeholders, detected or declared', () => {
    const t: Template = {
      id: 't.bare',
      generic_problem: 'A shirt costs $shirt_price and a hat costs $hat_price. She buys num_hats hats.',
      program: 'x',
      variables: { shirt_price: 20, hat_price: 8, num_hats: 3 },
    };
    expect(resolveDomains(t)).toEqual({
      shirt_price: { kind: 'money', min: 10, max: 40, step: 5 },
      hat_price: { kind: 'money', min: 4, max: 16, step: 1 },
      num_hats: { kind: 'int', min: 2, max: 6 },
    });
    expect(resolveDomains({ ...t, placeholder_style: 'bare' })).toEqual(resolveDomains(t));
  });

  it('uses context.text when given', () => {
    const d = resolveDomains(base, { text: 'The total is {n}% of {price} and {hidden} cm.' });
    expect(d.n?.kind).toBe('percent');
    expect(d.hidden?.kind).toBe('int');
  });
});
