/**
 * Export the view as JSONL: native templates, the InfinityMATH shape, chat / Alpaca training data or
 * a robustness set, written by the engine to a file (a path, since the engine writes it, not the page).
 */
import { useEffect, useRef, useState } from 'react';
import { EXPORT_FORMATS, type ExportFormat, type LibraryFilter } from '../../src-main/api/library-contract.std.js';
import { useApi } from '../api/api-context.js';
import { describeFilter } from './library-url.js';
import { JobProgress } from './JobProgress.js';
import { useLibraryJob } from './use-library-job.js';

const FORMAT_TEXT: Record<ExportFormat, string> = {
  native: 'Native templates (JSONL)',
  infinitymath: 'InfinityMATH rows (as imported)',
  chat: 'Chat messages (training data)',
  alpaca: 'Alpaca instructions (training data)',
  robustness: 'Robustness set (original + variants)',
};

const ONLY_TEXT = { all: 'every template', healthy: 'healthy only', approved: 'approved only', 'approved-healthy': 'approved and healthy' } as const;
type Only = keyof typeof ONLY_TEXT;

/** Formats that draw instances (the others write templates). */
const DRAWS: readonly ExportFormat[] = ['chat', 'alpaca', 'robustness'];

interface Props {
  open: boolean;
  filter: LibraryFilter;
  total: number | null;
  onClose: () => void;
}

export function ExportDialog({ open, filter, total, onClose }: Props) {
  const api = useApi();
  const dialog = useRef<HTMLDialogElement>(null);
  const [format, setFormat] = useState<ExportFormat>('native');
  const [perTemplate, setPerTemplate] = useState(5);
  const [only, setOnly] = useState<Only>('all');
  const [dedupe, setDedupe] = useState(true);
  const [out, setOut] = useState('');
  const job = useLibraryJob('export');
  const running = job.state.phase === 'running' || job.state.phase === 'starting';

  useEffect(() => {
    const el = dialog.current;
    if (el === null) return;
    if (open && !el.open) el.showModal();
    if (!open && el.open) el.close();
  }, [open]);

  const perTemplateValid = Number.isInteger(perTemplate) && perTemplate >= 1 && perTemplate <= 1000;
  const outValid = out.trim() === '' || out.trim().startsWith('/') || /^[A-Za-z]:[\\/]/.test(out.trim());

  return (
    <dialog ref={dialog} className="export-dialog" onClose={onClose} aria-labelledby="export-title" data-testid="export-dialog">
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          if (!perTemplateValid || !outValid) return;
          job.start(() =>
            api.call('library.exportStart', {
              filter,
              format,
              perTemplate,
              only,
              dedupe,
              ...(out.trim() === '' ? {} : { out: out.trim() }),
            }),
          );
        }}
      >
        <h2 id="export-title">Export {total === null ? '' : `${total.toLocaleString()} `}templates</h2>
        <p className="dialog-sub">{describeFilter(filter)}</p>
        <div className="form-grid">
          <label htmlFor="export-format">Format</label>
          <select id="export-format" value={format} onChange={(e) => setFormat(e.target.value as ExportFormat)} disabled={running}>
            {EXPORT_FORMATS.map((f) => (
              <option key={f} value={f}>
                {FORMAT_TEXT[f]}
              </option>
            ))}
          </select>
          <label htmlFor="export-per">Instances per template</label>
          <div>
            <input
              id="export-per"
              type="number"
              min={1}
              max={1000}
              value={Number.isNaN(perTemplate) ? '' : perTemplate}
              disabled={running || !DRAWS.includes(format)}
              onChange={(e) => setPerTemplate(e.target.valueAsNumber)}
              aria-invalid={!perTemplateValid}
              aria-describedby="export-per-help"
            />
            <small id="export-per-help" className={perTemplateValid ? 'field-help' : 'field-error'}>
              {perTemplateValid ? (DRAWS.includes(format) ? 'verified instances drawn for each template' : 'only for training data and robustness sets') : 'a whole number from 1 to 1000'}
            </small>
          </div>
          <label htmlFor="export-only">Include</label>
          <select id="export-only" value={only} onChange={(e) => setOnly(e.target.value as Only)} disabled={running}>
            {(Object.keys(ONLY_TEXT) as Only[]).map((o) => (
              <option key={o} value={o}>
                {ONLY_TEXT[o]}
              </option>
            ))}
          </select>
          <span />
          <label className="check-line">
            <input type="checkbox" checked={dedupe} onChange={(e) => setDedupe(e.target.checked)} disabled={running} /> Leave out duplicates
          </label>
          <label htmlFor="export-out">Output file</label>
          <div>
            <input
              id="export-out"
              type="text"
              value={out}
              placeholder="default: exports/ in the data folder"
              onChange={(e) => setOut(e.target.value)}
              disabled={running}
              aria-invalid={!outValid}
              aria-describedby="export-out-help"
              spellCheck={false}
            />
            <small id="export-out-help" className={outValid ? 'field-help' : 'field-error'}>
              {outValid ? 'an absolute path ending in .jsonl' : 'give an absolute path (starting with /), or leave empty'}
            </small>
          </div>
        </div>
        <JobProgress
          state={job.state}
          label="Exporting"
          onCancel={job.cancel}
          onDismiss={job.dismiss}
          describe={(s) =>
            `${s.cancelled ? 'Cancelled: ' : ''}wrote ${s.records.toLocaleString()} records from ${s.templates.toLocaleString()} templates to ${s.out}` +
            (s.skippedDuplicates > 0 ? ` (${s.skippedDuplicates.toLocaleString()} duplicates left out)` : '') +
            '.'
          }
        />
        <div className="dialog-actions">
          <button type="button" className="button button-quiet" onClick={onClose}>
            Close
          </button>
          <button type="submit" className="button button-primary" disabled={running || !perTemplateValid || !outValid} data-testid="export-start">
            Export
          </button>
        </div>
      </form>
    </dialog>
  );
}
