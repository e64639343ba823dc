/**
 * The practice loop as a pure reducer: one problem at a time, a verdict per submission, reveal or
 * move on. The page only dispatches; every rule about what may happen next lives here (and is
 * unit-tested without a browser).
 */
import type { ProblemView, SubmitResult } from '../../src-main/api/contract.std.js';

export type Busy = 'problem' | 'check' | 'reveal' | 'skip' | null;

export interface PracticeState {
  problem: ProblemView | null;
  busy: Busy;
  /** A failed request, for the page to show (cleared by the next request). */
  error: string | null;
  /** The problem could not be fetched because the engine is still warming up: retry on `sandbox.ready`. */
  waitingForEngine: boolean;
  /** The last graded submission on this problem. */
  result: SubmitResult | null;
  /** What was sent for `result`, so the same wrong answer is not counted twice. */
  lastAnswer: string | null;
  /** The answer, once revealed. */
  revealed: string | null;
}

export type PracticeAction =
  | { type: 'request-problem' }
  | { type: 'problem'; problem: ProblemView }
  | { type: 'problem-failed'; message: string; engineWarming: boolean }
  | { type: 'request-check' }
  | { type: 'checked'; answer: string; result: SubmitResult }
  | { type: 'request-reveal' }
  | { type: 'request-skip' }
  | { type: 'revealed'; answerText: string }
  | { type: 'failed'; message: string }
  | { type: 'clear' };

export const initialPracticeState: PracticeState = {
  problem: null,
  busy: null,
  error: null,
  waitingForEngine: false,
  result: null,
  lastAnswer: null,
  revealed: null,
};

export function practiceReducer(state: PracticeState, action: PracticeAction): PracticeState {
  switch (action.type) {
    case 'request-problem':
      return { ...state, busy: 'problem', error: null, waitingForEngine: false };
    case 'problem':
      return { ...initialPracticeState, problem: action.problem };
    case 'problem-failed':
      return { ...state, busy: null, error: action.message, waitingForEngine: action.engineWarming };
    case 'request-check':
      return { ...state, busy: 'check', error: null };
    case 'checked':
      return { ...state, busy: null, result: action.result, lastAnswer: action.answer };
    case 'request-reveal':
      return { ...state, busy: 'reveal', error: null };
    case 'request-skip':
      return { ...state, busy: 'skip', error: null };
    case 'revealed':
      return { ...state, busy: null, revealed: action.answerText };
    case 'failed':
      return { ...state, busy: null, error: action.message };
    case 'clear':
      return initialPracticeState;
  }
}

/** Solved: answered correctly (the answer may still be "not simplified"). */
export function isSolved(state: PracticeState): boolean {
  const verdict = state.result?.verdict;
  return verdict === 'correct';
}

/** Nothing more to answer on this problem: solved, or the answer was revealed. */
export function isFinished(state: PracticeState): boolean {
  return isSolved(state) || state.revealed !== null;
}

/** A counted miss (wrong, units, or right but not simplified): offer try again / reveal / another. */
export function canRetry(state: PracticeState): boolean {
  const verdict = state.result?.verdict;
  return !isFinished(state) && verdict !== undefined && verdict !== 'invalid';
}

/**
 * Whether `answer` may be submitted now. Empty input is refused, and so is re-sending the answer
 * that was just graded wrong: it would only count a second identical miss.
 */
export function canSubmit(state: PracticeState, answer: string): boolean {
  if (state.problem === null || state.busy !== null || isFinished(state)) return false;
  if (answer.trim() === '') return false;
  return !(state.result !== null && state.result.verdict !== 'invalid' && answer === state.lastAnswer);
}

/** "Next" is offered once the problem is done, and also when the value was right but not simplified. */
export function canMoveOn(state: PracticeState): boolean {
  return isFinished(state) || state.result?.verdict === 'correct_needs_simplifying';
}

/**
 * Skip is offered while the problem is open: before any answer, after a miss, and after a right value
 * that still needs simplifying. Not once it is solved or revealed (then it is "Next").
 */
export function canSkip(state: PracticeState): boolean {
  return state.problem !== null && state.busy === null && !isFinished(state);
}
