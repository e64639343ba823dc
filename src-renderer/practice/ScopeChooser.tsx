/** The first choice on the practice page: mixed review, a strand (with its template count) or a grade. */
import { useId } from 'react';
import type { Catalog, PracticeScope } from '../../src-main/api/contract.std.js';
import { gradeRange } from './grade-range.js';

interface Props {
  catalog: Catalog | null;
  error: string | null;
  onChoose: (scope: PracticeScope) => void;
}

export function ScopeChooser({ catalog, error, onChoose }: Props) {
  const ids = { strands: useId(), grades: useId() };
  return (
    <div className="scope-chooser" data-testid="scope-chooser">
      <button type="button" className="scope-card scope-mixed" onClick={() => onChoose({ kind: 'mixed' })} data-testid="scope-mixed">
        <span className="scope-card-title">Mixed review</span>
        <span className="scope-card-detail">A bit of everything, with what is due for review first</span>
      </button>
      {error !== null && (
        <p className="error-text" role="alert">
          Could not load the topics: {error}
        </p>
      )}
      {catalog === null && error === null && <p className="loading-line">Loading topics…</p>}
      {catalog !== null && (
        <>
          <section aria-labelledby={ids.strands}>
            <h2 id={ids.strands}>By topic</h2>
            <ul className="strand-grid">
              {catalog.strands.map((s) => (
                <li key={s.strand}>
                  <button
                    type="button"
                    className="scope-card"
                    onClick={() => onChoose({ kind: 'strand', strand: s.strand })}
                    data-testid={`strand-${s.strand}`}
                  >
                    <span className="scope-card-title">{s.label}</span>
                    <span className="scope-card-detail">
                      {s.templates} {s.templates === 1 ? 'problem type' : 'problem types'} · {gradeRange(s.gradeMin, s.gradeMax)}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          </section>
          {catalog.grades.length > 0 && (
            <section aria-labelledby={ids.grades}>
              <h2 id={ids.grades}>By grade</h2>
              <ul className="grade-row">
                {catalog.grades.map((grade) => (
                  <li key={grade}>
                    <button type="button" className="grade-button" onClick={() => onChoose({ kind: 'grade', grade })} data-testid={`grade-${grade}`}>
                      Grade {grade}
                    </button>
                  </li>
                ))}
              </ul>
            </section>
          )}
        </>
      )}
    </div>
  );
}
