/**
 * Types of the answer checker. The checker runs in Node (the server records verdicts) and in the
 * browser (the practice page shows how the input was read before grading), so this folder holds
 * plain TypeScript only: no Node built-ins, no DOM (`*.std.ts` = standard runtime).
 */
import type { AnswerFormat, PyValue } from '../template/template.types.js';

/** Inputs longer than this are refused as `invalid` before any parsing: nothing a learner types is longer. */
export const MAX_INPUT_LENGTH = 200;

/** An exact rational number: `d > 0` and `gcd(|n|, d) = 1`. Exact kinds never go through floats. */
export interface Rational {
  readonly n: bigint;
  readonly d: bigint;
}

export type ParsedKind =
  | 'integer'
  | 'decimal'
  | 'fraction'
  | 'mixed'
  | 'percent'
  | 'money'
  | 'expression'
  | 'text'
  | 'empty'
  | 'invalid';

/** A fraction as the learner wrote it, before reducing (6/8 stays 6/8), so "simplify" feedback is possible. */
export interface WrittenFraction {
  negative: boolean;
  /** The whole part of a mixed number (`1 3/4` → 1); undefined for a plain fraction. */
  whole: bigint | undefined;
  numerator: bigint;
  denominator: bigint;
}

/** Things worth telling the learner about how the input was read. */
export type ReadNote =
  | 'decimal_comma'
  | 'thousands_separator'
  | 'scientific'
  | 'number_words'
  | 'latex'
  | 'prefix_removed'
  | 'cents';

export interface ParsedAnswer {
  kind: ParsedKind;
  /** The input after normalisation (unicode minus → `-`, spaces collapsed, LaTeX spacing removed, …). */
  normalized: string;
  /**
   * The exact value when there is one. Percent: the value as a fraction of one (75 % → 3/4).
   * Money: the amount (`$12.50` → 25/2; `50¢` → 1/2). Expression: set for plain arithmetic (`3+4` → 7).
   */
  value?: Rational;
  /** Percent only: the number of percent as written (`75%` → 75). */
  percent?: Rational;
  /** Fraction and mixed kinds (also inside percent/money): the fraction as written. */
  fraction?: WrittenFraction;
  /** Decimal places as typed (`2.50` → 2, `2.5e3` → 0, `12` → 0); undefined for fractions and arithmetic. */
  places?: number;
  /** The unit written after the number (`cm`, `km/h`, `cups`), lower-cased and tidied. */
  unit?: string;
  /** ISO code of a currency written with the number (`$` → USD, `€` → EUR, `£` → GBP, …). */
  currency?: string;
  notes: ReadNote[];
  /** A human description shown before grading: "read as the fraction 3/4", "read as $12.50". */
  readAs: string;
  /** For `invalid`: what was wrong, for the learner. */
  error?: string;
}

/** What a question expects. `answer` comes from the sandbox (see PyValue); `format` from the template. */
export interface ExpectedAnswer {
  answer: PyValue;
  format: AnswerFormat;
  /** The answer's unit (`cm`, `km/h`, `$`): a different unit gives `check_units`. */
  unit?: string;
  /** Options of a multiple-choice question; the answer is the correct option's text (or its letter). */
  choices?: string[];
  /**
   * Decimal places the question asks for (decimal and percent formats). When absent: an answer that
   * terminates within 6 places must be given exactly; a longer one needs at least 2 places.
   */
  decimals?: number;
  /** When true, a missing unit gives `check_units`; by default the unit may be left out (the page shows it). */
  unitRequired?: boolean;
}

export type VerdictKind = 'correct' | 'correct_needs_simplifying' | 'check_units' | 'wrong' | 'invalid';

/** Why the verdict is what it is: stable codes for the server's records and for tests. */
export type VerdictReason =
  // correct
  | 'exact'
  | 'equivalent_form'
  | 'rounded'
  | 'within_tolerance'
  | 'option_match'
  | 'text_match'
  | 'equivalent_expression'
  // correct_needs_simplifying
  | 'not_in_lowest_terms'
  | 'unevaluated_arithmetic'
  // check_units
  | 'unit_missing'
  | 'unit_mismatch'
  | 'unit_converted'
  | 'currency_mismatch'
  // wrong
  | 'not_equal'
  | 'not_exact'
  | 'not_precise_enough'
  | 'not_whole_number'
  | 'different_expression'
  | 'wrong_option'
  // invalid
  | 'empty'
  | 'too_long'
  | 'unreadable'
  | 'not_a_number'
  | 'not_an_option'
  | 'too_complex'
  | 'engine_not_ready'
  | 'bad_expected'
  | 'internal_error';

export interface Verdict {
  kind: VerdictKind;
  reason: VerdictReason;
  /** Feedback for the learner. Never reveals the expected answer; the page decides when to show it. */
  message: string;
  /** How the input was read, for this question's format ("read as option B", "read as 75 % (= 0.75)"). */
  readAs: string;
  parsed: ParsedAnswer;
  /** The expected answer as a learner would write it, for the page to show after grading (undefined if unusable). */
  expectedText: string | undefined;
}
