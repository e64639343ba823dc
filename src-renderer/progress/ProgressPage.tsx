/**
 * Progress: totals and streak, accuracy over time, a practice calendar and mastery by topic, from
 * `progress.summary`. Loaded lazily (ECharts stays out of the practice page's first paint).
 */
import { useEffect, useMemo, useState } from 'react';
import type { ProgressSummary } from '../../src-main/api/contract.std.js';
import { useApi } from '../api/api-context.js';
import { errorMessage } from '../api/error-message.js';
import { routeHash } from '../app/route.js';
import type { LearnerRef } from '../learners/remembered-learner.js';
import { ACCURACY_DAYS, accuracyOption, CALENDAR_WEEKS, calendarOption, masteryOption, percent } from './chart-options.js';
import { ChartCard } from '../shared/ChartCard.js';
import { EChart } from '../shared/EChart.js';
import { localIsoDate } from './local-date.js';
import { MasteryExplainer } from './MasteryExplainer.js';
import { StatTiles } from './StatTiles.js';
import { useChartPalette } from '../shared/use-chart-palette.js';

export function ProgressPage({ learner }: { learner: LearnerRef }) {
  const api = useApi();
  const [summary, setSummary] = useState<ProgressSummary | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    api.call('progress.summary', { learnerId: learner.id }).then(
      (loaded) => live && setSummary(loaded),
      (failure: unknown) => live && setError(errorMessage(failure)),
    );
    return () => {
      live = false;
    };
  }, [api, learner.id]);

  useEffect(() => {
    document.body.dataset.ready = summary !== null ? 'progress' : 'loading';
    return () => {
      delete document.body.dataset.ready;
    };
  }, [summary]);

  return (
    <div className="progress-page">
      <div className="page-heading">
        <h1>{learner.name}’s progress</h1>
      </div>
      {error !== null && (
        <p className="error-text" role="alert">
          Could not load progress: {error}
        </p>
      )}
      {summary === null && error === null && <p className="loading-line">Loading progress…</p>}
      {summary !== null && <StatTiles summary={summary} />}
      {summary !== null && summary.attempts === 0 && (
        <p className="empty-state">
          No practice yet. <a href={routeHash('practice')}>Solve a few problems</a> and your charts appear here.
        </p>
      )}
      {summary !== null && summary.attempts > 0 && <ProgressCharts summary={summary} learnerName={learner.name} />}
    </div>
  );
}

function ProgressCharts({ summary, learnerName }: { summary: ProgressSummary; learnerName: string }) {
  const palette = useChartPalette();
  const today = localIsoDate();
  // A topic with only skips has no first try yet: it has no mastery to draw.
  const measured = useMemo(() => summary.byStrand.filter((s) => s.firstTries > 0), [summary]);
  const options = useMemo(() => {
    const recent = summary.daily.slice(-ACCURACY_DAYS);
    const last = recent.at(-1);
    const practisedDays = summary.daily.length;
    return {
      accuracy: accuracyOption(
        summary.daily,
        palette,
        `Attempts and accuracy on the last ${recent.length} days with practice` +
          (last === undefined ? '.' : `; on ${last.date}: ${last.attempts} attempts, ${last.correct} correct.`),
      ),
      calendar: calendarOption(
        summary.daily,
        today,
        palette,
        `Practice calendar of the last ${CALENDAR_WEEKS} weeks: ${practisedDays} days with practice in all.`,
      ),
      mastery: masteryOption(
        measured,
        palette,
        `Mastery by topic: ${measured.map((s) => `${s.label} ${percent(s.mastery)} % from ${s.firstTries} first ${s.firstTries === 1 ? 'try' : 'tries'}`).join(', ')}.`,
      ),
    };
  }, [summary, measured, palette, today]);

  // Side by side, the two charts share a height: enough rows for every topic, at least 260 px.
  const masteryHeight = Math.max(260, 34 * measured.length + 24);
  return (
    <div className="chart-grid">
      <ChartCard title="Accuracy over time">
        <EChart option={options.accuracy} height={masteryHeight} testId="chart-accuracy" />
      </ChartCard>
      <ChartCard title="Mastery by topic">
        {measured.length === 0 ? (
          <p className="empty-state">Mastery appears once problems in a topic are answered.</p>
        ) : (
          <EChart option={options.mastery} height={masteryHeight} testId="chart-mastery" />
        )}
        <MasteryExplainer learnerName={learnerName} />
      </ChartCard>
      <ChartCard title="Practice calendar" wide>
        <EChart option={options.calendar} height={170} testId="chart-calendar" />
      </ChartCard>
    </div>
  );
}
