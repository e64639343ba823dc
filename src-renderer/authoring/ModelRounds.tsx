/** The model's rounds: what was asked, the program it wrote, what running it gave. */
import type { AuthoringRound } from '../../src-main/authoring/authoring-types.std.js';

const ASKED: Record<AuthoringRound['asked'], string> = {
  program: 'asked for the program',
  'fix-error': 'sent back the error, asked for the minimal fix',
  'fix-answer': 'sent back the correct answer, asked for the minimal fix',
};

function outcomeText(r: AuthoringRound): string {
  switch (r.outcome) {
    case 'ok':
      return `runs: ${r.answerText ?? '?'}`;
    case 'wrong-answer':
      return `wrong answer: ${r.detail ?? ''}`;
    case 'error':
      return `fails: ${r.detail ?? ''}`;
    case 'unreadable-reply':
      return `unusable reply: ${r.detail ?? ''}`;
  }
}

export function ModelRounds({ rounds, running, onStop }: { rounds: AuthoringRound[]; running: boolean; onStop: () => void }) {
  return (
    <div className="model-rounds" data-testid="model-rounds" aria-live="polite">
      <ol>
        {rounds.map((r) => (
          <li key={r.round} className={`round round-${r.outcome}`}>
            <div className="round-head">
              <strong>Round {r.round}</strong> <span className="muted">{ASKED[r.asked]}</span> → <span className="round-outcome">{outcomeText(r)}</span>
            </div>
            {r.program !== null && (
              <details>
                <summary>program of round {r.round}</summary>
                <pre className="round-program">{r.program}</pre>
              </details>
            )}
          </li>
        ))}
      </ol>
      {running && (
        <p className="round-waiting">
          <span className="spinner" aria-hidden="true" /> Waiting for the model (round {rounds.length + 1})…{' '}
          <button type="button" className="button button-quiet" onClick={onStop}>
            Stop
          </button>
        </p>
      )}
    </div>
  );
}
