/**
 * The shell: who is practising, and which page (hash route). The practice page appears at once for a
 * remembered learner; the learner is checked against this library in the background (a different
 * database may not know them).
 */
import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { useApi } from '../api/api-context.js';
import { LearnerPicker } from '../learners/LearnerPicker.js';
import { onLearnersChanged } from '../learners/learners-changed.js';
import { rememberedLearner, rememberLearner, type LearnerRef } from '../learners/remembered-learner.js';
import { PracticePage } from '../practice/PracticePage.js';
import { openedProblemFrom } from '../practice/opened-problem.js';
import { ImportDrop } from '../library/ImportDrop.js';
import { AppHeader } from './AppHeader.js';
import { LEARNER_ROUTES, type Route } from './route.js';
import { useHashLocation } from './use-hash-route.js';

// Only the practice page is in the first paint; every other page (ECharts, CodeMirror…) loads on first visit.
const ProgressPage = lazy(() => import('../progress/ProgressPage.js').then((m) => ({ default: m.ProgressPage })));
const WorksheetsPage = lazy(() => import('../worksheets/WorksheetsPage.js').then((m) => ({ default: m.WorksheetsPage })));
const LibraryPage = lazy(() => import('../library/LibraryPage.js').then((m) => ({ default: m.LibraryPage })));
const AuthoringPage = lazy(() => import('../authoring/AuthoringPage.js').then((m) => ({ default: m.AuthoringPage })));
const SettingsPage = lazy(() => import('../settings/SettingsPage.js').then((m) => ({ default: m.SettingsPage })));

const TITLES: Record<Route, string> = {
  practice: 'Practice',
  progress: 'Progress',
  worksheets: 'Worksheets',
  library: 'Library',
  author: 'Author',
  settings: 'Settings',
};

export function App() {
  const api = useApi();
  const location = useHashLocation();
  const route = location.route;
  const [learner, setLearner] = useState<LearnerRef | null>(rememberedLearner);

  const choose = useCallback((next: LearnerRef | null) => {
    rememberLearner(next);
    setLearner(next);
  }, []);

  const rememberedId = learner?.id;
  const rememberedName = learner?.name;
  useEffect(() => {
    if (rememberedId === undefined) return;
    let live = true;
    api.call('learners.list', {}).then(
      (learners) => {
        const known = learners.some((l) => l.id === rememberedId && l.name === rememberedName);
        if (live && !known) choose(null);
      },
      () => undefined, // offline or failing server: keep the learner; the page shows the real error
    );
    return () => {
      live = false;
    };
  }, [api, choose, rememberedId, rememberedName]);

  // Renamed in Settings: keep practising under the new name; deleted: nobody is practising.
  useEffect(
    () =>
      onLearnersChanged((change) => {
        if (change.kind === 'renamed' && change.id === rememberedId) choose({ id: change.id, name: change.name });
        if (change.kind === 'deleted' && change.id === rememberedId) choose(null);
      }),
    [choose, rememberedId],
  );

  // The library was restored from a backup (in this window or another): everything on screen is stale.
  useEffect(
    () =>
      api.onEvent((event) => {
        if (event.type === 'library.restored') window.location.reload();
      }),
    [api],
  );

  useEffect(() => {
    document.title = `${TITLES[route]} · InfinityMATH Studio`;
  }, [route]);

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <AppHeader route={route} learner={learner} onSwitchLearner={() => choose(null)} />
      <main id="main" className="app-main" tabIndex={-1}>
        {LEARNER_ROUTES.includes(route) && learner === null ? (
          <LearnerPicker onChoose={choose} />
        ) : (
          <Suspense fallback={<p className="loading-line">Loading {TITLES[route].toLowerCase()}…</p>}>
            {route === 'progress' && learner !== null ? (
              <ProgressPage key={learner.id} learner={learner} />
            ) : route === 'worksheets' ? (
              <WorksheetsPage location={location} />
            ) : route === 'library' ? (
              <LibraryPage location={location} />
            ) : route === 'author' ? (
              <AuthoringPage location={location} />
            ) : route === 'settings' ? (
              <SettingsPage location={location} />
            ) : learner !== null ? (
              <PracticePage key={learner.id} learner={learner} open={openedProblemFrom(location.query)} />
            ) : null}
          </Suspense>
        )}
      </main>
      <ImportDrop />
    </div>
  );
}
