import { describe, expect, it } from 'vitest';
import { detectPlaceholderStyle, findPlaceholders, substitutePlaceholders } from '../../src-main/template/placeholders.js';

describe('findPlaceholders', () => {
  it('braces: every {identifier}, with positions including the braces', () => {
    const text = 'A {price} and {n2}; \\frac{1}{2} and {_x}';
    expect(findPlaceholders(text, 'braces', ['price'])).toEqual([
      { name: 'price', start: 2, end: 9 },
      { name: 'n2', start: 14, end: 18 },
      { name: '_x', start: 36, end: 40 },
    ]);
  });

  it('angle: only known names, so HTML-ish tags are not placeholders', () => {
    expect(findPlaceholders('<b>bold</b> <n> apples', 'angle', ['n']).map((o) => o.name)).toEqual(['n']);
  });

  it('bare: whole words only, longest name first', () => {
    const occ = findPlaceholders('price_total is more than price; prices differ', 'bare', ['price', 'price_total']);
    expect(occ.map((o) => o.name)).toEqual(['price_total', 'price']);
    expect(findPlaceholders('anything', 'bare', [])).toEqual([]);
  });
});

describe('detectPlaceholderStyle', () => {
  it('finds braces, angle and bare styles and reports missing and unknown names', () => {
    expect(detectPlaceholderStyle('{a} plus {b} is {c}', ['a', 'b', 'd'])).toEqual({
      style: 'braces',
      found: ['a', 'b'],
      missing: ['d'],
      unknown: ['c'],
    });
    expect(detectPlaceholderStyle('<a> plus <b>', ['a', 'b']).style).toBe('angle');
    expect(detectPlaceholderStyle('apples plus pears', ['apples', 'pears']).style).toBe('bare');
  });

  it('prefers braces on a tie (every braced name is also a bare word)', () => {
    expect(detectPlaceholderStyle('{eggs} eggs', ['eggs']).style).toBe('braces');
  });
});

describe('substitutePlaceholders', () => {
  it('replaces known names and passes each occurrence to the callback', () => {
    const seen: [string, number][] = [];
    const out = substitutePlaceholders('{a} and {b} and {z}', 'braces', ['a', 'b'], (name, occ) => {
      seen.push([name, occ.start]);
      return name.toUpperCase();
    });
    expect(out).toBe('A and B and {z}');
    expect(seen).toEqual([
      ['a', 0],
      ['b', 8],
    ]);
  });
});

describe('style detection with mixed evidence', () => {
  it('does not count a braced placeholder as a bare word', () => {
    const d = detectPlaceholderStyle('There are 9 rides. Each costs {cost}.', ['rides', 'cost']);
    expect(d.style).toBe('braces');
    expect(d.found).toEqual(['cost']);
  });
});
