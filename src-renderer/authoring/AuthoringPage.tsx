/**
 * `#/author`: the InfinityMATH pipeline for one problem. Paste a word problem (and its answer) → its
 * numbers become chips the author adjusts → the generic problem → a program (asked from the model, with
 * its bug-fix rounds shown, or written here) → Check (original values, audit, new instances) → Save to
 * "My templates", with a link to the template in the Library.
 */
import { useEffect, useMemo, useReducer } from 'react';
import { useApi } from '../api/api-context.js';
import { errorMessage } from '../api/error-message.js';
import { routeHash, type HashLocation } from '../app/route.js';
import { PythonEditor } from '../shared/PythonEditor.js';
import { authoringReducer, canSave, draftParts, initialAuthoringState, isDraftReady, isRunning, maskedDraft, storedDraft } from './authoring-state.js';
import { CheckPanel } from './CheckPanel.js';
import { draftInput, placeholderPieces, type Ranges } from './draft.js';
import { ModelRounds } from './ModelRounds.js';
import { NumberTable } from './NumberTable.js';
import { ProblemMarkup } from './ProblemMarkup.js';
import { readDraft, writeDraft } from './stored-draft.js';

/** `#/author?problem=…&answer=…` opens with the problem filled in (a link from elsewhere in the app). */
export function AuthoringPage({ location }: { location: HashLocation }) {
  const api = useApi();
  // A link with ?problem= starts a new draft; otherwise the last one comes back.
  const [state, dispatch] = useReducer(authoringReducer, location.query, (query) => initialAuthoringState(query.problem !== undefined ? null : readDraft(), query));
  const { problemInput, answer, problem, spans, program, ranges, criteria, savedId, model, job, check, busy, error } = state;

  useEffect(() => {
    api.call('authoring.modelStatus', {}).then(
      (m) => dispatch({ type: 'model', model: m }),
      () => dispatch({ type: 'model', model: { configured: false, label: null } }),
    );
  }, [api]);

  // The model's rounds and its end arrive as events; the reducer keeps those of the running job.
  useEffect(
    () =>
      api.onEvent((e) => {
        if (e.type === 'authoring.progress') dispatch({ type: 'job-round', jobId: e.jobId, round: e.round });
        else if (e.type === 'authoring.done') dispatch({ type: 'job-done', jobId: e.jobId, result: e.result });
      }),
    [api],
  );

  useEffect(() => {
    writeDraft(storedDraft(state));
    // Only the draft is remembered: the job, the check and errors are not.
  }, [problemInput, answer, problem, spans, program, ranges, criteria, savedId]);

  const masked = useMemo(() => maskedDraft({ problem, spans }), [problem, spans]);
  const names = masked ? Object.keys(masked.variables) : [];
  const draftReady = isDraftReady(masked);
  const running = isRunning(state);

  const stop = (): void => {
    if (job) void api.call('authoring.cancel', { jobId: job.jobId });
  };

  const startOver = (): void => {
    if (running) stop();
    dispatch({ type: 'start-over' });
  };

  const detect = async (): Promise<void> => {
    const text = problemInput.trim();
    if (text === '') return;
    dispatch({ type: 'request', busy: 'detect' });
    try {
      const r = await api.call('authoring.detect', { text });
      dispatch({ type: 'detected', text, spans: r.spans });
    } catch (err) {
      dispatch({ type: 'failed', message: errorMessage(err) });
    }
  };

  const mark = async (start: number, end: number): Promise<void> => {
    if (problem === null) return;
    dispatch({ type: 'clear-error' });
    try {
      const span = await api.call('authoring.mark', { text: problem, start, end, taken: spans.map((s) => s.name) });
      dispatch({ type: 'marked', span });
    } catch (err) {
      dispatch({ type: 'failed', message: errorMessage(err) });
    }
  };

  const ask = async (): Promise<void> => {
    if (!draftReady) return;
    dispatch({ type: 'suggest-requested' });
    try {
      const { jobId } = await api.call('authoring.suggest', { draft: draftInput(draftParts(state)), fixRounds: 2 });
      dispatch({ type: 'suggest-started', jobId });
    } catch (err) {
      dispatch({ type: 'failed', message: errorMessage(err) });
    }
  };

  const runCheck = async (): Promise<void> => {
    if (!draftReady) return;
    dispatch({ type: 'request', busy: 'check' });
    try {
      dispatch({ type: 'checked', check: await api.call('authoring.check', { draft: draftInput(draftParts(state)), samples: 20 }) });
    } catch (err) {
      dispatch({ type: 'failed', message: errorMessage(err) });
    }
  };

  const save = async (): Promise<void> => {
    if (!draftReady) return;
    dispatch({ type: 'request', busy: 'save' });
    try {
      const r = await api.call('authoring.save', { draft: draftInput(draftParts(state)), samples: 20 });
      dispatch({ type: 'saved', templateId: r.templateId, check: r.check });
    } catch (err) {
      dispatch({ type: 'failed', message: errorMessage(err) });
    }
  };

  const toggle = (index: number): void => dispatch({ type: 'toggle', index });
  const rename = (index: number, name: string): void => dispatch({ type: 'rename', index, name });
  const setRange = (name: string, range: Ranges[string] | null): void => dispatch({ type: 'range', name, range });

  return (
    <section className="authoring-page" data-testid="page-authoring">
      <header className="page-heading">
        <h1>Author a template</h1>
        <p className="muted">Turn a word problem into a template: its numbers become variables, a program computes the answer for any of them.</p>
      </header>

      <div className="author-card">
        <h2>
          <span className="step-no">1</span> The problem
        </h2>
        <label className="field">
          <span>Word problem</span>
          <textarea
            className="problem-input"
            rows={4}
            value={problemInput}
            onChange={(e) => dispatch({ type: 'problem-input', text: e.target.value })}
            placeholder="Natalia sold clips to 48 of her friends in April, and then she sold half as many clips in May. How many clips did she sell altogether?"
            data-testid="problem-input"
          />
        </label>
        <div className="row">
          <label className="field field-inline">
            <span>Answer, if known</span>
            <input className="answer-known" value={answer} onChange={(e) => dispatch({ type: 'answer', text: e.target.value })} placeholder="72" data-testid="answer-input" />
          </label>
          <button type="button" className="button button-primary" onClick={() => void detect()} disabled={problemInput.trim() === '' || busy === 'detect'}>
            Find the numbers
          </button>
          {(problem !== null || problemInput !== '') && (
            <button type="button" className="button button-quiet" onClick={startOver}>
              New problem
            </button>
          )}
        </div>
      </div>

      {problem !== null && masked !== null && (
        <>
          <div className="author-card">
            <h2>
              <span className="step-no">2</span> Numbers → placeholders
            </h2>
            <ProblemMarkup text={problem} spans={spans} onToggle={toggle} onMark={(s, e) => void mark(s, e)} />
            <NumberTable spans={spans} ranges={ranges} onRename={rename} onToggle={toggle} onRange={setRange} />
            <h3>Generic problem</h3>
            <p className="generic-preview" data-testid="generic-preview">
              {placeholderPieces(masked.generic).map((p, i) =>
                p.name === null ? <span key={i}>{p.text}</span> : <span key={i} className="placeholder">{p.text}</span>,
              )}
            </p>
            {masked.errors.length > 0 && (
              <ul className="draft-errors" role="alert">
                {masked.errors.map((e) => (
                  <li key={e}>{e}</li>
                ))}
              </ul>
            )}
            {masked.errors.length === 0 && names.length === 0 && <p className="draft-errors">Mask at least one number.</p>}
          </div>

          <div className="author-card">
            <h2>
              <span className="step-no">3</span> The program
            </h2>
            <p className="muted">
              <code>def solution({names.join(', ')}):</code> with a docstring and a comment per line, using the parameters (never the original numbers), returning the
              answer.
            </p>
            <div className="program-toolbar">
              <button
                type="button"
                className="button"
                onClick={() => void ask()}
                disabled={!draftReady || running || model?.configured !== true}
                title={model?.configured === true ? `Ask ${model.label ?? 'the model'}` : 'No model configured (Settings)'}
                data-testid="ask-model"
              >
                Ask the model
              </button>
              <span className="muted model-label">{model === null ? '' : model.configured ? model.label : 'No model configured: write the program here (or choose a model in Settings).'}</span>
              <button type="button" className="button button-quiet" onClick={() => dispatch({ type: 'skeleton' })} disabled={running}>
                Start from a skeleton
              </button>
            </div>
            {job !== null && <ModelRounds rounds={job.rounds} running={running} onStop={stop} />}
            {job?.result != null && job.result.status !== 'templated' && job.result.status !== 'fixed' && (
              <p className="draft-errors">
                {job.result.status === 'cancelled' ? 'Stopped.' : `The model did not get there: ${job.result.why ?? 'no reason given'}.`} You can write or fix the program
                yourself.
              </p>
            )}
            <PythonEditor value={program} onChange={(text) => dispatch({ type: 'program', text })} label="Python program" editable={!running} placeholder="def solution(...):" contentTestId="program-editor" />
          </div>

          <div className="author-card">
            <h2>
              <span className="step-no">4</span> Check and save
            </h2>
            <div className="row">
              <button type="button" className="button button-primary" onClick={() => void runCheck()} disabled={!draftReady || busy !== null || running || program.trim() === ''} data-testid="check">
                {busy === 'check' ? 'Checking…' : 'Check'}
              </button>
              <button type="button" className="button" onClick={() => void save()} disabled={!canSave(state) || busy !== null || running} data-testid="save">
                {busy === 'save' ? 'Saving…' : savedId === null ? 'Save to My templates' : 'Save again'}
              </button>
              {savedId !== null && (
                <a className="saved-link" href={routeHash('library', ['t', savedId])} data-testid="saved-link">
                  Saved: open “{savedId}” in the Library
                </a>
              )}
            </div>
            {check !== null && <CheckPanel check={check} />}
          </div>
        </>
      )}
      {error !== null && (
        <p className="author-error" role="alert" data-testid="author-error">
          {error}
        </p>
      )}
    </section>
  );
}
