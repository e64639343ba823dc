import { describe, expect, it } from 'vitest';
import { masteryScore } from '../../src-main/practice/mastery.std.js';

/** A small deterministic generator, so the property checks see the same histories every run. */
function histories(count: number, seed: number): boolean[][] {
  let state = seed >>> 0;
  const next = (): number => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 0x1_0000_0000;
  };
  return Array.from({ length: count }, () => Array.from({ length: 1 + Math.floor(next() * 40) }, () => next() < 0.6));
}

describe('masteryScore', () => {
  it('is 0 without evidence or with only misses, and shrinks short perfect runs well below 1', () => {
    expect(masteryScore([])).toBe(0);
    expect(masteryScore([false, false, false])).toBe(0);
    expect(masteryScore([true])).toBeCloseTo(0.25, 12);
    expect(masteryScore([true, true])).toBeCloseTo(0.4, 12);
    expect(masteryScore(Array<boolean>(10).fill(true))).toBeCloseTo(10 / 13, 12);
    expect(masteryScore(Array<boolean>(40).fill(true))).toBeGreaterThan(0.9);
    expect(masteryScore(Array<boolean>(40).fill(true))).toBeLessThan(1);
  });

  it('weights recent first tries more: half as much every ten tries back', () => {
    const r = 2 ** -0.1;
    // [right, wrong]: the right answer is one try old, weight r; shrink 2 / (2 + 3).
    expect(masteryScore([true, false])).toBeCloseTo((r / (1 + r)) * 0.4, 12);
    expect(masteryScore([false, true])).toBeCloseTo((1 / (1 + r)) * 0.4, 12);
    const improving = [...Array<boolean>(10).fill(false), ...Array<boolean>(10).fill(true)];
    const slipping = [...Array<boolean>(10).fill(true), ...Array<boolean>(10).fill(false)];
    expect(masteryScore(improving)).toBeGreaterThan(0.5);
    expect(masteryScore(slipping)).toBeLessThan(0.3);
  });

  it('never drops when a miss becomes a correct answer or a correct answer is added', () => {
    for (const history of histories(200, 42)) {
      const score = masteryScore(history);
      expect(masteryScore([...history, true])).toBeGreaterThanOrEqual(score);
      history.forEach((outcome, index) => {
        if (outcome) return;
        const better = history.map((o, i) => (i === index ? true : o));
        expect(masteryScore(better)).toBeGreaterThan(score);
      });
    }
  });

  it('stays between 0 and 1', () => {
    for (const history of histories(200, 7)) {
      const score = masteryScore(history);
      expect(score).toBeGreaterThanOrEqual(0);
      expect(score).toBeLessThan(1);
    }
  });
});
