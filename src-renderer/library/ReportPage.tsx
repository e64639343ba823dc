/**
 * `#/library/report?<filter>`: the dataset report over the view — status by source, acceptance and
 * answer-magnitude histograms, top reasons, modules needed, duplicates — and "Save as HTML".
 */
import { useEffect, useMemo, useState } from 'react';
import type { DatasetReport, LibraryFilter } from '../../src-main/api/library-contract.std.js';
import { useApi } from '../api/api-context.js';
import { errorMessage } from '../api/error-message.js';
import { routeHash } from '../app/route.js';
import { ChartCard } from '../shared/ChartCard.js';
import { EChart } from '../shared/EChart.js';
import { useChartPalette } from '../shared/use-chart-palette.js';
import { describeFilter, queryFromView } from './library-url.js';
import { bySourceHeight, histogramOption, reasonsHeight, statusBySourceOption, topReasonsOption, type ReportPalette } from './report-options.js';

function useReportPalette(): ReportPalette {
  const base = useChartPalette();
  return useMemo(() => {
    const style = getComputedStyle(document.documentElement);
    const v = (name: string, fallback: string): string => style.getPropertyValue(name).trim() || fallback;
    return { ...base, warning: v('--almost', '#8a5a00'), broken: v('--miss', '#b42318') };
  }, [base]);
}

export function ReportPage({ filter }: { filter: LibraryFilter }) {
  const api = useApi();
  const [report, setReport] = useState<DatasetReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    setReport(null);
    api.call('library.report', { filter }).then(
      (loaded) => live && setReport(loaded),
      (failure: unknown) => live && setError(errorMessage(failure)),
    );
    return () => {
      live = false;
    };
  }, [api, filter]);

  useEffect(() => {
    document.body.dataset.ready = report === null ? 'loading' : 'report';
    return () => {
      delete document.body.dataset.ready;
    };
  }, [report]);

  const saveHtml = (): void => {
    setSaving('Preparing the report…');
    api.call('library.reportHtml', { filter }).then(
      ({ html }) => {
        const url = URL.createObjectURL(new Blob([html], { type: 'text/html' }));
        const link = document.createElement('a');
        link.href = url;
        link.download = `library-report-${new Date().toISOString().slice(0, 10)}.html`;
        document.body.append(link);
        link.click();
        link.remove();
        // The download has its own copy once click() returns; give the browser a moment before revoking.
        window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
        setSaving('Saved.');
      },
      (failure: unknown) => setSaving(`Could not save: ${errorMessage(failure)}`),
    );
  };

  return (
    <div className="library-page report-page" data-testid="report-page">
      <div className="page-heading">
        <div>
          <h1>Dataset report</h1>
          <p className="page-sub">{describeFilter(filter)}</p>
        </div>
        <div className="library-links">
          <a className="button button-quiet" href={routeHash('library', [], queryFromView({ filter, sort: null }))}>
            ← Library
          </a>
          <button type="button" className="button" onClick={saveHtml} disabled={report === null} data-testid="report-save">
            Save as HTML
          </button>
        </div>
      </div>
      <p className="visually-hidden" aria-live="polite">
        {saving ?? ''}
      </p>
      {saving !== null && <p className="save-line">{saving}</p>}
      {error !== null && (
        <p className="error-text" role="alert">
          Could not build the report: {error}
        </p>
      )}
      {report === null && error === null && <p className="loading-line">Building the report…</p>}
      {report !== null && <ReportBody report={report} filter={filter} />}
    </div>
  );
}

function ReportBody({ report, filter }: { report: DatasetReport; filter: LibraryFilter }) {
  const palette = useReportPalette();
  const options = useMemo(
    () => ({
      bySource: statusBySourceOption(report, palette),
      acceptance: histogramOption(report.acceptance, palette, 'Acceptance rate', palette.accent),
      magnitude: histogramOption(report.magnitude, palette, 'Answer magnitude (log10 |answer|)', palette.accent),
      reasons: topReasonsOption(report.topReasons, palette),
    }),
    [report, palette],
  );
  const link = (extra: Partial<LibraryFilter>) => routeHash('library', [], queryFromView({ filter: { ...filter, ...extra }, sort: null }));
  const tiles: { label: string; value: number; href?: string; tone?: string }[] = [
    { label: 'Templates', value: report.total },
    { label: 'Audited', value: report.audited },
    { label: 'Healthy', value: report.byStatus.healthy, href: link({ status: 'healthy' }), tone: 'good' },
    { label: 'Warning', value: report.byStatus.warning, href: link({ status: 'warning' }), tone: 'warn' },
    { label: 'Broken', value: report.byStatus.broken, href: link({ status: 'broken' }), tone: 'bad' },
    { label: 'Reproduce the original', value: report.reproduced },
    { label: 'Do not reproduce', value: report.notReproduced, tone: report.notReproduced > 0 ? 'bad' : undefined },
    { label: 'Duplicates', value: report.duplicates, href: link({ duplicate: true }) },
    { label: 'Approved', value: report.byReview.approved, href: link({ review: 'approved' }) },
    { label: 'Flagged', value: report.byReview.flagged, href: link({ review: 'flagged' }) },
  ];
  return (
    <>
      <dl className="report-tiles" data-testid="report-tiles">
        {tiles.map((t) => (
          <div key={t.label} className={`report-tile${t.tone === undefined ? '' : ` tile-${t.tone}`}`}>
            <dt>{t.label}</dt>
            <dd>{t.href === undefined ? t.value.toLocaleString() : <a href={t.href}>{t.value.toLocaleString()}</a>}</dd>
          </div>
        ))}
      </dl>
      <div className="chart-grid">
        <ChartCard title="Status by source" wide>
          {report.bySource.length === 0 ? <Empty /> : <EChart option={options.bySource} height={bySourceHeight(report.bySource.length)} testId="chart-by-source" />}
        </ChartCard>
        <ChartCard title="Acceptance rate (share of draws that pass)">
          {report.audited === 0 ? <Empty /> : <EChart option={options.acceptance} height={240} testId="chart-acceptance" />}
        </ChartCard>
        <ChartCard title="Answer magnitude (original values)">
          {report.audited === 0 ? <Empty /> : <EChart option={options.magnitude} height={240} testId="chart-magnitude" />}
        </ChartCard>
        <ChartCard title="Top reasons" wide>
          {report.audited === 0 ? (
            <Empty />
          ) : report.topReasons.length === 0 ? (
            <p className="muted">The audit found nothing wrong.</p>
          ) : (
            <EChart option={options.reasons} height={reasonsHeight(report.topReasons.length)} testId="chart-reasons" />
          )}
        </ChartCard>
        <ChartCard title="Needs a Python module">
          {report.needsModule.length === 0 ? (
            <p className="muted">No template needs a module the sandbox lacks.</p>
          ) : (
            <ul className="module-list" data-testid="report-modules">
              {report.needsModule.map((m) => (
                <li key={m.module}>
                  <a href={link({ needsModule: m.module })}>
                    <code>{m.module}</code>
                  </a>{' '}
                  {m.count.toLocaleString()}
                </li>
              ))}
            </ul>
          )}
        </ChartCard>
      </div>
    </>
  );
}

function Empty() {
  return <p className="muted">Nothing audited in this view yet: run “Audit these” on the Library page.</p>;
}
