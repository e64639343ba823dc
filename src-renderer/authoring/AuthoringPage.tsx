/**
 * `#/author`: the InfinityMATH pipeline for one problem. Paste a word problem (and its answer) → its
 * numbers become chips the author adjusts → the generic problem → a program (asked from the model, with
 * its bug-fix rounds shown, or written here) → Check (original values, audit, new instances) → Save to
 * "My templates", with a link to the template in the Library.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { AuthoringCheckResult, AuthoringSuggestResult } from '../../src-main/api/authoring-contract.std.js';
import type { AuthoringRound, NumberSpan } from '../../src-main/authoring/authoring-types.std.js';
import { maskProblem, uniqueName } from '../../src-main/authoring/mask.std.js';
import { useApi } from '../api/api-context.js';
import { errorMessage } from '../api/error-message.js';
import { routeHash, type HashLocation } from '../app/route.js';
import { CheckPanel } from './CheckPanel.js';
import { draftInput, placeholderPieces, skeletonProgram, type Ranges } from './draft.js';
import { ModelRounds } from './ModelRounds.js';
import { NumberTable } from './NumberTable.js';
import { ProblemMarkup } from './ProblemMarkup.js';
import { readDraft, writeDraft } from './stored-draft.js';
import { PythonEditor } from './PythonEditor.js';

interface Job {
  jobId: string;
  rounds: AuthoringRound[];
  result: AuthoringSuggestResult | null;
}

/** `#/author?problem=…&answer=…` opens with the problem filled in (a link from elsewhere in the app). */
export function AuthoringPage({ location }: { location: HashLocation }) {
  const api = useApi();
  // A link with ?problem= starts a new draft; otherwise the last one comes back.
  const [initial] = useState(() => (location.query.problem !== undefined ? null : readDraft()));
  const [problemInput, setProblemInput] = useState(location.query.problem ?? initial?.problemInput ?? '');
  const [answer, setAnswer] = useState(location.query.answer ?? initial?.answer ?? '');
  const [problem, setProblem] = useState<string | null>(initial?.problem ?? null);
  const [spans, setSpans] = useState<NumberSpan[]>(initial?.spans ?? []);
  const [program, setProgram] = useState(initial?.program ?? '');
  const [ranges, setRanges] = useState<Ranges>(initial?.ranges ?? {});
  const [criteria, setCriteria] = useState<string[]>(initial?.criteria ?? []);
  const [savedId, setSavedId] = useState<string | null>(initial?.savedId ?? null);
  const [model, setModel] = useState<{ configured: boolean; label: string | null } | null>(null);
  const [job, setJob] = useState<Job | null>(null);
  const [check, setCheck] = useState<AuthoringCheckResult | null>(null);
  const [busy, setBusy] = useState<'detect' | 'check' | 'save' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const jobRef = useRef<string | null>(null);

  useEffect(() => {
    api.call('authoring.modelStatus', {}).then(setModel, () => setModel({ configured: false, label: null }));
  }, [api]);

  // The model's rounds and its end arrive as events for the running job.
  useEffect(
    () =>
      api.onEvent((e) => {
        if (e.type === 'authoring.progress' && e.jobId === jobRef.current) {
          setJob((j) => (j && j.jobId === e.jobId ? { ...j, rounds: [...j.rounds.filter((r) => r.round !== e.round.round), e.round] } : j));
        } else if (e.type === 'authoring.done' && e.jobId === jobRef.current) {
          jobRef.current = null;
          const r = e.result;
          setJob((j) => (j && j.jobId === e.jobId ? { ...j, rounds: r.rounds.length > 0 ? r.rounds : j.rounds, result: r } : j));
          if (r.program !== null) {
            setProgram(r.program);
            setRanges((old) => ({ ...old, ...r.ranges }));
            setCriteria(r.criteria);
            setCheck(r.check);
          }
        }
      }),
    [api],
  );

  useEffect(() => {
    writeDraft({ problemInput, answer, problem, spans, program, ranges, criteria, savedId });
  }, [problemInput, answer, problem, spans, program, ranges, criteria, savedId]);

  const startOver = (): void => {
    if (job !== null && job.result === null) stop();
    setProblemInput('');
    setAnswer('');
    setProblem(null);
    setSpans([]);
    setProgram('');
    setRanges({});
    setCriteria([]);
    setSavedId(null);
    setJob(null);
    setCheck(null);
    setError(null);
  };

  const masked = useMemo(() => (problem === null ? null : maskProblem(problem, spans)), [problem, spans]);
  const names = masked ? Object.keys(masked.variables) : [];
  const draftReady = masked !== null && masked.errors.length === 0 && names.length > 0;
  const parts = { problem: problem ?? '', answer, spans, program, ranges, criteria, id: savedId };

  // Any change to the draft makes the last check stale.
  const edit = <T,>(set: (v: T) => void) => (v: T) => {
    set(v);
    setCheck(null);
  };

  const detect = async (): Promise<void> => {
    const text = problemInput.trim();
    if (text === '') return;
    setBusy('detect');
    setError(null);
    try {
      const r = await api.call('authoring.detect', { text });
      setProblem(text);
      setSpans(r.spans);
      setRanges({});
      setCriteria([]);
      setCheck(null);
      setJob(null);
      setSavedId(null);
      const masked0 = maskProblem(text, r.spans);
      setProgram((p) => (p.trim() === '' || p.includes('answer = 0  # replace') ? skeletonProgram(Object.keys(masked0.variables)) : p));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };

  const toggle = (index: number): void => {
    setSpans((all) =>
      all.map((s, i) => {
        if (i !== index) return s;
        if (s.masked) return { ...s, masked: false };
        // Masking again: keep the name unless another masked span took it meanwhile.
        const taken = new Set(all.filter((o, j) => j !== i && o.masked).map((o) => o.name));
        return { ...s, masked: true, name: taken.has(s.name) ? uniqueName(s.name, taken) : s.name };
      }),
    );
    setCheck(null);
  };

  const rename = (index: number, name: string): void => {
    setSpans((all) => all.map((s, i) => (i === index ? { ...s, name } : s)));
    setCheck(null);
  };

  const mark = async (start: number, end: number): Promise<void> => {
    if (problem === null) return;
    setError(null);
    try {
      const span = await api.call('authoring.mark', { text: problem, start, end, taken: spans.map((s) => s.name) });
      // A marked span replaces the detected ones it overlaps.
      setSpans((all) => [...all.filter((s) => s.end <= span.start || s.start >= span.end), span].sort((a, b) => a.start - b.start));
      setCheck(null);
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  const setRange = (name: string, range: Ranges[string] | null): void => {
    setRanges((old) => {
      const next = Object.fromEntries(Object.entries(old).filter(([k]) => k !== name));
      return range === null ? next : { ...next, [name]: range };
    });
    setCheck(null);
  };

  const ask = async (): Promise<void> => {
    if (!draftReady) return;
    setError(null);
    setCheck(null);
    try {
      const { jobId } = await api.call('authoring.suggest', { draft: draftInput(parts), fixRounds: 2 });
      jobRef.current = jobId;
      setJob({ jobId, rounds: [], result: null });
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  const stop = (): void => {
    if (job) void api.call('authoring.cancel', { jobId: job.jobId });
  };

  const runCheck = async (): Promise<void> => {
    if (!draftReady) return;
    setBusy('check');
    setError(null);
    try {
      setCheck(await api.call('authoring.check', { draft: draftInput(parts), samples: 20 }));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };

  const save = async (): Promise<void> => {
    if (!draftReady) return;
    setBusy('save');
    setError(null);
    try {
      const r = await api.call('authoring.save', { draft: draftInput(parts), samples: 20 });
      setCheck(r.check);
      setSavedId(r.templateId);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };

  const running = job !== null && job.result === null;
  const canSave = check !== null && check.run.status === 'ok' && check.matches !== false && check.audit?.status !== 'broken';

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
            onChange={(e) => setProblemInput(e.target.value)}
            placeholder="Natalia sold clips to 48 of her friends in April, and then she sold half as many clips in May. How many clips did she sell altogether?"
            data-testid="problem-input"
          />
        </label>
        <div className="row">
          <label className="field field-inline">
            <span>Answer, if known</span>
            <input className="answer-known" value={answer} onChange={(e) => edit(setAnswer)(e.target.value)} placeholder="72" data-testid="answer-input" />
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
              <button type="button" className="button button-quiet" onClick={() => edit(setProgram)(skeletonProgram(names))} disabled={running}>
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
            <PythonEditor value={program} onChange={edit(setProgram)} label="Python program" readOnly={running} />
          </div>

          <div className="author-card">
            <h2>
              <span className="step-no">4</span> Check and save
            </h2>
            <div className="row">
              <button type="button" className="button button-primary" onClick={() => void runCheck()} disabled={!draftReady || busy !== null || running || program.trim() === ''} data-testid="check">
                {busy === 'check' ? 'Checking…' : 'Check'}
              </button>
              <button type="button" className="button" onClick={() => void save()} disabled={!canSave || busy !== null || running} data-testid="save">
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
