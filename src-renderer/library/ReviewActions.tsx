/**
 * Review one template: approve, flag (a preset reason and free text), reject, clear, add a note.
 * Each review returns an undo token, handed up for the toast.
 */
import { useEffect, useRef, useState } from 'react';
import { FLAG_REASONS, type ReviewResult, type TemplateDetail } from '../../src-main/api/library-contract.std.js';
import { useApi } from '../api/api-context.js';
import { errorMessage } from '../api/error-message.js';

interface Props {
  detail: TemplateDetail;
  flagOpen: boolean;
  setFlagOpen: (open: boolean) => void;
  onReviewed: (result: ReviewResult, what: string) => void;
  onNoted: () => void;
  onError: (message: string) => void;
  onEdit: () => void;
  editing: boolean;
}

export function ReviewActions({ detail, flagOpen, setFlagOpen, onReviewed, onNoted, onError, onEdit, editing }: Props) {
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const [reason, setReason] = useState<string>(FLAG_REASONS[0]);
  const [flagText, setFlagText] = useState('');
  const [note, setNote] = useState('');
  const reasonSelect = useRef<HTMLSelectElement>(null);

  useEffect(() => {
    if (flagOpen) reasonSelect.current?.focus();
  }, [flagOpen]);

  const review = (action: 'approve' | 'flag' | 'reject' | 'clear', what: string, extra: { reason?: string; note?: string } = {}): void => {
    setBusy(true);
    api
      .call('library.review', { selection: { ids: [detail.id] }, action, ...extra })
      .then(
        (result) => {
          onReviewed(result, what);
          if (action === 'flag') {
            setFlagOpen(false);
            setFlagText('');
          }
        },
        (failure: unknown) => onError(errorMessage(failure)),
      )
      .finally(() => setBusy(false));
  };

  const submitFlag = (): void => {
    const text = flagText.trim();
    // "other" with words: the words are the reason; with a preset reason they are the note.
    const flagReason = reason === 'other' && text !== '' ? text.slice(0, 200) : reason;
    review('flag', `Flagged “${flagReason}”`, { reason: flagReason, ...(text !== '' && flagReason !== text ? { note: text } : {}) });
  };

  return (
    <section className="detail-card review-card" aria-labelledby="review-title">
      <h2 id="review-title">Review</h2>
      <div className="review-buttons">
        <button type="button" className="button button-approve" disabled={busy} onClick={() => review('approve', 'Approved')} data-testid="approve">
          Approve <kbd>a</kbd>
        </button>
        <button type="button" className="button" disabled={busy} aria-expanded={flagOpen} onClick={() => setFlagOpen(!flagOpen)} data-testid="flag-open">
          Flag… <kbd>f</kbd>
        </button>
        <button type="button" className="button" disabled={busy} onClick={() => review('reject', 'Rejected')} data-testid="reject">
          Reject
        </button>
        <button type="button" className="button" disabled={busy || editing} onClick={onEdit} data-testid="edit-open">
          Edit <kbd>e</kbd>
        </button>
        {detail.review !== 'none' && (
          <button type="button" className="button button-quiet" disabled={busy} onClick={() => review('clear', 'Review cleared')}>
            Clear
          </button>
        )}
      </div>
      {flagOpen && (
        <form
          className="flag-form"
          data-testid="flag-form"
          onSubmit={(e) => {
            e.preventDefault();
            submitFlag();
          }}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.stopPropagation();
              setFlagOpen(false);
            }
          }}
        >
          <label htmlFor="flag-reason">Reason</label>
          <select id="flag-reason" ref={reasonSelect} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="flag-reason">
            {FLAG_REASONS.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
          <label htmlFor="flag-text">{reason === 'other' ? 'Reason in words' : 'Details (optional)'}</label>
          <input id="flag-text" type="text" value={flagText} maxLength={4000} onChange={(e) => setFlagText(e.target.value)} data-testid="flag-text" />
          <div className="form-actions">
            <button type="submit" className="button button-primary" disabled={busy} data-testid="flag-submit">
              Flag
            </button>
            <button type="button" className="button button-quiet" onClick={() => setFlagOpen(false)}>
              Cancel
            </button>
          </div>
        </form>
      )}
      <form
        className="note-form"
        onSubmit={(e) => {
          e.preventDefault();
          const text = note.trim();
          if (text === '') return;
          setBusy(true);
          api
            .call('library.note', { id: detail.id, text })
            .then(
              () => {
                setNote('');
                onNoted();
              },
              (failure: unknown) => onError(errorMessage(failure)),
            )
            .finally(() => setBusy(false));
        }}
      >
        <label htmlFor="note-text" className="visually-hidden">
          Note
        </label>
        <input id="note-text" type="text" placeholder="Add a note…" value={note} maxLength={4000} onChange={(e) => setNote(e.target.value)} />
        <button type="submit" className="button button-small" disabled={busy || note.trim() === ''}>
          Add note
        </button>
      </form>
    </section>
  );
}
