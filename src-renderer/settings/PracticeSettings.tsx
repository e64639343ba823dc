/**
 * Settings → Practice: how often problem types come back (FSRS desired retention and learning steps),
 * for everyone practising in this library. Checked as the user types with the engine's own rules.
 */
import { useEffect, useId, useState } from 'react';
import type { SchedulingView } from '../../src-main/api/practice-contract.std.js';
import {
  parseStepsText,
  RETENTION_MAX,
  RETENTION_MIN,
  stepInWords,
  stepsProblem,
  type SchedulingSettings,
  type Step,
} from '../../src-main/practice/scheduling-settings.std.js';
import { useApi } from '../api/api-context.js';
import { errorMessage } from '../api/error-message.js';

interface Form {
  retentionPercent: string;
  learning: string;
  relearning: string;
}

const toForm = (s: SchedulingSettings): Form => ({
  retentionPercent: String(Math.round(s.desiredRetention * 100)),
  learning: s.learningSteps.join(' '),
  relearning: s.relearningSteps.join(' '),
});

type Status = { kind: 'ok' | 'error'; text: string } | null;

export function PracticeSettings() {
  const api = useApi();
  const ids = { retention: useId(), learning: useId(), relearning: useId(), retentionHelp: useId(), learningHelp: useId(), relearningHelp: useId() };
  const [view, setView] = useState<SchedulingView | null>(null);
  const [form, setForm] = useState<Form | null>(null);
  const [status, setStatus] = useState<Status>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    api.call('practice.getScheduling', {}).then(
      (loaded) => {
        if (!live) return;
        setView(loaded);
        setForm(toForm(loaded.settings));
      },
      (e: unknown) => live && setStatus({ kind: 'error', text: errorMessage(e) }),
    );
    return () => {
      live = false;
    };
  }, [api]);

  if (form === null || view === null) {
    return <p className="loading-line">{status?.text ?? 'Loading…'}</p>;
  }

  const retention = Number(form.retentionPercent) / 100;
  const retentionProblem =
    form.retentionPercent.trim() === '' || !Number.isFinite(retention) || retention < RETENTION_MIN || retention > RETENTION_MAX
      ? `Between ${RETENTION_MIN * 100} and ${RETENTION_MAX * 100} %.`
      : null;
  const learning = parseStepsText(form.learning);
  const relearning = parseStepsText(form.relearning);
  const learningProblem = stepsProblem(learning);
  const relearningProblem = stepsProblem(relearning);
  const valid = retentionProblem === null && learningProblem === null && relearningProblem === null;
  const unchanged = JSON.stringify(form) === JSON.stringify(toForm(view.settings));

  const edit = (patch: Partial<Form>): void => {
    setForm({ ...form, ...patch });
    setStatus(null);
  };

  const done = (next: SchedulingView, text: string): void => {
    setView(next);
    setForm(toForm(next.settings));
    setStatus({ kind: 'ok', text });
    setBusy(false);
  };
  const failed = (e: unknown): void => {
    setStatus({ kind: 'error', text: errorMessage(e) });
    setBusy(false);
  };

  const save = (): void => {
    setBusy(true);
    const settings: SchedulingSettings = { desiredRetention: Math.round(retention * 100) / 100, learningSteps: learning as Step[], relearningSteps: relearning as Step[] };
    api.call('practice.saveScheduling', { settings }).then((next) => done(next, 'Saved. New reviews follow these settings.'), failed);
  };
  const reset = (): void => {
    setBusy(true);
    api.call('practice.resetScheduling', {}).then((next) => done(next, 'Back to the defaults.'), failed);
  };

  const words = (steps: readonly string[]): string => (steps.length === 0 ? 'not in the same sitting (next day)' : steps.map(stepInWords).join(', then '));
  const d = view.defaults;

  return (
    <section className="settings-card" aria-labelledby="settings-practice-title" data-testid="settings-practice">
      <h2 id="settings-practice-title">Practice: when problem types come back</h2>
      <p className="settings-lead">
        Each kind of problem comes back for review on a schedule (FSRS spaced repetition) that adapts to each learner. A kind solved at once returns
        after days, and later after weeks; one that was missed returns in the same sitting, then the next day. These settings apply to everyone in this
        library.
      </p>
      <form
        className="settings-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (valid && !unchanged && !busy) save();
        }}
      >
        <label htmlFor={ids.retention}>Desired retention (%)</label>
        <input
          id={ids.retention}
          className="settings-timeout"
          type="number"
          min={RETENTION_MIN * 100}
          max={RETENTION_MAX * 100}
          step={1}
          value={form.retentionPercent}
          onChange={(e) => edit({ retentionPercent: e.target.value })}
          aria-invalid={retentionProblem !== null}
          aria-describedby={ids.retentionHelp}
          data-testid="scheduling-retention"
        />
        <p id={ids.retentionHelp} className="settings-help">
          {retentionProblem ?? 'How sure to be that a learner still solves a kind of problem when it comes back. Higher means more frequent reviews.'}{' '}
          Default {Math.round(d.desiredRetention * 100)} %.
        </p>

        <label htmlFor={ids.learning}>After a miss on a new kind of problem, bring it back after</label>
        <input
          id={ids.learning}
          type="text"
          spellCheck={false}
          value={form.learning}
          onChange={(e) => edit({ learning: e.target.value })}
          aria-invalid={learningProblem !== null}
          aria-describedby={ids.learningHelp}
          placeholder="30m"
          data-testid="scheduling-learning"
        />
        <p id={ids.learningHelp} className="settings-help">
          {learningProblem ?? `Now: ${words(learning)}.`} Steps like 30m, 2h or 1d, separated by spaces. Default {d.learningSteps.join(' ')}. With one step, a kind
          solved at once comes back only after days; with more, it also comes back after the later steps (ts-fsrs’s own 1m 10m brought every solved
          kind back ten minutes later).
        </p>

        <label htmlFor={ids.relearning}>After a miss on a kind the learner knew, bring it back after</label>
        <input
          id={ids.relearning}
          type="text"
          spellCheck={false}
          value={form.relearning}
          onChange={(e) => edit({ relearning: e.target.value })}
          aria-invalid={relearningProblem !== null}
          aria-describedby={ids.relearningHelp}
          placeholder="30m"
          data-testid="scheduling-relearning"
        />
        <p id={ids.relearningHelp} className="settings-help">
          {relearningProblem ?? `Now: ${words(relearning)}.`} Default {d.relearningSteps.join(' ')}.
        </p>

        <div className="settings-actions">
          <button type="submit" className="button button-primary" disabled={!valid || unchanged || busy} data-testid="scheduling-save">
            {unchanged ? 'Saved' : 'Save'}
          </button>
          {!view.isDefault && (
            <button type="button" className="button button-quiet" onClick={reset} disabled={busy} data-testid="scheduling-reset">
              Back to the defaults
            </button>
          )}
        </div>
      </form>
      {status !== null && (
        <p className={`settings-status is-${status.kind}`} role={status.kind === 'error' ? 'alert' : 'status'} data-testid="scheduling-status">
          {status.text}
        </p>
      )}
    </section>
  );
}
