/**
 * Export the view as JSONL: native templates, the InfinityMATH shape, chat / Alpaca training data or
 * a robustness set, written by the engine to a file. Where it goes: in the desktop app, the file the
 * user picks in the save dialog (Choose…; the engine accepts no other path) or the exports folder; in
 * browser mode, a file name in the library's exports folder. A file that is there already is replaced
 * only after the user says so here (the desktop save dialog asks on its own).
 */
import { useEffect, useRef, useState } from 'react';
import { EXPORT_FORMATS, type ExportFormat, type ExportTarget, type LibraryFilter } from '../../src-main/api/library-contract.std.js';
import { findImApi } from '../api/ipc-transport.js';
import { useApi } from '../api/api-context.js';
import { errorMessage } from '../api/error-message.js';
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

/** A file name for the exports folder (browser mode): no folders, not hidden. */
export function validExportName(name: string): boolean {
  return name === '' || (/^[^\\/]+$/.test(name) && !name.includes('\0') && !name.startsWith('.') && name.length <= 200);
}

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
  /** In the desktop app: the file picked in the save dialog (its answer already covered replacing it). */
  const [picked, setPicked] = useState<string | null>(null);
  /** A file is there: the export waits for the user to say whether to replace it. */
  const [confirm, setConfirm] = useState<ExportTarget | null>(null);
  const [checkError, setCheckError] = useState<string | null>(null);
  const job = useLibraryJob('export');
  const running = job.state.phase === 'running' || job.state.phase === 'starting';
  const imApi = findImApi(globalThis);
  const desktop = imApi?.chooseExportFile !== undefined;

  useEffect(() => {
    const el = dialog.current;
    if (el === null) return;
    if (open && !el.open) el.showModal();
    if (!open && el.open) el.close();
  }, [open]);

  const perTemplateValid = Number.isInteger(perTemplate) && perTemplate >= 1 && perTemplate <= 1000;
  const outValid = desktop || validExportName(out.trim());
  const outArg = (): { out?: string } => (desktop ? (picked !== null ? { out: picked } : {}) : out.trim() === '' ? {} : { out: out.trim() });
  const start = (overwrite: boolean): void => {
    setConfirm(null);
    job.start(() => api.call('library.exportStart', { filter, format, perTemplate, only, dedupe, overwrite, ...outArg() }));
    setPicked(null);
  };
  const choose = (): void => {
    const suggested = `${(filter.packId ?? 'library').replace(/[^\w.-]+/g, '_')}-${format}.jsonl`;
    imApi?.chooseExportFile?.(suggested).then(
      (file) => setPicked(file),
      (e: unknown) => setCheckError(errorMessage(e)),
    );
  };

  return (
    <dialog ref={dialog} className="export-dialog" onClose={onClose} aria-labelledby="export-title" data-testid="export-dialog">
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          if (!perTemplateValid || !outValid || running) return;
          setCheckError(null);
          // The save dialog asked about replacing its file already; anywhere else, ask here first.
          if (picked !== null) {
            start(true);
            return;
          }
          api.call('library.exportTarget', { filter, format, ...outArg() }).then(
            (target) => (target.exists ? setConfirm(target) : start(false)),
            (err: unknown) => setCheckError(errorMessage(err)),
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
          {desktop ? (
            <div>
              <div className="export-choose">
                <span id="export-out" className="export-path" data-testid="export-path">
                  {picked ?? 'the exports folder next to the library'}
                </span>
                <button type="button" className="button" onClick={choose} disabled={running} data-testid="export-choose">
                  Choose…
                </button>
              </div>
              <small id="export-out-help" className="field-help">
                {picked !== null ? 'chosen in the save dialog' : 'or choose a file: only a file you pick there can be written'}
              </small>
            </div>
          ) : (
            <div>
              <input
                id="export-out"
                type="text"
                value={out}
                placeholder={`${(filter.packId ?? 'library').replace(/[^\w.-]+/g, '_')}-${format}.jsonl`}
                onChange={(e) => {
                  setOut(e.target.value);
                  setConfirm(null);
                }}
                disabled={running}
                aria-invalid={!outValid}
                aria-describedby="export-out-help"
                spellCheck={false}
              />
              <small id="export-out-help" className={outValid ? 'field-help' : 'field-error'}>
                {outValid ? 'a file name; it is saved in the exports folder next to the library' : 'a file name only (no folders): exports are saved in the exports folder'}
              </small>
            </div>
          )}
        </div>
        {confirm !== null && (
          <div className="export-confirm" role="alertdialog" aria-labelledby="export-confirm-text" data-testid="export-confirm">
            <p id="export-confirm-text">
              <strong>{confirm.path}</strong> already exists. Replace it with this export?
            </p>
            <div className="dialog-actions">
              <button type="button" className="button button-quiet" onClick={() => setConfirm(null)} data-testid="export-keep">
                Keep the file
              </button>
              <button type="button" className="button button-primary" onClick={() => start(true)} data-testid="export-replace">
                Replace it
              </button>
            </div>
          </div>
        )}
        {checkError !== null && (
          <p className="field-error" role="alert" data-testid="export-error">
            {checkError}
          </p>
        )}
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
          <button type="submit" className="button button-primary" disabled={running || !perTemplateValid || !outValid || confirm !== null} data-testid="export-start">
            Export
          </button>
        </div>
      </form>
    </dialog>
  );
}
