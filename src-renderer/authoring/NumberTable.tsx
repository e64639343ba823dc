/** The masked numbers as rows: rename, see value and kind, set the range new values are drawn from. */
import { useEffect, useState } from 'react';
import type { NumberSpan } from '../../src-main/authoring/authoring-types.std.js';
import { nameProblem } from '../../src-main/authoring/mask.std.js';
import type { Ranges } from './draft.js';

interface Props {
  spans: NumberSpan[];
  ranges: Ranges;
  onRename: (index: number, name: string) => void;
  onToggle: (index: number) => void;
  onRange: (name: string, range: { min: number; max: number; step?: number } | null) => void;
}

function RangeInputs({ name, range, onRange }: { name: string; range: Ranges[string] | undefined; onRange: Props['onRange'] }) {
  // Local text, so a half-typed number is kept; a range set from outside (the model's) replaces it.
  const [min, setMin] = useState(range?.min !== undefined ? String(range.min) : '');
  const [max, setMax] = useState(range?.max !== undefined ? String(range.max) : '');
  useEffect(() => {
    if (range !== undefined) {
      setMin((m) => (Number(m) === range.min && m !== '' ? m : String(range.min)));
      setMax((m) => (Number(m) === range.max && m !== '' ? m : String(range.max)));
    }
  }, [range]);
  const push = (lo: string, hi: string): void => {
    const a = lo.trim() === '' ? NaN : Number(lo);
    const b = hi.trim() === '' ? NaN : Number(hi);
    const ok = Number.isFinite(a) && Number.isFinite(b) && a <= b;
    onRange(name, ok ? { min: a, max: b, ...(range?.step !== undefined ? { step: range.step } : {}) } : null);
  };
  return (
    <span className="range-inputs">
      <input
        type="number"
        aria-label={`lowest ${name}`}
        placeholder="auto"
        value={min}
        onChange={(e) => {
          setMin(e.target.value);
          push(e.target.value, max);
        }}
      />
      –
      <input
        type="number"
        aria-label={`highest ${name}`}
        placeholder="auto"
        value={max}
        onChange={(e) => {
          setMax(e.target.value);
          push(min, e.target.value);
        }}
      />
      {range?.step !== undefined && <span className="muted"> step {range.step}</span>}
    </span>
  );
}

export function NumberTable({ spans, ranges, onRename, onToggle, onRange }: Props) {
  if (spans.length === 0) return <p className="hint-line">No numbers found: select a number in the problem to mark it.</p>;
  return (
    <table className="number-table" data-testid="number-table">
      <thead>
        <tr>
          <th scope="col">In the text</th>
          <th scope="col">Placeholder</th>
          <th scope="col">Value</th>
          <th scope="col">Kind</th>
          <th scope="col">New values from</th>
          <th scope="col" />
        </tr>
      </thead>
      <tbody>
        {spans.map((s, i) => {
          const problem = s.masked ? nameProblem(s.name) : null;
          return (
            <tr key={`${s.start}-${s.end}`} className={s.masked ? '' : 'is-unmasked'}>
              <td className="cell-text">{s.text}</td>
              <td>
                {s.masked ? (
                  <>
                    <input className="name-input" aria-label={`name for ${s.text}`} value={s.name} onChange={(e) => onRename(i, e.target.value)} aria-invalid={problem !== null} spellCheck={false} />
                    {problem !== null && <span className="field-error">{problem}</span>}
                  </>
                ) : (
                  <span className="muted">{s.note ?? 'kept as written'}</span>
                )}
              </td>
              <td className="cell-num">{s.fraction ? `${s.fraction.num}/${s.fraction.den}` : String(s.value)}</td>
              <td>{s.kind}</td>
              <td>{s.masked && s.kind !== 'fraction' ? <RangeInputs key={s.name} name={s.name} range={ranges[s.name]} onRange={onRange} /> : <span className="muted">—</span>}</td>
              <td>
                <button type="button" className="button button-quiet" onClick={() => onToggle(i)}>
                  {s.masked ? 'Unmask' : 'Mask'}
                </button>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
