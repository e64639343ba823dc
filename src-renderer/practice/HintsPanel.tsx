/**
 * Hints and the worked solution, from the problem's own program (traced in the engine with this
 * instance's numbers): one hint at a time — the next step's idea, then that step worked — and last the
 * full solution, which gives the answer away and so counts as a reveal. Hints never count as wrong.
 */
import { useId, useState } from 'react';
import type { HintView } from '../../src-main/api/contract.std.js';
import { useApi } from '../api/api-context.js';
import { errorMessage } from '../api/error-message.js';
import { mathToHtml } from '../math/math-html.js';
import { MathText } from '../math/MathText.js';
import { TutorPanel } from './TutorPanel.js';

interface Props {
  learnerId: number;
  templateId: string;
  seed: number;
  /** Hints shown so far (sent with the next answer). */
  onHintsShown: (count: number) => void;
  /** The full solution was shown: the problem is revealed. */
  onSolutionShown: (answerText: string) => void;
}

/** KaTeX's own HTML for a formula the engine built from the program; never learner or problem text. */
function Formula({ latex }: { latex: string }) {
  return <span className="hint-formula" dangerouslySetInnerHTML={{ __html: mathToHtml(latex, false) }} />;
}

export function HintsPanel({ learnerId, templateId, seed, onHintsShown, onSolutionShown }: Props) {
  const api = useApi();
  const titleId = useId();
  const [hints, setHints] = useState<HintView[]>([]);
  const [total, setTotal] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const done = hints.some((h) => h.revealsAnswer);
  const nextIsSolution = total !== null && hints.length + 1 === total;

  const more = (): void => {
    if (busy || done) return;
    setBusy(true);
    setError(null);
    api.call('practice.hint', { learnerId, templateId, seed, level: hints.length + 1 }).then(
      (r) => {
        const shown = [...hints, r.hint];
        setHints(shown);
        setTotal(r.total);
        setBusy(false);
        onHintsShown(shown.length);
        if (r.hint.revealsAnswer && r.answerText !== null) onSolutionShown(r.answerText);
      },
      (e: unknown) => {
        setBusy(false);
        setError(errorMessage(e));
      },
    );
  };

  return (
    <aside className="hints-panel" aria-labelledby={titleId} data-testid="hints">
      <h2 id={titleId}>Hints &amp; worked solution</h2>
      {hints.length === 0 && <p className="hints-intro">Stuck? Hints come from the problem’s own solution, one step at a time. They never count against you.</p>}
      <ol className="hints-list" aria-live="polite">
        {hints.map((h) => (
          <li key={h.level} className={`hint hint-${h.kind}`} data-testid={`hint-${h.level}`} data-kind={h.kind}>
            <p className="hint-text">
              <MathText text={h.text} />
            </p>
            {h.latex !== null && <Formula latex={h.latex} />}
            {h.steps !== null && (
              <ol className="solution-steps" data-testid="solution-steps">
                {h.steps.map((s) => (
                  <li key={s.n}>
                    <span className="step-title">
                      <MathText text={s.title} />
                    </span>
                    <Formula latex={s.latex} />
                  </li>
                ))}
              </ol>
            )}
          </li>
        ))}
      </ol>
      {error !== null && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      {!done && (
        <button type="button" className="button" onClick={more} disabled={busy} data-testid="hint-button">
          {busy ? 'Working it out…' : hints.length === 0 ? 'Show a hint' : nextIsSolution ? 'Show the full solution' : 'Next hint'}
        </button>
      )}
      <TutorPanel learnerId={learnerId} templateId={templateId} seed={seed} />
    </aside>
  );
}
