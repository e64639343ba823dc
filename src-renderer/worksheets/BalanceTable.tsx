/**
 * How evenly each item's difficulty is spread over the versions: per measured property, the difference
 * between the versions' averages. Large spreads are marked so the teacher can regenerate or re-seed.
 */
import type { WorksheetPreview } from '../../src-main/api/worksheet-contract.std.js';

type Metric = 'magnitude' | 'digits' | 'whole' | 'steps';

const COLUMNS: { metric: Metric; label: string; title: string; large: number }[] = [
  { metric: 'magnitude', label: 'Answer size', title: 'Spread of log10 of the answer: 0.5 ≈ one version’s answers three times another’s', large: 0.5 },
  { metric: 'digits', label: 'Digits', title: 'Spread of the number of digits in the given numbers', large: 1.5 },
  { metric: 'whole', label: 'Whole answer', title: 'Spread of the share of whole-number answers (1 = one version all whole, another none)', large: 0.5 },
  { metric: 'steps', label: 'Steps', title: 'Spread of the number of program steps', large: 1 },
];

export function isLargeSpread(metric: Metric, value: number): boolean {
  return value >= (COLUMNS.find((c) => c.metric === metric)?.large ?? Infinity);
}

export function BalanceTable({ preview }: { preview: WorksheetPreview }) {
  if (preview.versions.length < 2) return <p className="ws-muted">One version: nothing to balance.</p>;
  const large = preview.balance.filter((b) => COLUMNS.some((c) => isLargeSpread(c.metric, b.spread[c.metric]))).length;
  return (
    <div className="ws-balance" data-testid="balance">
      <p className="ws-muted">
        Difference between the versions’ averages, per item (0 = equal).{' '}
        {large === 0 ? 'Every item is well balanced.' : `${large} item${large === 1 ? '' : 's'} with a large spread (marked).`}
      </p>
      <table>
        <thead>
          <tr>
            <th scope="col">Item</th>
            {COLUMNS.map((c) => (
              <th key={c.metric} scope="col" title={c.title}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {preview.balance.map((b) => (
            <tr key={b.itemIndex}>
              <th scope="row" title={b.templateId}>
                {b.itemIndex + 1}
                {b.locked && <span className="ws-badge">locked</span>}
              </th>
              {COLUMNS.map((c) => {
                const v = b.spread[c.metric];
                const bad = isLargeSpread(c.metric, v);
                return (
                  <td key={c.metric} className={bad ? 'is-large' : undefined} aria-label={bad ? `${v.toFixed(2)}, large` : undefined}>
                    {v === 0 ? '0' : v.toFixed(2)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
