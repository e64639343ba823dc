/** Export: PDF, HTML or LaTeX; where the key goes; one file or one per version. Downloads (browser) or saves (desktop). */
import { useState } from 'react';
import type { WorksheetExportFormat, WorksheetKeyMode } from '../../src-main/api/worksheet-contract.std.js';
import type { WorksheetSpec } from '../../src-main/worksheet/worksheet-spec.std.js';
import { useApi } from '../api/api-context.js';
import { errorMessage } from '../api/error-message.js';
import { downloadFile } from './download.js';

export function ExportPanel({ spec, onClose }: { spec: WorksheetSpec; onClose: () => void }) {
  const api = useApi();
  const [format, setFormat] = useState<WorksheetExportFormat>('pdf');
  const [key, setKey] = useState<WorksheetKeyMode>(spec.key);
  const [split, setSplit] = useState<'single' | 'per-version'>('single');
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  const run = (): void => {
    setBusy(true);
    setStatus(null);
    api.call('worksheets.export', { spec, format, key, split }).then(
      (result) => {
        setBusy(false);
        if (result.cancelled) {
          setStatus({ kind: 'ok', text: 'Export cancelled.' });
        } else if (result.savedTo !== null) {
          setStatus({ kind: 'ok', text: `Saved: ${result.savedTo.join(', ')}` });
        } else {
          for (const file of result.files) downloadFile(file);
          setStatus({ kind: 'ok', text: `Downloaded ${result.files.map((f) => f.name).join(', ')}` });
        }
      },
      (failure: unknown) => {
        setBusy(false);
        setStatus({ kind: 'error', text: `Export failed: ${errorMessage(failure)}` });
      },
    );
  };

  return (
    <div className="ws-export" role="dialog" aria-label="Export worksheet" data-testid="export-panel">
      <label className="ws-field">
        <span>Format</span>
        <select value={format} onChange={(e) => setFormat(e.target.value as WorksheetExportFormat)} data-testid="export-format">
          <option value="pdf">PDF</option>
          <option value="html">HTML</option>
          <option value="tex">LaTeX (.tex)</option>
        </select>
      </label>
      <label className="ws-field">
        <span>Answer key</span>
        <select value={key} onChange={(e) => setKey(e.target.value as WorksheetKeyMode)} data-testid="export-key">
          <option value="appended">After each version</option>
          <option value="separate">Separate file</option>
          <option value="none">Leave out</option>
        </select>
      </label>
      <label className="ws-field">
        <span>Files</span>
        <select value={split} onChange={(e) => setSplit(e.target.value === 'per-version' ? 'per-version' : 'single')} data-testid="export-split">
          <option value="single">One file, all versions</option>
          <option value="per-version">One file per version</option>
        </select>
      </label>
      <div className="ws-export-actions">
        <button type="button" className="button button-primary" onClick={run} disabled={busy} data-testid="export-run">
          {busy ? 'Exporting…' : 'Export'}
        </button>
        <button type="button" className="button button-quiet" onClick={onClose}>
          Close
        </button>
      </div>
      {status !== null && (
        <p className={status.kind === 'error' ? 'error-text' : 'ws-muted'} role={status.kind === 'error' ? 'alert' : 'status'} data-testid="export-status">
          {status.text}
        </p>
      )}
    </div>
  );
}
