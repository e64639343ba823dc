/** What the check found: the original values' answer against the known one, the audit, sample instances. */
import type { AuthoringCheckResult } from '../../src-main/api/authoring-contract.std.js';
import { MathText } from '../math/MathText.js';

function pct(x: number): string {
  return `${Math.round(x * 100)}%`;
}

export function CheckPanel({ check }: { check: AuthoringCheckResult }) {
  const { run, audit } = check;
  const verdict =
    run.status !== 'ok' ? 'fails' : check.matches === true ? 'matches' : check.matches === false ? 'differs' : 'no-answer';
  return (
    <div className="check-panel" data-testid="check-panel">
      <div className={`check-verdict verdict-${verdict}`} data-testid="check-verdict">
        {run.status !== 'ok' ? (
          <>
            <strong>The program fails on the original values.</strong> <code className="error-text">{run.error}</code>
          </>
        ) : check.matches === true ? (
          <>
            <strong>Original values → {run.answerText}</strong>, the known answer. ✓
          </>
        ) : check.matches === false ? (
          <>
            <strong>Original values → {run.answerText}</strong>, but the known answer is {check.knownAnswer}.
          </>
        ) : (
          <>
            <strong>Original values → {run.answerText}</strong> (no known answer to compare with).
          </>
        )}
      </div>
      {audit !== null && (
        <div className="audit-figures" data-testid="audit-figures">
          <span className={`health health-${audit.status}`}>{audit.status}</span>
          <span>
            {audit.valid} of {audit.samples} fresh draws valid ({pct(audit.acceptance)})
          </span>
          {audit.crashes > 0 && <span>{audit.crashes} crashed</span>}
          {audit.timeouts > 0 && <span>{audit.timeouts} timed out</span>}
          {audit.reasons.length > 0 && (
            <ul className="audit-reasons">
              {audit.reasons.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      {check.warnings.length > 0 && (
        <ul className="check-warnings">
          {check.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
      <dl className="domain-list">
        {Object.entries(check.domains).map(([name, d]) => (
          <div key={name}>
            <dt>{name}</dt>
            <dd>{d}</dd>
          </div>
        ))}
      </dl>
      {check.samples.length > 0 && (
        <>
          <h3>New instances</h3>
          <ol className="sample-list" data-testid="sample-list">
            {check.samples.map((s, i) => (
              <li key={i}>
                <MathText text={s.text} /> <span className="sample-answer">→ {s.answerText}</span>
              </li>
            ))}
          </ol>
        </>
      )}
    </div>
  );
}
