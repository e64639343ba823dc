/**
 * The Author page's state as a pure reducer, like practice-state.ts: the draft (problem, numbers,
 * program, ranges, criteria), the model's job, the last check, what is busy and the last error. The page
 * only dispatches and renders; every rule about what an action changes lives here, where "Start over",
 * "a new problem was detected" and "any edit makes the last check stale" are each one case (they were
 * fifteen setters reset by hand), and it is unit-tested without a browser.
 */
import type { AuthoringCheckResult, AuthoringSuggestResult } from '../../src-main/api/authoring-contract.std.js';
import type { AuthoringRound, MaskedProblem, NumberSpan } from '../../src-main/authoring/authoring-types.std.js';
import { maskProblem, uniqueName } from '../../src-main/authoring/mask.std.js';
import { skeletonProgram, type DraftParts, type Ranges, type StoredDraft } from './draft.js';

export interface AuthoringJob {
  jobId: string;
  rounds: AuthoringRound[];
  /** null while the model is still at work. */
  result: AuthoringSuggestResult | null;
}

export type AuthoringBusy = 'detect' | 'check' | 'save' | null;

export interface ModelStatus {
  configured: boolean;
  label: string | null;
}

export interface AuthoringState {
  /** The text in the problem box (what "Find the numbers" reads). */
  problemInput: string;
  /** The answer for the original values, if the author knows it. */
  answer: string;
  /** The problem the numbers were found in; null before the first detection. */
  problem: string | null;
  spans: NumberSpan[];
  program: string;
  ranges: Ranges;
  criteria: string[];
  /** The template this draft was saved as (saving again updates it). */
  savedId: string | null;
  /** null until Settings has answered. */
  model: ModelStatus | null;
  job: AuthoringJob | null;
  /** The last check; null when there is none or the draft changed since. */
  check: AuthoringCheckResult | null;
  busy: AuthoringBusy;
  error: string | null;
}

export type AuthoringAction =
  | { type: 'problem-input'; text: string }
  | { type: 'answer'; text: string }
  | { type: 'program'; text: string }
  | { type: 'skeleton' }
  | { type: 'start-over' }
  | { type: 'model'; model: ModelStatus }
  | { type: 'request'; busy: Exclude<AuthoringBusy, null> }
  | { type: 'clear-error' }
  | { type: 'detected'; text: string; spans: NumberSpan[] }
  | { type: 'toggle'; index: number }
  | { type: 'rename'; index: number; name: string }
  | { type: 'marked'; span: NumberSpan }
  | { type: 'range'; name: string; range: Ranges[string] | null }
  | { type: 'suggest-requested' }
  | { type: 'suggest-started'; jobId: string }
  | { type: 'job-round'; jobId: string; round: AuthoringRound }
  | { type: 'job-done'; jobId: string; result: AuthoringSuggestResult }
  | { type: 'checked'; check: AuthoringCheckResult }
  | { type: 'saved'; templateId: string; check: AuthoringCheckResult }
  | { type: 'failed'; message: string };

const EMPTY_DRAFT = {
  problemInput: '',
  answer: '',
  problem: null,
  spans: [],
  program: '',
  ranges: {},
  criteria: [],
  savedId: null,
} satisfies StoredDraft;

/**
 * Where the page starts: a link's `?problem=` (and `&answer=`) starts a new draft; otherwise the draft
 * remembered from last time comes back, if any.
 */
export function initialAuthoringState(stored: StoredDraft | null, query: { problem?: string; answer?: string }): AuthoringState {
  const draft = query.problem !== undefined ? EMPTY_DRAFT : (stored ?? EMPTY_DRAFT);
  return {
    ...draft,
    problemInput: query.problem ?? draft.problemInput,
    answer: query.answer ?? draft.answer,
    model: null,
    job: null,
    check: null,
    busy: null,
    error: null,
  };
}

/** The skeleton a fresh detection writes, unless the author already wrote something of their own. */
function programAfterDetection(program: string, spans: readonly NumberSpan[], text: string): string {
  const untouched = program.trim() === '' || program.includes('answer = 0  # replace');
  return untouched ? skeletonProgram(Object.keys(maskProblem(text, spans).variables)) : program;
}

function toggled(spans: readonly NumberSpan[], index: number): NumberSpan[] {
  return spans.map((s, i) => {
    if (i !== index) return s;
    if (s.masked) return { ...s, masked: false };
    // Masking again: keep the name unless another masked span took it meanwhile.
    const taken = new Set(spans.filter((o, j) => j !== i && o.masked).map((o) => o.name));
    return { ...s, masked: true, name: taken.has(s.name) ? uniqueName(s.name, taken) : s.name };
  });
}

