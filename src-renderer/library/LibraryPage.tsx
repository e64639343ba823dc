/**
 * The curator's Library, three views under `#/library`: the table (`?<filter>`), a template's detail
 * and review queue (`/t/<id>?<filter>&at=<position>`), and the dataset report (`/report?<filter>`).
 */
import { lazy, Suspense, useMemo } from 'react';
import type { HashLocation } from '../app/route.js';
import { LibraryBrowse } from './LibraryBrowse.js';
import { viewFromQuery, queryFromView } from './library-url.js';

// CodeMirror and ECharts load only with the pages that draw them.
const TemplateDetailPage = lazy(() => import('./TemplateDetailPage.js').then((m) => ({ default: m.TemplateDetailPage })));
const ReportPage = lazy(() => import('./ReportPage.js').then((m) => ({ default: m.ReportPage })));

export function LibraryPage({ location }: { location: HashLocation }) {
  // One object per distinct view (the location is re-parsed on every hash change).
  const viewKey = JSON.stringify(queryFromView(viewFromQuery(location.query)));
  const view = useMemo(() => viewFromQuery(JSON.parse(viewKey) as Record<string, string>), [viewKey]);
  const [sub, id] = location.path;
  const at = location.query.at;
  const position = at !== undefined && /^\d{1,7}$/.test(at) ? Number(at) : null;

  if (sub === 't' && id !== undefined) {
    return (
      <Suspense fallback={<p className="loading-line">Loading template…</p>}>
        <TemplateDetailPage key={id} id={id} view={view} position={position} />
      </Suspense>
    );
  }
  if (sub === 'report') {
    return (
      <Suspense fallback={<p className="loading-line">Loading report…</p>}>
        <ReportPage filter={view.filter} />
      </Suspense>
    );
  }
  return <LibraryBrowse view={view} />;
}
