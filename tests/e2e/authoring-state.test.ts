/**
 * The Author page's reducer (src-renderer/authoring/authoring-state.ts) in Node: what each action does to
 * the draft, the model's job and the last check, without a browser.
 */
import { describe, expect, it } from 'vitest';
import type { AuthoringCheckResult, AuthoringSuggestResult } from '../../src-main/api/authoring-contract.std.js';
import type { AuthoringRound, NumberSpan } from '../../src-main/authoring/authoring-types.std.js';
import {
  authoringReducer,
  canSave,
  draftParts,
  initialAuthoringState,
  isDraftReady,
  isRunning,
  maskedDraft,
  storedDraft,
  type AuthoringAction,
  type AuthoringState,
} from '../../src-renderer/authoring/authoring-state.js';
import { skeletonProgram } from '../../src-renderer/authoring/draft.js';
import type { StoredDraft } from '../../src-renderer/authoring/draft.js';

const TEXT = 'Ada has 12 apples and buys 5 more. How many apples does she have?';

function span(start: number, text: string, name: string, masked = true): NumberSpan {
  return { start, end: start + text.length, text, value: Number(text), kind: 'number', written: 'digits', name, masked, note: null };
}

const SPANS = [span(8, '12', 'apples'), span(27, '5', 'more')];

function check(overrides: Partial<AuthoringCheckResult> = {}): AuthoringCheckResult {
  return {
    templateId: 'user.ada-apples',
    run: { status: 'ok', answerText: '17', error: null },
    knownAnswer: '17',
    matches: true,
    audit: { status: 'healthy', samples: 20, valid: 20, acceptance: 1, crashes: 0, timeouts: 0, reasons: [] },
    samples: [],
    warnings: [],
    domains: {},
    ...overrides,
  };
}

function round(n: number, outcome: AuthoringRound['outcome'] = 'ok'): AuthoringRound {
  return { round: n, asked: n === 1 ? 'program' : 'fix-error', program: 'def solution(apples, more):\n    return apples + more\n', outcome, answerText: '17', detail: null };
}

function run(state: AuthoringState, ...actions: AuthoringAction[]): AuthoringState {
  return actions.reduce(authoringReducer, state);
}

const fresh = (): AuthoringState => initialAuthoringState(null, {});
const detected = (): AuthoringState => run(fresh(), { type: 'problem-input', text: TEXT }, { type: 'detected', text: TEXT, spans: SPANS });

describe('where the page starts', () => {
  const stored: StoredDraft = { problemInput: 'old', answer: '3', problem: 'old', spans: [], program: 'x = 1', ranges: {}, criteria: ['c'], savedId: 'user.old' };

  it('brings the remembered draft back, with nothing running, checked or failed', () => {
    const state = initialAuthoringState(stored, {});
    expect(storedDraft(state)).toEqual(stored);
    expect([state.job, state.check, state.busy, state.error, state.model]).toEqual([null, null, null, null, null]);
  });

  it('starts a new draft from a link’s ?problem= and &answer=, ignoring the remembered one', () => {
    const state = initialAuthoringState(stored, { problem: TEXT, answer: '17' });
    expect(storedDraft(state)).toEqual({ problemInput: TEXT, answer: '17', problem: null, spans: [], program: '', ranges: {}, criteria: [], savedId: null });
  });
});

describe('finding the numbers', () => {
  it('takes the spans, writes a skeleton over an empty program and forgets everything about the last problem', () => {
    const before = run(fresh(), { type: 'range', name: 'x', range: { min: 1, max: 2 } }, { type: 'saved', templateId: 'user.prev', check: check() }, { type: 'request', busy: 'detect' });
    const state = authoringReducer(before, { type: 'detected', text: TEXT, spans: SPANS });
    expect(state).toMatchObject({ problem: TEXT, spans: SPANS, ranges: {}, criteria: [], check: null, job: null, savedId: null, busy: null });
    expect(state.program).toBe(skeletonProgram(['apples', 'more']));
    expect(maskedDraft(state)).toEqual({ generic: 'Ada has {apples} apples and buys {more} more. How many apples does she have?', variables: { apples: 12, more: 5 }, errors: [] });
    expect(isDraftReady(maskedDraft(state))).toBe(true);
  });

  it('keeps a program the author wrote, but replaces an untouched skeleton', () => {
    const own = run(fresh(), { type: 'program', text: 'def solution(a):\n    return a\n' }, { type: 'detected', text: TEXT, spans: SPANS });
    expect(own.program).toBe('def solution(a):\n    return a\n');
    const skeleton = run(fresh(), { type: 'program', text: skeletonProgram(['x']) }, { type: 'detected', text: TEXT, spans: SPANS });
    expect(skeleton.program).toBe(skeletonProgram(['apples', 'more']));
  });

  it('is not ready with nothing masked, or with two placeholders of one name', () => {
    const none = run(detected(), { type: 'toggle', index: 0 }, { type: 'toggle', index: 1 });
    expect(Object.keys(maskedDraft(none)?.variables ?? {})).toEqual([]);
    expect(isDraftReady(maskedDraft(none))).toBe(false);
    const clash = run(detected(), { type: 'rename', index: 1, name: 'apples' });
    expect(maskedDraft(clash)?.errors.length).toBeGreaterThan(0);
    expect(isDraftReady(maskedDraft(clash))).toBe(false);
    expect(isDraftReady(null)).toBe(false);
  });
});

