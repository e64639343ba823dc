/**
 * Bulk review on everything the filter matches (no selection to keep: the filter is the selection):
 * approve, flag with a reason, clear. Each change comes back with an undo token for the toast.
 */
import { useId, useState } from 'react';
import { FLAG_REASONS, type LibraryFilter, type ReviewResult } from '../../src-main/api/library-contract.std.js';
import { useApi } from '../api/api-context.js';
import { errorMessage } from '../api/error-message.js';

interface Props {
  filter: LibraryFilter;
  total: number | null;
  onDone: (result: ReviewResult, what: string) => void;
  onError: (message: string) => void;
}

export function BulkBar({ filter, total, onDone, onError }: Props) {
  const api = useApi();
  const reasonId = useId();
  const [reason, setReason] = useState<string>(FLAG_REASONS[0]);
  const [busy, setBusy] = useState(false);
  const n = total ?? 0;
  const count = n.toLocaleString();

  const run = (action: 'approve' | 'flag' | 'clear', what: string): void => {
    setBusy(true);
    api
      .call('library.review', { selection: { filter }, action, ...(action === 'flag' ? { reason } : {}) })
      .then(
        (result) => onDone(result, what),
        (failure: unknown) => onError(errorMessage(failure)),
      )
      .finally(() => setBusy(false));
  };

  const disabled = busy || n === 0;
  return (
    <div className="bulk-bar" role="group" aria-label="Review everything in this view">
      <button type="button" className="button" disabled={disabled} onClick={() => run('approve', `Approved ${count}`)} data-testid="bulk-approve">
        Approve all {count}
      </button>
      <span className="bulk-flag">
        <button type="button" className="button" disabled={disabled} onClick={() => run('flag', `Flagged ${count} as “${reason}”`)} data-testid="bulk-flag">
          Flag all {count}
        </button>
        <label htmlFor={reasonId} className="visually-hidden">
          Reason for flagging
        </label>
        <select id={reasonId} value={reason} onChange={(e) => setReason(e.target.value)}>
          {FLAG_REASONS.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      </span>
      <button type="button" className="button button-quiet" disabled={disabled} onClick={() => run('clear', `Cleared the review of ${count}`)}>
        Clear review
      </button>
    </div>
  );
}
