/**
 * Exports on a real SQLite file with the real sandbox: InfinityMATH and native round trips (import →
 * export → import gives the same templates), chat and Alpaca records whose programs-of-thought print
 * their stated answers when run again, robustness sets, `only`, dedupe, and the export job's
 * progress, cancel and errors.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportJobSummary } from '../../src-main/api/library-contract.std.js';
import { dispatch } from '../../src-main/api/dispatch.js';
import { prepareTemplate } from '../../src-main/engine/prepared-template.js';
import { runExport, type ExportOptions } from '../../src-main/export/export-runner.js';
import { programOfResponse } from '../../src-main/export/program-of-thought.js';
import { ALPACA_INSTRUCTION, SYSTEM_PROMPT, type AlpacaRecord, type ChatRecord, type RobustnessRecord } from '../../src-main/export/training-records.js';
import { importFile } from '../../src-main/importers/import-runner.js';
import { STARTER_PACK_ID } from '../../src-main/library/starter-pack.js';
import { openDatabase } from '../../src-main/storage/database.js';
import { createPack } from '../../src-main/storage/packs.repo.js';
import { getTemplate, listStoredTemplates, setTemplateReview, upsertTemplates } from '../../src-main/storage/templates.repo.js';
import { answersEqual } from '../../src-main/template/answer-shape.js';
import { formatAnswer } from '../../src-main/template/format-value.js';
import type { Template } from '../../src-main/template/template.types.js';
import { writeSyntheticFile } from '../helpers/synthetic-infinitymath.js';
import { withUnavailable } from '../helpers/stub-handlers.js';
import { createJobFixture, type JobFixture } from '../audit/job-fixture.js';

let fx: JobFixture;
/** A handful of starter templates of every kind of answer (fractions, money, percent…). */
const SAMPLE_FILTER = { packId: STARTER_PACK_ID, grade: 6, strand: 'fractions' } as const;

/** These tests rewrite the same file again and again: they replace it (destinations: export-destination.test.ts). */
function opts(partial: Partial<ExportOptions> & Pick<ExportOptions, 'format' | 'out'>): ExportOptions {
  return { filter: {}, perTemplate: 1, only: 'all', dedupe: false, overwrite: true, ...partial };
}

function lines(file: string): unknown[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as unknown);
}

function templatesOf(file: string, packId: string | undefined): Template[] {
  const db = openDatabase(file, { readonly: true });
  try {
    return listStoredTemplates(db.db, { ...(packId ? { packId } : {}), limit: 5000 }).map((s) => s.template);
  } finally {
    db.close();
  }
}

async function importInto(dbFile: string, jsonl: string, format: 'infinitymath' | 'native'): Promise<string> {
  const db = openDatabase(dbFile);
  try {
    return (await importFile(db.db, jsonl, { format })).packId;
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  fx = await createJobFixture('im-export-');
}, 120_000);

afterAll(async () => {
  await fx.close();
});

describe('InfinityMATH export', () => {
  it('round-trips the synthetic InfinityMATH file: the same rows, then the same templates', async () => {
    const source = path.join(fx.dir, 'synthetic.jsonl');
    writeSyntheticFile(source, 60);
    const first = path.join(fx.dir, 'first.sqlite');
    const pack = await importInto(first, source, 'infinitymath');
    const out = path.join(fx.dir, 'im-export.jsonl');
    const db = openDatabase(first);
    const summary = await runExport(db.db, undefined, opts({ filter: { packId: pack }, format: 'infinitymath', out }));
    db.close();
    expect(summary).toEqual({ out, templates: 60, records: 60, skippedDuplicates: 0, cancelled: false });
    // Without edits, every row is written back as it was read: keys, key order and value forms (only the
    // order of keys inside `variables` is the stored template's, which is sorted).
    expect(lines(out)).toEqual(lines(source));
    expect((lines(out) as Record<string, unknown>[]).map((r) => Object.keys(r))).toEqual((lines(source) as Record<string, unknown>[]).map((r) => Object.keys(r)));
    const second = path.join(fx.dir, 'second.sqlite');
    const pack2 = await importInto(second, out, 'infinitymath');
    expect(templatesOf(second, pack2)).toEqual(templatesOf(first, pack));
  }, 60_000);

  it('round-trips the starter pack through the InfinityMATH shape', async () => {
    const out = path.join(fx.dir, 'starter-im.jsonl');
    await runExport(fx.app.db, undefined, opts({ filter: { packId: STARTER_PACK_ID }, format: 'infinitymath', out }));
    const db2 = path.join(fx.dir, 'starter-im.sqlite');
    const pack = await importInto(db2, out, 'infinitymath');
    const back = new Map(templatesOf(db2, pack).map((t) => [t.id, t]));
    const starter = listStoredTemplates(fx.app.db, { packId: STARTER_PACK_ID, limit: 5000 }).map((s) => s.template);
    expect(back.size).toBe(starter.length);
    for (const t of starter) {
      const b = back.get(t.id);
      expect(b, t.id).toBeDefined();
      expect({ problem: b?.original_problem, generic: b?.generic_problem, program: b?.program, source: b?.source }, t.id).toEqual({
        problem: t.original_problem,
        generic: t.generic_problem,
        program: t.program,
        source: `infinitymath/${t.source ?? ''}`,
      });
      // The importer reads numeric strings as numbers ("20" → 20): the same text, not the same type.
      const asText = (v: Record<string, unknown> | undefined): Record<string, string> => Object.fromEntries(Object.entries(v ?? {}).map(([k, x]) => [k, String(x)]));
      expect(asText(b?.variables), t.id).toEqual(asText(t.variables));
      // The shape has no answer format: "5/8" is read back as 0.625, the same number.
      if (typeof t.original_answer === 'string' && typeof b?.original_answer === 'number') {
        expect(answersEqual({ t: 'float', v: b.original_answer }, t.original_answer), t.id).toBe(true);
      } else {
        expect(b?.original_answer, t.id).toEqual(t.original_answer);
      }
    }
    // A second trip changes nothing: the shape is a fixed point.
    const again = path.join(fx.dir, 'starter-im-2.jsonl');
    const db = openDatabase(db2);
    await runExport(db.db, undefined, opts({ filter: { packId: pack }, format: 'infinitymath', out: again }));
    db.close();
    expect(fs.readFileSync(again, 'utf8')).toBe(fs.readFileSync(out, 'utf8'));
  }, 60_000);
});

