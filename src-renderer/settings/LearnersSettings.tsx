/**
 * Settings → Learners: rename, delete (after a confirmation that says what goes with them), export a
 * learner's progress to a file, and import one (a preview first says whether it merges into a
 * learner of that name or creates one).
 */
import { useCallback, useEffect, useId, useState } from 'react';
import type { Learner } from '../../src-main/api/contract.std.js';
import type { ImportProgressView, LearnerHistoryCounts } from '../../src-main/api/learners-contract.std.js';
import { useApi } from '../api/api-context.js';
import { errorMessage } from '../api/error-message.js';
import { announceLearnersChanged } from '../learners/learners-changed.js';
import { ConfirmDialog } from './ConfirmDialog.js';
import { saveTextFile } from './save-text-file.js';

type Status = { kind: 'ok' | 'error'; text: string } | null;

const plural = (n: number, one: string, many = `${one}s`): string => `${n.toLocaleString()} ${n === 1 ? one : many}`;

export function LearnersSettings() {
  const api = useApi();
  const [learners, setLearners] = useState<Learner[] | null>(null);
  const [status, setStatus] = useState<Status>(null);
  const [renaming, setRenaming] = useState<{ id: number; name: string } | null>(null);
  const [deleting, setDeleting] = useState<{ learner: Learner; counts: LearnerHistoryCounts } | null>(null);
  const [busy, setBusy] = useState(false);

  const reload = useCallback(() => {
    api.call('learners.list', {}).then(setLearners, (e: unknown) => setStatus({ kind: 'error', text: errorMessage(e) }));
  }, [api]);
  useEffect(reload, [reload]);

  const rename = (id: number, name: string): void => {
    setBusy(true);
    api.call('learners.rename', { learnerId: id, name }).then(
      (renamed) => {
        setRenaming(null);
        setBusy(false);
        setStatus({ kind: 'ok', text: `Renamed to ${renamed.name}.` });
        announceLearnersChanged({ kind: 'renamed', id: renamed.id, name: renamed.name });
        reload();
      },
      (e: unknown) => {
        setBusy(false);
        setStatus({ kind: 'error', text: errorMessage(e) });
      },
    );
  };

  const askDelete = (learner: Learner): void => {
    api.call('learners.history', { learnerId: learner.id }).then(
      (counts) => setDeleting({ learner, counts }),
      (e: unknown) => setStatus({ kind: 'error', text: errorMessage(e) }),
    );
  };

  const confirmDelete = (): void => {
    if (deleting === null) return;
    setBusy(true);
    api.call('learners.delete', { learnerId: deleting.learner.id, confirmName: deleting.learner.name }).then(
      (gone) => {
        setDeleting(null);
        setBusy(false);
        setStatus({ kind: 'ok', text: `${gone.name} and ${plural(gone.attempts, 'answer')} were deleted.` });
        announceLearnersChanged({ kind: 'deleted', id: deleting.learner.id });
        reload();
      },
      (e: unknown) => {
        setDeleting(null);
        setBusy(false);
        setStatus({ kind: 'error', text: errorMessage(e) });
      },
    );
  };

  const exportProgress = (learner: Learner): void => {
    api.call('learners.exportProgress', { learnerId: learner.id }).then(
      (file) => {
        saveTextFile(file.fileName, file.text, 'application/json');
        setStatus({ kind: 'ok', text: `${learner.name}’s progress is saved as ${file.fileName}.` });
      },
      (e: unknown) => setStatus({ kind: 'error', text: errorMessage(e) }),
    );
  };

  return (
    <section className="settings-card" aria-labelledby="settings-learners-title" data-testid="settings-learners">
      <h2 id="settings-learners-title">Learners</h2>
      <p className="settings-lead">
        Everyone who practises on this computer. A learner’s progress can be saved to a file and brought into another library (another computer, the
        teacher’s): it is added to the learner of the same name there, or makes a new one.
      </p>
      {learners === null ? (
        <p className="loading-line">Loading learners…</p>
      ) : learners.length === 0 ? (
        <p className="empty-state">No learners yet: add one on the Practice page, or import a progress file below.</p>
      ) : (
        <ul className="learner-rows">
          {learners.map((learner) => (
            <li key={learner.id} className="learner-row" data-testid={`learner-row-${learner.id}`}>
              {renaming?.id === learner.id ? (
                <RenameForm initial={renaming.name} busy={busy} onSave={(name) => rename(learner.id, name)} onCancel={() => setRenaming(null)} />
              ) : (
                <>
                  <span className="learner-row-name">{learner.name}</span>
                  <span className="learner-row-actions">
                    <button type="button" className="button button-quiet" onClick={() => setRenaming({ id: learner.id, name: learner.name })} data-testid={`rename-${learner.id}`}>
                      Rename
                    </button>
                    <button type="button" className="button button-quiet" onClick={() => exportProgress(learner)} data-testid={`export-${learner.id}`}>
                      Save progress
                    </button>
                    <button type="button" className="button button-quiet is-danger" onClick={() => askDelete(learner)} data-testid={`delete-${learner.id}`}>
                      Delete…
                    </button>
                  </span>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {status !== null && (
        <p className={`settings-status is-${status.kind}`} role={status.kind === 'error' ? 'alert' : 'status'} data-testid="learners-status">
          {status.text}
        </p>
      )}
      <ImportProgress
        onImported={(text) => {
          setStatus({ kind: 'ok', text });
          announceLearnersChanged({ kind: 'imported' });
          reload();
        }}
      />
      {deleting !== null && (
        <ConfirmDialog
          title={`Delete ${deleting.learner.name}?`}
          confirmLabel={`Delete ${deleting.learner.name}`}
          busy={busy}
          onConfirm={confirmDelete}
          onCancel={() => setDeleting(null)}
          testId="confirm-delete-learner"
        >
          <p>
            This removes {deleting.learner.name} and everything they did here: {plural(deleting.counts.attempts, 'answer')}, {plural(deleting.counts.skips, 'skip')},{' '}
            {plural(deleting.counts.reviewCards, 'review schedule')} and {plural(deleting.counts.tutorRequests, 'tutor question')}. It cannot be undone.
          </p>
          <p>To keep a copy, cancel and use “Save progress” first (or back up the whole library).</p>
        </ConfirmDialog>
      )}
    </section>
  );
}

function RenameForm({ initial, busy, onSave, onCancel }: { initial: string; busy: boolean; onSave: (name: string) => void; onCancel: () => void }) {
  const [name, setName] = useState(initial);
  const id = useId();
  const trimmed = name.trim();
  return (
    <form
      className="rename-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (trimmed !== '' && trimmed.length <= 60) onSave(trimmed);
      }}
    >
      <label htmlFor={id} className="visually-hidden">
        New name
      </label>
      <input id={id} value={name} maxLength={80} autoFocus onChange={(e) => setName(e.target.value)} data-testid="rename-input" />
      <button type="submit" className="button button-primary" disabled={busy || trimmed === '' || trimmed.length > 60 || trimmed === initial} data-testid="rename-save">
        Save
      </button>
      <button type="button" className="button button-quiet" onClick={onCancel} disabled={busy}>
        Cancel
      </button>
    </form>
  );
}

/** Pick a progress file; a dry run says what would happen; then import (optionally under another name). */
function ImportProgress({ onImported }: { onImported: (text: string) => void }) {
  const api = useApi();
  const ids = { file: useId(), name: useId() };
  const [text, setText] = useState<string | null>(null);
  const [fileName, setFileName] = useState('');
  const [asName, setAsName] = useState('');
  const [preview, setPreview] = useState<ImportProgressView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const check = (content: string, name: string): void => {
    setBusy(true);
    setError(null);
    api.call('learners.importProgress', { text: content, dryRun: true, ...(name.trim() !== '' ? { name: name.trim() } : {}) }).then(
      (r) => {
        setPreview(r);
        setBusy(false);
      },
      (e: unknown) => {
        setPreview(null);
        setError(errorMessage(e));
        setBusy(false);
      },
    );
  };

  const pick = (file: File | undefined): void => {
    setPreview(null);
    setError(null);
    if (file === undefined) return;
    setFileName(file.name);
    file.text().then(
      (content) => {
        setText(content);
        check(content, asName);
      },
      (e: unknown) => setError(`Could not read ${file.name}: ${errorMessage(e)}`),
    );
  };

  const run = (): void => {
    if (text === null) return;
    setBusy(true);
    api.call('learners.importProgress', { text, ...(asName.trim() !== '' ? { name: asName.trim() } : {}) }).then(
      (r) => {
        setBusy(false);
        setPreview(null);
        setText(null);
        setFileName('');
        const what = `${plural(r.added.attempts, 'answer')}, ${plural(r.added.skips, 'skip')} and ${plural(r.added.reviewCards, 'review schedule')}`;
        const left = r.problemCount > 0 ? ` ${plural(r.problemCount, 'row')} of the file could not be read and were left out.` : '';
        onImported(r.action === 'created' ? `Created ${r.learner.name} with ${what}.${left}` : `Added ${what} to ${r.learner.name}.${left}`);
      },
      (e: unknown) => {
        setBusy(false);
        setError(errorMessage(e));
      },
    );
  };

  return (
    <div className="import-progress" data-testid="import-progress">
      <h3>Import a learner’s progress</h3>
      <label htmlFor={ids.file} className="file-pick">
        <span className="button">Choose a progress file…</span>
        <span className="file-pick-name">{fileName === '' ? 'a .json file saved with “Save progress”' : fileName}</span>
      </label>
      <input id={ids.file} type="file" accept=".json,application/json" className="visually-hidden" onChange={(e) => pick(e.target.files?.[0])} data-testid="import-progress-file" />
      {preview !== null && (
        <div className="import-preview" data-testid="import-preview" data-action={preview.action}>
          <p>
            {preview.fileName}’s progress{preview.exportedAt !== null ? `, saved ${new Date(preview.exportedAt).toLocaleDateString()}` : ''}:{' '}
            {plural(preview.added.attempts + preview.alreadyHere.attempts, 'answer')}.{' '}
            {preview.action === 'merged' ? (
              <strong>
                There is already a learner called {preview.learner.name} here: the file is added to them ({plural(preview.added.attempts, 'new answer')}
                {preview.alreadyHere.attempts > 0 ? `, ${plural(preview.alreadyHere.attempts, 'answer')} already here` : ''}).
              </strong>
            ) : (
              <strong>A new learner {preview.learner.name} will be created.</strong>
            )}
          </p>
          {preview.problemCount > 0 && (
            <details>
              <summary>{plural(preview.problemCount, 'row')} cannot be read and will be left out</summary>
              <ul className="import-problems">
                {preview.problems.map((p) => (
                  <li key={`${p.section}-${p.index}`}>
                    {p.section} #{p.index + 1}
                    {p.field !== '' ? ` (${p.field})` : ''}: {p.reason}
                  </li>
                ))}
              </ul>
            </details>
          )}
          <label htmlFor={ids.name}>Import under another name (optional)</label>
          <div className="settings-row">
            <input
              id={ids.name}
              value={asName}
              maxLength={80}
              placeholder={preview.fileName}
              onChange={(e) => setAsName(e.target.value)}
              onBlur={() => text !== null && check(text, asName)}
              data-testid="import-as-name"
            />
            <button type="button" className="button button-primary" onClick={run} disabled={busy} data-testid="import-progress-run">
              {preview.action === 'merged' ? `Add to ${preview.learner.name}` : `Create ${preview.learner.name}`}
            </button>
          </div>
        </div>
      )}
      {error !== null && (
        <p className="settings-status is-error" role="alert" data-testid="import-progress-error">
          {error}
        </p>
      )}
    </div>
  );
}
