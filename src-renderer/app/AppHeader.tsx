/**
 * Brand, the pages, and who is practising. Fits one row from 1024 px up (browser mode at 1024 × 700
 * clipped "Switch learner" before): below 1200 px the brand drops "Studio", the links tighten, and
 * the learner's name sits above the button; a long name is cut with an ellipsis (full name in the title).
 */
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
          <span className="who-initial" aria-hidden="true">
            {learner.name.slice(0, 1).toLocaleUpperCase()}
          </span>
          <span className="who-text">
            <span className="who-name" title={learner.name} data-testid="current-learner">
              {learner.name}
            </span>
            <button type="button" className="who-switch" onClick={onSwitchLearner} data-testid="switch-learner">
              Switch learner
            </button>
          </span>
        </div>
      )}
    </header>
  );
}