describe('native export', () => {
  it('round-trips templates exactly', async () => {
    const out = path.join(fx.dir, 'native.jsonl');
    const summary = await runExport(fx.app.db, undefined, opts({ filter: { packId: STARTER_PACK_ID }, format: 'native', out }));
    expect(summary.records).toBeGreaterThanOrEqual(390);
    const db2 = path.join(fx.dir, 'native.sqlite');
    const pack = await importInto(db2, out, 'native');
    expect(templatesOf(db2, pack)).toEqual(listStoredTemplates(fx.app.db, { packId: STARTER_PACK_ID, limit: 5000 }).map((s) => s.template));
  }, 60_000);
});

describe('instruction-tuning exports', () => {
  it('writes chat records whose programs print the stated answer when run again', async () => {
    const out = path.join(fx.dir, 'chat.jsonl');
    const summary = await runExport(fx.app.db, fx.pool, opts({ filter: SAMPLE_FILTER, format: 'chat', perTemplate: 3, out, dedupe: true }));
    const records = lines(out) as ChatRecord[];
    expect(summary.templates).toBeGreaterThanOrEqual(5);
    expect(records.length).toBe(summary.records);
    expect(summary.records + summary.skippedDuplicates).toBe(summary.templates * 3);
    const byProblem = new Set<string>();
    for (const r of records) {
      expect(r.messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant']);
      expect(r.messages[0]?.content).toBe(SYSTEM_PROMPT);
      const problem = r.messages[1]?.content ?? '';
      expect(problem).not.toMatch(/\{[A-Za-z_]\w*\}/);
      expect(byProblem.has(problem)).toBe(false);
      byProblem.add(problem);
    }
    await expectAnswersReproduce(records.map((r) => r.messages[2]?.content ?? ''), SAMPLE_FILTER);
  }, 120_000);

  it('writes Alpaca records the same way, reproducibly', async () => {
    const out = path.join(fx.dir, 'alpaca.jsonl');
    await runExport(fx.app.db, fx.pool, opts({ filter: SAMPLE_FILTER, format: 'alpaca', perTemplate: 2, out }));
    const records = lines(out) as AlpacaRecord[];
    expect(records.length).toBeGreaterThanOrEqual(10);
    for (const r of records) {
      expect(Object.keys(r)).toEqual(['instruction', 'input', 'output']);
      expect(r.instruction).toBe(ALPACA_INSTRUCTION);
    }
    await expectAnswersReproduce(records.map((r) => r.output), SAMPLE_FILTER);
    // Same seeds, same file.
    const again = path.join(fx.dir, 'alpaca-2.jsonl');
    await runExport(fx.app.db, fx.pool, opts({ filter: SAMPLE_FILTER, format: 'alpaca', perTemplate: 2, out: again }));
    expect(fs.readFileSync(again, 'utf8')).toBe(fs.readFileSync(out, 'utf8'));
  }, 120_000);

  it('writes robustness sets: the original and k verified variants per template', async () => {
    const out = path.join(fx.dir, 'robust.jsonl');
    const summary = await runExport(fx.app.db, fx.pool, opts({ filter: SAMPLE_FILTER, format: 'robustness', perTemplate: 4, out }));
    const records = lines(out) as RobustnessRecord[];
    expect(records.length).toBe(summary.templates * 5);
    const first = records[0];
    const t = first ? getTemplate(fx.app.db, first.template_id)?.template : undefined;
    expect(first).toMatchObject({ variant: 'original', question: t?.original_problem });
    expect(records.slice(1, 5).map((r) => r.variant)).toEqual([1, 2, 3, 4]);
    for (const r of records) expect(r.answer).not.toBe('');
    // The original's answer is the program's on the original values, which for the starter pack is the original answer.
    for (const r of records.filter((x) => x.variant === 'original')) {
      const tpl = getTemplate(fx.app.db, r.template_id)?.template;
      const prepared = tpl ? await prepareTemplate(fx.pool, tpl) : undefined;
      const value = prepared?.original.value;
      expect(value && prepared ? formatAnswer(value, prepared.format, tpl?.answer_unit) : null).toBe(r.answer);
      if (value && tpl?.original_answer !== undefined) expect(answersEqual(value, tpl.original_answer ?? null), r.template_id).toBe(true);
    }
  }, 120_000);

  it('leaves out of robustness sets a template whose program does not give its original answer', async () => {
    createPack(fx.app.db, { id: 'wrong', name: 'Wrong', sourceKind: 'user' });
    const base: Template = { id: 'wrong.ok', generic_problem: 'Double {a}.', program: 'def solution(a):\n    return 2 * a\n', variables: { a: 4 }, original_answer: 8 };
    upsertTemplates(fx.app.db, 'wrong', [{ template: base }, { template: { ...base, id: 'wrong.bad', generic_problem: 'Twice {a}.', original_answer: 9 } }]);
    const out = path.join(fx.dir, 'robust-wrong.jsonl');
    const summary = await runExport(fx.app.db, fx.pool, opts({ filter: { packId: 'wrong' }, format: 'robustness', perTemplate: 2, out }));
    expect(summary).toMatchObject({ templates: 1, records: 3 });
    expect((lines(out) as RobustnessRecord[]).map((r) => [r.template_id, r.variant])).toEqual([
      ['wrong.ok', 'original'],
      ['wrong.ok', 1],
      ['wrong.ok', 2],
    ]);
    expect((lines(out) as RobustnessRecord[])[0]).toMatchObject({ question: 'Double 4.', answer: '8' });
  }, 60_000);

  it('dedupes identical problem texts and honours `only`', async () => {
    createPack(fx.app.db, { id: 'tiny', name: 'Tiny', sourceKind: 'user' });
    const fixed: Template = {
      id: 'tiny.one-value',
      generic_problem: 'Add {a} and {b}.',
      program: 'def solution(a, b):\n    return a + b\n',
      variables: { a: 2, b: 3 },
      domains: { a: { kind: 'choice', values: [2] }, b: { kind: 'choice', values: [3] } },
    };
    upsertTemplates(fx.app.db, 'tiny', [{ template: fixed }, { template: { ...fixed, id: 'tiny.other', generic_problem: 'Sum of {a} and {b}?' } }]);
    const out = path.join(fx.dir, 'tiny.jsonl');
    const deduped = await runExport(fx.app.db, fx.pool, opts({ filter: { packId: 'tiny' }, format: 'chat', perTemplate: 4, out, dedupe: true }));
    expect(deduped).toMatchObject({ templates: 2, records: 2, skippedDuplicates: 6 });
    const all = await runExport(fx.app.db, fx.pool, opts({ filter: { packId: 'tiny' }, format: 'chat', perTemplate: 4, out, dedupe: false }));
    expect(all).toMatchObject({ templates: 2, records: 8, skippedDuplicates: 0 });

    expect((await runExport(fx.app.db, undefined, opts({ filter: { packId: 'tiny' }, format: 'native', only: 'approved', out }))).records).toBe(0);
    setTemplateReview(fx.app.db, 'tiny.other', 'approved');
    await runExport(fx.app.db, undefined, opts({ filter: { packId: 'tiny' }, format: 'native', only: 'approved', out }));
    expect((lines(out) as Template[]).map((t) => t.id)).toEqual(['tiny.other']);
    // Not audited, so not healthy: nothing approved and healthy.
    expect((await runExport(fx.app.db, undefined, opts({ filter: { packId: 'tiny' }, format: 'native', only: 'approved-healthy', out }))).records).toBe(0);
    // A filter on another status contradicts `only: healthy`.
    expect((await runExport(fx.app.db, undefined, opts({ filter: { packId: 'tiny', status: 'broken' }, format: 'native', only: 'healthy', out }))).records).toBe(0);
  }, 60_000);
});

describe('library.exportStart (the job)', () => {
  it('writes to the data folder by default and reports progress and done', async () => {
    const started = await fx.handlers['library.exportStart']({ filter: { packId: STARTER_PACK_ID }, format: 'native', perTemplate: 1, only: 'all', dedupe: true, overwrite: false });
    const done = await fx.finished(started.jobId);
    if (done.type !== 'library.export.done') throw new Error(JSON.stringify(done));
    const expected: ExportJobSummary = { out: path.join(fx.dir, 'exports', 'starter-native.jsonl'), templates: started.total, records: started.total, skippedDuplicates: 0, cancelled: false };
    expect(done.summary).toEqual(expected);
    expect(lines(expected.out).length).toBe(started.total);
    expect(fx.events.filter((e) => e.type === 'library.export.progress' && e.jobId === started.jobId).at(-1)).toMatchObject({ done: started.total, total: started.total });
  }, 60_000);

  it('cancels mid-way, leaving a valid file of what was written', async () => {
    // Browser mode (the fixture's): a file name in the exports folder.
    const out = path.join(fx.dir, 'exports', 'cancelled.jsonl');
    const started = await fx.handlers['library.exportStart']({ filter: { packId: STARTER_PACK_ID }, format: 'chat', perTemplate: 2, only: 'all', dedupe: true, out: 'cancelled.jsonl', overwrite: false });
    await fx.firstProgress(started.jobId);
    await fx.handlers['library.jobCancel']({ jobId: started.jobId });
    const done = await fx.finished(started.jobId);
    if (done.type !== 'library.export.done') throw new Error(JSON.stringify(done));
    expect(done.summary.cancelled).toBe(true);
    expect(done.summary.templates).toBeLessThan(started.total);
    expect(lines(out).length).toBe(done.summary.records);
  }, 60_000);

  it('refuses a path outside the exports folder in browser mode, with a clear error', async () => {
    await expect(fx.handlers['library.exportStart']({ filter: {}, format: 'native', perTemplate: 1, only: 'all', dedupe: true, out: '/tmp/out.jsonl', overwrite: false })).rejects.toMatchObject({
      code: 'bad-request',
      message: `library.exportStart: "/tmp/out.jsonl" is outside the exports folder (${path.join(fx.dir, 'exports')}); in browser mode an export can only be written there — give a file name`,
    });
  });
});

describe('through the contract (dispatch validates and fills defaults)', () => {
  it('answers library.report and library.reportHtml, and rejects bad arguments', async () => {
    const handlers = withUnavailable(fx.handlers);
    const report = await dispatch(handlers, 'library.report', {});
    expect(report.ok).toBe(true);
    expect(report.ok && (report.value as { total: number }).total).toBeGreaterThanOrEqual(390);
    const html = await dispatch(handlers, 'library.reportHtml', { filter: { packId: STARTER_PACK_ID } });
    expect(html.ok && (html.value as { html: string }).html).toContain('packId: starter');
    expect(await dispatch(handlers, 'library.exportStart', { format: 'csv' })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await dispatch(handlers, 'library.auditStart', { samples: 0 })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await dispatch(handlers, 'library.report', { filter: { grade: 99 } })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });
});

/** Runs each response's program in the sandbox and checks it gives the answer the response states. */
async function expectAnswersReproduce(responses: readonly string[], filter: typeof SAMPLE_FILTER): Promise<void> {
  const templates = listStoredTemplates(fx.app.db, { ...filter, limit: 500 }).map((s) => s.template);
  const formats = await Promise.all(templates.map(async (t) => (await prepareTemplate(fx.pool, t)).format));
  let checked = 0;
  for (const response of responses) {
    const program = programOfResponse(response);
    const stated = /\nThe answer is (.*)\.$/.exec(response)?.[1];
    expect(program, response).toBeDefined();
    expect(stated, response).toBeDefined();
    // Run as a plain script would: the sandbox calls a top-level `solution` itself, so the text is
    // wrapped in a function of no arguments whose printed output is the answer.
    const wrapped = `def check_pot():\n${(program ?? '').split('\n').map((l) => `    ${l}`).join('\n')}\n`;
    // The key names the compiled program in each sandbox process: one per distinct text.
    const run = await fx.pool.run({ key: `check-${createHash('sha1').update(wrapped).digest('hex')}`, source: wrapped }, [{}]);
    const result = run.results[0];
    expect(result?.status, `${response}\n${JSON.stringify(result)}`).toBe('ok');
    const value = result?.value;
    if (!value) continue;
    // The response's program is its template's program with a call appended: that template's answer
    // format turns the printed value into the stated answer.
    const i = templates.findIndex((t) => program?.startsWith(t.program.trimEnd()));
    const t = templates[i];
    expect(t, program).toBeDefined();
    expect(formatAnswer(value, formats[i] ?? 'decimal', t?.answer_unit), response).toBe(stated);
    checked++;
  }
  expect(checked).toBe(responses.length);
}
