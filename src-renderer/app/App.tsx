/**
 * The shell: who is practising, and which page (hash route). The practice page appears at once for a
 * remembered learner; the learner is checked against this library in the background (a different
 * database may not know them).
 */
import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { useApi } from '../api/api-context.js';
import { LearnerPicker } from '../learners/LearnerPicker.js';
import { rememberedLearner, rememberLearner, type LearnerRef } from '../learners/remembered-learner.js';
import { PracticePage } from '../practice/PracticePage.js';
import { ImportDrop } from '../library/ImportDrop.js';
import { AppHeader } from './AppHeader.js';
import { useHashRoute } from './use-hash-route.js';

// ECharts is only needed on the Progress page: keep it out of the first paint.
const ProgressPage = lazy(() => import('../progress/ProgressPage.js').then((m) => ({ default: m.ProgressPage })));

export function App() {
  const api = useApi();
  const route = useHashRoute();
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

  useEffect(() => {
    document.title = route === 'progress' ? 'Progress · InfinityMATH Studio' : 'Practice · InfinityMATH Studio';
  }, [route]);

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <AppHeader route={route} learner={learner} onSwitchLearner={() => choose(null)} />
      <main id="main" className="app-main" tabIndex={-1}>
        {learner === null ? (
          <LearnerPicker onChoose={choose} />
        ) : route === 'progress' ? (
          <Suspense fallback={<p className="loading-line">Loading progress…</p>}>
            <ProgressPage key={learner.id} learner={learner} />
          </Suspense>
        ) : (
          <PracticePage key={learner.id} learner={learner} />
        )}
      </main>
      <ImportDrop />
    </div>
  );
}
