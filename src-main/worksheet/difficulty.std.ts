/**
 * Measurable difficulty of one drawn instance, used to give every version of a sheet problems of equal
 * difficulty: how big the answer is, how many digits the student must handle, whether the answer is a
 * whole number, and how many steps the program takes.
 */
import type { Instance, PyValue } from '../template/template.types.js';

export interface DifficultyMetrics {
  /** log10 of the answer's size (|answer| + 1, so 0 stays finite); 0 for answers that are not numbers. */
  magnitude: number;
  /** Digits in the numeric values of the problem (what the student reads and computes with). */
  digits: number;
  /** 1 when the answer is a whole number, else 0 (fractions and decimals are harder). */
  whole: number;
  /**
   * Program steps: statements in the program body. The sandbox reports no trace, so this is the same for
   * every instance of one template (it weighs nothing in one item's balance, but it is reported).
   */
  steps: number;
}

export const METRIC_NAMES = ['magnitude', 'digits', 'whole', 'steps'] as const;
export type MetricName = (typeof METRIC_NAMES)[number];

/** The answer as a number, when it is one. */
export function answerNumber(value: PyValue): number | undefined {
  switch (value.t) {
    case 'int':
      return Number(value.v);
    case 'float':
      return typeof value.v === 'number' ? value.v : undefined;
    case 'fraction':
      return Number(value.n) / Number(value.d);
    case 'bool':
      return undefined;
    case 'str': {
      // Programs often return formatted numbers ("$12.50", "3/4" are handled by their formats elsewhere).
      const n = Number(value.v.replace(/[$,%\s]/g, ''));
      return value.v.trim() !== '' && Number.isFinite(n) ? n : undefined;
    }
    default:
      return undefined;
  }
}

function digitCount(x: number): number {
  if (!Number.isFinite(x)) return 0;
  return String(Math.abs(x)).replace(/[^0-9]/g, '').replace(/^0+(?=\d)/, '').length;
}

/** Statements in the program: non-blank lines that are not comments, docstrings, imports or `def` lines. */
export function programSteps(program: string): number {
  let steps = 0;
  let inDocstring = false;
  for (const raw of program.split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    const quotes = (line.match(/"""|'''/g) ?? []).length;
    if (inDocstring) {
      if (quotes % 2 === 1) inDocstring = false;
      continue;
    }
    if (line.startsWith('"""') || line.startsWith("'''")) {
      if (quotes % 2 === 1) inDocstring = true;
      continue;
    }
    if (line.startsWith('#') || line.startsWith('def ') || line.startsWith('import ') || line.startsWith('from ')) continue;
    steps++;
  }
  return steps;
}

export function measureInstance(instance: Instance, program: string): DifficultyMetrics {
  const answer = answerNumber(instance.answer);
  const digits = Object.values(instance.values).reduce<number>((sum, v) => sum + (typeof v === 'number' ? digitCount(v) : 0), 0);
  return {
    magnitude: answer === undefined ? 0 : Math.log10(Math.abs(answer) + 1),
    digits,
    whole: answer !== undefined && Number.isInteger(answer) ? 1 : 0,
    steps: programSteps(program),
  };
}
