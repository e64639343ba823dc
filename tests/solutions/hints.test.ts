/** Progressive hints: idea, worked, idea, worked, …, last idea, full solution; only the last reveals the answer. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxPool } from '../../src-main/sandbox/pool.js';
import { buildHints } from '../../src-main/solutions/hints.js';
import type { WorkedSolution } from '../../src-main/solutions/steps.js';
import { createTestPool } from '../helpers/sandbox.js';
import { DISCOUNT, solve } from './fixtures.js';

let pool: SandboxPool;
let sol: WorkedSolution;
beforeAll(async () => {
  pool = await createTestPool({ size: 1 });
  sol = await solve(pool, DISCOUNT, { price: 400, discount: 20 });
});
afterAll(async () => {
  await pool.close();
});

describe('progressive hints', () => {
  it('come in order and reveal the answer only at the end', () => {
    const hints = buildHints(sol);
    expect(hints.map((h) => [h.level, h.kind, h.step])).toEqual([
      [1, 'idea', 1],
      [2, 'worked', 1],
      [3, 'idea', 2],
      [4, 'worked', 2],
      [5, 'idea', 3],
      [6, 'solution', undefined],
    ]);
    expect(hints.map((h) => h.revealsAnswer)).toEqual([false, false, false, false, false, true]);
  });

  it('give the first step’s idea without its numbers, then the step worked', () => {
    const [idea, worked] = buildHints(sol);
    expect(idea?.text).toBe('Step 1 of 3: Write the discount as a decimal.');
    expect(idea?.latex).toBe('\\text{rate} = \\frac{\\text{discount}}{100}');
    expect(idea?.latex).not.toMatch(/20|0\.2/);
    expect(worked?.latex).toBe('\\frac{20}{100} = 0.2');
  });

  it('never show the answer before the full solution', () => {
    const hints = buildHints(sol);
    for (const h of hints.slice(0, -1)) expect(`${h.text} ${h.latex ?? ''}`).not.toContain('320');
    expect(hints.at(-1)?.steps?.at(-1)?.latex).toBe('400 - 80 = 320');
  });

  it('for a one-step solution: its idea, then the solution', () => {
    expect(buildHints({ steps: sol.steps.slice(-1) }).map((h) => h.kind)).toEqual(['idea', 'solution']);
  });
});
