import { describe, expect, it } from 'vitest';
import { domainSize, drawValues } from '../../src-main/sampling/draw.js';
import { createRng } from '../../src-main/sampling/rng.js';
import { WORD_LISTS } from '../../src-main/sampling/word-lists.js';
import type { Domain, VariableValue } from '../../src-main/template/template.types.js';

/** `n` draws of one variable `x` with domain `d`. */
function drawMany(d: Domain, n: number, original: VariableValue = 0, seed = 1): VariableValue[] {
  const rng = createRng('draw-test', seed);
  return Array.from({ length: n }, () => drawValues({ x: d }, { x: original }, rng).x as VariableValue);
}

describe('numeric draws', () => {
  it('int: integers on the step grid, every grid value reachable, nothing outside', () => {
    const xs = drawMany({ kind: 'int', min: 3, max: 20, step: 5 }, 500);
    expect([...new Set(xs)].sort((a, b) => Number(a) - Number(b))).toEqual([5, 10, 15, 20]);
    const ys = drawMany({ kind: 'int', min: -3, max: 3 }, 500);
    expect(new Set(ys)).toEqual(new Set([-3, -2, -1, 0, 1, 2, 3]));
    for (const y of ys) expect(Number.isInteger(y)).toBe(true);
  });

  it('decimal: step 0.1 values print as clean decimals (0.3, never 0.30000000000000004)', () => {
    const xs = drawMany({ kind: 'decimal', min: 0, max: 1, step: 0.1 }, 2000);
    const printed = [...new Set(xs.map(String))].sort();
    expect(printed).toEqual(['0', '0.1', '0.2', '0.3', '0.4', '0.5', '0.6', '0.7', '0.8', '0.9', '1']);
  });

  it('decimal: quarters and fine steps stay on their grid', () => {
    const q = drawMany({ kind: 'decimal', min: 0.25, max: 2, step: 0.25 }, 500);
    expect(new Set(q)).toEqual(new Set([0.25, 0.5, 0.75, 1, 1.25, 1.5, 1.75, 2]));
    const fine = drawMany({ kind: 'decimal', min: 1.57, max: 6.28, step: 0.01 }, 3000);
    for (const x of fine) {
      expect(typeof x).toBe('number');
      expect(String(x)).toMatch(/^\d\.\d{1,2}$|^\d$/);
      expect(Number(x) >= 1.57 && Number(x) <= 6.28).toBe(true);
    }
  });

  it('money: default step is a cent; values have at most two decimals', () => {
    const xs = drawMany({ kind: 'money', min: 1, max: 2 }, 2000);
    expect(new Set(xs).size).toBeGreaterThan(80); // 101 possible values
    for (const x of xs) expect(String(x)).toMatch(/^[12](?:\.\d{1,2})?$/);
    expect(new Set(drawMany({ kind: 'money', min: 20, max: 40, step: 10 }, 200))).toEqual(new Set([20, 30, 40]));
  });

  it('percent: default step is 1; a step of 0.5 gives halves', () => {
    for (const x of drawMany({ kind: 'percent', min: 5, max: 50 }, 500)) expect(Number.isInteger(x)).toBe(true);
    const halves = drawMany({ kind: 'percent', min: 1, max: 2, step: 0.5 }, 200);
    expect(new Set(halves)).toEqual(new Set([1, 1.5, 2]));
  });

  it('year: whole years within the range', () => {
    const xs = drawMany({ kind: 'year', min: 1990, max: 1995 }, 300);
    expect(new Set(xs)).toEqual(new Set([1990, 1991, 1992, 1993, 1994, 1995]));
  });

  it('int draws are uniform over the grid (chi-square at p = 0.001, 9 df)', () => {
    const xs = drawMany({ kind: 'int', min: 10, max: 100, step: 10 }, 50_000);
    const counts = new Map<VariableValue, number>();
    for (const x of xs) counts.set(x, (counts.get(x) ?? 0) + 1);
    const expected = 50_000 / 10;
    const chi = [...counts.values()].reduce((acc, c) => acc + (c - expected) ** 2 / expected, 0);
    expect(counts.size).toBe(10);
    expect(chi).toBeLessThan(27.88);
  });
});

describe('fixed, choice and list', () => {
  it('fixed and domain-less variables keep their original', () => {
    const v = drawValues({ a: { kind: 'fixed' } }, { a: 60, b: 'Zorblax' }, createRng('t', 1));
    expect(v).toEqual({ a: 60, b: 'Zorblax' });
  });

  it('choice picks among its values', () => {
    const xs = drawMany({ kind: 'choice', values: ['red', 7, 'blue'] }, 300);
    expect(new Set(xs)).toEqual(new Set(['red', 7, 'blue']));
  });

  it('list picks from the built-in list (aliases allowed)', () => {
    const fruits = new Set(WORD_LISTS.fruits);
    for (const x of drawMany({ kind: 'list', list: 'fruit' }, 200, 'apples')) expect(fruits.has(String(x))).toBe(true);
  });

  it('two variables from the same list never get the same word, nor a kept word', () => {
    const rng = createRng('distinct', 1);
    const domains: Record<string, Domain> = {
      a: { kind: 'list', list: 'weekdays' },
      b: { kind: 'list', list: 'weekdays' },
      c: { kind: 'list', list: 'weekdays' },
    };
    for (let i = 0; i < 500; i++) {
      const v = drawValues(domains, { a: 'Monday', b: 'Tuesday', c: 'Wednesday', kept: 'Friday' }, rng);
      expect(new Set([v.a, v.b, v.c, v.kept]).size).toBe(4);
    }
  });

  it('matches the capitalisation of the original word', () => {
    const caps = drawMany({ kind: 'list', list: 'fruits' }, 50, 'Apples');
    for (const x of caps) expect(String(x)[0]).toMatch(/[A-Z]/);
    const lower = drawMany({ kind: 'list', list: 'fruits' }, 50, 'apples');
    for (const x of lower) expect(String(x)[0]).toMatch(/[a-z]/);
  });
});

