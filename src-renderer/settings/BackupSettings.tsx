/**
 * Settings → Backups: back up the whole library now (progress, cancel), and restore one of the backups
 * in the library's backups folder, after a confirmation. Restoring keeps a copy of the library as it
 * was (it appears in the list, so a restore can itself be undone) and reloads every window.
 */
import { useCallback, useEffect, useState } from 'react';
import type { BackupEntryView, BackupListView } from '../../src-main/api/backup-contract.std.js';
import { useApi } from '../api/api-context.js';
import { errorMessage } from '../api/error-message.js';
import { readStored, writeStored } from '../app/local-store.js';
import { ConfirmDialog } from './ConfirmDialog.js';

/** Survives the reload a restore causes, so the page can say what happened. */
const RESTORED_KEY = 'infinitymath.restored';

type Status = { kind: 'ok' | 'error' | 'info'; text: string } | null;

const megabytes = (bytes: number): string => `${(bytes / 1024 / 1024).toLocaleString(undefined, { maximumFractionDigits: 1 })} MB`;
const when = (ms: number): string => new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function BackupSettings() {
  const api = useApi();
  const [list, setList] = useState<BackupListView | null>(null);
  const [status, setStatus] = useState<Status>(() => {
    const restored = readStored(RESTORED_KEY, (v): v is string => typeof v === 'string');
    if (restored === null) return null;
    writeStored(RESTORED_KEY, null);
    return { kind: 'ok', text: `The library was restored from ${restored}. The library as it was before is kept as the newest “before restore” backup below.` };
  });
  const [progress, setProgress] = useState<number | null>(null);
  const [restoring, setRestoring] = useState<BackupEntryView | null>(null);
  const [busy, setBusy] = useState(false);

  const reload = useCallback(() => {
    api.call('backup.list', {}).then(setList, (e: unknown) => setStatus({ kind: 'error', text: errorMessage(e) }));
  }, [api]);
  useEffect(reload, [reload]);

  useEffect(
    () =>
      api.onEvent((event) => {
        if (event.type === 'backup.progress') setProgress(event.totalPages === 0 ? 1 : event.copiedPages / event.totalPages);
      }),
    [api],
  );

  const backUp = (): void => {
    setBusy(true);
    setProgress(0);
    setStatus(null);
    api.call('backup.create', {}).then(
      (made) => {
        setBusy(false);
        setProgress(null);
        setStatus({ kind: 'ok', text: `Backed up as ${made.name} (${megabytes(made.sizeBytes)}).` });
        reload();
      },
      (e: unknown) => {
        setBusy(false);
        setProgress(null);
        setStatus({ kind: 'error', text: errorMessage(e) });
      },
    );
  };

  const cancel = (): void => {
    void api.call('backup.cancel', {});
  };

  const restore = (): void => {
    if (restoring === null) return;
    setBusy(true);
    // The app reloads when the restore is done (library.restored): remember what to say afterwards.
    writeStored(RESTORED_KEY, restoring.name);
    api.call('backup.restore', { name: restoring.name }).then(
      () => window.location.reload(),
      (e: unknown) => {
        writeStored(RESTORED_KEY, null);
        setRestoring(null);
        setBusy(false);
        setStatus({ kind: 'error', text: errorMessage(e) });
      },
    );
  };

  return (
    <section className="settings-card" aria-labelledby="settings-backups-title" data-testid="settings-backups">
      <h2 id="settings-backups-title">Backups of the whole library</h2>
      <p className="settings-lead">
        One file with everything: every template and its history, every learner’s progress, worksheets and settings. Backing up is safe while the app is
        in use.
      </p>
      <div className="settings-actions">
        <button type="button" className="button button-primary" onClick={backUp} disabled={busy} data-testid="backup-now">
          {progress !== null ? 'Backing up…' : 'Back up now'}
        </button>
        {progress !== null && (
          <>
            <progress className="backup-progress" max={1} value={progress} aria-label="Backup progress" data-testid="backup-progress" />
            <button type="button" className="button button-quiet" onClick={cancel} data-testid="backup-cancel">
              Cancel
            </button>
          </>
        )}
      </div>
      {status !== null && (
        <p className={`settings-status is-${status.kind}`} role={status.kind === 'error' ? 'alert' : 'status'} data-testid="backup-status">
          {status.text}
        </p>
      )}
      {list !== null && (
        <>
          <h3 className="backup-list-title">Backups in this library’s folder</h3>
          {list.backups.length === 0 ? (
            <p className="empty-state">No backups yet.</p>
          ) : (
            <ul className="backup-list" data-testid="backup-list">
              {list.backups.map((b) => (
                <li key={b.name} className="backup-row" data-testid={`backup-${b.name}`}>
                  <span className="backup-row-main">
                    <span className="backup-name">{b.name}</span>
                    <span className="backup-meta">
                      {when(b.modifiedAt)} · {megabytes(b.sizeBytes)}
                      {b.beforeRestore ? ' · kept before a restore' : ''}
                    </span>
                    {b.problem !== null && <span className="backup-problem">{b.problem}</span>}
                  </span>
                  <button
                    type="button"
                    className="button"
                    onClick={() => setRestoring(b)}
                    disabled={busy || b.problem !== null}
                    data-testid={`restore-${b.name}`}
                  >
                    Restore…
                  </button>
                </li>
              ))}
            </ul>
          )}
          <p className="settings-help">
            Folder: <code data-testid="backup-folder">{list.folder}</code>. To restore a backup from elsewhere (another computer, a USB stick), copy the
            .sqlite file into this folder and it appears here, or use <code>infinitymath restore FILE</code>.
          </p>
        </>
      )}
      {restoring !== null && (
        <ConfirmDialog
          title="Replace the library with this backup?"
          confirmLabel="Restore"
          busy={busy}
          onConfirm={restore}
          onCancel={() => setRestoring(null)}
          testId="confirm-restore"
        >
          <p>
            Everything in the library now — templates, learners and their progress, worksheets, settings — is replaced by the backup{' '}
            <strong>{restoring.name}</strong> from {when(restoring.modifiedAt)}.
          </p>
          <p>The library as it is now is kept first, as a “before restore” backup in the same folder, so this can be undone.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
