/** The program-of-thought auto-templatizer on every row of PAL's gsm-hard (moved from tests/importers/pot-templatize.test.ts). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { templatizePot } from '../../src-main/importers/pot-templatize.js';
import type { PotResult } from '../../src-main/importers/pot-templatize.js';
import { findPlaceholders } from '../../src-main/template/placeholders.js';
import type { Template } from '../../src-main/template/template.types.js';
import { corpusFile } from './corpora-dir.js';

function tpl(r: PotResult): Template {
  if (!r.template) throw new Error(`expected a template, got ${r.status}: ${r.reason ?? ''}`);
  return r.template;
}

describe('templatizePot on all 1,319 rows of PAL gsm-hard', () => {
  const corpus = corpusFile('pal/gsmhardv2.jsonl');
  const rows = readFileSync(corpus, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as unknown);
  const results = rows.map((row, i) => templatizePot(row, { lineNo: i + 1, fileId: 'gsmhardv2.jsonl' }));

  it('templatizes most rows (measured: 759 templatized, 487 partial, 73 refused)', () => {
    expect(rows).toHaveLength(1319);
    const counts = { templatized: 0, partial: 0, refused: 0 };
    for (const r of results) counts[r.status]++;
    expect(counts).toEqual({ templatized: 759, partial: 487, refused: 73 });
    expect((counts.templatized + counts.partial) / rows.length).toBeGreaterThanOrEqual(0.85);
    expect(results.reduce((n, r) => n + r.lifted.length, 0)).toBe(2976);
  });

  it('gives every lifted variable exactly one placeholder and one parameter', () => {
    for (const r of results) {
      if (r.status === 'refused') continue;
      const t = tpl(r);
      const names = r.lifted.map((l) => l.param);
      expect(Object.keys(t.variables)).toEqual(names);
      const occ = findPlaceholders(t.generic_problem, 'braces', names).map((o) => o.name);
      expect([...occ].sort()).toEqual([...names].sort());
      // Imports before the function are kept, so look for the header rather than the first line.
      expect(t.program.split('\n').filter((l) => l.startsWith('def solution('))).toEqual([`def solution(${names.join(', ')}):`]);
    }
  });

  it('row 1 (Janet’s ducks): four numbers lifted, words and money included', () => {
    const r = results[0];
    expect(r?.status).toBe('templatized');
    const t = tpl(r as PotResult);
    expect(t.generic_problem).toBe(
      "Janet’s ducks lay {eggs_per_day} eggs per day. She eats {eggs_eaten} for breakfast every morning and bakes muffins for her friends every day with {eggs_baked}. She sells the remainder at the farmers' market daily for ${price_per_egg} per fresh duck egg. How much in dollars does she make every day at the farmers' market?",
    );
    expect(t.variables).toEqual({ eggs_per_day: 16, eggs_eaten: 3, eggs_baked: 4933828, price_per_egg: 2 });
    expect(t.original_answer).toBe(-9867630);
    expect(t.program).toContain('def solution(eggs_per_day, eggs_eaten, eggs_baked, price_per_egg):\n    """Janet’s ducks lay 16 eggs per day.');
    expect(t.program.endsWith('    eggs_sold = eggs_per_day - eggs_eaten - eggs_baked\n    money_made = eggs_sold * price_per_egg\n    result = money_made\n    return result\n')).toBe(true);
  });

  it('row 3 (sprints): the blown-up number is written twice, so only the meters are lifted', () => {
    const r = results[2] as PotResult;
    expect(r.status).toBe('partial');
    expect(r.lifted.map((l) => l.name)).toEqual(['meters_per_sprint']);
    expect(r.fixed.map((f) => [f.name, f.category])).toEqual([
      ['sprints_per_day', 'ambiguous'],
      ['days_per_week', 'absent'],
    ]);
  });

  it('row 11 (merchant): percents written as fractions become *_percent parameters', () => {
    const t = tpl(results[10] as PotResult);
    expect(t.variables).toEqual({ jewelry_initial: 5000, jewelry_percent_increase_percent: 2.5, gadgets_initial: 8000, gadgets_percent_increase_percent: 1.2 });
    expect(t.generic_problem).toContain('jewelry worth ${jewelry_initial} or electronic gadgets worth ${gadgets_initial}');
    expect(t.program).toContain('    jewelry_percent_increase = jewelry_percent_increase_percent / 100\n');
  });

  it('row 16 (candle): refused, the only assignment is not in the question', () => {
    expect(results[15]).toMatchObject({ status: 'refused', reason: 'every number was kept fixed (candle_length_initial: value 100 not found in the question)' });
  });
});
