/** "Audit these": run every template of the view on K draws in the background, with progress and Cancel. */
import { useId, useState } from 'react';
import type { AuditJobSummary, LibraryFilter } from '../../src-main/api/library-contract.std.js';
import { useApi } from '../api/api-context.js';
import { JobProgress } from './JobProgress.js';
import { useLibraryJob } from './use-library-job.js';

const SAMPLE_CHOICES = [5, 10, 20, 50, 100] as const;

interface Props {
  filter: LibraryFilter;
  total: number | null;
  onDone: (summary: AuditJobSummary) => void;
}

export function AuditPanel({ filter, total, onDone }: Props) {
  const api = useApi();
  const samplesId = useId();
  const [samples, setSamples] = useState(20);
  const job = useLibraryJob('audit', onDone);
  const running = job.state.phase === 'running' || job.state.phase === 'starting';

  return (
    <div className="job-panel" data-testid="audit-panel">
      <div className="job-controls">
        <button
          type="button"
          className="button"
          disabled={running || total === 0}
          data-testid="audit-start"
          onClick={() => job.start(() => api.call('library.auditStart', { filter, samples }))}
        >
          Audit these{total === null ? '' : ` ${total.toLocaleString()}`}
        </button>
        <label htmlFor={samplesId} className="job-option">
          draws each
        </label>
        <select id={samplesId} value={samples} disabled={running} onChange={(e) => setSamples(Number(e.target.value))}>
          {SAMPLE_CHOICES.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </div>
      <JobProgress
        state={job.state}
        label="Auditing"
        onCancel={job.cancel}
        onDismiss={job.dismiss}
        describe={(s) =>
          `Audited ${s.audited.toLocaleString()} of ${s.total.toLocaleString()}${s.cancelled ? ' (cancelled)' : ''}: ` +
          `${s.byStatus.healthy.toLocaleString()} healthy, ${s.byStatus.warning.toLocaleString()} warning, ${s.byStatus.broken.toLocaleString()} broken.`
        }
      />
    </div>
  );
}
