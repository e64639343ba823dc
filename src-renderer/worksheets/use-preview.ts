/**
 * The builder's live preview: the spec is sent to `worksheets.preview` a moment after the teacher stops
 * editing (debounced), only the newest answer is kept, and switching the version tab asks at once (the engine
 * keeps the generated sheet, so that is quick).
 */
import { useEffect, useRef, useState } from 'react';
import type { WorksheetPreview } from '../../src-main/api/worksheet-contract.std.js';
import type { WorksheetSpec } from '../../src-main/worksheet/worksheet-spec.std.js';
import { useApi } from '../api/api-context.js';
import { errorMessage } from '../api/error-message.js';

export const PREVIEW_DEBOUNCE_MS = 400;

/** JSON with object keys sorted: two equal specs give the same text whatever order their keys were set in. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

export interface PreviewState {
  preview: WorksheetPreview | null;
  loading: boolean;
  error: string | null;
  /** The preview shows exactly the current spec (locking needs its seeds). */
  current: boolean;
}

export function useWorksheetPreview(spec: WorksheetSpec, version: number): PreviewState {
  const api = useApi();
  const [preview, setPreview] = useState<WorksheetPreview | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ticket = useRef(0);
  const lastSpec = useRef<string>('');
  const key = canonicalJson(spec);
  const shownVersion = Math.min(version, spec.versions - 1);

  useEffect(() => {
    if (spec.items.length === 0) {
      ticket.current++;
      setPreview(null);
      setLoading(false);
      setError(null);
      lastSpec.current = key;
      return;
    }
    const mine = ++ticket.current;
    const specChanged = lastSpec.current !== key;
    lastSpec.current = key;
    setLoading(true);
    const timer = setTimeout(
      () => {
        api.call('worksheets.preview', { spec, version: shownVersion }).then(
          (next) => {
            if (ticket.current !== mine) return;
            setPreview(next);
            setError(null);
            setLoading(false);
          },
          (failure: unknown) => {
            if (ticket.current !== mine) return;
            setError(errorMessage(failure));
            setLoading(false);
          },
        );
      },
      specChanged ? PREVIEW_DEBOUNCE_MS : 0,
    );
    return () => clearTimeout(timer);
    // `key` stands for `spec` (same content, same key): a re-render with an equal spec does not ask again.
  }, [api, key, shownVersion]);

  const current = preview !== null && !loading && error === null && canonicalJson(preview.spec) === key;
  return { preview, loading, error, current };
}
