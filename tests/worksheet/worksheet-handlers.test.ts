/**
 * The worksheet methods through the contract's dispatcher (validation included), on a real library file with
 * the starter pack and the real sandbox: template picker, preview (identical for identical specs, one item
 * regenerated, a locked item surviving a seed change), saved sheets regenerating identically, export files.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiArgs, ApiMethod, ApiResults } from '../../src-main/api/contract.std.js';
import { dispatch } from '../../src-main/api/dispatch.js';
import type { WorksheetPreview } from '../../src-main/api/worksheet-contract.std.js';
import type { HandlerDeps } from '../../src-main/app/handler-deps.js';
import { createWorksheetHandlers } from '../../src-main/app/worksheet-handlers.js';
import { ensureStarterPack } from '../../src-main/library/starter-pack.js';
import type { SandboxPool } from '../../src-main/sandbox/pool.js';
import { openDatabase, type AppDatabase } from '../../src-main/storage/database.js';
import { lockItem, parseWorksheetSpec, regenerateItem, type WorksheetSpec } from '../../src-main/worksheet/worksheet-spec.std.js';
import { createTestPool } from '../helpers/sandbox.js';
import { withUnavailable } from '../helpers/stub-handlers.js';
import { fractionsSpec } from './fixture.js';
import { SolutionSupply } from '../../src-main/app/solution-supply.js';

let dir: string;
let app: AppDatabase;
let pool: SandboxPool;
const controller = new AbortController();

function deps(mode: 'browser' | 'electron' = 'browser'): HandlerDeps {
  return { db: app.db, pool: () => Promise.resolve(pool), emit: () => undefined, now: () => 1_700_000_000_000, signal: controller.signal, mode, dataDir: dir, solutions: new SolutionSupply(() => Promise.resolve(pool)) };
}

type Caller = <M extends ApiMethod>(method: M, args: ApiArgs<M>) => Promise<ApiResults[M]>;

/** A fresh handler set (its own preview cache) called through dispatch, so argument validation is exercised too. */
function caller(mode: 'browser' | 'electron' = 'browser'): Caller {
  const handlers = withUnavailable(createWorksheetHandlers(deps(mode)));
  return async (method, args) => {
    const res = await dispatch(handlers, method, args);
    if (!res.ok) throw new Error(`${res.error.code}: ${res.error.message}`);
    return res.value as ApiResults[typeof method];
  };
}

const spec7: WorksheetSpec = parseWorksheetSpec(fractionsSpec(7));
/** Each problem of an item, per version, as "template#seed: text". */
const problemsOf = (p: WorksheetPreview, item: number): string[] =>
  p.versions.flatMap((v) => v.problems.filter((x) => x.itemIndex === item).map((x) => `${v.label} ${x.templateId}#${x.seed}: ${x.text}`));

