/** How each verdict is announced. The server's message says why; this is the headline and tone. */
import type { VerdictKindView } from '../../src-main/api/contract.std.js';

export interface VerdictText {
  headline: string;
  tone: 'success' | 'almost' | 'miss' | 'neutral';
}

export const VERDICT_TEXT: Record<VerdictKindView, VerdictText> = {
  correct: { headline: 'Correct!', tone: 'success' },
  correct_needs_simplifying: { headline: 'Almost there', tone: 'almost' },
  check_units: { headline: 'Check your units', tone: 'almost' },
  wrong: { headline: 'Not quite', tone: 'miss' },
  // Invalid input never counts as an attempt, and the learner should hear that plainly.
  invalid: { headline: 'We could not read that', tone: 'neutral' },
};

/** Openings of the checker's messages that only repeat the headline ("Not quite.", "Correct:", "I could not read that:"). */
const REPEATED_OPENING = /^(?:correct!?|not quite|(?:i |we )?could not read (?:that|this))\s*[.:!]?\s*/i;
/** "Try again." says what the Try again button already offers. */
const TRY_AGAIN = /\s*try again\.?\s*$/i;

/**
 * The part of the server's message that adds to the headline: "Not quite: the answer is a whole
 * number." → "The answer is a whole number."; "Not quite. Try again." → "" (nothing to add).
 */
export function messageDetail(message: string): string {
  const rest = message.trim().replace(REPEATED_OPENING, '').replace(TRY_AGAIN, '').trim();
  return rest === '' ? '' : `${rest.charAt(0).toUpperCase()}${rest.slice(1)}`;
}
