/**
 * The practice page: choose what to practise (a strand, a grade or mixed review), then one problem
 * at a time. The page renders at once; the catalog and the first problem load side by side.
 */
import { useCallback, useEffect, useState } from 'react';
import type { Catalog, PracticeScope } from '../../src-main/api/contract.std.js';
import { useApi } from '../api/api-context.js';
import { errorMessage } from '../api/error-message.js';
import type { LearnerRef } from '../learners/remembered-learner.js';
import { ProblemPanel } from './ProblemPanel.js';
import { rememberedScope, rememberScope } from './remembered-scope.js';
import { ScopeChooser } from './ScopeChooser.js';
import { ScopeSelect } from './ScopeSelect.js';
import { routeHash } from '../app/route.js';
import type { OpenedProblem } from './opened-problem.js';
import { usePracticeSession } from './use-practice-session.js';

const MIXED: PracticeScope = { kind: 'mixed' };

export function PracticePage({ learner, open = null }: { learner: LearnerRef; open?: OpenedProblem | null }) {
  const api = useApi();
  const [catalog, setCatalog] = useState<Catalog | null>(null);
  const [catalogError, setCatalogError] = useState<string | null>(null);
  const [scope, setScope] = useState<PracticeScope | null>(() => rememberedScope(learner.id));
  // An opened problem needs no scope first; "Next" after it goes on with mixed review.
  const session = usePracticeSession(learner.id, scope ?? (open !== null ? MIXED : null), open);
  const { problem, busy } = session.state;

  useEffect(() => {
    let live = true;
    api.call('practice.catalog', {}).then(
      (loaded) => live && setCatalog(loaded),
      (error: unknown) => live && setCatalogError(errorMessage(error)),
    );
    return () => {
      live = false;
    };
  }, [api]);

  // Readiness for tests and tools: 'problem' once a problem is on screen (KaTeX renders synchronously).
  useEffect(() => {
    document.body.dataset.ready = busy === 'problem' ? 'loading' : problem !== null ? 'problem' : 'idle';
  }, [busy, problem]);
  useEffect(
    () => () => {
      delete document.body.dataset.ready;
    },
    [],
  );

  const chooseScope = useCallback(
    (next: PracticeScope | null) => {
      rememberScope(learner.id, next);
      setScope(next);
      // Choosing what to practise leaves the opened problem behind.
      if (open !== null) window.location.hash = routeHash('practice');
    },
    [learner.id, open],
  );

  const strandLabel = (strand: string | null): string | null =>
    strand === null ? null : (catalog?.strands.find((s) => s.strand === strand)?.label ?? strand);

  return (
    <div className="practice-page">
      <div className="page-heading">
        <h1>Practice</h1>
        {(scope !== null || open !== null) && <ScopeSelect catalog={catalog} scope={scope ?? MIXED} onChange={chooseScope} />}
      </div>
      {session.notice !== null && (
        <p className="practice-notice" role="status" data-testid="skip-notice">
          {session.notice}
        </p>
      )}
      {scope === null && open === null ? (
        <ScopeChooser catalog={catalog} error={catalogError} onChoose={chooseScope} />
      ) : (
        <ProblemPanel
          key={problem === null ? 'none' : `${problem.templateId}#${problem.seed}`}
          session={session}
          strandLabel={strandLabel(problem?.strand ?? null)}
          learnerId={learner.id}
        />
      )}
    </div>
  );
}