let base: WorksheetPreview;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'im-ws-handlers-'));
  app = openDatabase(path.join(dir, 'lib.sqlite'));
  ensureStarterPack(app.db);
  pool = await createTestPool();
  base = await caller()('worksheets.preview', { spec: spec7 });
});
afterAll(async () => {
  controller.abort();
  await pool.close();
  app.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('worksheets.templates', () => {
  it('filters by strand, grade, difficulty and search, and offers the menus', async () => {
    const call = caller();
    const fractions = await call('worksheets.templates', { filter: { strand: 'fractions' } });
    expect(fractions.total).toBeGreaterThanOrEqual(15);
    expect(fractions.templates.every((t) => t.strand === 'fractions' && t.strandLabel === 'Fractions')).toBe(true);
    const pizza = fractions.templates.find((t) => t.id === 'starter.fractions.pizza-left');
    expect(pizza).toMatchObject({ topic: 'fraction-of-a-whole', grade: { min: 3, max: 4 }, difficulty: 1 });
    expect(pizza?.sample).toBe('A pizza is cut into 8 equal slices. Ben eats 3 of the slices. What fraction of the pizza is left?');
    expect(fractions.strands.find((s) => s.strand === 'ratio-rate')).toMatchObject({ label: 'Ratio, rate & proportion' });
    expect(fractions.grades).toEqual([3, 4, 5, 6, 7, 8, 9, 10]);

    const grade3 = await call('worksheets.templates', { filter: { strand: 'fractions', grade: 3, difficulty: 1 } });
    expect(grade3.templates.length).toBeGreaterThan(0);
    expect(grade3.templates.every((t) => t.grade !== null && t.grade.min <= 3 && t.grade.max >= 3 && t.difficulty === 1)).toBe(true);
    expect(grade3.total).toBeLessThan(fractions.total);

    const search = await call('worksheets.templates', { filter: { search: 'pizza slices' } });
    expect(search.templates.map((t) => t.id)).toContain('starter.fractions.pizza-left');
    expect((await call('worksheets.templates', { filter: { search: '?!' }, limit: 5 })).templates).toHaveLength(5);
    expect((await call('worksheets.templates', { filter: { strand: 'no-such-strand' } })).total).toBe(0);
    await expect(call('worksheets.templates', { filter: { grade: 20 } })).rejects.toThrow(/bad-request: worksheets.templates: filter.grade: /);
  });
});

describe('worksheets.preview', () => {
  it('gives every version, the balance, the seeds and the print HTML of the asked version with its key', () => {
    expect(base.versions.map((v) => v.label)).toEqual(['A', 'B', 'C', 'D']);
    expect(base.versions.every((v) => v.problems.length === 20)).toBe(true);
    expect(base.balance).toHaveLength(20);
    expect(base.seeds).toHaveLength(20);
    expect(base.version).toBe(0);
    expect(base.html.match(/class="problem"/g)).toHaveLength(20);
    expect(base.html.match(/class="key-entry"/g)).toHaveLength(20);
    expect(base.html).toContain('data-version="A"');
    expect(base.html).not.toContain('data-version="B"');
    expect(base.html).not.toMatch(/<script/i);
  });

  it('is identical for an identical spec (another handler set, no shared cache) and differs per version', async () => {
    const again = await caller()('worksheets.preview', { spec: fractionsSpec(7) });
    expect(again.html).toBe(base.html);
    expect(again.versions).toEqual(base.versions);
    const b = await caller()('worksheets.preview', { spec: spec7, version: 1 });
    expect(b.html).toContain('data-version="B"');
    expect(b.versions).toEqual(base.versions);
    // Print settings change the page, never the numbers.
    const call = caller();
    await call('worksheets.preview', { spec: spec7 });
    const restyled = await call('worksheets.preview', { spec: { ...spec7, title: 'Week 3', columns: 2, workingSpace: 'none' } });
    expect(restyled.versions).toEqual(base.versions);
    expect(restyled.spec.title).toBe('Week 3');
    expect(restyled.html).toContain('<h1>Week 3</h1>');
    expect(restyled.html).toContain('class="problems cols-2"');
    expect(restyled.html).not.toContain('<h1>Fractions practice</h1>');
    const textsA = base.versions[0]?.problems.map((p) => p.text);
    const textsB = base.versions[1]?.problems.map((p) => p.text);
    expect(textsB?.filter((t, i) => t === textsA?.[i])).toHaveLength(0);
  });

  it('regenerating item 1 changes only item 1', async () => {
    const next = await caller()('worksheets.preview', { spec: regenerateItem(spec7, 0) });
    const before = problemsOf(base, 0);
    const after = problemsOf(next, 0);
    expect(after).toHaveLength(4);
    expect(after.filter((p) => before.includes(p))).toHaveLength(0);
    for (let item = 1; item < 20; item++) expect(problemsOf(next, item)).toEqual(problemsOf(base, item));
  });

  it('keeps a locked item through a seed change, while the others change', async () => {
    const locked = lockItem(spec7, 2, base.seeds[2] ?? []);
    const reseeded = await caller()('worksheets.preview', { spec: { ...locked, seed: 8 } });
    expect(problemsOf(reseeded, 2)).toEqual(problemsOf(base, 2));
    expect(reseeded.balance[2]?.locked).toBe(true);
    const changed = Array.from({ length: 20 }, (_, i) => i).filter((i) => i !== 2 && problemsOf(reseeded, i).join() !== problemsOf(base, i).join());
    expect(changed.length).toBeGreaterThan(15);
  });

  it('refuses specifically: version out of range, unknown template, too few problems, bad fields', async () => {
    const call = caller();
    await expect(call('worksheets.preview', { spec: spec7, version: 4 })).rejects.toThrow('bad-request: worksheets.preview: version 5 asked for, but the sheet has 4 version(s)');
    await expect(call('worksheets.preview', { spec: { seed: 1, items: [{ templateId: 'nope.template', count: 1 }] } })).rejects.toThrow(
      'not-found: worksheet: no template with id "nope.template" in this library',
    );
    await expect(call('worksheets.preview', { spec: { seed: 1, versions: 26, items: [{ templateId: 'starter.fractions.pizza-left', count: 100 }] } })).rejects.toThrow(
      /bad-request: worksheet: item 1 \(starter.fractions.pizza-left\) needs 2600 different problems .* lower its count or the number of versions/,
    );
    await expect(call('worksheets.preview', { spec: { ...spec7, columns: 3 } as never })).rejects.toThrow(/bad-request: worksheets.preview: spec.columns: /);
    await expect(call('worksheets.preview', { spec: { ...spec7, items: [] } })).rejects.toThrow(/bad-request: worksheets.preview: spec.items: /);
  });
});

describe('saved worksheets', () => {
  it('save, reopen, regenerate: identical HTML; update, duplicate, list, delete', async () => {
    const call = caller();
    const saved = await call('worksheets.save', { spec: lockItem(regenerateItem(spec7, 0), 3, base.seeds[3] ?? []) });
    expect(saved).toMatchObject({ title: 'Fractions practice', createdAt: 1_700_000_000_000 });
    const first = await call('worksheets.preview', { spec: saved.spec });

    // Reopened by another handler set (as after a restart): same spec, same printed sheet.
    const reopened = await caller()('worksheets.get', { id: saved.id });
    expect(reopened.spec).toEqual(saved.spec);
    const again = await caller()('worksheets.preview', { spec: reopened.spec });
    expect(again.html).toBe(first.html);

    const renamed = await call('worksheets.save', { id: saved.id, spec: { ...saved.spec, title: 'Fractions, week 3' } });
    expect(renamed).toMatchObject({ id: saved.id, title: 'Fractions, week 3' });
    const copy = await call('worksheets.duplicate', { id: saved.id });
    expect(copy.title).toBe('Fractions, week 3 (copy)');
    expect((await call('worksheets.preview', { spec: copy.spec })).versions).toEqual(again.versions);
    expect((await call('worksheets.list', {})).map((w) => [w.title, w.versions, w.problems])).toEqual([
      ['Fractions, week 3 (copy)', 4, 20],
      ['Fractions, week 3', 4, 20],
    ]);
    await expect(call('worksheets.delete', { id: copy.id })).resolves.toEqual({ deleted: true });
    await expect(call('worksheets.delete', { id: copy.id })).rejects.toThrow(`not-found: worksheets.delete: no saved worksheet with id ${copy.id}`);
    await expect(call('worksheets.get', { id: copy.id })).rejects.toThrow(/^not-found: /);
    await expect(call('worksheets.save', { id: 9999, spec: spec7 })).rejects.toThrow('not-found: saveWorksheet: no saved worksheet with id 9999');
    await expect(call('worksheets.get', { id: -1 })).rejects.toThrow(/bad-request: worksheets.get: id: /);
  });
});

describe('worksheets.export', () => {
  it('HTML and LaTeX files named after the title, split by key mode and version', async () => {
    const call = caller();
    const separate = await call('worksheets.export', { spec: spec7, format: 'html', key: 'separate' });
    expect(separate.savedTo).toBeNull();
    expect(separate.files.map((f) => [f.name, f.mime])).toEqual([
      ['fractions-practice.html', 'text/html;charset=utf-8'],
      ['fractions-practice-key.html', 'text/html;charset=utf-8'],
    ]);
    const sheets = Buffer.from(separate.files[0]?.base64 ?? '', 'base64').toString('utf8');
    expect(sheets.match(/class="problem"/g)).toHaveLength(80);
    expect(sheets).not.toContain('class="key-entry"');
    const perVersion = await call('worksheets.export', { spec: spec7, format: 'tex', split: 'per-version' });
    expect(perVersion.files.map((f) => f.name)).toEqual(['fractions-practice-A.tex', 'fractions-practice-B.tex', 'fractions-practice-C.tex', 'fractions-practice-D.tex']);
    expect(Buffer.from(perVersion.files[1]?.base64 ?? '', 'base64').toString('utf8')).toMatch(/\\documentclass.*\n[\s\S]*Version B/);
  });

  it('a real PDF in browser mode; print HTML for the main process in the desktop app', async () => {
    const pdf = await caller()('worksheets.export', { spec: { ...spec7, versions: 2, items: spec7.items.slice(0, 6) }, format: 'pdf' });
    expect(pdf.files.map((f) => f.name)).toEqual(['fractions-practice.pdf']);
    const bytes = Buffer.from(pdf.files[0]?.base64 ?? '', 'base64');
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(bytes.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length).toBeGreaterThanOrEqual(4);

    const deferred = await caller('electron')('worksheets.export', { spec: spec7, format: 'pdf', key: 'separate' });
    expect(deferred.files.map((f) => [f.name, f.base64, f.print?.paper])).toEqual([
      ['fractions-practice.pdf', '', 'A4'],
      ['fractions-practice-key.pdf', '', 'A4'],
    ]);
    expect(deferred.files[1]?.print?.html.match(/class="key-entry"/g)).toHaveLength(80);
  });

  it('worked solutions in the key when the spec asks for them', async () => {
    const small = { ...spec7, versions: 1, workedSolutions: true, items: spec7.items.slice(0, 3) };
    const preview = await caller()('worksheets.preview', { spec: small });
    expect(preview.html.match(/<ol class="steps">/g)?.length).toBeGreaterThanOrEqual(2);
    const plain = await caller()('worksheets.preview', { spec: { ...small, workedSolutions: false } });
    expect(plain.html).not.toContain('<ol class="steps">');
  });
});
