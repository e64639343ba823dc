import { describe, expect, it } from 'vitest';
import { hasHit, makeSnippet, SNIPPET_CLOSE as C, SNIPPET_ELLIPSIS as E, SNIPPET_OPEN as O } from '../../src-main/storage/search-snippet.js';

describe('makeSnippet', () => {
  it('marks words that start with a term, folding case and diacritics', () => {
    expect(makeSnippet('Le Café coûte 3 € à Zürich.', ['cafe', 'zur'])).toBe(`Le ${O}Café${C} coûte 3 € à ${O}Zürich${C}.`);
  });

  it('cuts a window around the first match with ellipses on the cut sides', () => {
    const text = 'one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen';
    expect(makeSnippet(text, ['nine'], 5)).toBe(`${E}five six seven eight ${O}nine${C}${E}`);
    expect(makeSnippet(text, ['fifteen'], 3)).toBe(`${E}thirteen fourteen ${O}fifteen${C}`);
    expect(makeSnippet(text, ['two'], 3)).toBe(`one ${O}two${C} three${E}`);
  });

  it('shows the start of the text when nothing matches, and copes with texts without words', () => {
    expect(makeSnippet('Janet has 16 ducks.', ['zebra'], 3)).toBe('Janet has 16…');
    expect(makeSnippet('$$ ++ $$', ['x'])).toBe('$$ ++ $$');
    expect(makeSnippet('', ['x'])).toBe('');
  });

  it('leaves LaTeX and placeholders intact around the marks', () => {
    expect(makeSnippet('Compute $\\frac{a}{b}$ for {price} dollars', ['price'])).toBe(`Compute $\\frac{a}{b}$ for {${O}price${C}} dollars`);
  });

  it('hasHit agrees with the marking', () => {
    expect(hasHit('Zürich', ['zu'])).toBe(true);
    expect(hasHit('Zürich', ['ich'])).toBe(false);
  });
});
