/**
 * Reproducibility and validity of instances: `(template id, seed)` gives the same instance whatever
 * the pool size, batch size or order of generation, and every instance keeps the answer's shape.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateInstances } from '../../src-main/engine/generate.js';
import { prepareTemplate } from '../../src-main/engine/prepared-template.js';
import type { SandboxPool } from '../../src-main/sandbox/pool.js';
import type { Template } from '../../src-main/template/template.types.js';
import { createTestPool } from '../helpers/sandbox.js';

const SHARE: Template = {
  id: 'test.division.share-marbles',
  generic_problem: '{name} shares {total} marbles equally among {friends} friends. How many marbles does each friend get?',
  program:
    'def solution(name, total, friends):\n    """Share marbles equally."""\n    # Marbles per friend\n    each = total // friends\n    return each\n',
  variables: { name: 'Ava', total: 24, friends: 4 },
  original_answer: 6,
  domains: {
    name: { kind: 'list', list: 'names' },
    total: { kind: 'int', min: 12, max: 120 },
    friends: { kind: 'int', min: 2, max: 12 },
  },
  constraints: ['total % friends == 0'],
};

const DISCOUNT: Template = {
  id: 'test.percent.discount',
  generic_problem: 'A jacket costs {price}. It is on sale for {pct} off. What is the sale price?',
  program: 'def solution(price, pct):\n    # Sale price after the discount\n    return round(price * (1 - pct / 100), 2)\n',
  variables: { price: 80, pct: 25 },
  original_answer: 60,
  answer_format: 'money',
  domains: { price: { kind: 'money', min: 20, max: 200, step: 0.5 }, pct: { kind: 'percent', min: 5, max: 60, step: 5 } },
};

let small: SandboxPool;
let big: SandboxPool;
beforeAll(async () => {
  [small, big] = await Promise.all([createTestPool({ size: 1, maxBatch: 3 }), createTestPool({ size: 2, maxBatch: 64 })]);
});
afterAll(async () => {
  await Promise.all([small.close(), big.close()]);
});

describe('generating instances', () => {
  it('gives the same instance for the same (template, seed), whatever the pool and batch sizes', async () => {
    const seeds = Array.from({ length: 25 }, (_, i) => i + 1);
    const a = await generateInstances(small, await prepareTemplate(small, SHARE), seeds);
    const b = await generateInstances(big, await prepareTemplate(big, SHARE), [...seeds].reverse());
    const byA = a.outcomes.map((o) => o.instance);
    const byB = [...b.outcomes].reverse().map((o) => o.instance);
    expect(byA.every(Boolean)).toBe(true);
    expect(byB).toEqual(byA);
    // Different seeds give different numbers (not a constant stream).
    expect(new Set(byA.map((i) => JSON.stringify(i?.values))).size).toBeGreaterThan(20);
  });

  it('keeps every instance valid: constraints hold, whole-number answers stay whole and match the program', async () => {
    const report = await generateInstances(big, await prepareTemplate(big, SHARE), Array.from({ length: 40 }, (_, i) => 100 + i));
    for (const o of report.outcomes) {
      const inst = o.instance;
      if (!inst) throw new Error(`seed ${o.seed}: ${o.rejection?.reason ?? 'none'}`);
      const total = inst.values.total as number;
      const friends = inst.values.friends as number;
      expect(total % friends).toBe(0);
      expect(inst.answer).toEqual({ t: 'int', v: String(total / friends) });
      expect(inst.text).toContain(`${total} marbles`);
      expect(inst.text).not.toMatch(/[{}]/);
    }
    // Rejection sampling happened (many draws do not divide) and was counted.
    expect(report.draws).toBeGreaterThan(report.accepted);
    expect(report.rejections.constraint).toBe(report.draws - report.accepted);
  });

  it('formats money in the text and the answer', async () => {
    const report = await generateInstances(big, await prepareTemplate(big, DISCOUNT), [1, 2, 3, 4, 5]);
    for (const o of report.outcomes) {
      const inst = o.instance;
      if (!inst) throw new Error('no instance');
      expect(inst.text).toMatch(/costs \$\d+(\.\d\d)?\. It is on sale for \d+% off/);
      expect(inst.answerText).toMatch(/^\$\d+(\.\d\d)?$/);
      expect(inst.answerFormat).toBe('money');
    }
  });

  it('reports why a seed got no instance', async () => {
    const impossible: Template = { ...SHARE, id: 'test.impossible', constraints: ['total < 0'] };
    const report = await generateInstances(big, await prepareTemplate(big, impossible), [1], { maxTries: 5 });
    expect(report.outcomes[0]).toMatchObject({ tries: 5, rejection: { kind: 'constraint', reason: 'constraint failed: total < 0' } });
    expect(report.outcomes[0]?.instance).toBeUndefined();
  });
});
