/** The headline numbers of the Progress page. */
import type { ProgressSummary } from '../../src-main/api/contract.std.js';
import { percent } from './chart-options.js';

interface Tile {
  id: string;
  label: string;
  value: string;
  detail?: string;
}

function tiles(s: ProgressSummary): Tile[] {
  return [
    { id: 'attempts', label: 'Attempts', value: String(s.attempts) },
    { id: 'correct', label: 'Correct', value: String(s.correct) },
    { id: 'accuracy', label: 'Accuracy', value: s.attempts === 0 ? '–' : `${percent(s.accuracy)} %` },
    { id: 'streak', label: 'Day streak', value: String(s.streakDays), detail: s.streakDays === 1 ? 'day' : 'days' },
    { id: 'solved', label: 'Problems solved', value: String(s.problemsSolved) },
    // Not answers: a skip changes none of the other tiles (see src-main/practice/skip-problem.ts).
    { id: 'skipped', label: 'Skipped', value: String(s.skipped) },
    { id: 'due', label: 'Due for review', value: String(s.dueNow) },
  ];
}

export function StatTiles({ summary }: { summary: ProgressSummary }) {
  return (
    <dl className="stat-tiles" data-testid="progress-totals">
      {tiles(summary).map((tile) => (
        <div key={tile.id} className="stat-tile" data-testid={`stat-${tile.id}`}>
          <dt>{tile.label}</dt>
          <dd>
            <span className="stat-value">{tile.value}</span>
            {tile.detail !== undefined && <span className="stat-detail"> {tile.detail}</span>}
          </dd>
        </div>
      ))}
    </dl>
  );
}