describe('editing the draft', () => {
  const checked = (): AuthoringState => run(detected(), { type: 'checked', check: check() });

  it.each<[string, AuthoringAction]>([
    ['the answer', { type: 'answer', text: '18' }],
    ['the program', { type: 'program', text: 'def solution(apples, more):\n    return apples\n' }],
    ['a skeleton', { type: 'skeleton' }],
    ['a mask toggled', { type: 'toggle', index: 0 }],
    ['a rename', { type: 'rename', index: 0, name: 'fruit' }],
    ['a marked number', { type: 'marked', span: span(8, '12', 'dozen') }],
    ['a range', { type: 'range', name: 'apples', range: { min: 2, max: 40, step: 2 } }],
  ])('makes the last check stale: %s', (_what, action) => {
    expect(checked().check).not.toBeNull();
    expect(authoringReducer(checked(), action).check).toBeNull();
  });

  it('typing a new problem keeps the detected one and its check until the numbers are found again', () => {
    const state = authoringReducer(checked(), { type: 'problem-input', text: 'Something else' });
    expect(state).toMatchObject({ problemInput: 'Something else', problem: TEXT });
    expect(state.check).not.toBeNull();
  });

  it('masking a number again keeps its name unless another placeholder took it meanwhile', () => {
    const unmasked = run(detected(), { type: 'toggle', index: 1 });
    expect(unmasked.spans[1]).toMatchObject({ masked: false, name: 'more' });
    expect(run(unmasked, { type: 'toggle', index: 1 }).spans[1]).toMatchObject({ masked: true, name: 'more' });
    const taken = run(unmasked, { type: 'rename', index: 0, name: 'more' }, { type: 'toggle', index: 1 });
    expect(taken.spans[1]?.masked).toBe(true);
    expect(taken.spans[1]?.name).not.toBe('more');
    expect(new Set(taken.spans.map((s) => s.name)).size).toBe(2);
  });

  it('a marked span replaces the detected ones it overlaps, and the spans stay in text order', () => {
    const wide = span(8, '12 apples', 'count');
    const state = authoringReducer(detected(), { type: 'marked', span: wide });
    expect(state.spans).toEqual([wide, SPANS[1]]);
    const before = authoringReducer(detected(), { type: 'marked', span: span(0, 'Ada', 'who') });
    expect(before.spans.map((s) => s.name)).toEqual(['who', 'apples', 'more']);
  });

  it('sets and removes a variable’s range without touching the others', () => {
    const state = run(detected(), { type: 'range', name: 'apples', range: { min: 2, max: 40 } }, { type: 'range', name: 'more', range: { min: 1, max: 9 } });
    expect(state.ranges).toEqual({ apples: { min: 2, max: 40 }, more: { min: 1, max: 9 } });
    expect(authoringReducer(state, { type: 'range', name: 'apples', range: null }).ranges).toEqual({ more: { min: 1, max: 9 } });
  });
});

