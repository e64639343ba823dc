/**
 * The dataset report on a known fixture: templates and audit results written directly to a real
 * SQLite file, so every figure is known in advance. Then the same figures in the HTML page.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatasetReport } from '../../src-main/api/library-contract.std.js';
import { computeReport } from '../../src-main/report/dataset-report.js';
import { renderReportHtml } from '../../src-main/report/report-html.js';
import { saveAudits, type AuditInput } from '../../src-main/storage/audits.repo.js';
import { openDatabase, type AppDatabase } from '../../src-main/storage/database.js';
import { createPack } from '../../src-main/storage/packs.repo.js';
import { setTemplateReview, upsertTemplates } from '../../src-main/storage/templates.repo.js';
import type { Template } from '../../src-main/template/template.types.js';

let dir: string;
let app: AppDatabase;

function template(id: string, source: string): Template {
  return { id, source, generic_problem: `Problem ${id} with {a} apples.`, program: 'result = a + 1', variables: { a: 3 }, original_answer: 4 };
}

function audit(templateId: string, status: AuditInput['status'], extra: Partial<AuditInput> & { magnitude?: number | null } = {}): AuditInput {
  const { magnitude, ...rest } = extra;
  return {
    templateId,
    runAt: 1_000,
    samples: 20,
    valid: 20,
    crashes: 0,
    timeouts: 0,
    needsModule: null,
    reproducesOriginal: true,
    acceptance: 1,
    status,
    reasons: [],
    details: { answerMagnitude: magnitude === undefined ? 0.6 : magnitude },
    ...rest,
  };
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'im-report-'));
  app = openDatabase(path.join(dir, 'library.sqlite'));
  createPack(app.db, { id: 'fx', name: 'Fixture', sourceKind: 'import' });
  const ids = ['fx.1', 'fx.2', 'fx.3', 'fx.4', 'fx.5', 'fx.6', 'fx.7'];
  upsertTemplates(
    app.db,
    'fx',
    ids.map((id, i) => ({ template: template(id, i < 4 ? 'gsm8k' : i < 6 ? 'math <b>' : 'aqua') })),
  );
  saveAudits(app.db, [
    audit('fx.1', 'healthy', { magnitude: 0.6 }),
    audit('fx.2', 'healthy', { magnitude: 2.3, acceptance: 0.97, valid: 19 }),
    audit('fx.3', 'warning', { acceptance: 0.55, valid: 11, reasons: ['55% of draws are valid', 'duplicate of fx.1'], duplicateOf: 'fx.1', magnitude: 9.8 }),
    audit('fx.4', 'broken', { acceptance: 0.05, valid: 1, reasons: ['only 5% of draws are valid', 'needs sympy (not available offline)'], needsModule: 'sympy', reproducesOriginal: false, magnitude: null }),
    audit('fx.5', 'broken', { acceptance: 0, valid: 0, reasons: ['only 0% of draws are valid', 'needs sympy (not available offline)'], needsModule: 'sympy', reproducesOriginal: null, magnitude: -5 }),
    audit('fx.6', 'warning', { acceptance: 0.6, valid: 12, reasons: ['60% of draws are valid'], magnitude: 14 }),
    // fx.7 is never audited.
  ]);
  setTemplateReview(app.db, 'fx.1', 'approved');
  setTemplateReview(app.db, 'fx.2', 'approved');
  setTemplateReview(app.db, 'fx.4', 'rejected');
});

afterAll(() => {
  app.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const H = (healthy: number, warning: number, broken: number, unknown: number): Record<'healthy' | 'warning' | 'broken' | 'unknown', number> => ({ healthy, warning, broken, unknown });

describe('computeReport', () => {
  it('gives every figure of the fixture', () => {
    const r = computeReport(app.db, { packId: 'fx' });
    expect(r).toEqual<DatasetReport>({
      total: 7,
      audited: 6,
      byStatus: H(2, 2, 2, 1),
      bySource: [
        { source: 'gsm8k', byStatus: H(2, 1, 1, 0) },
        { source: 'math <b>', byStatus: H(0, 1, 1, 0) },
        { source: 'aqua', byStatus: H(0, 0, 0, 1) },
      ],
      byReview: { none: 4, approved: 2, flagged: 0, rejected: 1 },
      acceptance: { buckets: ['0–10%', '10–20%', '20–30%', '30–40%', '40–50%', '50–60%', '60–70%', '70–80%', '80–90%', '90–100%'], counts: [2, 0, 0, 0, 0, 1, 1, 0, 0, 2] },
      // fx.5 (10^-5) is counted at the low end, fx.6 (10^14) at the high end; fx.4 has no magnitude.
      magnitude: {
        buckets: ['≤10^-3', '10^-2', '10^-1', '10^0', '10^1', '10^2', '10^3', '10^4', '10^5', '10^6', '10^7', '10^8', '10^9', '10^10', '10^11', '≥10^12'],
        counts: [1, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 1],
      },
      // Ties in the order SQLite sorts text (binary: capitals first).
      topReasons: [
        { reason: 'N% of draws are valid', count: 2 },
        { reason: 'needs sympy (…)', count: 2 },
        { reason: 'only N% of draws are valid', count: 2 },
        { reason: 'duplicate of …', count: 1 },
      ],
      needsModule: [{ module: 'sympy', count: 2 }],
      duplicates: 1,
      reproduced: 4,
      notReproduced: 1,
    });
  });

  it('aggregates over the filter only', () => {
    const r = computeReport(app.db, { packId: 'fx', source: 'math <b>' });
    expect(r).toMatchObject({ total: 2, audited: 2, byStatus: H(0, 1, 1, 0), duplicates: 0, reproduced: 1, notReproduced: 0, needsModule: [{ module: 'sympy', count: 1 }] });
    expect(computeReport(app.db, { packId: 'fx', status: 'broken' }).topReasons.map((x) => x.reason)).toEqual(['needs sympy (…)', 'only N% of draws are valid']);
    expect(computeReport(app.db, { packId: 'fx', duplicate: true })).toMatchObject({ total: 1, duplicates: 1 });
    expect(computeReport(app.db, { packId: 'nothing-here' })).toMatchObject({ total: 0, audited: 0, bySource: [], magnitude: { buckets: [], counts: [] } });
  });
});

describe('renderReportHtml', () => {
  it('writes the figures into one self-contained page', () => {
    const r = computeReport(app.db, { packId: 'fx' });
    const html = renderReportHtml(r, { filter: { packId: 'fx' }, generatedAt: Date.UTC(2026, 10, 24, 1, 30) });
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('packId: fx · generated 2026-11-24 01:30 UTC');
    // Tiles: total, audited, statuses, duplicates, reproduction, review.
    expect(html).toMatch(/<span class="k">templates<\/span><span class="n">7<\/span><span class="s">6 audited \(85\.7%\)<\/span>/);
    expect(html).toMatch(/<span class="k">broken<\/span><span class="n">2<\/span><span class="s">28\.6%<\/span>/);
    expect(html).toMatch(/<span class="k">duplicates<\/span><span class="n">1<\/span>/);
    expect(html).toMatch(/<span class="k">reproduce original<\/span><span class="n">4<\/span><span class="s">1 do not<\/span>/);
    expect(html).toMatch(/<span class="k">approved<\/span><span class="n">2<\/span><span class="s">0 flagged · 1 rejected<\/span>/);
    // Charts as inline SVG: one bar per bucket, labels and counts written out.
    expect((html.match(/<svg /g) ?? []).length).toBe(4);
    expect(html).toContain('<title>90–100%: 2</title>');
    expect(html).toContain('<title>≥10¹²: 1</title>');
    expect(html).toContain('<title>≤10⁻³: 1</title>');
    expect(html).toContain('<title>gsm8k — broken: 1</title>');
    expect(html).toContain('needs sympy (…)');
    expect(html).toContain('<td>sympy</td><td class="num">2</td>');
    // Labels are escaped; nothing is loaded or run.
    expect(html).toContain('math &lt;b&gt;');
    expect(html).not.toContain('math <b>');
    expect(html).not.toMatch(/<script|<link|src=|href=/i);
  });

  it('says so when nothing is audited', () => {
    const html = renderReportHtml(computeReport(app.db, { packId: 'nothing-here' }));
    expect(html).toContain('Nothing audited yet.');
    expect(html).toContain('No numeric answers audited yet.');
    expect(html).toContain('No templates.');
  });
});