describe('reproducibility', () => {
  const domains: Record<string, Domain> = {
    n: { kind: 'int', min: 2, max: 50 },
    price: { kind: 'money', min: 1, max: 9, step: 0.25 },
    name: { kind: 'list', list: 'names' },
  };
  const original = { n: 12, price: 3.5, name: 'Mia' };

  it('the same seed gives the same values; the draw is pinned for this seed', () => {
    const a = drawValues(domains, original, createRng('repro', 7));
    const b = drawValues(domains, original, createRng('repro', 7));
    expect(a).toEqual(b);
    // Pinned: a change in the rng, the draw order or the `names` list changes this (and every stored seed).
    expect(a).toEqual({ n: 4, price: 7.75, name: 'Samuel' });
  });

  it('does not depend on the order of the keys', () => {
    const reordered = { price: 3.5, name: 'Mia', n: 12 };
    const rev: Record<string, Domain> = { name: domains.name as Domain, price: domains.price as Domain, n: domains.n as Domain };
    expect(drawValues(rev, reordered, createRng('repro', 7))).toEqual(drawValues(domains, original, createRng('repro', 7)));
  });

  it('advances the stream: drawing again with the same rng gives a new draw', () => {
    const rng = createRng('repro', 8);
    const draws = Array.from({ length: 10 }, () => JSON.stringify(drawValues(domains, original, rng)));
    expect(new Set(draws).size).toBeGreaterThan(5);
  });
});

describe('errors name the variable and the problem', () => {
  const rng = createRng('err', 1);
  it.each<[Domain, string]>([
    [{ kind: 'int', min: 5, max: 1 }, 'domain for "x": min (5) is greater than max (1)'],
    [{ kind: 'int', min: 1, max: 4, step: 5 }, 'domain for "x": no multiple of the step 5 lies between min 1 and max 4'],
    [{ kind: 'decimal', min: 0, max: 1, step: 0 }, 'domain for "x": step must be a positive number, got 0'],
    [{ kind: 'list', list: 'planets' }, 'domain for "x": unknown word list "planets" (known: names'],
    [{ kind: 'money', min: 0, max: Number.POSITIVE_INFINITY }, 'domain for "x": min and max must be finite numbers'],
  ])('%j', (domain, message) => {
    expect(() => drawValues({ x: domain }, { x: 1 }, rng)).toThrow(message);
  });

  it('a fixed variable without an original value', () => {
    expect(() => drawValues({ y: { kind: 'fixed' } }, {}, rng)).toThrow('domain for "y": is fixed but the variable has no original value');
  });
});

describe('domainSize', () => {
  it.each<[Domain, number]>([
    [{ kind: 'int', min: 1, max: 10 }, 10],
    [{ kind: 'int', min: 3, max: 20, step: 5 }, 4],
    [{ kind: 'decimal', min: 0, max: 1, step: 0.1 }, 11],
    [{ kind: 'decimal', min: 0.3, max: 0.9, step: 0.3 }, 3],
    [{ kind: 'money', min: 1, max: 2 }, 101],
    [{ kind: 'percent', min: 5, max: 50, step: 5 }, 10],
    [{ kind: 'year', min: 1968, max: 2028 }, 61],
    [{ kind: 'choice', values: ['a', 'b', 'a'] }, 2],
    [{ kind: 'list', list: 'weekdays' }, 7],
    [{ kind: 'list', list: 'planets' }, 0],
    [{ kind: 'fixed' }, 1],
    [{ kind: 'int', min: 5, max: 1 }, 0],
    [{ kind: 'int', min: 1, max: 4, step: 5 }, 0],
    [{ kind: 'decimal', min: 0, max: Number.POSITIVE_INFINITY, step: 1 }, Number.POSITIVE_INFINITY],
    [{ kind: 'decimal', min: -1e300, max: 1e300, step: 1e-10 }, Number.POSITIVE_INFINITY],
  ])('%j has %d values', (domain, size) => {
    expect(domainSize(domain)).toBe(size);
  });

  it('matches the number of distinct values actually drawn', () => {
    const d: Domain = { kind: 'decimal', min: 0.5, max: 3, step: 0.25 };
    expect(new Set(drawMany(d, 2000)).size).toBe(domainSize(d));
  });
});
