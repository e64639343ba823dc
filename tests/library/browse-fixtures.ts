/**
 * A small library with every filterable field varied (two packs, sources, topics, strands, grades,
 * audits with modules and a duplicate, flags and reviews), on a real SQLite file, and the browse
 * handlers over it with a fixed clock and the events they emit collected.
 */
import type { ApiEvent } from '../../src-main/api/contract.std.js';
import { createLibraryBrowseHandlers } from '../../src-main/app/library-browse-handlers.js';
import type { HandlerDeps } from '../../src-main/app/handler-deps.js';
import type { SandboxPool } from '../../src-main/sandbox/pool.js';
import { saveAudit } from '../../src-main/storage/audits.repo.js';
import { applyReview } from '../../src-main/storage/curation.repo.js';
import { openDatabase, type AppDatabase } from '../../src-main/storage/database.js';
import type { WriteDb } from '../../src-main/storage/db-handles.js';
import { createPack } from '../../src-main/storage/packs.repo.js';
import { upsertTemplates } from '../../src-main/storage/templates.repo.js';
import type { AuditStatus } from '../../src-main/storage/storage.types.js';
import type { Template } from '../../src-main/template/template.types.js';
import { coatTemplate, makeTempDir, type TempDir } from '../storage/storage-fixtures.js';
import { SolutionSupply } from '../../src-main/app/solution-supply.js';

export const ALL_IDS = ['a.1', 'a.2', 'a.3', 'b.1', 'b.2'];

function tpl(id: string, fields: Partial<Template>): Template {
  const base = coatTemplate({ id });
  delete base.strand;
  delete base.topic;
  delete base.grade;
  delete base.source;
  // Sale prices come out with cents: the answer is a float, not the whole number the original happens to be.
  return { ...base, answer_shape: { type: 'float', integral: false, nonNegative: true }, ...fields };
}

function audit(db: WriteDb, id: string, status: AuditStatus, acceptance: number, extra: { needsModule?: string; reproduces?: boolean } = {}): void {
  saveAudit(db, {
    templateId: id,
    runAt: 500,
    samples: 20,
    valid: Math.round(acceptance * 20),
    crashes: 0,
    timeouts: 0,
    needsModule: extra.needsModule ?? null,
    reproducesOriginal: extra.reproduces ?? true,
    acceptance,
    status,
    reasons: status === 'healthy' ? [] : [`${status} because of a test`],
    details: { originalAnswer: '60', programAnswer: extra.reproduces === false ? '61' : '60' },
  });
}

/** Writes the five templates; `updated_at` is 100, 200, … in the order of ALL_IDS. */
export function seedLibrary(db: WriteDb): void {
  createPack(db, { id: 'alpha', name: 'Alpha pack', sourceKind: 'import' }, { now: 1 });
  createPack(db, { id: 'beta', name: 'Beta pack', sourceKind: 'user' }, { now: 1 });
  const put = (pack: string, template: Template, now: number): void => {
    upsertTemplates(db, pack, [{ template, original: { question: template.original_problem, from: pack } }], { now });
  };
  put('alpha', tpl('a.1', { source: 'gsm8k', topic: 'percent', strand: 'percent', grade: { min: 6, max: 8 }, generic_problem: 'A coat costs {price} and is on sale for {discount_percent} off. What is the sale price?' }), 100);
  put('alpha', tpl('a.2', { source: 'gsm8k', topic: 'money', strand: 'money', grade: { min: 3, max: 5 }, original_problem: 'Sam buys apples for $80 with 25% off.', generic_problem: 'Sam buys apples for {price} with {discount_percent} off.' }), 200);
  put('alpha', tpl('a.3', { source: 'math', topic: 'rates', original_problem: 'A train travels 80 miles in 25 minutes.', generic_problem: 'A train travels price miles in discount_percent minutes.' }), 300);
  put('beta', tpl('b.1', { source: 'aqua', topic: 'percent', strand: 'percent', grade: { min: 7, max: 7 }, original_problem: 'Apples cost $80 before a 25% discount.', generic_problem: 'Apples cost {price} before a {discount_percent} discount.' }), 400);
  put('beta', tpl('b.2', { grade: { min: 9, max: 10 }, original_problem: 'A train carries apples worth $80, 25% of them bruised.', generic_problem: 'A train carries apples worth {price}, {discount_percent} of them bruised.' }), 500);
  audit(db, 'a.1', 'healthy', 1);
  audit(db, 'a.2', 'broken', 0.2, { needsModule: 'sympy', reproduces: false });
  audit(db, 'a.3', 'warning', 0.8);
  audit(db, 'b.2', 'healthy', 0.95, { needsModule: 'numpy' });
  db.prepare("UPDATE audit_results SET duplicate_of = 'a.1' WHERE template_id = 'a.3'").run();
  applyReview(db, { ids: ['a.2'] }, { action: 'flag', reason: 'wrong answer', note: 'gives 61', now: 600 });
  applyReview(db, { ids: ['a.3'] }, { action: 'flag', reason: 'duplicate', now: 601 });
  applyReview(db, { ids: ['b.1'] }, { action: 'approve', now: 602 });
  // A flag that was resolved: b.2 must not count as flagged.
  applyReview(db, { ids: ['b.2'] }, { action: 'flag', reason: 'ambiguous wording', now: 603 });
  applyReview(db, { ids: ['b.2'] }, { action: 'clear', now: 604 });
}

export interface BrowseFixture {
  tmp: TempDir;
  app: AppDatabase;
  handlers: ReturnType<typeof createLibraryBrowseHandlers>;
  events: ApiEvent[];
  clock: { now: number };
  close(): void;
}

export function openBrowseFixture(pool?: () => Promise<SandboxPool>): BrowseFixture {
  const tmp = makeTempDir('imstudio-browse-');
  const app = openDatabase(tmp.file('library.sqlite'));
  const events: ApiEvent[] = [];
  const clock = { now: 10_000 };
  const controller = new AbortController();
  const deps: HandlerDeps = {
    db: app.db,
    pool: pool ?? (() => Promise.reject(new Error('no sandbox in this test'))),
    emit: (e) => events.push(e),
    now: () => clock.now,
    signal: controller.signal,
    mode: 'browser',
    dataDir: tmp.dir,
    solutions: new SolutionSupply(pool ?? (() => Promise.reject(new Error('no sandbox in this test')))),
  };
  return {
    tmp,
    app,
    handlers: createLibraryBrowseHandlers(deps),
    events,
    clock,
    close: () => {
      controller.abort();
      app.close();
      tmp.remove();
    },
  };
}
