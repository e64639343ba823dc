/**
 * `#/library?<filter>`: the filter bar, the virtualized table of everything it matches, bulk review
 * with undo, "Audit these" and Export. The view lives in the URL; this component only reads it.
 */
import { useCallback, useEffect, useState } from 'react';
import type { LibraryFacets, LibraryFilter, LibraryRow } from '../../src-main/api/library-contract.std.js';
import { useApi } from '../api/api-context.js';
import { errorMessage } from '../api/error-message.js';
import { routeHash } from '../app/route.js';
import { AuditPanel } from './AuditPanel.js';
import { BulkBar } from './BulkBar.js';
import { ExportDialog } from './ExportDialog.js';
import { FilterBar } from './FilterBar.js';
import { LibraryTable } from './LibraryTable.js';
import { queryFromView, type LibrarySort, type LibraryView } from './library-url.js';
import { UndoToast, type ToastMessage } from './UndoToast.js';
import { useLibraryChanged } from './use-library-changed.js';
import { useLibraryRows } from './use-library-rows.js';

interface Props {
  view: LibraryView;
}

/** Go to a view: a new history entry, or (while typing a search) replace the current one. */
function goTo(view: LibraryView, replace = false): void {
  const hash = routeHash('library', [], queryFromView(view));
  if (replace) window.location.replace(hash);
  else window.location.hash = hash;
}

export function LibraryBrowse({ view }: Props) {
  const api = useApi();
  const rows = useLibraryRows(view);
  const [facets, setFacets] = useState<LibraryFacets | null>(null);
  const [facetsError, setFacetsError] = useState<string | null>(null);
  const [toast, setToast] = useState<ToastMessage | null>(null);
  const [exporting, setExporting] = useState(false);

  const loadFacets = useCallback(() => {
    api.call('library.facets', {}).then(
      (loaded) => {
        setFacets(loaded);
        setFacetsError(null);
      },
      (failure: unknown) => setFacetsError(errorMessage(failure)),
    );
  }, [api]);
  useEffect(loadFacets, [loadFacets]);

  const { reload } = rows;
  const refresh = useCallback(() => {
    reload();
    loadFacets();
  }, [reload, loadFacets]);
  // During an audit, changes stream in: the visible rows follow; the facet counts (a heavier query at
  // 100k) wait for the job's end, or for a change too big to name.
  useLibraryChanged(
    useCallback(
      (ids: string[] | null) => {
        if (ids === null) refresh();
        else reload();
      },
      [refresh, reload],
    ),
  );

  const onFilter = useCallback((filter: LibraryFilter, typing = false) => {
    // A new search orders by relevance unless a sort was chosen.
    goTo({ filter, sort: view.sort }, typing);
  }, [view.sort]);
  const onSort = useCallback((sort: LibrarySort) => goTo({ filter: view.filter, sort }), [view.filter]);
  const hrefFor = useCallback(
    (row: LibraryRow, index: number) => routeHash('library', ['t', row.id], { ...queryFromView(view), at: String(index) }),
    [view],
  );

  // Tests and the closing screenshots wait for this instead of sleeping.
  const loaded = rows.total !== null && rows.rowAt(0) !== undefined;
  useEffect(() => {
    document.body.dataset.ready = loaded || rows.total === 0 ? 'library' : 'loading';
    return () => {
      delete document.body.dataset.ready;
    };
  }, [loaded, rows.total, view]);

  const total = rows.total;
  return (
    <div className="library-page" data-testid="page-library">
      <div className="page-heading library-heading">
        <h1>
          Library{' '}
          <span className="heading-count" data-testid="library-total">
            {total === null ? '' : `${total.toLocaleString()} ${total === 1 ? 'template' : 'templates'}`}
            {facets !== null && total !== null && total !== facets.total ? ` of ${facets.total.toLocaleString()}` : ''}
          </span>
        </h1>
        <nav className="library-links" aria-label="Library views">
          <a className="button button-quiet" href={routeHash('library', ['report'], queryFromView({ filter: view.filter, sort: null }))} data-testid="report-link">
            Report
          </a>
          <button type="button" className="button" onClick={() => setExporting(true)} data-testid="export-open">
            Export…
          </button>
        </nav>
      </div>
      <FilterBar filter={view.filter} facets={facets} onChange={onFilter} />
      {facetsError !== null && (
        <p className="error-text" role="alert">
          Could not load the filter menus: {facetsError}
        </p>
      )}
      <div className="library-actions">
        <BulkBar
          filter={view.filter}
          total={total}
          onDone={(result, what) => {
            setToast({ text: `${what}: ${result.changed.toLocaleString()} changed.`, undoToken: result.undoToken });
            refresh();
          }}
          onError={(message) => setToast({ text: `Review failed: ${message}`, error: true })}
        />
        <AuditPanel filter={view.filter} total={total} onDone={refresh} />
      </div>
      {rows.error !== null && (
        <p className="error-text" role="alert" data-testid="library-error">
          Could not load templates: {rows.error}
        </p>
      )}
      {total === 0 ? (
        <p className="empty-state" data-testid="library-empty">
          No templates match this filter.
        </p>
      ) : (
        // A new view starts at its top (a fresh table), not at the old view's scroll position.
        <LibraryTable key={JSON.stringify(queryFromView(view))} rows={rows} sort={view.sort} onSort={onSort} hrefFor={hrefFor} />
      )}
      <UndoToast
        toast={toast}
        onClose={() => setToast(null)}
        onUndone={(outcome) => {
          setToast('error' in outcome ? { text: `Undo failed: ${outcome.error}`, error: true } : { text: `Undone: ${outcome.restored.toLocaleString()} restored.` });
          refresh();
        }}
      />
      <ExportDialog open={exporting} filter={view.filter} total={total} onClose={() => setExporting(false)} />
    </div>
  );
}
