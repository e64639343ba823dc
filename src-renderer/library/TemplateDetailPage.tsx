/**
 * `#/library/t/<id>?<filter>&at=<n>`: one template in full, its gallery, and the review queue over the
 * view it was opened from (j/k next/previous, a approve, f flag, e edit, Esc back to the table).
 */
import { useCallback, useEffect, useState } from 'react';
import type { ReviewResult, TemplateDetail } from '../../src-main/api/library-contract.std.js';
import { useApi } from '../api/api-context.js';
import { errorMessage } from '../api/error-message.js';
import { routeHash } from '../app/route.js';
import { isTypingTarget } from '../app/typing-target.js';
import { ReviewChip, StatusChip } from './Chips.js';
import { AnswerCompare, FlagsNotesCard, HealthCard, HistoryCard, ProblemCard, VariablesCard } from './DetailCards.js';
import { EditPanel } from './EditPanel.js';
import { GalleryPanel } from './GalleryPanel.js';
import { describeFilter, queryFromView, type LibraryView } from './library-url.js';
import { PythonEditor } from '../shared/PythonEditor.js';
import { ReviewActions } from './ReviewActions.js';
import { queueKey, queueText } from './review-queue.js';
import { gradeText } from './text-pieces.js';
import { UndoToast, type ToastMessage } from './UndoToast.js';
import { useLibraryChanged } from './use-library-changed.js';
import { useReviewQueue } from './use-review-queue.js';

interface Props {
  id: string;
  view: LibraryView;
  position: number | null;
}

export function TemplateDetailPage({ id, view, position }: Props) {
  const api = useApi();
  const [detail, setDetail] = useState<TemplateDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const [flagOpen, setFlagOpen] = useState(false);
  const [toast, setToast] = useState<ToastMessage | null>(null);
  const [galleryVersion, setGalleryVersion] = useState(0);
  const [auditing, setAuditing] = useState(false);
  const queue = useReviewQueue(id, view, position);
  const backHref = routeHash('library', [], queryFromView(view));

  const load = useCallback(() => {
    api.call('library.template', { id }).then(
      (loaded) => {
        setDetail(loaded);
        setError(null);
      },
      (failure: unknown) => setError(errorMessage(failure)),
    );
  }, [api, id]);
  useEffect(load, [load]);
  useLibraryChanged(
    useCallback(
      (ids: string[] | null) => {
        if (ids === null || ids.includes(id)) load();
      },
      [id, load],
    ),
  );

  const approve = useCallback(() => {
    api.call('library.review', { selection: { ids: [id] }, action: 'approve' }).then(
      (result) => {
        setToast({ text: 'Approved.', undoToken: result.undoToken });
        load();
      },
      (failure: unknown) => setToast({ text: `Could not approve: ${errorMessage(failure)}`, error: true }),
    );
  }, [api, id, load]);

  const { next, prev } = queue;
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (isTypingTarget(e.target) || e.defaultPrevented) return;
      const action = queueKey(e);
      if (action === null) return;
      // While editing, no single key may throw the draft away or leave: Save or Cancel do that.
      if (editing) return;
      e.preventDefault();
      if (action === 'next') next();
      else if (action === 'prev') prev();
      else if (action === 'approve') approve();
      else if (action === 'flag') setFlagOpen(true);
      else if (action === 'edit') setEditing(true);
      else if (flagOpen) setFlagOpen(false);
      else window.location.hash = backHref;
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [next, prev, approve, editing, flagOpen, backHref]);

  useEffect(() => {
    document.body.dataset.ready = detail === null ? 'loading' : 'template';
    return () => {
      delete document.body.dataset.ready;
    };
  }, [detail]);

  const onReviewed = (result: ReviewResult, what: string): void => {
    setToast({ text: `${what}.`, undoToken: result.undoToken });
    load();
  };

  return (
    <div className="library-page template-page" data-testid="template-page" data-id={id}>
      <nav className="queue-bar" aria-label="Review queue">
        <a href={backHref} className="button button-quiet" data-testid="back-to-table">
          ← Library <kbd>Esc</kbd>
        </a>
        <span className="queue-position" data-testid="queue-position">
          {queueText(queue.position, queue.total)}
        </span>
        <span className="queue-filter">{describeFilter(view.filter)}</span>
        <span className="queue-buttons">
          <button type="button" className="button button-small" onClick={prev} data-testid="queue-prev">
            ↑ Previous <kbd>k</kbd>
          </button>
          <button type="button" className="button button-small" onClick={next} data-testid="queue-next">
            Next ↓ <kbd>j</kbd>
          </button>
        </span>
      </nav>
      {queue.message !== null && (
        <p className="queue-message" role="status">
          {queue.message}
        </p>
      )}
      {error !== null && (
        <p className="error-text" role="alert">
          Could not load {id}: {error}
        </p>
      )}
      {detail === null && error === null && <p className="loading-line">Loading {id}…</p>}
      {detail !== null && (
        <>
          <header className="template-head">
            <h1 className="template-id">{detail.id}</h1>
            <StatusChip status={detail.status} />
            {detail.review !== 'none' && <ReviewChip review={detail.review} />}
            <span className="template-meta">
              {detail.packName}
              {detail.template.source !== undefined ? ` · ${detail.template.source}` : ''}
              {detail.template.topic !== undefined ? ` · ${detail.template.topic}` : ''}
              {detail.template.grade !== undefined ? ` · grade ${gradeText(detail.template.grade)}` : ''}
            </span>
          </header>
          <div className="detail-grid">
            <div className="detail-main">
              <ProblemCard detail={detail} />
              {editing ? (
                <EditPanel
                  detail={detail}
                  onCancel={() => setEditing(false)}
                  onSaved={(saved) => {
                    setDetail(saved);
                    setEditing(false);
                    setGalleryVersion((v) => v + 1);
                    setToast({ text: `Saved; audit: ${saved.audit?.status ?? 'not run'}.` });
                  }}
                />
              ) : (
                <section className="detail-card" aria-labelledby="program-title">
                  <div className="card-heading">
                    <h2 id="program-title">Program</h2>
                    <span className="card-sub">Python · read-only (Edit to change)</span>
                  </div>
                  <PythonEditor value={detail.template.program} label="Program (Python, read-only)" editable={false} testId="program" />
                  <AnswerCompare detail={detail} />
                </section>
              )}
              <VariablesCard detail={detail} />
            </div>
            <div className="detail-side">
              <ReviewActions
                detail={detail}
                flagOpen={flagOpen}
                setFlagOpen={setFlagOpen}
                onReviewed={onReviewed}
                onNoted={load}
                onError={(message) => setToast({ text: message, error: true })}
                onEdit={() => setEditing(true)}
                editing={editing}
              />
              <HealthCard
                audit={detail.audit}
                busy={auditing}
                onReaudit={() => {
                  setAuditing(true);
                  api
                    .call('library.auditOne', { id })
                    .then(
                      () => load(),
                      (failure: unknown) => setToast({ text: `Audit failed: ${errorMessage(failure)}`, error: true }),
                    )
                    .finally(() => setAuditing(false));
                }}
              />
              <FlagsNotesCard detail={detail} />
              <HistoryCard detail={detail} />
            </div>
          </div>
          <GalleryPanel id={id} refresh={galleryVersion} />
        </>
      )}
      <UndoToast
        toast={toast}
        onClose={() => setToast(null)}
        onUndone={(outcome) => {
          setToast('error' in outcome ? { text: `Undo failed: ${outcome.error}`, error: true } : { text: 'Undone.' });
          load();
        }}
      />
    </div>
  );
}
