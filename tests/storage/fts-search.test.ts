import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type AppDatabase } from '../../src-main/storage/database.js';
import { toFtsQuery } from '../../src-main/storage/fts-query.js';
import { createPack } from '../../src-main/storage/packs.repo.js';
import { countTemplates, listTemplates, searchTemplates, SNIPPET_CLOSE, SNIPPET_OPEN, upsertTemplates } from '../../src-main/storage/templates.repo.js';
import { coatTemplate, madeUpTemplates, makeTempDir, type TempDir } from './storage-fixtures.js';

describe('toFtsQuery', () => {
  it('turns words into quoted prefix terms and drops FTS5 syntax', () => {
    expect(toFtsQuery('Janet ducks')).toBe('"janet"* "ducks"*');
    expect(toFtsQuery('NEAR(eggs market, 3)')).toBe('"near"* "eggs"* "market"* "3"*');
    expect(toFtsQuery('"eggs" OR -ducks AND *')).toBe('"eggs"* "or"* "ducks"* "and"*');
    expect(toFtsQuery('total_price:12.5')).toBe('"total"* "price"* "12"* "5"*');
    expect(toFtsQuery('Ça coûte')).toBe('"ça"* "coûte"*');
    expect(toFtsQuery('eggs eggs EGGS')).toBe('"eggs"*');
  });

  it('returns null when there is no word to search for', () => {
    for (const text of ['', '   ', '***', '"', '""', '- - -', '(', '😀🎉', '\u0301', '\0']) expect(toFtsQuery(text), JSON.stringify(text)).toBeNull();
  });

  it('caps the number and length of terms, never splitting a character', () => {
    const many = Array.from({ length: 40 }, (_, i) => `w${i}`).join(' ');
    expect(toFtsQuery(many)?.split(' ')).toHaveLength(16);
    const long = '𝔸'.repeat(100);
    expect(toFtsQuery(long)).toBe(`"${'𝔸'.repeat(64)}"*`);
  });
});

describe('searchTemplates on a library of word problems', () => {
  let tmp: TempDir;
  let app: AppDatabase;
  beforeAll(() => {
    tmp = makeTempDir();
    app = openDatabase(tmp.file('lib.sqlite'));
    createPack(app.db, { id: 'made', name: 'Made-up problems', sourceKind: 'import' });
    upsertTemplates(app.db, 'made', madeUpTemplates(1319).map((template) => ({ template })));
    upsertTemplates(app.db, 'made', [
      { template: coatTemplate({ id: 'u.cafe', original_problem: 'Le café coûte 3 € à Zürich.', generic_problem: 'Le café coûte {price} € à Zürich.' }) },
      { template: coatTemplate({ id: 'u.quote', original_problem: 'She said "NEAR" twice -- and * stars *.', generic_problem: 'A "quoted" problem' }) },
      { template: coatTemplate({ id: 'u.cjk', original_problem: '小明 有 12 个 苹果', generic_problem: '小明 有 {n} 个 苹果', variables: { n: 12 } }) },
    ]);
  });
  afterAll(() => {
    app.close();
    tmp.remove();
  });

  const hostile = [
    '"',
    '""',
    '"unbalanced',
    "it's",
    'NEAR',
    'NEAR(',
    'NEAR(a b, 2)',
    'a NEAR/3 b',
    '*',
    '**eggs',
    'eggs*',
    '-',
    '-eggs',
    'NOT eggs',
    'AND',
    'OR OR OR',
    '(',
    ')(',
    '^eggs',
    'original_problem:eggs',
    '{price}',
    'col:',
    ':',
    '+',
    '\\',
    "'; DROP TABLE templates; --",
    '\0',
    '\uD800',
    '😀',
    '🦆 ducks',
    'ｅｇｇｓ',
    '\u202Eeggs',
    'e\u0301',
    'x'.repeat(10_000),
    Array.from({ length: 500 }, () => 'eggs').join(' '),
  ];

  it.each(hostile)('never throws on %j', (text) => {
    expect(() => searchTemplates(app.db, text, 20)).not.toThrow();
    expect(() => countTemplates(app.db, { search: text })).not.toThrow();
    expect(() => listTemplates(app.db, { search: text, limit: 5, orderBy: 'relevance' })).not.toThrow();
  });

  it('finds the right rows for words around syntax characters', () => {
    const ids = (text: string): string[] => searchTemplates(app.db, text, 50).map((h) => h.id);
    // The first template is Priya's hens; its neighbours are about other things.
    expect(ids('Priya hens')).toContain('made.0000');
    expect(ids('Priya hens').every((id) => id === 'made.0000' || Number(id.slice('made.'.length)) % 80 === 0)).toBe(true);
    expect(ids('"Priya" -hens*')).toContain('made.0000');
    // NEAR is a plain word here: the row that says it, plus rows with words starting with it ("nearby").
    const near = searchTemplates(app.db, 'NEAR', 50);
    expect(near.map((h) => h.id)).toContain('u.quote');
    for (const hit of near) expect(hit.snippet).toMatch(new RegExp(`${SNIPPET_OPEN}near`, 'i'));
    expect(ids('"NEAR" twice -- * stars *')).toEqual(['u.quote']);
    expect(ids('cafe zurich')).toEqual(['u.cafe']); // diacritics folded
    expect(ids('CAFÉ')).toEqual(['u.cafe']);
    expect(ids('苹果')).toEqual(['u.cjk']);
    expect(ids('quot')).toEqual(['u.quote']); // prefix
    expect(ids('*')).toEqual([]);
    expect(ids('zzzzqqq')).toEqual([]);
  });

  it('ranks and marks matches in the snippet', () => {
    const hits = searchTemplates(app.db, 'Priya hens eggs', 5);
    expect(hits.length).toBeGreaterThan(0);
    expect(hits[0]?.snippet).toContain(`${SNIPPET_OPEN}hens${SNIPPET_CLOSE}`);
    expect(hits.length).toBeLessThanOrEqual(5);
  });

  it('agrees with a plain substring scan', () => {
    const templates = madeUpTemplates(1319);
    const expected = templates
      .filter((t) => /\bcookies\b/i.test(`${t.original_problem ?? ''} ${t.generic_problem}`))
      .map((t) => t.id)
      .sort();
    const found = listTemplates(app.db, { search: 'cookies', limit: 1000, orderBy: 'id' })
      .map((t) => t.id)
      .filter((id) => id.startsWith('made.'));
    // Prefix search may also match "cookies'" forms; every exact-word row must be found.
    expect(expected.length).toBeGreaterThan(5);
    expect(found).toEqual(expect.arrayContaining(expected));
  });
});