/** Whether an event belongs to the model job still running. */
function isRunningJob(state: AuthoringState, jobId: string): state is AuthoringState & { job: AuthoringJob } {
  return state.job !== null && state.job.jobId === jobId && state.job.result === null;
}

export function authoringReducer(state: AuthoringState, action: AuthoringAction): AuthoringState {
  switch (action.type) {
    case 'problem-input':
      return { ...state, problemInput: action.text };
    // Any change to the draft makes the last check stale.
    case 'answer':
      return { ...state, answer: action.text, check: null };
    case 'program':
      return { ...state, program: action.text, check: null };
    case 'skeleton':
      return { ...state, program: skeletonProgram(Object.keys(maskedDraft(state)?.variables ?? {})), check: null };
    case 'start-over':
      return { ...initialAuthoringState(null, {}), model: state.model };
    case 'model':
      return { ...state, model: action.model };
    case 'request':
      return { ...state, busy: action.busy, error: null };
    case 'clear-error':
      return { ...state, error: null };
    case 'detected':
      return {
        ...state,
        busy: null,
        problem: action.text,
        spans: action.spans,
        ranges: {},
        criteria: [],
        check: null,
        job: null,
        savedId: null,
        program: programAfterDetection(state.program, action.spans, action.text),
      };
    case 'toggle':
      return { ...state, spans: toggled(state.spans, action.index), check: null };
    case 'rename':
      return { ...state, spans: state.spans.map((s, i) => (i === action.index ? { ...s, name: action.name } : s)), check: null };
    case 'marked': {
      // A marked span replaces the detected ones it overlaps.
      const { span } = action;
      const kept = state.spans.filter((s) => s.end <= span.start || s.start >= span.end);
      return { ...state, spans: [...kept, span].sort((a, b) => a.start - b.start), check: null };
    }
    case 'range': {
      const others = Object.fromEntries(Object.entries(state.ranges).filter(([k]) => k !== action.name));
      return { ...state, ranges: action.range === null ? others : { ...others, [action.name]: action.range }, check: null };
    }
    case 'suggest-requested':
      return { ...state, error: null, check: null };
    case 'suggest-started':
      return { ...state, job: { jobId: action.jobId, rounds: [], result: null } };
    case 'job-round':
      if (!isRunningJob(state, action.jobId)) return state;
      // A round may be reported again (its outcome after the run): the last report wins.
      return { ...state, job: { ...state.job, rounds: [...state.job.rounds.filter((r) => r.round !== action.round.round), action.round] } };
    case 'job-done': {
      if (!isRunningJob(state, action.jobId)) return state;
      const r = action.result;
      const job: AuthoringJob = { ...state.job, rounds: r.rounds.length > 0 ? r.rounds : state.job.rounds, result: r };
      if (r.program === null) return { ...state, job };
      // The passing program comes with the model's ranges and criteria, and its check.
      return { ...state, job, program: r.program, ranges: { ...state.ranges, ...r.ranges }, criteria: r.criteria, check: r.check };
    }
    case 'checked':
      return { ...state, busy: null, check: action.check };
    case 'saved':
      return { ...state, busy: null, check: action.check, savedId: action.templateId };
    case 'failed':
      return { ...state, busy: null, error: action.message };
  }
}

/** What masking makes of the detected problem; null before the first detection. */
export function maskedDraft(state: Pick<AuthoringState, 'problem' | 'spans'>): MaskedProblem | null {
  return state.problem === null ? null : maskProblem(state.problem, state.spans);
}

/** The draft can be checked, sent to the model or saved: a problem with at least one valid placeholder. */
export function isDraftReady(masked: MaskedProblem | null): boolean {
  return masked !== null && masked.errors.length === 0 && Object.keys(masked.variables).length > 0;
}

/** The model is still writing (the program is not the author's to edit meanwhile). */
export function isRunning(state: AuthoringState): boolean {
  return state.job !== null && state.job.result === null;
}

/** Saving is offered after a check that ran, agreed with a known answer and did not find the template broken. */
export function canSave(state: AuthoringState): boolean {
  const check = state.check;
  return check !== null && check.run.status === 'ok' && check.matches !== false && check.audit?.status !== 'broken';
}

/** The parts draftInput() sends to the engine. */
export function draftParts(state: AuthoringState): DraftParts {
  return { problem: state.problem ?? '', answer: state.answer, spans: state.spans, program: state.program, ranges: state.ranges, criteria: state.criteria, id: state.savedId };
}

/** What is remembered across visits (stored-draft.ts): the draft, not the job, the check or errors. */
export function storedDraft(state: AuthoringState): StoredDraft {
  const { problemInput, answer, problem, spans, program, ranges, criteria, savedId } = state;
  return { problemInput, answer, problem, spans, program, ranges, criteria, savedId };
}
