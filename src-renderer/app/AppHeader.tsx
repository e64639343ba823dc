/** Brand, the pages, and who is practising. */
import type { LearnerRef } from '../learners/remembered-learner.js';
import { routeHash, type Route } from './route.js';

const PAGES: { route: Route; label: string }[] = [
  { route: 'practice', label: 'Practice' },
  { route: 'progress', label: 'Progress' },
  { route: 'worksheets', label: 'Worksheets' },
  { route: 'library', label: 'Library' },
  { route: 'author', label: 'Author' },
  { route: 'settings', label: 'Settings' },
];

interface Props {
  route: Route;
  learner: LearnerRef | null;
  onSwitchLearner: () => void;
}

export function AppHeader({ route, learner, onSwitchLearner }: Props) {
  return (
    <header className="app-header">
      <span className="brand" aria-label="InfinityMATH Studio">
        <span className="brand-mark" aria-hidden="true">
          ∞
        </span>
        InfinityMATH <span className="brand-light">Studio</span>
      </span>
      <nav className="main-nav" aria-label="Pages">
        {PAGES.map((page) => (
          <a
            key={page.route}
            href={routeHash(page.route)}
            className="nav-link"
            aria-current={route === page.route ? 'page' : undefined}
            data-testid={`nav-${page.route}`}
          >
            {page.label}
          </a>
        ))}
      </nav>
      {learner !== null && (
        <div className="who">
          <span className="who-name" data-testid="current-learner">
            {learner.name}
          </span>
          <button type="button" className="button button-quiet" onClick={onSwitchLearner} data-testid="switch-learner">
            Switch learner
          </button>
        </div>
      )}
    </header>
  );
}
