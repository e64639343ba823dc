import { describe, expect, it } from 'vitest';
import { canonicalListName, getWordList, WORD_LISTS } from '../../src-main/sampling/word-lists.js';

const REQUIRED = [
  'names', 'female_names', 'male_names', 'items', 'fruits', 'vegetables', 'animals', 'foods', 'colors', 'cities',
  'vehicles', 'sports', 'stores', 'school_subjects', 'currencies_sym', 'weekdays', 'months',
];

describe('WORD_LISTS', () => {
  it('has every required list, non-empty, without duplicates or blank entries', () => {
    for (const name of REQUIRED) {
      const list = WORD_LISTS[name];
      expect(list, name).toBeDefined();
      expect(list?.length, name).toBeGreaterThan(0);
      expect(new Set(list).size, `${name} has duplicates`).toBe(list?.length);
      for (const w of list ?? []) expect(w.trim(), name).toBe(w);
    }
  });

  it('has at least 120 names; the gendered lists are disjoint subsets of names', () => {
    const names = new Set(WORD_LISTS.names);
    const female = WORD_LISTS.female_names ?? [];
    const male = WORD_LISTS.male_names ?? [];
    expect(names.size).toBeGreaterThanOrEqual(120);
    expect(female.length).toBeGreaterThanOrEqual(50);
    expect(male.length).toBeGreaterThanOrEqual(50);
    for (const n of [...female, ...male]) expect(names.has(n), n).toBe(true);
    expect(female.filter((n) => male.includes(n))).toEqual([]);
    // Names are capitalised single words, so they fit "{name} has 3 apples."
    for (const n of names) expect(n, n).toMatch(/^\p{Lu}\p{Ll}+$/u);
  });

  it('keeps plural and singular lists of countable things parallel', () => {
    for (const base of ['items', 'fruits', 'vegetables', 'animals', 'foods', 'vehicles']) {
      expect(WORD_LISTS[`${base}_singular`]?.length, base).toBe(WORD_LISTS[base]?.length);
    }
    expect(WORD_LISTS.fruits?.indexOf('apples')).toBe(WORD_LISTS.fruits_singular?.indexOf('apple'));
  });

  it('has the exact fixed lists', () => {
    expect(WORD_LISTS.currencies_sym).toEqual(['$', '€', '£', '¥', '₹']);
    expect(WORD_LISTS.weekdays).toEqual(['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']);
    expect(WORD_LISTS.months?.length).toBe(12);
    expect(WORD_LISTS.months?.[0]).toBe('January');
  });

  it('is frozen', () => {
    expect(Object.isFrozen(WORD_LISTS)).toBe(true);
    expect(Object.isFrozen(WORD_LISTS.names)).toBe(true);
  });
});

describe('getWordList', () => {
  it('finds canonical names, singular/plural aliases and ignores case and spaces', () => {
    expect(getWordList('names')).toBe(WORD_LISTS.names);
    expect(getWordList('name')).toBe(WORD_LISTS.names);
    expect(getWordList('fruit')).toBe(WORD_LISTS.fruits);
    expect(getWordList(' Fruits ')).toBe(WORD_LISTS.fruits);
    expect(getWordList('colour')).toBe(WORD_LISTS.colors);
    expect(getWordList('city')).toBe(WORD_LISTS.cities);
    expect(getWordList('weekday')).toBe(WORD_LISTS.weekdays);
    expect(getWordList('female_name')).toBe(WORD_LISTS.female_names);
    expect(canonicalListName('Subject')).toBe('school_subjects');
  });

  it('returns undefined for unknown lists and for inherited object keys', () => {
    expect(getWordList('planets')).toBeUndefined();
    expect(getWordList('toString')).toBeUndefined();
    expect(getWordList('__proto__')).toBeUndefined();
    expect(getWordList('constructor')).toBeUndefined();
  });
});