describe('the model’s job', () => {
  const result = (overrides: Partial<AuthoringSuggestResult> = {}): AuthoringSuggestResult => ({
    status: 'fixed',
    passedInRound: 2,
    rounds: [round(1, 'error'), round(2)],
    why: null,
    program: 'def solution(apples, more):\n    """Apples in all."""\n    return apples + more\n',
    ranges: { more: { min: 1, max: 20 } },
    criteria: ['a whole number of apples'],
    check: check(),
    ...overrides,
  });
  const started = (): AuthoringState => run(detected(), { type: 'range', name: 'apples', range: { min: 2, max: 40 } }, { type: 'suggest-requested' }, { type: 'suggest-started', jobId: 'j1' });

  it('collects the rounds of the running job (a round reported again replaces itself) and ignores other jobs', () => {
    const state = run(started(), { type: 'job-round', jobId: 'j1', round: round(1) }, { type: 'job-round', jobId: 'j1', round: round(1, 'error') }, { type: 'job-round', jobId: 'other', round: round(2) });
    expect(state.job?.rounds).toEqual([round(1, 'error')]);
    expect(isRunning(state)).toBe(true);
  });

  it('takes over the passing program with the model’s ranges, criteria and check when it ends', () => {
    const state = run(started(), { type: 'job-done', jobId: 'j1', result: result() });
    expect(isRunning(state)).toBe(false);
    expect(state.program).toBe(result().program);
    expect(state.ranges).toEqual({ apples: { min: 2, max: 40 }, more: { min: 1, max: 20 } });
    expect(state.criteria).toEqual(['a whole number of apples']);
    expect(state.check).toEqual(check());
    expect(state.job?.rounds).toEqual(result().rounds);
    // After the end nothing of that job changes the page any more.
    expect(run(state, { type: 'job-round', jobId: 'j1', round: round(3) }, { type: 'job-done', jobId: 'j1', result: result({ program: 'x' }) })).toEqual(state);
  });

  it('keeps the author’s draft when the model did not get there, with the rounds it reported', () => {
    const before = run(started(), { type: 'job-round', jobId: 'j1', round: round(1, 'unreadable-reply') });
    const state = authoringReducer(before, { type: 'job-done', jobId: 'j1', result: result({ status: 'failed', program: null, rounds: [], check: null, why: 'no program' }) });
    expect(state.program).toBe(before.program);
    expect(state.ranges).toEqual(before.ranges);
    expect(state.job?.rounds).toEqual([round(1, 'unreadable-reply')]);
    expect(state.job?.result?.why).toBe('no program');
  });
});

describe('checking, saving, failing, starting over', () => {
  it('says busy while a request runs, clears the last error, and records the check or the save', () => {
    const failed = run(detected(), { type: 'request', busy: 'check' }, { type: 'failed', message: 'engine unavailable' });
    expect([failed.busy, failed.error]).toEqual([null, 'engine unavailable']);
    const retried = authoringReducer(failed, { type: 'request', busy: 'check' });
    expect([retried.busy, retried.error]).toEqual(['check', null]);
    const saved = run(retried, { type: 'checked', check: check() }, { type: 'request', busy: 'save' }, { type: 'saved', templateId: 'user.ada-apples', check: check() });
    expect(saved).toMatchObject({ busy: null, savedId: 'user.ada-apples' });
    expect(draftParts(saved).id).toBe('user.ada-apples');
  });

  it('offers saving only after a clean check that agrees with a known answer', () => {
    const base = detected();
    expect(canSave(base)).toBe(false);
    expect(canSave(run(base, { type: 'checked', check: check() }))).toBe(true);
    expect(canSave(run(base, { type: 'checked', check: check({ matches: null, knownAnswer: null }) }))).toBe(true);
    expect(canSave(run(base, { type: 'checked', check: check({ matches: false }) }))).toBe(false);
    expect(canSave(run(base, { type: 'checked', check: check({ run: { status: 'error', answerText: null, error: 'NameError' }, audit: null }) }))).toBe(false);
    expect(canSave(run(base, { type: 'checked', check: check({ audit: { status: 'broken', samples: 20, valid: 0, acceptance: 0, crashes: 20, timeouts: 0, reasons: ['crashes'] } }) }))).toBe(false);
  });

  it('starts over with an empty draft but remembers which model is configured', () => {
    const busy = run(detected(), { type: 'model', model: { configured: true, label: 'qwen' } }, { type: 'suggest-started', jobId: 'j' }, { type: 'checked', check: check() }, { type: 'failed', message: 'x' });
    const state = authoringReducer(busy, { type: 'start-over' });
    expect(state).toEqual({ ...initialAuthoringState(null, {}), model: { configured: true, label: 'qwen' } });
  });

  it('remembers only the draft', () => {
    const state = run(detected(), { type: 'suggest-started', jobId: 'j' }, { type: 'checked', check: check() }, { type: 'failed', message: 'x' });
    expect(Object.keys(storedDraft(state)).sort()).toEqual(['answer', 'criteria', 'problem', 'problemInput', 'program', 'ranges', 'savedId', 'spans']);
  });
});
