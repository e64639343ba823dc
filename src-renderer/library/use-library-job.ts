/**
 * One background job (audit or export) as the page sees it: started by a call that answers
 * `{ jobId }` at once, followed through `library.<kind>.progress/done` and `library.job.failed`
 * events, cancelled with `library.jobCancel`.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiEvent } from '../../src-main/api/contract.std.js';
import type { AuditJobSummary, ExportJobSummary, JobStarted } from '../../src-main/api/library-contract.std.js';
import { useApi } from '../api/api-context.js';
import { errorMessage } from '../api/error-message.js';

type Summary<K extends 'audit' | 'export'> = K extends 'audit' ? AuditJobSummary : ExportJobSummary;

export type JobState<K extends 'audit' | 'export'> =
  | { phase: 'idle' }
  | { phase: 'starting' }
  | { phase: 'running'; jobId: string; done: number; total: number; cancelling: boolean }
  | { phase: 'done'; summary: Summary<K> }
  | { phase: 'failed'; message: string };

export interface Job<K extends 'audit' | 'export'> {
  state: JobState<K>;
  start: (call: () => Promise<JobStarted>) => void;
  cancel: () => void;
  dismiss: () => void;
}

export function useLibraryJob<K extends 'audit' | 'export'>(kind: K, onDone?: (summary: Summary<K>) => void): Job<K> {
  const api = useApi();
  const [state, setState] = useState<JobState<K>>({ phase: 'idle' });
  const jobId = useRef<string | null>(null);
  const doneRef = useRef(onDone);
  doneRef.current = onDone;

  /** Final events of jobs not (yet) known: a small job may finish before its start call answers. */
  const early = useRef(new Map<string, ApiEvent>());

  const handle = useCallback(
    (event: ApiEvent) => {
      if (!('jobId' in event)) return;
      if (event.jobId !== jobId.current) {
        if (jobId.current === null && (event.type === `library.${kind}.done` || event.type === 'library.job.failed')) {
          early.current.set(event.jobId, event);
          if (early.current.size > 20) early.current.delete(early.current.keys().next().value ?? '');
        }
        return;
      }
      if (event.type === `library.${kind}.progress` && 'done' in event) {
        const { done, total } = event;
        setState((s) => (s.phase === 'running' ? { ...s, done, total } : s));
      } else if (event.type === `library.${kind}.done` && 'summary' in event) {
        jobId.current = null;
        const summary = event.summary as Summary<K>;
        setState({ phase: 'done', summary });
        doneRef.current?.(summary);
      } else if (event.type === 'library.job.failed') {
        jobId.current = null;
        setState({ phase: 'failed', message: event.message });
      }
    },
    [kind],
  );

  useEffect(() => api.onEvent(handle), [api, handle]);

  const start = useCallback((call: () => Promise<JobStarted>) => {
    setState({ phase: 'starting' });
    call().then(
      (started) => {
        jobId.current = started.jobId;
        setState({ phase: 'running', jobId: started.jobId, done: 0, total: started.total, cancelling: false });
        const finished = early.current.get(started.jobId);
        early.current.clear();
        if (finished !== undefined) handle(finished);
      },
      (failure: unknown) => setState({ phase: 'failed', message: errorMessage(failure) }),
    );
  }, [api, handle]);

  const cancel = useCallback(() => {
    const id = jobId.current;
    if (id === null) return;
    setState((s) => (s.phase === 'running' ? { ...s, cancelling: true } : s));
    api.call('library.jobCancel', { jobId: id }).catch((failure: unknown) => setState({ phase: 'failed', message: errorMessage(failure) }));
  }, [api]);

  const dismiss = useCallback(() => setState({ phase: 'idle' }), []);

  return { state, start, cancel, dismiss };
}
