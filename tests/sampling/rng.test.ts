import { describe, expect, it } from 'vitest';
import { createRng } from '../../src-main/sampling/rng.js';

describe('createRng reproducibility (changing the algorithm must break these)', () => {
  it('gives the fixed floats for a fixed (id, seed); the same values come from an independent Python sfc32/cyrb128', () => {
    const r = createRng('starter.percent.coat-sale', 42);
    expect(Array.from({ length: 6 }, () => r.next())).toEqual([
      0.577376501634717, 0.13142341538332403, 0.7128171254880726, 0.06830802233889699, 0.6183934032451361,
      0.3718306478112936,
    ]);
  });

  it('gives the fixed integers, negative ranges and wide (> 2^32) ranges included', () => {
    const dice = createRng('starter.percent.coat-sale', 42);
    expect(Array.from({ length: 10 }, () => dice.int(1, 6))).toEqual([5, 2, 5, 1, 4, 3, 4, 1, 2, 6]);
    const signed = createRng('gsm8k.0001', 0);
    expect(Array.from({ length: 5 }, () => signed.int(-1_000_000, 1_000_000))).toEqual([188735, 55905, 190855, -992369, 707954]);
    const wide = createRng('wide', 7);
    expect(Array.from({ length: 3 }, () => wide.int(0, 2 ** 40))).toEqual([753895201059, 244467310099, 704128848829]);
  });

  it('gives the fixed fork stream and hashes non-ASCII ids by UTF-16 code units', () => {
    const f = createRng('starter.percent.coat-sale', 42).fork('retry-1');
    expect(Array.from({ length: 4 }, () => f.int(0, 999))).toEqual([551, 294, 175, 395]);
    expect(createRng('ünïcödé·id', 3).int(0, 1e9)).toBe(375433220);
  });

  it('is a pure function of (id, seed): two streams agree, other seeds or ids differ', () => {
    const a = createRng('t', 1);
    const b = createRng('t', 1);
    const xs = Array.from({ length: 50 }, () => a.next());
    expect(Array.from({ length: 50 }, () => b.next())).toEqual(xs);
    expect(Array.from({ length: 50 }, () => createRng('t', 2).next())[0]).not.toBe(xs[0]);
    const c = createRng('u', 1);
    expect(Array.from({ length: 50 }, () => c.next())).not.toEqual(xs);
  });
});

describe('fork', () => {
  it('does not depend on how much the parent consumed, and does not advance the parent', () => {
    const fresh = createRng('t', 5);
    const used = createRng('t', 5);
    for (let i = 0; i < 17; i++) used.next();
    const f1 = fresh.fork('retry-2');
    const f2 = used.fork('retry-2');
    expect(Array.from({ length: 20 }, () => f1.next())).toEqual(Array.from({ length: 20 }, () => f2.next()));

    const parent = createRng('t', 5);
    const twin = createRng('t', 5);
    parent.fork('x');
    expect(parent.next()).toBe(twin.next());
  });

  it('gives streams independent of the parent and of other labels', () => {
    const parent = createRng('t', 9);
    const a = parent.fork('a');
    const b = parent.fork('b');
    const xs = Array.from({ length: 20 }, () => parent.next());
    const as = Array.from({ length: 20 }, () => a.next());
    const bs = Array.from({ length: 20 }, () => b.next());
    expect(as).not.toEqual(xs);
    expect(as).not.toEqual(bs);
    expect(new Set([...xs, ...as, ...bs]).size).toBe(60);
  });
});

describe('ranges and errors', () => {
  it('int is inclusive on both ends and stays in range', () => {
    const r = createRng('range', 1);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const x = r.int(-2, 2);
      expect(x).toBeGreaterThanOrEqual(-2);
      expect(x).toBeLessThanOrEqual(2);
      seen.add(x);
    }
    expect([...seen].sort((p, q) => p - q)).toEqual([-2, -1, 0, 1, 2]);
    expect(r.int(7, 7)).toBe(7);
  });

  it('next stays in [0, 1)', () => {
    const r = createRng('unit', 3);
    for (let i = 0; i < 10_000; i++) {
      const x = r.next();
      expect(x >= 0 && x < 1).toBe(true);
    }
  });

  it('rejects bad arguments with specific messages', () => {
    const r = createRng('e', 1);
    expect(() => r.int(5, 4)).toThrow('min (5) is greater than max (4)');
    expect(() => r.int(0.5, 4)).toThrow('safe integers');
    expect(() => r.int(-(2 ** 53) + 1, 2 ** 53 - 1)).toThrow('more than 2^53 values');
    expect(() => r.pick([])).toThrow('empty list');
    expect(() => createRng('e', 1.5)).toThrow('seed must be a safe integer, got 1.5');
    expect(() => createRng('e', Number.NaN)).toThrow('got NaN');
  });

  it('pick returns items of the list', () => {
    const r = createRng('pick', 1);
    const items = ['a', 'b', 'c'] as const;
    const seen = new Set(Array.from({ length: 200 }, () => r.pick(items)));
    expect([...seen].sort()).toEqual(['a', 'b', 'c']);
  });
});

describe('uniformity sanity (chi-square, fixed seeds so the test cannot flake)', () => {
  /** Chi-square statistic of `counts` against a uniform expectation. */
  function chiSquare(counts: readonly number[], total: number): number {
    const expected = total / counts.length;
    return counts.reduce((acc, c) => acc + (c - expected) ** 2 / expected, 0);
  }

  it('int(1, 10) over 100k draws passes at p = 0.001 (critical value 27.88 for 9 df)', () => {
    const r = createRng('chi', 1);
    const counts = new Array<number>(10).fill(0);
    for (let i = 0; i < 100_000; i++) {
      const k = r.int(1, 10) - 1;
      counts[k] = (counts[k] ?? 0) + 1;
    }
    expect(chiSquare(counts, 100_000)).toBeLessThan(27.88);
  });

  it('int over a range that does not divide 2^32 (0..2^31) is unbiased between halves', () => {
    // Naive `u % range` would put 5/8 of the mass in the lower half here.
    const r = createRng('bias', 1);
    let low = 0;
    const n = 20_000;
    for (let i = 0; i < n; i++) if (r.int(0, 3 * 2 ** 30 - 1) < 1.5 * 2 ** 30) low++;
    expect(Math.abs(low / n - 0.5)).toBeLessThan(0.02);
  });

  it('next() deciles over 100k draws pass at p = 0.001, across 20 different seeds', () => {
    for (let seed = 0; seed < 20; seed++) {
      const r = createRng('deciles', seed);
      const counts = new Array<number>(10).fill(0);
      for (let i = 0; i < 100_000; i++) {
        const k = Math.floor(r.next() * 10);
        counts[k] = (counts[k] ?? 0) + 1;
      }
      expect(chiSquare(counts, 100_000)).toBeLessThan(27.88);
    }
  });

  it('first draws of consecutive seeds are uniform too (seed hashing has no visible pattern)', () => {
    const counts = new Array<number>(10).fill(0);
    for (let seed = 0; seed < 20_000; seed++) {
      const k = createRng('seeds', seed).int(0, 9);
      counts[k] = (counts[k] ?? 0) + 1;
    }
    expect(chiSquare(counts, 20_000)).toBeLessThan(27.88);
  });
});
