/**
 * The practice loop wired to the API: fetch a problem for the scope, submit, reveal, another, next.
 * Responses that arrive after the learner has moved on (changed scope, pressed Next twice) are
 * dropped by a request counter, so a slow answer never replaces a newer problem.
 */
import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { ApiError, type PracticeScope, type ProblemView } from '../../src-main/api/contract.std.js';
import { useApi } from '../api/api-context.js';
import { errorMessage } from '../api/error-message.js';
import { canSkip, canSubmit, initialPracticeState, practiceReducer, type PracticeState } from './practice-state.js';
import { openedKey, type OpenedProblem } from './opened-problem.js';
import { scopeKey } from './scope-key.js';

const MAX_ELAPSED_MS = 86_400_000; // the contract's limit

export interface PracticeSession {
  state: PracticeState;
  next: () => void;
  another: () => void;
  retry: () => void;
  submit: (answer: string) => void;
  reveal: () => void;
  /** Hints shown on the current problem (sent with each answer). */
  setHintsUsed: (count: number) => void;
  /** The full worked solution was shown: same as a reveal. */
  solutionShown: (answerText: string) => void;
  /** Leave this problem without an answer (not counted as wrong), and go on to the next. */
  skip: () => void;
  /** A word about the last skip, shown until the learner does something else. */
  notice: string | null;
}

export function usePracticeSession(learnerId: number, scope: PracticeScope | null, open: OpenedProblem | null = null): PracticeSession {
  const api = useApi();
  const [state, dispatch] = useReducer(practiceReducer, initialPracticeState);
  // The callbacks below read the latest state without being re-created on every keystroke.
  const stateRef = useRef(state);
  stateRef.current = state;
  const request = useRef(0);
  const shownAt = useRef(0);
  const lastFetch = useRef<(() => Promise<ProblemView>) | null>(null);
  const hintsUsed = useRef(0);
  const [notice, setNotice] = useState<string | null>(null);

  const load = useCallback(async (fetchProblem: () => Promise<ProblemView>): Promise<void> => {
    const id = ++request.current;
    lastFetch.current = fetchProblem;
    dispatch({ type: 'request-problem' });
    try {
      const problem = await fetchProblem();
      if (id !== request.current) return;
      shownAt.current = performance.now();
      hintsUsed.current = 0;
      dispatch({ type: 'problem', problem });
    } catch (error) {
      if (id !== request.current) return;
      const engineWarming = error instanceof ApiError && error.code === 'unavailable';
      dispatch({ type: 'problem-failed', message: errorMessage(error), engineWarming });
    }
  }, []);

  const key = scope === null ? null : scopeKey(scope);
  const next = useCallback(() => {
    if (scope === null) return;
    setNotice(null);
    const after = stateRef.current.problem?.templateId;
    void load(() => api.call('practice.next', { learnerId, scope, ...(after !== undefined ? { after } : {}) }));
    // Keyed on `key`, not `scope`: the parent may pass an equal scope as a new object on every render.
  }, [api, learnerId, key, load]);

  const another = useCallback(() => {
    setNotice(null);
    const templateId = stateRef.current.problem?.templateId;
    if (templateId !== undefined) void load(() => api.call('practice.another', { learnerId, templateId }));
  }, [api, learnerId, load]);

  const retry = useCallback(() => {
    if (lastFetch.current !== null) void load(lastFetch.current);
  }, [load]);

  // An opened problem comes first; "Next" then continues with the scope.
  const openRef = useRef(open);
  openRef.current = open;
  const opened = openedKey(open);

  // A new scope (or an opened problem): a problem at once (the server answers from its pre-generated pool).
  useEffect(() => {
    request.current++;
    dispatch({ type: 'clear' });
    const o = openRef.current;
    if (o !== null) {
      void load(() => api.call('practice.open', { learnerId, templateId: o.templateId, ...(o.seed !== undefined ? { seed: o.seed } : {}) }));
      return;
    }
    if (key !== null) next();
  }, [api, learnerId, load, key, next, opened]);

  // The engine was still warming up when we asked: ask again as soon as it says it is ready.
  useEffect(
    () =>
      api.onEvent((event) => {
        if (event.type === 'sandbox.ready' && stateRef.current.waitingForEngine) retry();
      }),
    [api, retry],
  );

  const submit = useCallback(
    (answer: string) => {
      const current = stateRef.current;
      const problem = current.problem;
      if (problem === null || !canSubmit(current, answer)) return;
      const id = request.current;
      const elapsedMs = Math.min(MAX_ELAPSED_MS, Math.max(0, Math.round(performance.now() - shownAt.current)));
      setNotice(null);
      dispatch({ type: 'request-check' });
      api
        .call('practice.submit', { learnerId, templateId: problem.templateId, seed: problem.seed, answer, elapsedMs, hintsUsed: hintsUsed.current })
        .then(
          (result) => id === request.current && dispatch({ type: 'checked', answer, result }),
          (error: unknown) => id === request.current && dispatch({ type: 'failed', message: errorMessage(error) }),
        );
    },
    [api, learnerId],
  );

  const reveal = useCallback(() => {
    const problem = stateRef.current.problem;
    if (problem === null || stateRef.current.busy !== null) return;
    const id = request.current;
    dispatch({ type: 'request-reveal' });
    api.call('practice.reveal', { learnerId, templateId: problem.templateId, seed: problem.seed }).then(
      ({ answerText }) => id === request.current && dispatch({ type: 'revealed', answerText }),
      (error: unknown) => id === request.current && dispatch({ type: 'failed', message: errorMessage(error) }),
    );
  }, [api, learnerId]);

  const setHintsUsed = useCallback((count: number) => {
    hintsUsed.current = count;
  }, []);
  const solutionShown = useCallback((answerText: string) => dispatch({ type: 'revealed', answerText }), []);

  const skip = useCallback(() => {
    const current = stateRef.current;
    const problem = current.problem;
    if (problem === null || !canSkip(current)) return;
    const id = request.current;
    const elapsedMs = Math.min(MAX_ELAPSED_MS, Math.max(0, Math.round(performance.now() - shownAt.current)));
    dispatch({ type: 'request-skip' });
    api.call('practice.skip', { learnerId, templateId: problem.templateId, seed: problem.seed, elapsedMs, hintsUsed: hintsUsed.current }).then(
      ({ setAsideMinutes }) => {
        if (id !== request.current) return;
        next();
        setNotice(`Skipped — not counted as wrong. This kind of problem comes back in ${aboutTime(setAsideMinutes)}, with new numbers.`);
      },
      (error: unknown) => id === request.current && dispatch({ type: 'failed', message: errorMessage(error) }),
    );
  }, [api, learnerId, next]);

  return { state, next, another, retry, submit, reveal, setHintsUsed, solutionShown, skip, notice };
}

/** "30 minutes", "2 hours", "5 days": how long a skipped problem type is set aside. */
function aboutTime(minutes: number): string {
  if (minutes < 90) return `about ${minutes} minutes`;
  const hours = Math.round(minutes / 60);
  if (hours < 36) return `about ${hours} hours`;
  return `about ${Math.round(hours / 24)} days`;
}
