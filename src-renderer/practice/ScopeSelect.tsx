/** Switching what to practise without leaving the problem: one labelled <select>. */
import { useId } from 'react';
import type { Catalog, PracticeScope } from '../../src-main/api/contract.std.js';
import { parseScopeKey, scopeKey } from './scope-key.js';

interface Props {
  catalog: Catalog | null;
  scope: PracticeScope;
  onChange: (scope: PracticeScope | null) => void;
}

const CHOOSE_AGAIN = 'choose';

export function ScopeSelect({ catalog, scope, onChange }: Props) {
  const id = useId();
  const current = scopeKey(scope);
  const strands = catalog?.strands ?? [];
  const grades = catalog?.grades ?? [];
  // Until the catalog arrives (or if it lacks the remembered scope), the current choice is still shown.
  const known =
    current === 'mixed' ||
    strands.some((s) => scopeKey({ kind: 'strand', strand: s.strand }) === current) ||
    grades.some((g) => scopeKey({ kind: 'grade', grade: g }) === current);
  return (
    <div className="scope-select">
      <label htmlFor={id}>Practising</label>
      <select
        id={id}
        value={current}
        onChange={(e) => onChange(e.target.value === CHOOSE_AGAIN ? null : parseScopeKey(e.target.value))}
        data-testid="scope-select"
      >
        <option value="mixed">Mixed review</option>
        {!known && <option value={current}>{scope.kind === 'strand' ? scope.strand : current}</option>}
        {strands.length > 0 && (
          <optgroup label="Topics">
            {strands.map((s) => (
              <option key={s.strand} value={scopeKey({ kind: 'strand', strand: s.strand })}>
                {s.label} ({s.templates})
              </option>
            ))}
          </optgroup>
        )}
        {grades.length > 0 && (
          <optgroup label="Grades">
            {grades.map((g) => (
              <option key={g} value={scopeKey({ kind: 'grade', grade: g })}>
                Grade {g}
              </option>
            ))}
          </optgroup>
        )}
        <option value={CHOOSE_AGAIN}>All choices…</option>
      </select>
    </div>
  );
}
