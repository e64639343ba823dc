import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getAudit, saveAudit, saveAudits, type AuditInput } from '../../src-main/storage/audits.repo.js';
import { openDatabase, type AppDatabase } from '../../src-main/storage/database.js';
import { countInstances, deleteInstances, getInstances, putInstances } from '../../src-main/storage/instances.repo.js';
import { createPack } from '../../src-main/storage/packs.repo.js';
import { getTemplate, upsertTemplates } from '../../src-main/storage/templates.repo.js';
import type { Instance } from '../../src-main/template/template.types.js';
import { coatTemplate, makeTempDir, type TempDir } from './storage-fixtures.js';

let tmp: TempDir;
let app: AppDatabase;
const ID = 'starter.percent.coat-sale';
beforeEach(() => {
  tmp = makeTempDir();
  app = openDatabase(tmp.file('lib.sqlite'));
  createPack(app.db, { id: 'mine', name: 'Mine', sourceKind: 'user' });
  upsertTemplates(app.db, 'mine', [{ template: coatTemplate() }, { template: coatTemplate({ id: 'other' }) }]);
});
afterEach(() => {
  app.close();
  tmp.remove();
});

function instance(seed: number, answer: Instance['answer'] = { t: 'float', v: 67.5 }): Instance {
  return {
    templateId: ID,
    seed,
    values: { price: 90, discount_percent: 25, who: 'Amira' },
    text: `Amira's coat costs $90 and is on sale for 25% off. (seed ${seed})`,
    answer,
    answerText: '$67.50',
    answerFormat: 'money',
  };
}

describe('instances', () => {
  it('stores and reads back instances in seed order, with every PyValue kind intact', () => {
    const answers: Instance['answer'][] = [
      { t: 'int', v: '123456789012345678901234567890' },
      { t: 'float', v: 'nan' },
      { t: 'fraction', n: '3', d: '4' },
      { t: 'str', v: 'x = 2' },
      { t: 'bool', v: false },
      { t: 'list', v: [{ t: 'int', v: '1' }, { t: 'none' }] },
      { t: 'other', type: 'complex', repr: '(1+2j)' },
    ];
    const written = answers.map((a, i) => instance(100 - i, a));
    expect(putInstances(app.db, written)).toBe(7);
    expect(countInstances(app.db, ID)).toBe(7);
    const read = getInstances(app.db, ID, 10);
    expect(read).toEqual([...written].sort((a, b) => a.seed - b.seed));
    expect(getInstances(app.db, ID, 2, 1).map((i) => i.seed)).toEqual([95, 96]);
    expect(countInstances(app.db, 'other')).toBe(0);
  });

  it('replaces the row for the same (template, seed) instead of duplicating it', () => {
    putInstances(app.db, [instance(1)]);
    putInstances(app.db, [{ ...instance(1), answerText: '$67.5' }]);
    expect(countInstances(app.db, ID)).toBe(1);
    expect(getInstances(app.db, ID, 1)[0]?.answerText).toBe('$67.5');
    expect(deleteInstances(app.db, ID)).toBe(1);
  });

  it('refuses instances of a missing template or with a non-integer seed, writing none of the batch', () => {
    expect(() => putInstances(app.db, [instance(1), { ...instance(2), templateId: 'ghost' }])).toThrow(
      'putInstances: instance 1 (template "ghost", seed 2): the template does not exist',
    );
    expect(() => putInstances(app.db, [{ ...instance(1), seed: 1.5 }])).toThrow('seed must be a safe integer');
    expect(countInstances(app.db, ID)).toBe(0);
  });
});

describe('audits', () => {
  const audit = (overrides: Partial<AuditInput> = {}): AuditInput => ({
    templateId: ID,
    runAt: 1_700_000_000_000,
    samples: 200,
    valid: 150,
    crashes: 3,
    timeouts: 1,
    needsModule: null,
    reproducesOriginal: true,
    acceptance: 0.75,
    status: 'warning',
    reasons: ['answer sometimes not an integer'],
    details: { rejectedBy: { shape: 46 } },
    ...overrides,
  });

  it('saves, reads back and replaces the latest audit, and mirrors the status onto the template', () => {
    saveAudit(app.db, audit());
    expect(getAudit(app.db, ID)).toEqual({ ...audit(), templateHash: getTemplate(app.db, ID)?.contentHash, current: true });
    expect(getTemplate(app.db, ID)?.status).toBe('warning');

    saveAudit(app.db, audit({ status: 'broken', reproducesOriginal: null, needsModule: 'sympy', details: undefined, reasons: [] }));
    const again = getAudit(app.db, ID);
    expect(again).toMatchObject({ status: 'broken', reproducesOriginal: null, needsModule: 'sympy', reasons: [] });
    expect(again).not.toHaveProperty('details');
    expect(getTemplate(app.db, ID)?.status).toBe('broken');
    expect(app.db.prepare('SELECT count(*) FROM audit_results').pluck().get()).toBe(1);
  });

  it('keeps an audit of an older version without letting it set the current status', () => {
    const hashBefore = getTemplate(app.db, ID)?.contentHash;
    upsertTemplates(app.db, 'mine', [{ template: coatTemplate({ difficulty: 3 }) }]);
    saveAudit(app.db, audit({ templateHash: hashBefore, status: 'healthy' }));
    expect(getAudit(app.db, ID)).toMatchObject({ current: false, templateHash: hashBefore });
    expect(getTemplate(app.db, ID)?.status).toBe('unknown');
  });

  it('rejects impossible numbers and missing templates with the field named; a bad batch writes nothing', () => {
    expect(() => { saveAudit(app.db, audit({ acceptance: 1.5 })); }).toThrow('acceptance must be a number from 0 to 1; got 1.5');
    expect(() => { saveAudit(app.db, audit({ crashes: -1 })); }).toThrow('crashes must be a non-negative integer; got -1');
    expect(() => { saveAudits(app.db, [audit({ templateId: 'other' }), audit({ templateId: 'ghost' })]); }).toThrow('template "ghost" does not exist');
    expect(getAudit(app.db, 'other')).toBeUndefined();
  });
});
