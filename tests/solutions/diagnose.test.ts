/** Diagnosis of constructed wrong answers on a traced discount problem (400 with 20% off = 320). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxPool } from '../../src-main/sandbox/pool.js';
import { diagnose, replayWithout } from '../../src-main/solutions/diagnose.js';
import type { WorkedSolution } from '../../src-main/solutions/steps.js';
import { createTestPool } from '../helpers/sandbox.js';
import { DISCOUNT, solve } from './fixtures.js';

let pool: SandboxPool;
let sol: WorkedSolution;
beforeAll(async () => {
  pool = await createTestPool({ size: 1 });
  sol = await solve(pool, DISCOUNT, { price: 400, discount: 20 }, { answerFormat: 'money' });
});
afterAll(async () => {
  await pool.close();
});

describe('diagnose', () => {
  it('has the three steps the test relies on', () => {
    expect(sol.steps.map((s) => [s.title, s.latex])).toEqual([
      ['Write the discount as a decimal', '\\frac{20}{100} = 0.20'],
      ['Work out how much is taken off', '400 \\times 0.20 = 80.00'],
      ['Take the saving off the price', '400 - 80.00 = 320.00'],
    ]);
  });

  it('does not call a correct answer wrong, also when rounded to the cent', () => {
    expect(diagnose(320, sol).kind).toBe('correct');
    expect(diagnose(320.0000000001, sol).kind).toBe('correct');
  });

  it('says which step the learner stopped after', () => {
    const d = diagnose(80, sol);
    expect(d).toMatchObject({ kind: 'intermediate', step: 2 });
    expect(d.message).toContain('You stopped after step 2 (“Work out how much is taken off”)');
    expect(d.message).toContain('1 more step');
    expect(diagnose(0.2, sol)).toMatchObject({ kind: 'intermediate', step: 1 });
  });

  it('finds a skipped step by replaying the solution without it', () => {
    // Skipping "write the discount as a decimal": 400 − 400 × 20 = −7600.
    expect(replayWithout(sol.trace.events, sol.steps[0]?.event ?? -1)).toBe(-7600);
    const d = diagnose(-7600, sol);
    expect(d).toMatchObject({ kind: 'skipped-step', step: 1 });
    expect(d.message).toContain('step 1 (“Write the discount as a decimal”) was left out');
  });

  it('recognises a percent used as a whole number, both ways', () => {
    expect(diagnose(32000, sol)).toMatchObject({ kind: 'percent-slip', factor: 100 });
    expect(diagnose(3.2, sol)).toMatchObject({ kind: 'percent-slip', factor: 0.01 });
  });

  it('recognises a given number added or taken once too often, and a given number handed back', () => {
    expect(diagnose(340, sol)).toMatchObject({ kind: 'given-number', name: 'discount', sign: 1 });
    expect(diagnose(300, sol)).toMatchObject({ kind: 'given-number', name: 'discount', sign: -1 });
    const back = diagnose(20, sol);
    expect(back).toMatchObject({ kind: 'given-value', name: 'discount' });
  });

  it('recognises a unit conversion slip', () => {
    expect(diagnose(32, sol)).toMatchObject({ kind: 'unit-slip', factor: 0.1 });
    expect(diagnose(320000, sol)).toMatchObject({ kind: 'unit-slip', factor: 1000 });
    expect(diagnose(19200, sol)).toMatchObject({ kind: 'unit-slip', factor: 60 });
  });

  it('admits when it cannot tell', () => {
    expect(diagnose(123, sol).kind).toBe('unknown');
    expect(diagnose(Number.NaN, sol).kind).toBe('unknown');
  });
});
