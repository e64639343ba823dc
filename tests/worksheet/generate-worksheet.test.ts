/**
 * Generating a worksheet with the real sandbox and the starter library: reproducible by seed, every key
 * entry re-checked by running the program again, no duplicates across versions, balanced versions,
 * regenerating and locking one item, and clear errors.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateInstances } from '../../src-main/engine/generate.js';
import { prepareTemplate } from '../../src-main/engine/prepared-template.js';
import type { SandboxPool } from '../../src-main/sandbox/pool.js';
import { templateSchema, type Template } from '../../src-main/template/template.types.js';
import { generateWorksheet, templateLookup } from '../../src-main/worksheet/generate-worksheet.js';
import { inlineKatexCss } from '../../src-main/worksheet/katex-css.js';
import { renderWorksheetHtml } from '../../src-main/worksheet/worksheet-html.std.js';
import { lockItem, parseWorksheetSpec, regenerateItem } from '../../src-main/worksheet/worksheet-spec.std.js';
import type { GeneratedWorksheet, WorksheetProblem } from '../../src-main/worksheet/worksheet-types.std.js';
import { createTestPool } from '../helpers/sandbox.js';
import { fractionsSpec, starterLookup, starterTemplates } from './fixture.js';

let pool: SandboxPool;
let sheet: GeneratedWorksheet;

const html = (s: GeneratedWorksheet): string => renderWorksheetHtml(s, { katexCss: inlineKatexCss() });
/** What a problem is, numbers included, ignoring where it sits. */
const identity = (p: WorksheetProblem): string => `${p.instance.templateId}#${p.instance.seed}:${JSON.stringify(p.instance.values)}`;
const itemProblems = (s: GeneratedWorksheet, item: number): string[] => s.versions.flatMap((v) => v.problems.filter((p) => p.itemIndex === item).map(identity));

beforeAll(async () => {
  pool = await createTestPool();
  sheet = await generateWorksheet(pool, fractionsSpec(7), starterLookup());
});
afterAll(async () => {
  await pool.close();
});

