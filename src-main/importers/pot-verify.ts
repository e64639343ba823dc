/**
 * The check that makes auto-templatizing trustworthy: the new, parameterised program called with the
 * lifted original values must give exactly what the record's own program gives.
 */
import { programSpecOf } from '../engine/program-spec.js';
import type { SandboxPool } from '../sandbox/pool.js';
import type { RunResult } from '../sandbox/protocol.js';
import { pyToNumber } from '../template/answer-shape.js';
import type { PyValue } from '../template/template.types.js';
import type { RowOutcome } from './row-mappers.js';

export type PotVerdict = { ok: true } | { ok: false; detail: string };

function show(r: RunResult): string {
  if (r.status !== 'ok' || !r.value) return `${r.status}${r.error ? ` (${r.error.type}: ${r.error.message})` : ''}`;
  return JSON.stringify(r.value);
}

export function samePyValue(a: PyValue, b: PyValue): boolean {
  const x = pyToNumber(a);
  const y = pyToNumber(b);
  if (x !== undefined && y !== undefined) return x === y || Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x), Math.abs(y));
  return JSON.stringify(a) === JSON.stringify(b);
}

export async function verifyPotBatch(pool: SandboxPool, outcomes: readonly Extract<RowOutcome, { ok: true }>[]): Promise<PotVerdict[]> {
  return Promise.all(
    outcomes.map(async (o): Promise<PotVerdict> => {
      const originalProgram = o.pot?.originalProgram;
      if (!originalProgram) return { ok: true };
      const [before, after] = await Promise.all([
        pool.run(programSpecOf({ program: originalProgram }), [{}]),
        pool.run(programSpecOf(o.template), [o.template.variables]),
      ]);
      const b = before.results[0];
      const a = after.results[0];
      if (!b || b.status !== 'ok' || !b.value) return { ok: false, detail: `the record's own program does not run: ${b ? show(b) : 'no result'}` };
      if (!a || a.status !== 'ok' || !a.value) return { ok: false, detail: `the templatized program does not run on the original values: ${a ? show(a) : 'no result'}` };
      if (!samePyValue(a.value, b.value)) return { ok: false, detail: `the templatized program gives ${show(a)} but the original gives ${show(b)}` };
      return { ok: true };
    }),
  );
}
