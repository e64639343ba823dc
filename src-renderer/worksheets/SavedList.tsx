/** The saved worksheets, newest change first: open, duplicate, delete; and a new one. */
import { useCallback, useEffect, useState } from 'react';
import type { SavedWorksheetSummary } from '../../src-main/api/worksheet-contract.std.js';
import { useApi } from '../api/api-context.js';
import { errorMessage } from '../api/error-message.js';
import { routeHash } from '../app/route.js';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function SavedList() {
  const api = useApi();
  const [sheets, setSheets] = useState<SavedWorksheetSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(() => {
    api.call('worksheets.list', {}).then(
      (list) => {
        setSheets(list);
        setError(null);
      },
      (failure: unknown) => setError(errorMessage(failure)),
    );
  }, [api]);
  useEffect(reload, [reload]);

  const act = (work: Promise<unknown>): void => {
    work.then(reload, (failure: unknown) => setError(errorMessage(failure)));
  };

  return (
    <div className="ws-saved" data-testid="saved-list">
      <div className="page-heading">
        <h1>Worksheets</h1>
        <a className="button button-primary" href={routeHash('worksheets', ['new'])} data-testid="new-worksheet">
          New worksheet
        </a>
      </div>
      {error !== null && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      {sheets === null && error === null && <p className="loading-line">Loading worksheets…</p>}
      {sheets !== null && sheets.length === 0 && (
        <p className="empty-state">No saved worksheets yet. Start a new one: choose templates, set the versions, print with answer keys.</p>
      )}
      {sheets !== null && sheets.length > 0 && (
        <ul className="ws-saved-list">
          {sheets.map((s) => (
            <li key={s.id} className="ws-saved-item" data-testid="saved-item">
              <a href={routeHash('worksheets', [String(s.id)])} className="ws-saved-title">
                {s.title}
              </a>
              <span className="ws-muted">
                {s.problems} problem{s.problems === 1 ? '' : 's'} · {s.versions} version{s.versions === 1 ? '' : 's'} · changed {dateFormat.format(s.updatedAt)}
              </span>
              <span className="ws-saved-actions">
                <button type="button" className="button button-small" onClick={() => act(api.call('worksheets.duplicate', { id: s.id }))}>
                  Duplicate
                </button>
                <button
                  type="button"
                  className="button button-small button-quiet"
                  onClick={() => {
                    if (window.confirm(`Delete “${s.title}”? This cannot be undone.`)) act(api.call('worksheets.delete', { id: s.id }));
                  }}
                >
                  Delete
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
