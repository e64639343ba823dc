/**
 * Walk the current view one template at a time: the position and total ("12 of 340 in this view"),
 * next/previous by offset into the same `library.query` the table uses.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useApi } from '../api/api-context.js';
import { errorMessage } from '../api/error-message.js';
import { routeHash } from '../app/route.js';
import { queryFromView, type LibraryView } from './library-url.js';
import { nextInQueue } from './review-queue.js';

export interface ReviewQueue {
  total: number | null;
  /** This template's place in the view, when known and still true. */
  position: number | null;
  next: () => void;
  prev: () => void;
  /** "End of this view" and the like. */
  message: string | null;
}

export function detailHref(id: string, view: LibraryView, position: number | null): string {
  return routeHash('library', ['t', id], { ...queryFromView(view), at: position === null ? undefined : String(position) });
}

export function useReviewQueue(id: string, view: LibraryView, position: number | null): ReviewQueue {
  const api = useApi();
  const [total, setTotal] = useState<number | null>(null);
  const [confirmed, setConfirmed] = useState<number | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  // The view object is stable per distinct view (LibraryPage memoizes it).
  const sort = useMemo(() => (view.sort === null ? {} : { sort: view.sort }), [view.sort]);

  useEffect(() => {
    let live = true;
    api
      .call('library.query', { filter: view.filter, ...sort, offset: position ?? 0, limit: 1 })
      .then(
        (page) => {
          if (!live) return;
          setTotal(page.total);
          setConfirmed(position !== null && page.rows[0]?.id === id ? position : null);
        },
        (failure: unknown) => live && setMessage(`Could not read this view: ${errorMessage(failure)}`),
      );
    return () => {
      live = false;
    };
  }, [api, id, position, view.filter, sort]);

  const next = useCallback(() => {
    const from = position ?? 0;
    api.call('library.query', { filter: view.filter, ...sort, offset: from, limit: 2 }).then(
      (page) => {
        // Without a known position, "next" starts the view from the top (unless that is this one).
        const target = position === null && page.rows[0]?.id !== id ? (page.rows[0] === undefined ? null : { id: page.rows[0].id, position: 0 }) : nextInQueue(id, from, page.rows);
        if (target === null) setMessage('This is the last template in this view.');
        else {
          setMessage(null);
          window.location.hash = detailHref(target.id, view, target.position);
        }
      },
      (failure: unknown) => setMessage(errorMessage(failure)),
    );
  }, [api, id, position, view, sort]);

  const prev = useCallback(() => {
    if (position === null || position === 0) {
      setMessage('This is the first template in this view.');
      return;
    }
    api.call('library.query', { filter: view.filter, ...sort, offset: position - 1, limit: 1 }).then(
      (page) => {
        const row = page.rows[0];
        if (row === undefined) setMessage('This is the first template in this view.');
        else {
          setMessage(null);
          window.location.hash = detailHref(row.id, view, position - 1);
        }
      },
      (failure: unknown) => setMessage(errorMessage(failure)),
    );
  }, [api, position, view, sort]);

  return { total, position: confirmed, next, prev, message };
}
