/**
 * Refresh a view when the engine says templates changed (`library.changed`: a review, an edit, an
 * audit). An audit sends many; they are gathered into one refresh per quiet moment.
 */
import { useEffect, useRef } from 'react';
import { useApi } from '../api/api-context.js';

const GATHER_MS = 400;

/** `onChange(ids)`: the changed ids, or null for "anything may have changed". */
export function useLibraryChanged(onChange: (ids: string[] | null) => void): void {
  const api = useApi();
  const latest = useRef(onChange);
  latest.current = onChange;

  useEffect(() => {
    let timer: number | undefined;
    let pending: Set<string> | null = new Set();
    const unsubscribe = api.onEvent((event) => {
      if (event.type !== 'library.changed') return;
      if (event.ids === null) pending = null;
      else if (pending !== null) for (const id of event.ids) pending.add(id);
      if (timer !== undefined) return;
      timer = window.setTimeout(() => {
        timer = undefined;
        const ids = pending === null ? null : [...pending];
        pending = new Set();
        latest.current(ids);
      }, GATHER_MS);
    });
    return () => {
      unsubscribe();
      if (timer !== undefined) window.clearTimeout(timer);
    };
  }, [api]);
}
