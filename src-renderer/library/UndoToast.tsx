/** The toast after a review change: what happened, and Undo (exactly that change, by its token). */
import { useState } from 'react';
import { useApi } from '../api/api-context.js';
import { errorMessage } from '../api/error-message.js';

export interface ToastMessage {
  text: string;
  /** Present when the change can be undone. */
  undoToken?: string;
  /** A failure: shown as an alert. */
  error?: boolean;
}

interface Props {
  toast: ToastMessage | null;
  onClose: () => void;
  /** After the undo: how many templates were restored (the views refresh), or why it failed. */
  onUndone: (outcome: { restored: number } | { error: string }) => void;
}

export function UndoToast({ toast, onClose, onUndone }: Props) {
  const api = useApi();
  const [busy, setBusy] = useState(false);
  return (
    <div className="toast-region" aria-live="polite">
      {toast !== null && (
        <div className={`toast${toast.error === true ? ' toast-error' : ''}`} role={toast.error === true ? 'alert' : 'status'} data-testid="library-toast">
          <span>{toast.text}</span>
          {toast.undoToken !== undefined && (
            <button
              type="button"
              className="button button-small"
              disabled={busy}
              data-testid="toast-undo"
              onClick={() => {
                const token = toast.undoToken;
                if (token === undefined) return;
                setBusy(true);
                api
                  .call('library.undo', { token })
                  .then(
                    (r) => onUndone({ restored: r.restored }),
                    (failure: unknown) => onUndone({ error: errorMessage(failure) }),
                  )
                  .finally(() => setBusy(false));
              }}
            >
              Undo
            </button>
          )}
          <button type="button" className="button button-quiet button-small" aria-label="Dismiss" onClick={onClose}>
            ✕
          </button>
        </div>
      )}
    </div>
  );
}
