/** Small programs with known steps, traced in the real sandbox by the solution tests. */
import type { SandboxPool } from '../../src-main/sandbox/pool.js';
import { buildSolution, type StepOptions, type WorkedSolution } from '../../src-main/solutions/steps.js';
import { traceInstance } from '../../src-main/solutions/trace-instance.js';
import type { VariableValue } from '../../src-main/template/template.types.js';

export const DISCOUNT = `def solution(price, discount):
    """A price is reduced by a percent discount. Find the new price."""
    # Write the discount as a decimal
    rate = discount / 100
    # Work out how much is taken off
    saving = price * rate
    # Take the saving off the price
    price_after_discount = price - saving
    result = price_after_discount
    return result
`;

export async function solve(pool: SandboxPool, program: string, values: Record<string, VariableValue>, opts: Partial<StepOptions> = {}): Promise<WorkedSolution> {
  const out = await traceInstance(pool, { program }, values);
  if (!out.ok) throw new Error(`trace failed: ${out.failure.status}: ${out.failure.message}`);
  return buildSolution(out.trace, { values, ...opts });
}
