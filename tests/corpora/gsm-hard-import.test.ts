/**
 * Real data nobody on this team wrote: PAL's gsm-hard programs. Auto-templatize them, verify each
 * templatized program reproduces the record's own answer, then audit: gsm-hard blew single numbers up
 * without changing the text, so many originals are absurd (negative eggs, fractional people) and the
 * plausibility check must flag them even though the program faithfully reproduces that answer.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditTemplate, type TemplateAudit } from '../../src-main/audit/audit-template.js';
import { importFile, type ImportReport } from '../../src-main/importers/import-runner.js';
import type { SandboxPool } from '../../src-main/sandbox/pool.js';
import { openDatabase, type AppDatabase } from '../../src-main/storage/database.js';
import { listStoredTemplates } from '../../src-main/storage/templates.repo.js';
import { createTestPool } from '../helpers/sandbox.js';
import { corpusFile } from './corpora-dir.js';

const GSM_HARD = corpusFile('pal/gsmhardv2.jsonl');

let dir: string;
let app: AppDatabase;
let pool: SandboxPool;
let report: ImportReport;
const audits = new Map<string, TemplateAudit>();

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'im-gsmhard-'));
  app = openDatabase(path.join(dir, 'lib.sqlite'));
  pool = await createTestPool();
  report = await importFile(app.db, GSM_HARD, { format: 'pot', pool });
  const templates = listStoredTemplates(app.db, { packId: report.packId, limit: 5000 }).map((s) => s.template);
  const queue = [...templates];
  const worker = async (): Promise<void> => {
    for (let t = queue.shift(); t; t = queue.shift()) audits.set(t.id, await auditTemplate(pool, t, { samples: 10 }));
  };
  await Promise.all(Array.from({ length: 6 }, worker));
}, 600_000);

afterAll(async () => {
  await pool.close();
  app.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('gsm-hard, auto-templatized and audited', () => {
  it('templatizes most records and verifies every stored one against the original program', () => {
    expect(report.rowsRead).toBe(1319);
    const t = report.details.templatize as { templatized: number; partial: number; refused: number };
    expect(t.templatized + t.partial + t.refused).toBe(1319);
    expect(t.templatized + t.partial).toBeGreaterThanOrEqual(1200);
    // Only records whose own program cannot run are refused at verification (line 1039 loops ~10^6 times
    // per blown-up number and hits the time limit); no templatized program disagrees with its original.
    const failed = report.errors.filter((e) => e.reason === 'verification-failed');
    expect(failed.length).toBeLessThanOrEqual(3);
    for (const f of failed) expect(f.detail).toContain("the record's own program does not run");
    expect(report.inserted).toBe(t.templatized + t.partial - failed.length);
    expect([...audits.values()].filter((a) => a.reproducesOriginal === true).length).toBe(report.inserted);
  });

  it('flags the absurd originals although the program reproduces them', () => {
    // Line 1: 16 eggs, 3 eaten, 4,933,828 baked: she "makes" -9,867,630 dollars a day.
    const ducks = audits.get('pot.gsmhardv2.1');
    expect(ducks?.reproducesOriginal).toBe(true);
    expect(ducks?.originalPlausibility.map((i) => i.code)).toContain('negative-money');
    expect(ducks?.status).not.toBe('healthy');
    const implausible = [...audits.values()].filter((a) => a.originalPlausibility.length > 0);
    const codes = new Set(implausible.flatMap((a) => a.originalPlausibility.map((i) => i.code)));
    expect(implausible.length).toBeGreaterThanOrEqual(250);
    for (const code of ['negative-count', 'fractional-count', 'negative-money'] as const) expect(codes).toContain(code);
  });

  it('keeps sensible records healthy', () => {
    const healthy = [...audits.values()].filter((a) => a.status === 'healthy');
    expect(healthy.length).toBeGreaterThanOrEqual(400);
    for (const a of healthy) expect(a.originalPlausibility).toEqual([]);
  });
});
