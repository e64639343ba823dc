/**
 * Drop a JSONL file anywhere on the window to import it into the library. In the desktop app the
 * preload turns the dropped File into its path (a sandboxed page never sees paths) and registers it
 * as user-chosen; the engine streams the import and reports progress and the final report as events.
 * Browser mode cannot read paths, so it says how to import instead.
 */
import { useEffect, useState } from 'react';
import type { ApiEvent, ImportSummary } from '../../src-main/api/contract.std.js';
import { findImApi } from '../api/ipc-transport.js';
import { useApi } from '../api/api-context.js';

type DropState =
  | { kind: 'idle' }
  | { kind: 'hover' }
  | { kind: 'running'; file: string; percent: number; rows: number; skipped: number }
  | { kind: 'done'; file: string; summary: ImportSummary }
  | { kind: 'message'; text: string };

const IMPORTABLE = /\.(jsonl|json|ndjson)$/i;

function hasFiles(event: DragEvent): boolean {
  return event.dataTransfer?.types.includes('Files') ?? false;
}

export function ImportDrop() {
  const api = useApi();
  const [state, setState] = useState<DropState>({ kind: 'idle' });

  useEffect(
    () =>
      api.onEvent((event: ApiEvent) => {
        if (event.type !== 'import.progress') return;
        setState((s) =>
          s.kind === 'running'
            ? { ...s, percent: Math.round((100 * event.bytesRead) / Math.max(1, event.totalBytes)), rows: event.rowsRead, skipped: event.skipped }
            : s,
        );
      }),
    [api],
  );

  useEffect(() => {
    const over = (e: DragEvent): void => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      setState((s) => (s.kind === 'running' ? s : { kind: 'hover' }));
    };
    const leave = (e: DragEvent): void => {
      if (e.relatedTarget === null) setState((s) => (s.kind === 'hover' ? { kind: 'idle' } : s));
    };
    const drop = (e: DragEvent): void => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      const file = e.dataTransfer?.files[0];
      if (!file) return;
      if (!IMPORTABLE.test(file.name)) {
        setState({ kind: 'message', text: `${file.name} is not a JSONL file. Drop a .jsonl file of templates to import it.` });
        return;
      }
      const imApi = findImApi();
      const filePath = imApi?.pathForFile(file) ?? '';
      if (filePath === '') {
        setState({
          kind: 'message',
          text: `Importing by drag and drop needs the desktop app. In browser mode, import with: infinitymath import ${file.name}`,
        });
        return;
      }
      setState({ kind: 'running', file: file.name, percent: 0, rows: 0, skipped: 0 });
      api.call('library.importFile', { path: filePath }).then(
        (summary) => setState({ kind: 'done', file: file.name, summary }),
        (err: unknown) => setState({ kind: 'message', text: `Import of ${file.name} failed: ${err instanceof Error ? err.message : String(err)}` }),
      );
    };
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, [api]);

  if (state.kind === 'idle') return null;
  const close = (): void => setState({ kind: 'idle' });
  return (
    <div className="import-drop" role="status" aria-live="polite" data-testid="import-drop">
      {state.kind === 'hover' && <p className="import-drop-hint">Drop a JSONL file to import it into your library</p>}
      {state.kind === 'running' && (
        <div className="import-drop-card">
          <p>
            Importing <strong>{state.file}</strong>… {state.percent}% · {state.rows.toLocaleString()} rows read
            {state.skipped > 0 ? ` · ${state.skipped.toLocaleString()} skipped` : ''}
          </p>
          <progress max={100} value={state.percent} />
        </div>
      )}
      {state.kind === 'done' && (
        <div className="import-drop-card">
          <p>
            <strong>{state.file}</strong>: {state.summary.rowsRead.toLocaleString()} rows read, {state.summary.inserted.toLocaleString()} new,{' '}
            {state.summary.updated.toLocaleString()} updated, {state.summary.unchanged.toLocaleString()} unchanged,{' '}
            {state.summary.skipped.toLocaleString()} skipped{state.summary.cancelled ? ' (cancelled)' : ''}.
          </p>
          {state.summary.firstErrors.length > 0 && (
            <ul className="import-drop-errors">
              {state.summary.firstErrors.slice(0, 8).map((e) => (
                <li key={`${e.line}-${e.reason}`}>
                  line {e.line}: {e.reason}
                  {e.detail ? ` — ${e.detail}` : ''}
                </li>
              ))}
            </ul>
          )}
          <button type="button" onClick={close}>
            Close
          </button>
        </div>
      )}
      {state.kind === 'message' && (
        <div className="import-drop-card">
          <p>{state.text}</p>
          <button type="button" onClick={close}>
            Close
          </button>
        </div>
      )}
    </div>
  );
}
