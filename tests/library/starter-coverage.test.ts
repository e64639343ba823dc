/**
 * The curriculum grid the starter library promises (grades 3–10): every strand, at every grade of its
 * range, has at least four templates whose grade range includes that grade.
 */
import { describe, expect, it } from 'vitest';
import { readStarterTemplates } from '../../src-main/library/starter-pack.js';

const GRID: Record<string, [number, number]> = {
  'whole-numbers': [3, 5],
  operations: [3, 6],
  fractions: [3, 7],
  decimals: [4, 7],
  percent: [6, 8],
  'ratio-rate': [6, 8],
  money: [3, 9],
  time: [3, 5],
  measurement: [3, 7],
  'geometry-measure': [3, 8],
  'angles-triangles': [4, 8],
  coordinates: [6, 9],
  integers: [6, 7],
  exponents: [6, 8],
  'linear-equations': [6, 9],
  systems: [8, 10],
  quadratics: [9, 10],
  sequences: [7, 10],
  probability: [6, 9],
  statistics: [6, 8],
};

const { templates } = readStarterTemplates();

describe('starter library coverage', () => {
  it('has at least 300 templates, each tagged with a known strand, topic, grade range and difficulty', () => {
    expect(templates.length).toBeGreaterThanOrEqual(300);
    for (const t of templates) {
      expect(Object.keys(GRID), t.id).toContain(t.strand);
      expect(t.topic, t.id).toMatch(/^[a-z0-9-]+$/);
      expect(t.difficulty, t.id).toBeGreaterThanOrEqual(1);
      const [lo, hi] = GRID[t.strand ?? ''] ?? [0, 0];
      expect(t.grade?.min, t.id).toBeGreaterThanOrEqual(lo);
      expect(t.grade?.max, t.id).toBeLessThanOrEqual(hi);
    }
  });

  it.each(Object.entries(GRID))('%s: at least 4 templates at every grade of its range', (strand, [lo, hi]) => {
    for (let grade = lo; grade <= hi; grade++) {
      const n = templates.filter((t) => t.strand === strand && t.grade && t.grade.min <= grade && grade <= t.grade.max).length;
      expect(n, `${strand} grade ${grade}`).toBeGreaterThanOrEqual(4);
    }
  });

  it('is mostly word problems, with some symbolic drills (each tagged one or the other)', () => {
    for (const t of templates) expect(t.tags?.filter((x) => x === 'word-problem' || x === 'drill'), t.id).toHaveLength(1);
    const words = templates.filter((t) => t.tags?.includes('word-problem')).length;
    expect(words / templates.length).toBeGreaterThan(0.75);
    expect(templates.length - words).toBeGreaterThanOrEqual(30);
  });
});
