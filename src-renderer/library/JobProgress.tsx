/** A running job's progress bar with Cancel, then its result line; announced politely to screen readers. */
import type { AuditJobSummary, ExportJobSummary } from '../../src-main/api/library-contract.std.js';
import type { JobState } from './use-library-job.js';

interface Props<K extends 'audit' | 'export'> {
  state: JobState<K>;
  label: string;
  onCancel: () => void;
  onDismiss: () => void;
  describe: (summary: K extends 'audit' ? AuditJobSummary : ExportJobSummary) => string;
}

export function JobProgress<K extends 'audit' | 'export'>({ state, label, onCancel, onDismiss, describe }: Props<K>) {
  return (
    <div className="job-status" aria-live="polite" data-testid="job-status" data-phase={state.phase}>
      {state.phase === 'starting' && <span className="job-line">{label}: starting…</span>}
      {state.phase === 'running' && (
        <>
          <span className="job-line">
            {label} {state.done.toLocaleString()} / {state.total.toLocaleString()}
            {state.cancelling ? ' — cancelling…' : ''}
          </span>
          <progress max={Math.max(1, state.total)} value={state.done} aria-label={`${label} progress`} />
          <button type="button" className="button button-small" onClick={onCancel} disabled={state.cancelling}>
            Cancel
          </button>
        </>
      )}
      {state.phase === 'done' && (
        <>
          <span className="job-line job-done">{describe(state.summary)}</span>
          <button type="button" className="button button-quiet button-small" aria-label="Dismiss" onClick={onDismiss}>
            ✕
          </button>
        </>
      )}
      {state.phase === 'failed' && (
        <>
          <span className="job-line error-text" role="alert">
            {label} failed: {state.message}
          </span>
          <button type="button" className="button button-quiet button-small" aria-label="Dismiss" onClick={onDismiss}>
            ✕
          </button>
        </>
      )}
    </div>
  );
}
