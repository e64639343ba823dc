/**
 * The background audit through its API handlers, on a real SQLite file and the real sandbox: the starter
 * pack passes, constructed duplicates are found, and a cancel keeps what was audited so far. (gsm-hard's
 * absurd items, flagged: tests/corpora/audit-gsm-hard.test.ts, run by `npm run test:corpora`.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiEvent } from '../../src-main/api/contract.std.js';
import type { AuditJobSummary } from '../../src-main/api/library-contract.std.js';
import { STARTER_PACK_ID } from '../../src-main/library/starter-pack.js';
import { toAuditInput } from '../../src-main/audit/audit-runner.js';
import { auditTemplate } from '../../src-main/audit/audit-template.js';
import { getAudit, saveAudit } from '../../src-main/storage/audits.repo.js';
import { createPack } from '../../src-main/storage/packs.repo.js';
import { getTemplate, upsertTemplates } from '../../src-main/storage/templates.repo.js';
import type { Template } from '../../src-main/template/template.types.js';
import { createJobFixture, type JobFixture } from './job-fixture.js';

let fx: JobFixture;

function summaryOf(e: ApiEvent): AuditJobSummary {
  if (e.type !== 'library.audit.done') throw new Error(`expected library.audit.done, got ${e.type}: ${JSON.stringify(e)}`);
  return e.summary;
}

async function audit(filter: Parameters<JobFixture['handlers']['library.auditStart']>[0]['filter'], samples = 10): Promise<{ jobId: string; total: number; summary: AuditJobSummary }> {
  const started = await fx.handlers['library.auditStart']({ filter, samples });
  const summary = summaryOf(await fx.finished(started.jobId));
  return { ...started, summary };
}

const MUFFINS =
  'A bakery sells {boxes} boxes of muffins every morning. Each box holds {per_box} muffins and the bakers keep {kept} muffins for the staff lunch. How many muffins does the bakery bake each day?';

function bakery(id: string, generic: string, program = 'def solution(boxes, per_box, kept):\n    return boxes * per_box + kept\n', boxes = 'boxes'): Template {
  return { id, source: 'constructed', generic_problem: generic, program, variables: { [boxes]: 12, per_box: 6, kept: 4 }, original_answer: 76 };
}

beforeAll(async () => {
  fx = await createJobFixture('im-audit-job-');
  createPack(fx.app.db, { id: 'dups', name: 'Constructed duplicates', sourceKind: 'user' });
  upsertTemplates(fx.app.db, 'dups', [
    { template: bakery('dups.first', MUFFINS) },
    { template: bakery('dups.copy', MUFFINS.replace('A bakery', 'a   bakery'), 'def solution(boxes, per_box, kept):\n    # boxes sold\n    return boxes*per_box + kept\n') },
    { template: bakery('dups.renamed', MUFFINS.replace('{boxes}', '{n}'), 'def solution(n, per_box, kept):\n    return n * per_box + kept\n', 'n') },
    { template: bakery('dups.reworded', MUFFINS.replace('each day?', 'each morning?')) },
    { template: bakery('dups.other', 'A farmer packs {boxes} crates with {per_box} melons each and keeps {kept} melons at home. How many melons did the farmer grow?') },
  ]);
}, 300_000);

afterAll(async () => {
  await fx.close();
});

describe('library.auditStart on the starter pack', () => {
  it('passes every starter template, with no duplicates among them', async () => {
    const { total, summary } = await audit({ packId: STARTER_PACK_ID }, 20);
    expect(total).toBeGreaterThanOrEqual(390);
    expect(summary.byStatus).toEqual({ healthy: total, warning: 0, broken: 0 });
    const dup = fx.app.db.prepare("SELECT count(*) FROM audit_results WHERE template_id LIKE 'starter.%' AND duplicate_of IS NOT NULL").pluck().get();
    expect(dup).toBe(0);
  }, 300_000);
});

describe('duplicates', () => {
  it('records duplicate_of and a reason for constructed copies', async () => {
    const { summary } = await audit({ packId: 'dups' });
    expect(summary.audited).toBe(5);
    expect(getAudit(fx.app.db, 'dups.first')).toMatchObject({ status: 'healthy' });
    expect(getAudit(fx.app.db, 'dups.first')?.duplicateOf).toBeUndefined();
    expect(getAudit(fx.app.db, 'dups.other')?.duplicateOf).toBeUndefined();
    expect(getAudit(fx.app.db, 'dups.copy')).toMatchObject({ status: 'warning', duplicateOf: 'dups.first', reasons: ['duplicate of dups.first'] });
    expect(getAudit(fx.app.db, 'dups.renamed')).toMatchObject({
      status: 'warning',
      duplicateOf: 'dups.first',
      reasons: ['duplicate of dups.first (same problem, different program)'],
    });
    const reworded = getAudit(fx.app.db, 'dups.reworded');
    expect(reworded).toMatchObject({ status: 'warning', duplicateOf: 'dups.first' });
    expect(reworded?.reasons).toEqual([expect.stringMatching(/^near-duplicate of dups\.first \(\d\d% the same wording\)$/)]);
    expect(getAudit(fx.app.db, 'dups.other')).toMatchObject({ status: 'healthy' });
    // An audit of one template (after an edit) runs no scan: what the last scan found is kept.
    const stored = getTemplate(fx.app.db, 'dups.copy');
    if (!stored) throw new Error('dups.copy is missing');
    saveAudit(fx.app.db, toAuditInput(await auditTemplate(fx.pool, stored.template, { samples: 5 }), stored.contentHash, fx.clock.now));
    expect(getAudit(fx.app.db, 'dups.copy')).toMatchObject({ samples: 5, duplicateOf: 'dups.first' });
  }, 120_000);
});

describe('jobs: one at a time, cancel keeps partial results', () => {
  it('refuses a second audit while one runs, and a cancel stops it with the audits so far saved', async () => {
    fx.clock.now += 60_000; // this run's audits are told apart by their run_at
    const runAt = fx.clock.now;
    const started = await fx.handlers['library.auditStart']({ filter: { packId: STARTER_PACK_ID }, samples: 60 });
    await expect(fx.handlers['library.auditStart']({ filter: {}, samples: 5 })).rejects.toMatchObject({
      code: 'unavailable',
      message: `an audit is already running (job ${started.jobId}); cancel it with library.jobCancel or wait until it is done`,
    });
    await fx.firstProgress(started.jobId);
    await expect(fx.handlers['library.jobCancel']({ jobId: started.jobId })).resolves.toEqual({ cancelled: true });
    const summary = summaryOf(await fx.finished(started.jobId));
    expect(summary.cancelled).toBe(true);
    expect(summary.audited).toBeGreaterThan(0);
    expect(summary.audited).toBeLessThan(started.total);
    const saved = fx.app.db.prepare('SELECT count(*) FROM audit_results WHERE run_at = ?').pluck().get(runAt);
    expect(saved).toBe(summary.audited);
    // Finished: cancelling again says so; an id never issued is an error.
    await expect(fx.handlers['library.jobCancel']({ jobId: started.jobId })).resolves.toEqual({ cancelled: false });
    await expect(fx.handlers['library.jobCancel']({ jobId: 'audit-nope' })).rejects.toMatchObject({ code: 'not-found' });
  }, 120_000);
});
