/**
 * The read-only parts of a template's detail page: the problem (original and generic, placeholders
 * highlighted), the answers, variables and constraints; its health; flags and notes; history.
 */
import { useState } from 'react';
import type { AuditView, TemplateDetail } from '../../src-main/api/library-contract.std.js';
import { routeHash } from '../app/route.js';
import { lineDiff, percentText, placeholderPieces } from './text-pieces.js';

function when(ms: number): string {
  return new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export function ProblemCard({ detail }: { detail: TemplateDetail }) {
  const t = detail.template;
  const pieces = placeholderPieces(t.generic_problem, Object.keys(t.variables), t.placeholder_style ?? 'braces');
  return (
    <section className="detail-card" aria-labelledby="problem-title">
      <h2 id="problem-title">Problem</h2>
      {t.original_problem !== undefined && (
        <>
          <h3 className="sub-title">Original</h3>
          <p className="tpl-problem-text" data-testid="original-problem">
            {t.original_problem}
          </p>
        </>
      )}
      <h3 className="sub-title">Generic</h3>
      <p className="tpl-problem-text" data-testid="generic-problem">
        {pieces.map((p, i) =>
          p.mark ? (
            <span key={i} className="placeholder-chip" title={`variable ${p.name ?? ''}`}>
              {p.name}
            </span>
          ) : (
            <span key={i}>{p.text}</span>
          ),
        )}
      </p>
    </section>
  );
}

export function AnswerCompare({ detail }: { detail: TemplateDetail }) {
  const audit = detail.audit;
  const original = audit?.originalAnswer ?? (detail.template.original_answer === undefined || detail.template.original_answer === null ? null : String(detail.template.original_answer));
  const verdict = audit?.reproducesOriginal;
  return (
    <dl className="answer-compare" data-testid="answer-compare">
      <div>
        <dt>Original answer</dt>
        <dd>{original ?? '—'}</dd>
      </div>
      <div>
        <dt>Program on the original values</dt>
        <dd>{audit?.programAnswer ?? (audit === null ? 'not audited yet' : '—')}</dd>
      </div>
      <div>
        <dt>Reproduces the original</dt>
        <dd className={verdict === true ? 'good' : verdict === false ? 'bad' : undefined}>{verdict === true ? '✓ yes' : verdict === false ? '✗ no' : '—'}</dd>
      </div>
    </dl>
  );
}

export function VariablesCard({ detail }: { detail: TemplateDetail }) {
  const constraints = detail.template.constraints ?? [];
  return (
    <section className="detail-card" aria-labelledby="vars-title">
      <h2 id="vars-title">Variables</h2>
      <table className="vars-table" data-testid="variables">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Original</th>
            <th scope="col">Domain</th>
          </tr>
        </thead>
        <tbody>
          {detail.variables.map((v) => (
            <tr key={v.name}>
              <th scope="row">
                <code>{v.name}</code>
              </th>
              <td>{v.originalValue ?? '—'}</td>
              <td>
                {v.domain}
                {!v.explicit && <span className="cell-sub">inferred</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3 className="sub-title">Constraints</h3>
      {constraints.length === 0 ? (
        <p className="muted">None.</p>
      ) : (
        <ul className="constraint-list">
          {constraints.map((c) => (
            <li key={c}>
              <code>{c}</code>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function HealthCard({ audit, onReaudit, busy }: { audit: AuditView | null; onReaudit: () => void; busy: boolean }) {
  return (
    <section className="detail-card" aria-labelledby="health-title" data-testid="health">
      <div className="card-heading">
        <h2 id="health-title">Health</h2>
        <button type="button" className="button button-small" onClick={onReaudit} disabled={busy} data-testid="reaudit">
          {busy ? 'Auditing…' : audit === null ? 'Audit now' : 'Re-audit'}
        </button>
      </div>
      {audit === null ? (
        <p className="muted">Not audited yet.</p>
      ) : (
        <>
          <dl className="health-figures">
            <div>
              <dt>Acceptance</dt>
              <dd>{percentText(audit.acceptance)}</dd>
            </div>
            <div>
              <dt>Valid draws</dt>
              <dd>
                {audit.valid} / {audit.samples}
              </dd>
            </div>
            <div>
              <dt>Crashes</dt>
              <dd>{audit.crashes}</dd>
            </div>
            <div>
              <dt>Timeouts</dt>
              <dd>{audit.timeouts}</dd>
            </div>
          </dl>
          {audit.needsModule !== null && <p className="health-note">Needs the Python module <code>{audit.needsModule}</code>.</p>}
          {audit.duplicateOf !== null && (
            <p className="health-note">
              Duplicate of <a href={routeHash('library', ['t', audit.duplicateOf])}>{audit.duplicateOf}</a>.
            </p>
          )}
          {audit.reasons.length > 0 && (
            <ul className="reason-list" data-testid="health-reasons">
              {audit.reasons.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
          )}
          <p className="card-foot">
            Audited {when(audit.runAt)}
            {audit.stale ? ' — the template changed since: re-audit' : ''}
          </p>
        </>
      )}
    </section>
  );
}

export function FlagsNotesCard({ detail }: { detail: TemplateDetail }) {
  const open = detail.flags.filter((f) => f.open);
  const closed = detail.flags.filter((f) => !f.open);
  return (
    <section className="detail-card" aria-labelledby="flags-title" data-testid="flags">
      <h2 id="flags-title">Flags and notes</h2>
      {detail.flags.length === 0 && detail.notes.length === 0 && <p className="muted">No flags or notes.</p>}
      {open.length > 0 && (
        <ul className="flag-list">
          {open.map((f) => (
            <li key={f.id} data-testid="open-flag">
              <span className="flag-chip">{f.reason}</span>
              {f.note !== null && <span> {f.note}</span>}
              <span className="cell-sub">{when(f.at)}</span>
            </li>
          ))}
        </ul>
      )}
      {closed.length > 0 && (
        <details>
          <summary>{closed.length} resolved</summary>
          <ul className="flag-list flag-list-closed">
            {closed.map((f) => (
              <li key={f.id}>
                <span className="flag-chip">{f.reason}</span>
                {f.note !== null && <span> {f.note}</span>}
                <span className="cell-sub">{when(f.at)}</span>
              </li>
            ))}
          </ul>
        </details>
      )}
      {detail.notes.length > 0 && (
        <ul className="note-list" data-testid="notes">
          {detail.notes.map((n) => (
            <li key={n.id}>
              {n.text}
              <span className="cell-sub">{when(n.at)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function HistoryCard({ detail }: { detail: TemplateDetail }) {
  const [shown, setShown] = useState<number | null>(null);
  if (detail.history.length === 0) return null;
  const versions = [...detail.history].sort((a, b) => b.version - a.version);
  return (
    <section className="detail-card" aria-labelledby="history-title" data-testid="history">
      <h2 id="history-title">History</h2>
      <ol className="history-list">
        {versions.map((h) => {
          // What changed from this version to the one after it (the next entry, or the current template).
          const after = detail.history.find((x) => x.version === h.version + 1)?.template.program ?? detail.template.program;
          return (
            <li key={h.version}>
              <div className="history-line">
                <strong>v{h.version}</strong> {when(h.at)} {h.message !== null && <span>— {h.message}</span>}
                <button type="button" className="button button-quiet button-small" aria-expanded={shown === h.version} onClick={() => setShown(shown === h.version ? null : h.version)}>
                  {shown === h.version ? 'Hide program' : 'Show program'}
                </button>
              </div>
              {shown === h.version && (
                <pre className="diff" aria-label={`Program changes after version ${h.version}`}>
                  {lineDiff(h.template.program, after).map((line, i) => (
                    <span key={i} className={`diff-${line.kind}`}>
                      {line.kind === 'added' ? '+ ' : line.kind === 'removed' ? '− ' : '  '}
                      {line.text}
                      {'\n'}
                    </span>
                  ))}
                </pre>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
