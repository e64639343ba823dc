/** Duplicate and near-duplicate detection on constructed templates: what counts as the same problem. */
import { describe, expect, it } from 'vitest';
import { duplicateDoc } from '../../src-main/audit/duplicate-scan.js';
import { findDuplicates, jaccard, shingleSet } from '../../src-main/audit/duplicates.js';
import { normalizeProgram, problemWords } from '../../src-main/audit/normalize-text.js';
import { reasonKey } from '../../src-main/audit/reason-key.js';

const LONG =
  'A bakery sells {boxes} boxes of muffins every morning. Each box holds {per_box} muffins and the bakers keep {kept} muffins for the staff lunch. ' +
  'In the afternoon a school orders {extra} more muffins for a party in the gym. How many muffins does the bakery bake each day in total?';
const PROGRAM = 'def solution(boxes, per_box, kept, extra):\n    # muffins sold in boxes\n    sold = boxes * per_box\n    return sold + kept + extra\n';

describe('normalization', () => {
  it('reads placeholders as {}, numbers as #, case and punctuation away', () => {
    expect(problemWords('Tom has {apples} apples,  and 1,250 PEARS!', 'braces', ['apples'])).toEqual(['tom', 'has', '{}', 'apples', 'and', '#', 'pears']);
    expect(problemWords('Tom has count apples and 3.5 pears.', 'bare', ['count'])).toEqual(['tom', 'has', '{}', 'apples', 'and', '#', 'pears']);
    expect(problemWords('Tom has <n> pears.', 'angle', ['n'])).toEqual(['tom', 'has', '{}', 'pears']);
  });

  it('drops comments and layout from programs but keeps strings and code', () => {
    const a = normalizeProgram('def f(x):\n    # double it\n    return x * 2  # done\n');
    const b = normalizeProgram('def f(x):\n\n\n    return x*2\n');
    expect(a).toBe(b);
    expect(normalizeProgram('x = "# not a comment"\nresult = x')).toContain('"# not a comment"');
    expect(normalizeProgram('def f(x):\n    return x * 3\n')).not.toBe(a);
  });
});

describe('shingles', () => {
  it('gives exact Jaccard similarity of word 3-shingles', () => {
    const a = shingleSet(['a', 'b', 'c', 'd', 'e']);
    const b = shingleSet(['a', 'b', 'c', 'd', 'f']);
    expect(a.length).toBe(3);
    expect(jaccard(a, a)).toBe(1);
    // {abc, bcd, cde} vs {abc, bcd, cdf}: 2 shared of 4.
    expect(jaccard(a, b)).toBe(0.5);
  });
});

