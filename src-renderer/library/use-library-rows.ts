/**
 * The rows of one Library view, fetched a page at a time as the table scrolls (`library.query`),
 * cached per view. `reload` (after a review, an undo, an audit) refetches the visible pages while the
 * old rows stay on screen until the new ones arrive, so the table never blinks.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { LibraryRow } from '../../src-main/api/library-contract.std.js';
import { useApi } from '../api/api-context.js';
import { errorMessage } from '../api/error-message.js';
import type { LibraryView } from './library-url.js';
import { PageCache, PAGE_SIZE } from './page-cache.js';

export interface LibraryRows {
  /** Rows in the view; null until the first page answers. */
  total: number | null;
  rowAt: (index: number) => LibraryRow | undefined;
  /** The table shows rows `first..last`: fetch whatever of that is missing. */
  ensure: (first: number, last: number) => void;
  reload: () => void;
  error: string | null;
  /** Changes whenever rows arrive (a dependency for memoized rendering). */
  version: number;
}

export function useLibraryRows(view: LibraryView): LibraryRows {
  const api = useApi();
  const viewKey = JSON.stringify(view);
  const cache = useRef<PageCache<LibraryRow>>(new PageCache());
  const stale = useRef<PageCache<LibraryRow> | null>(null);
  const range = useRef<[number, number]>([0, PAGE_SIZE - 1]);
  const [version, setVersion] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const generation = useRef(0);

  const fetchPages = useCallback(
    (target: PageCache<LibraryRow>, first: number, last: number) => {
      const parsed = JSON.parse(viewKey) as LibraryView;
      const mine = generation.current;
      const run = (from: number, to: number): void => {
        for (const page of target.claim(from, to)) {
          api
            .call('library.query', {
              filter: parsed.filter,
              ...(parsed.sort === null ? {} : { sort: parsed.sort }),
              offset: page * target.pageSize,
              limit: target.pageSize,
            })
            .then(
              (result) => {
                if (generation.current !== mine) return; // an answer for a view no longer shown
                target.store(page, result.rows, result.total);
                setError(null);
                setVersion((v) => v + 1);
                // The first page brings the total: now the rest of the visible range can be asked for.
                run(range.current[0], range.current[1]);
              },
              (failure: unknown) => {
                if (generation.current !== mine) return;
                target.release(page);
                setError(errorMessage(failure));
                setVersion((v) => v + 1);
              },
            );
        }
      };
      run(first, last);
    },
    [api, viewKey],
  );

  // A new view: a new cache at once, in this very render, so no row or total of the previous view is
  // ever shown as this one's; nothing stale either (different rows).
  const cacheView = useRef(viewKey);
  if (cacheView.current !== viewKey) {
    cacheView.current = viewKey;
    generation.current++;
    cache.current = new PageCache();
    stale.current = null;
  }
  useEffect(() => {
    setError(null);
    fetchPages(cache.current, range.current[0], range.current[1]);
  }, [fetchPages]);

  const ensure = useCallback(
    (first: number, last: number) => {
      range.current = [first, last];
      fetchPages(cache.current, first, last);
    },
    [fetchPages],
  );

  const reload = useCallback(() => {
    generation.current++;
    const old = cache.current;
    const fresh = new PageCache<LibraryRow>();
    // Keep the known total so the visible pages are asked for at once, not page 0 first.
    fresh.total = old.total;
    stale.current = old;
    cache.current = fresh;
    fetchPages(fresh, range.current[0], range.current[1]);
  }, [fetchPages]);

  const rowAt = useCallback((index: number) => cache.current.row(index) ?? stale.current?.row(index), []);

  return { total: cache.current.total ?? stale.current?.total ?? null, rowAt, ensure, reload, error, version };
}
