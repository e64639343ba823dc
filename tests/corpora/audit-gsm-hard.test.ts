/**
 * The background audit on a sample of PAL's gsm-hard, auto-templatized (moved from tests/audit/audit-job.test.ts):
 * its absurd items are flagged although their programs reproduce them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiEvent } from '../../src-main/api/contract.std.js';
import type { AuditJobSummary } from '../../src-main/api/library-contract.std.js';
import { importFile } from '../../src-main/importers/import-runner.js';
import { getAudit } from '../../src-main/storage/audits.repo.js';
import { countTemplates } from '../../src-main/storage/templates.repo.js';
import { createJobFixture, type JobFixture } from '../audit/job-fixture.js';
import { corpusFile } from './corpora-dir.js';

const SAMPLE = 120;

let fx: JobFixture;
let gsmPack: string;

function summaryOf(e: ApiEvent): AuditJobSummary {
  if (e.type !== 'library.audit.done') throw new Error(`expected library.audit.done, got ${e.type}: ${JSON.stringify(e)}`);
  return e.summary;
}

async function audit(filter: Parameters<JobFixture['handlers']['library.auditStart']>[0]['filter'], samples = 10): Promise<{ jobId: string; total: number; summary: AuditJobSummary }> {
  const started = await fx.handlers['library.auditStart']({ filter, samples });
  const summary = summaryOf(await fx.finished(started.jobId));
  return { ...started, summary };
}

beforeAll(async () => {
  fx = await createJobFixture('im-audit-gsm-hard-');
  const sample = path.join(fx.dir, 'gsmhardv2.jsonl');
  fs.writeFileSync(sample, `${fs.readFileSync(corpusFile('pal/gsmhardv2.jsonl'), 'utf8').split('\n').slice(0, SAMPLE).join('\n')}\n`);
  const report = await importFile(fx.app.db, sample, { format: 'pot', pool: fx.pool });
  gsmPack = report.packId;
}, 300_000);

afterAll(async () => {
  await fx.close();
});

describe('library.auditStart on gsm-hard (auto-templatized sample)', () => {
  it('flags its absurd items although their programs reproduce them', async () => {
    const { total, summary } = await audit({ packId: gsmPack });
    expect(total).toBe(countTemplates(fx.app.db, { packId: gsmPack }));
    expect(summary).toMatchObject({ audited: total, total, cancelled: false });
    // Line 1: 16 eggs, 3 eaten, 4,933,828 baked into muffins: she "makes" -9,867,630 dollars a day.
    const ducks = getAudit(fx.app.db, 'pot.gsmhardv2.1');
    expect(ducks).toMatchObject({ status: 'warning', reproducesOriginal: true });
    expect(ducks?.reasons).toContain('implausible original: negative amount of money (-9867630)');
    // Blown-up numbers without a change of wording: 2.5 million and a fraction of a "how many", a negative
    // number of a counted thing, a magnitude no word problem has.
    expect(getAudit(fx.app.db, 'pot.gsmhardv2.108')?.reasons).toContain('implausible original: fractional count (2548774.7) for a "how many" question');
    expect(getAudit(fx.app.db, 'pot.gsmhardv2.36')?.reasons).toContain('implausible original: negative count (-4358966) for a "how many" question');
    expect(getAudit(fx.app.db, 'pot.gsmhardv2.12')?.reasons).toContain('implausible original: absurd magnitude (6.28e+9) for a word problem');
    const all = fx.app.db.prepare('SELECT template_id, status, reasons FROM audit_results WHERE template_id LIKE ?').all('pot.gsmhardv2.%') as { template_id: string; status: string; reasons: string }[];
    expect(all.length).toBe(total);
    const implausible = all.filter((a) => a.reasons.includes('implausible original'));
    expect(implausible.length).toBeGreaterThanOrEqual(15);
    for (const a of implausible) expect(a.status).not.toBe('healthy');
    expect(all.filter((a) => a.status === 'healthy').length).toBeGreaterThanOrEqual(30);
    const progress = fx.events.filter((e) => e.type === 'library.audit.progress');
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)).toMatchObject({ done: total, total });
    expect(fx.events.some((e) => e.type === 'library.changed')).toBe(true);
  }, 300_000);
});