describe('findDuplicates', () => {
  const docs = [
    duplicateDoc('t.1', LONG, 'braces', ['boxes', 'per_box', 'kept', 'extra'], PROGRAM),
    // Same problem: other placeholder names, case and spacing; same program up to comments.
    duplicateDoc(
      't.2',
      LONG.replace('{boxes}', '{n_boxes}').replace('A bakery', 'a  bakery'),
      'braces',
      ['n_boxes', 'per_box', 'kept', 'extra'],
      PROGRAM.replace('# muffins sold in boxes', '# sold'),
    ),
    // The same wording with another program.
    duplicateDoc('t.3', LONG, 'braces', ['boxes', 'per_box', 'kept', 'extra'], 'def solution(boxes, per_box, kept, extra):\n    return boxes * per_box - kept + extra\n'),
    // A number where t.1 has a placeholder: `#` is not `{}`, so only near.
    duplicateDoc('t.3b', LONG.replace('{extra}', '36'), 'braces', ['boxes', 'per_box', 'kept'], 'def solution(boxes, per_box, kept):\n    return boxes * per_box + kept + 36\n'),
    // One word changed in 48: a near-duplicate.
    duplicateDoc('t.4', LONG.replace('school', 'club'), 'braces', ['boxes', 'per_box', 'kept', 'extra'], PROGRAM),
    // A different problem.
    duplicateDoc('t.5', 'A train leaves at {hour} and travels {speed} miles per hour for {time} hours. How far does it travel before it stops?', 'braces', ['hour', 'speed', 'time'], 'result = speed * time'),
    // Short texts are only compared exactly.
    duplicateDoc('t.6', 'Add {a} and {b}.', 'braces', ['a', 'b'], 'result = a + b'),
    duplicateDoc('t.7', 'Add {x} and {y}!', 'braces', ['x', 'y'], 'result = x + y'),
    duplicateDoc('t.8', 'Add {a} to {b}.', 'braces', ['a', 'b'], 'result = a + b'),
  ];

  it('marks later copies with the earliest template and a reason', () => {
    const found = findDuplicates(docs);
    expect(found.get('t.1')).toBeUndefined();
    expect(found.get('t.2')).toMatchObject({ of: 't.1', kind: 'duplicate', similarity: 1, samePrograms: true, reason: 'duplicate of t.1' });
    expect(found.get('t.3')).toMatchObject({ of: 't.1', kind: 'duplicate', samePrograms: false, reason: 'duplicate of t.1 (same problem, different program)' });
    const near = found.get('t.4');
    expect(near).toMatchObject({ of: 't.1', kind: 'near-duplicate', samePrograms: true });
    expect(near?.similarity).toBeGreaterThanOrEqual(0.85);
    expect(near?.similarity).toBeLessThan(1);
    expect(near?.reason).toMatch(/^near-duplicate of t\.1 \(\d+% the same wording\)$/);
    expect(found.get('t.3b')).toMatchObject({ of: 't.1', kind: 'near-duplicate', samePrograms: false });
    expect(found.get('t.5')).toBeUndefined();
    expect(found.get('t.7')).toMatchObject({ of: 't.6', kind: 'duplicate', samePrograms: false });
    expect(found.get('t.8')).toBeUndefined();
    expect(found.size).toBe(5);
  });

  it('tells expanded forms of different place values apart (numbers are #, but not the same wording)', () => {
    const names = ['a', 'b', 'c', 'd', 'e'];
    const millions = duplicateDoc('m.1', 'Write as one number: ${a} \\times 1{,}000{,}000 + {b} \\times 10{,}000 + {c} \\times 100$', 'braces', names, 'p1');
    const tens = duplicateDoc('m.2', 'Write as one number: ${a} \\times 10{,}000 + {b} \\times 1{,}000 + {c} \\times 100 + {d} \\times 10 + {e}$', 'braces', names, 'p2');
    expect(findDuplicates([tens, millions]).size).toBe(0);
    const minus = duplicateDoc('m.3', 'Evaluate ${a} - {b} \\times {c}$.', 'braces', names, 'p3');
    const plus = duplicateDoc('m.4', 'Evaluate ${a} + {b} \\times {c}$.', 'braces', names, 'p4');
    expect(findDuplicates([minus, plus]).size).toBe(0);
    const asPercent = duplicateDoc('m.5', 'Write {x} as a fraction in simplest form.', 'braces', ['x'], 'p5', { x: 'percent' });
    const asDecimal = duplicateDoc('m.6', 'Write {x} as a fraction in simplest form.', 'braces', ['x'], 'p6', { x: 'decimal' });
    expect(findDuplicates([asPercent, asDecimal]).size).toBe(0);
  });

  it('does not call texts near-duplicates below the threshold', () => {
    // Two words changed far apart: 6 of 46 shingles differ.
    const changed = LONG.replace('every morning', 'every evening').replace('school orders', 'club orders');
    const pair = [docs[0], duplicateDoc('u.2', changed, 'braces', ['boxes', 'per_box', 'kept', 'extra'], PROGRAM)].filter((d) => d !== undefined);
    const sim = jaccard(shingleSet(pair[0]?.words ?? []), shingleSet(pair[1]?.words ?? []));
    expect(sim).toBeLessThan(0.85);
    expect(sim).toBeGreaterThan(0.7);
    expect(findDuplicates(pair).size).toBe(0);
    expect(findDuplicates(pair, { threshold: sim - 0.01 }).get('u.2')?.kind).toBe('near-duplicate');
  });

  it('finds every planted copy among 20,000 distinct texts', () => {
    const vocab = Array.from({ length: 2000 }, (_, i) => `w${i.toString(36)}`);
    let state = 12345;
    const rand = (): number => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return state / 2 ** 32;
    };
    const many = Array.from({ length: 20_000 }, (_, i) => ({ id: `r.${i}`, words: Array.from({ length: 30 }, () => vocab[Math.floor(rand() * vocab.length)] ?? 'x'), program: `p${i}` }));
    // Every 1000th text reappears with one word changed at the end.
    const copies = many.filter((_, i) => i % 1000 === 0).map((d) => ({ id: `${d.id}.copy`, words: [...d.words.slice(0, -1), 'changed'], program: d.program }));
    const found = findDuplicates([...many, ...copies]);
    expect(found.size).toBe(copies.length);
    for (const c of copies) expect(found.get(c.id)).toMatchObject({ of: c.id.replace(/\.copy$/, ''), kind: 'near-duplicate', samePrograms: true });
  });

  it('rejects a threshold outside (0, 1]', () => {
    expect(() => findDuplicates([], { threshold: 0 })).toThrow(/threshold must be in \(0, 1\]; got 0/);
  });
});

describe('reasonKey', () => {
  it('groups alike reasons', () => {
    expect(reasonKey('only 35% of draws are valid')).toBe(reasonKey('only 40.5% of draws are valid'));
    expect(reasonKey('duplicate of a.1')).toBe(reasonKey('duplicate of pot.gsmhardv2.17'));
    expect(reasonKey('near-duplicate of a.1 (85% the same wording)')).toBe('near-duplicate of … (…)');
  });
});