describe('generateWorksheet', () => {
  it('gives every version the same items in the same order, numbered 1..20', () => {
    expect(sheet.versions.map((v) => v.label)).toEqual(['A', 'B', 'C', 'D']);
    const order = sheet.versions[0]?.problems.map((p) => p.instance.templateId);
    expect(order).toHaveLength(20);
    for (const v of sheet.versions) {
      expect(v.problems.map((p) => p.number)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      expect(v.problems.map((p) => p.instance.templateId)).toEqual(order);
    }
    expect(sheet.seeds).toHaveLength(20);
    expect(sheet.seeds.every((perVersion) => perVersion.length === 4 && perVersion.every((s) => s.length === 1))).toBe(true);
  });

  it('same spec and seed: identical HTML and answers; another seed: other numbers', async () => {
    const again = await generateWorksheet(pool, fractionsSpec(7), starterLookup());
    expect(html(again)).toBe(html(sheet));
    expect(again.versions.map((v) => v.problems.map((p) => p.instance.answerText))).toEqual(sheet.versions.map((v) => v.problems.map((p) => p.instance.answerText)));
    // Same templates, another sheet seed: the numbers change.
    const other = await generateWorksheet(pool, { ...fractionsSpec(7), seed: 8 }, starterLookup());
    const values = (s: GeneratedWorksheet): string[] => s.versions.flatMap((v) => v.problems.map((p) => JSON.stringify(p.instance.values)));
    const same = values(other).filter((x, i) => x === values(sheet)[i]).length;
    expect(same).toBeLessThan(10); // of 80; a few tiny domains may repeat by chance
    expect(html(other)).not.toBe(html(sheet));
  });

  it('every key entry is what the program gives when run again on that instance', async () => {
    const byId = starterLookup();
    for (const v of sheet.versions) {
      for (const p of v.problems) {
        const prepared = await prepareTemplate(pool, byId(p.instance.templateId) as Template);
        const fresh = await generateInstances(pool, prepared, [p.instance.seed]);
        const again = fresh.outcomes[0]?.instance;
        expect(again, `${identity(p)} did not regenerate`).toBeDefined();
        expect(again?.values).toEqual(p.instance.values);
        expect(again?.answer).toEqual(p.instance.answer);
        expect(again?.answerText).toBe(p.instance.answerText);
      }
    }
  });

  it('has no duplicate problem inside a sheet or across its versions', () => {
    const all = sheet.versions.flatMap((v) => v.problems.map((p) => identity(p)));
    expect(new Set(all).size).toBe(80);
    // Same numbers with another name count as a duplicate too: compare without word-list values.
    const numbers = sheet.versions.flatMap((v) =>
      v.problems.map((p) => `${p.instance.templateId}:${JSON.stringify(Object.entries(p.instance.values).filter(([, x]) => typeof x === 'number'))}`),
    );
    expect(new Set(numbers).size).toBe(80);
  });

  it('reports the balance of each item across versions', () => {
    expect(sheet.balance).toHaveLength(20);
    for (const b of sheet.balance) {
      expect(b.perVersion).toHaveLength(4);
      expect(b.spread.steps).toBe(0);
      for (const m of ['magnitude', 'digits', 'whole'] as const) {
        const values = b.perVersion.map((x) => x[m]);
        expect(b.spread[m]).toBeCloseTo(Math.max(...values) - Math.min(...values), 12);
      }
    }
    // Balanced: answers of one item stay within a factor of about 3 of each other across versions on most items.
    const tight = sheet.balance.filter((b) => b.spread.magnitude <= 0.5).length;
    expect(tight).toBeGreaterThanOrEqual(16);
  });

  it('regenerating one item changes its numbers only', async () => {
    const spec = regenerateItem(parseWorksheetSpec(fractionsSpec(7)), 3);
    const next = await generateWorksheet(pool, spec, starterLookup());
    for (let i = 0; i < 20; i++) {
      if (i === 3) expect(itemProblems(next, i)).not.toEqual(itemProblems(sheet, i));
      else expect(itemProblems(next, i), `item ${i}`).toEqual(itemProblems(sheet, i));
    }
  });

  it('a locked item keeps its numbers when the sheet seed changes; reordering items keeps every problem', async () => {
    const locked = lockItem(parseWorksheetSpec(fractionsSpec(7)), 0, sheet.seeds[0] ?? []);
    const reseeded = await generateWorksheet(pool, { ...locked, seed: 99 }, starterLookup());
    expect(itemProblems(reseeded, 0)).toEqual(itemProblems(sheet, 0));
    expect(itemProblems(reseeded, 1)).not.toEqual(itemProblems(sheet, 1));
    expect(reseeded.balance[0]?.locked).toBe(true);

    const spec = parseWorksheetSpec(fractionsSpec(7));
    const reversed = await generateWorksheet(pool, { ...spec, items: [...spec.items].reverse() }, starterLookup());
    for (let i = 0; i < 20; i++) expect(itemProblems(reversed, 19 - i)).toEqual(itemProblems(sheet, i));
  });

  it('fails clearly on an unknown template or when a template cannot give enough different problems', async () => {
    await expect(generateWorksheet(pool, { seed: 1, items: [{ templateId: 'no.such', count: 1 }] }, starterLookup())).rejects.toThrow(/no template with id "no\.such"/);
    const tiny: Template = templateSchema.parse({
      id: 'test.tiny',
      generic_problem: 'What is {a} + 1?',
      program: 'def solution(a):\n    return a + 1\n',
      variables: { a: 1 },
      domains: { a: { kind: 'choice', values: [1, 2] } },
    });
    const lookup = templateLookup([...starterTemplates(), tiny]);
    await expect(generateWorksheet(pool, { seed: 1, versions: 3, items: [{ templateId: 'test.tiny', count: 1 }] }, lookup)).rejects.toThrow(
      /item 1 \(test\.tiny\) needs 3 different problems \(3 version\(s\) × 1\) but only 2 could be drawn/,
    );
    const two = await generateWorksheet(pool, { seed: 1, versions: 2, items: [{ templateId: 'test.tiny', count: 1 }] }, lookup);
    expect(two.versions.map((v) => v.problems[0]?.instance.answerText).sort()).toEqual(['2', '3']);
  });
});
