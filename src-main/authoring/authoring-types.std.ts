/**
 * The authoring draft as the UI and the engine share it: a pasted problem, the numbers found in it (each
 * a span the author may rename, unmask or add), and what masking makes of them. Runs anywhere.
 */

/** What a detected number is, which decides how it is masked and which domain it draws from. */
export type NumberKind =
  /** A plain quantity: `5`, `1,250`, `12.5`, `three`, `a dozen`. */
  | 'number'
  /** `$12.50` */
  | 'money'
  /** `20%`, `20 percent` (the value is the number of percent: 20). */
  | 'percent'
  /** `3/4`, `three quarters`, `half`: masked as two whole numbers, `{x_num}/{x_den}`. */
  | 'fraction'
  /** `twice`, `triple`: masked as `{x} times`. */
  | 'multiplier'
  /** `2019`: proposed unmasked (a date, not a quantity), the author may mask it. */
  | 'year';

export const NUMBER_KINDS: readonly NumberKind[] = ['number', 'money', 'percent', 'fraction', 'multiplier', 'year'];

export interface NumberSpan {
  /** The whole mention in the problem text (`$12.50`, `20%`, `a dozen`). */
  start: number;
  end: number;
  text: string;
  /** Its value: 12.5 for `$12.50`, 20 for `20%`, 0.75 for `3/4`, 2 for `twice`. */
  value: number;
  kind: NumberKind;
  written: 'digits' | 'words';
  /** The placeholder's name (snake_case, a Python identifier). */
  name: string;
  /** Whether it becomes a placeholder; false keeps the number as written. */
  masked: boolean;
  /** Why a span is proposed unmasked (`"one" is often not a quantity`), or null. */
  note: string | null;
  /** For fractions: the whole numbers that travel as `<name>_num` and `<name>_den`. */
  fraction?: { num: number; den: number };
}

/** The generic problem, with the variables that carry the original values. */
export interface MaskedProblem {
  generic: string;
  variables: Record<string, number>;
  /** Problems that stop the draft being usable (duplicate or invalid names, overlapping spans). */
  errors: string[];
}

/** One model round as the UI shows it. */
export interface AuthoringRound {
  round: number;
  /** What was asked in this round: the first request, or the fix of an error / a wrong answer. */
  asked: 'program' | 'fix-error' | 'fix-answer';
  program: string | null;
  /** The run on the original values: the answer as text, or what went wrong. */
  outcome: 'ok' | 'wrong-answer' | 'error' | 'unreadable-reply';
  answerText: string | null;
  detail: string | null;
}
