/**
 * The starter pack's quality bar: every template parses, is unique, reproduces its own original
 * answer and passes its audit (≥ 95 % of draws valid, no warnings), and the pack uses every answer format.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditTemplate, type TemplateAudit } from '../../src-main/audit/audit-template.js';
import { readStarterTemplates } from '../../src-main/library/starter-pack.js';
import type { SandboxPool } from '../../src-main/sandbox/pool.js';
import { ANSWER_FORMATS } from '../../src-main/template/template.types.js';
import { findPlaceholders } from '../../src-main/template/placeholders.js';
import { createTestPool } from '../helpers/sandbox.js';

const load = readStarterTemplates();
let pool: SandboxPool;
let audits: TemplateAudit[] = [];

beforeAll(async () => {
  pool = await createTestPool();
  const queue = [...load.templates];
  const worker = async (): Promise<void> => {
    for (let t = queue.shift(); t; t = queue.shift()) audits.push(await auditTemplate(pool, t, { samples: 40 }));
  };
  await Promise.all(Array.from({ length: 6 }, worker));
  audits = audits.sort((a, b) => a.templateId.localeCompare(b.templateId));
}, 600_000);

afterAll(async () => {
  await pool.close();
});

describe('the starter pack', () => {
  it('parses without errors and has at least 30 templates', () => {
    expect(load.errors).toEqual([]);
    expect(load.templates.length).toBeGreaterThanOrEqual(30);
  });

  it('has unique ids, texts and programs', () => {
    const dup = (xs: string[]): string[] => xs.filter((x, i) => xs.indexOf(x) !== i);
    expect(dup(load.templates.map((t) => t.id))).toEqual([]);
    expect(dup(load.templates.map((t) => t.generic_problem.replace(/\s+/g, ' ').trim().toLowerCase()))).toEqual([]);
    expect(dup(load.templates.map((t) => t.program.replace(/\s+/g, ' ').trim()))).toEqual([]);
  });

  it('uses every answer format and has docstrings, comments, domains and metadata', () => {
    const formats = new Set(load.templates.map((t) => t.answer_format));
    for (const f of ANSWER_FORMATS) if (f !== 'text') expect(formats, f).toContain(f);
    for (const t of load.templates) {
      expect(t.program, t.id).toMatch(/"""/);
      expect(t.program, t.id).toMatch(/#/);
      expect(t.topic, t.id).toBeTruthy();
      expect(t.grade, t.id).toBeDefined();
      const names = Object.keys(t.variables);
      for (const p of findPlaceholders(t.generic_problem, 'braces', names)) expect(names, `${t.id}: {${p.name}}`).toContain(p.name);
      for (const n of names) expect(t.domains?.[n], `${t.id}: domain of ${n}`).toBeDefined();
    }
  });

  it('every template reproduces its original answer and passes its audit', () => {
    expect(audits.length).toBe(load.templates.length);
    const failing = audits
      .filter((a) => a.reproducesOriginal !== true || a.acceptance < 0.95 || a.status !== 'healthy')
      .map((a) => `${a.templateId}: ${a.status} ${a.valid}/${a.samples} ${a.reasons.join('; ')}`);
    expect(failing).toEqual([]);
  });
});
