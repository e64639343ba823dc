/** The builder's spec edits (src-renderer/worksheets/spec-edit.ts): pure, and every result is a valid spec. */
import { describe, expect, it } from 'vitest';
import { lockItem, parseWorksheetSpec } from '../../src-main/worksheet/worksheet-spec.std.js';
import { addItem, moveItem, newSpec, problemCount, randomSeed, removeItem, setItemCount, setVersions } from '../../src-renderer/worksheets/spec-edit.js';
import { canonicalJson } from '../../src-renderer/worksheets/use-preview.js';

const three = () => addItem(addItem(addItem(newSpec(5), 'a'), 'b', 2), 'c');

describe('spec edits', () => {
  it('a new spec is the engine’s defaults with the given seed, and valid once it has an item', () => {
    const spec = newSpec(5);
    expect(parseWorksheetSpec({ seed: 5, items: [{ templateId: 'a', count: 1 }], instructions: 'Show your working.' })).toEqual(addItem(spec, 'a'));
    for (let i = 0; i < 50; i++) {
      const seed = randomSeed();
      expect(Number.isSafeInteger(seed) && seed >= 1 && seed < 2 ** 31).toBe(true);
    }
  });

  it('adds, removes, moves (out-of-range moves change nothing) and counts', () => {
    const spec = three();
    expect(spec.items.map((i) => i.templateId)).toEqual(['a', 'b', 'c']);
    expect(problemCount(spec)).toBe(4);
    expect(moveItem(spec, 2, 0).items.map((i) => i.templateId)).toEqual(['c', 'a', 'b']);
    expect(moveItem(spec, 0, 1).items.map((i) => i.templateId)).toEqual(['b', 'a', 'c']);
    expect(moveItem(spec, 0, -1)).toBe(spec);
    expect(moveItem(spec, 2, 3)).toBe(spec);
    expect(removeItem(spec, 1).items.map((i) => i.templateId)).toEqual(['a', 'c']);
    expect(spec.items.map((i) => i.templateId)).toEqual(['a', 'b', 'c']); // never mutated
  });

  it('unlocks an item whose count changes, and every locked item when the versions change', () => {
    const base = setVersions(three(), 2).spec;
    const locked = lockItem(lockItem(base, 0, [[1], [2]]), 1, [[3, 4], [5, 6]]);
    const recounted = setItemCount(locked, 1, 3);
    expect(recounted.items[1]).toEqual({ templateId: 'b', count: 3 });
    expect(recounted.items[0]?.locked).toEqual([[1], [2]]);
    expect(() => parseWorksheetSpec(recounted)).not.toThrow();
    expect(setItemCount(locked, 0, 0).items[0]?.count).toBe(1);
    expect(setItemCount(locked, 0, 500).items[0]?.count).toBe(100);

    const more = setVersions(locked, 3);
    expect(more.unlocked).toBe(2);
    expect(more.spec.items.every((i) => i.locked === undefined)).toBe(true);
    expect(() => parseWorksheetSpec(more.spec)).not.toThrow();
    expect(setVersions(locked, 2)).toEqual({ spec: locked, unlocked: 0 });
    expect(setVersions(locked, 99).spec.versions).toBe(26);
  });

  it('canonical JSON ignores key order, so an equal spec counts as unchanged', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { f: 2, e: 3 }], c: null } })).toBe(canonicalJson({ a: { c: null, d: [1, { e: 3, f: 2 }] }, b: 1 }));
    expect(canonicalJson({ a: 1 })).not.toBe(canonicalJson({ a: 2 }));
  });
});
