/**
 * Long work over the library as background jobs: audit and export answer at once with a job id and
 * report through events (`library.audit.*`, `library.export.*`, `library.job.failed`); the dataset
 * report is a quick aggregate and answers directly.
 *
 * One job of each kind runs at a time: a second audit (or export) while one runs is refused as
 * `unavailable` with the running job's id, rather than queued — two audits over overlapping filters
 * would only race for the sandbox and write the same rows. Progress events are throttled to ~10/s.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ApiError, type ApiEvent, type ApiHandlers } from '../api/contract.std.js';
import type { LibraryFilter } from '../api/library-contract.std.js';
import { auditLibrary } from '../audit/audit-runner.js';
import { libraryFilterSql } from '../audit/library-filter-sql.js';
import { DestinationError, resolveDestination, type DestinationPolicy } from '../export/export-destination.js';
import { defaultExportPath, narrowFilter, runExport } from '../export/export-runner.js';
import { computeReport } from '../report/dataset-report.js';
import { renderReportHtml } from '../report/report-html.js';
import type { HandlerDeps } from './handler-deps.js';

export type LibraryJobMethod = 'library.auditStart' | 'library.jobCancel' | 'library.report' | 'library.reportHtml' | 'library.exportStart' | 'library.exportTarget';

type JobKind = 'audit' | 'export';

interface Job {
  id: string;
  kind: JobKind;
  controller: AbortController;
}

/** Progress events at most this often (the last one, done = total, always goes out). */
const PROGRESS_EVERY_MS = 100;
const REMEMBERED_FINISHED = 200;

function countMatching(deps: HandlerDeps, filter: LibraryFilter, caller: string): number {
  const sql = libraryFilterSql(filter, caller);
  return deps.db.prepare(`SELECT count(*) ${sql.fromWhere}`).pluck().get(...sql.params) as number;
}

function badFilter(caller: string, err: unknown): ApiError {
  return new ApiError('bad-request', `${caller}: ${err instanceof Error ? err.message : String(err)}`);
}

/**
 * Where exports may go: in the desktop app anywhere (the relay lets through only paths the user picked in
 * the save dialog); in browser mode only the exports folder (no dialog, and a page must not write ~/.bashrc).
 */
function destinationPolicy(deps: HandlerDeps): DestinationPolicy {
  return deps.mode === 'electron' ? { kind: 'anywhere' } : { kind: 'exports-folder', folder: path.join(deps.dataDir, 'exports') };
}

function destinationError(caller: string, err: unknown): ApiError {
  return new ApiError('bad-request', `${caller}: ${err instanceof Error ? err.message : String(err)}`);
}

function throttled(emit: (done: number, total: number) => void): (done: number, total: number) => void {
  let last = -Infinity;
  return (done, total) => {
    const now = performance.now();
    if (done < total && now - last < PROGRESS_EVERY_MS) return;
    last = now;
    emit(done, total);
  };
}

export function createLibraryJobHandlers(deps: HandlerDeps): Pick<ApiHandlers, LibraryJobMethod> {
  const running = new Map<JobKind, Job>();
  const finished: string[] = [];

  /** `work` resolves with its final event, which goes out once the job no longer counts as running. */
  const start = (kind: JobKind, work: (job: Job) => Promise<ApiEvent>): Job => {
    if (deps.signal.aborted) throw new ApiError('unavailable', `the app is closing: no new ${kind} can start`);
    const other = running.get(kind);
    if (other !== undefined) {
      throw new ApiError('unavailable', `an ${kind} is already running (job ${other.id}); cancel it with library.jobCancel or wait until it is done`);
    }
    const job: Job = { id: `${kind}-${randomUUID()}`, kind, controller: new AbortController() };
    running.set(kind, job);
    const stopOnClose = (): void => job.controller.abort();
    deps.signal.addEventListener('abort', stopOnClose, { once: true });
    void work(job)
      .catch((err: unknown): ApiEvent => ({ type: 'library.job.failed', jobId: job.id, message: err instanceof Error ? err.message : String(err) }))
      .then((final) => {
        deps.signal.removeEventListener('abort', stopOnClose);
        running.delete(kind);
        finished.push(job.id);
        if (finished.length > REMEMBERED_FINISHED) finished.shift();
        deps.emit(final);
      })
      // A listener that throws must not become an unhandled rejection of a job nobody awaits.
      .catch(() => undefined);
    return job;
  };

  const startJob = (kind: JobKind, total: number, work: (job: Job) => Promise<ApiEvent>): Promise<{ jobId: string; total: number }> => {
    try {
      return Promise.resolve({ jobId: start(kind, work).id, total });
    } catch (err) {
      return Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
  };

  return {
    'library.auditStart': ({ filter, samples }) => {
      let total: number;
      try {
        total = countMatching(deps, filter, 'library.auditStart');
      } catch (err) {
        return Promise.reject(badFilter('library.auditStart', err));
      }
      return startJob('audit', total, async (j) => {
        const pool = await deps.pool();
        const progress = throttled((done, all) => deps.emit({ type: 'library.audit.progress', jobId: j.id, done, total: all }));
        const summary = await auditLibrary(deps.db, pool, filter, {
          samples,
          signal: j.controller.signal,
          onProgress: progress,
          now: deps.now,
        });
        deps.emit({ type: 'library.changed', ids: null });
        return {
          type: 'library.audit.done',
          jobId: j.id,
          summary: { audited: summary.audited, total: summary.total, byStatus: summary.byStatus, cancelled: summary.cancelled },
        };
      });
    },

    'library.jobCancel': ({ jobId }) => {
      for (const job of running.values()) {
        if (job.id === jobId) {
          job.controller.abort();
          return Promise.resolve({ cancelled: true });
        }
      }
      if (finished.includes(jobId)) return Promise.resolve({ cancelled: false });
      return Promise.reject(new ApiError('not-found', `library.jobCancel: no job "${jobId}" (it may belong to an earlier session)`));
    },

    'library.report': ({ filter }) => {
      try {
        return Promise.resolve(computeReport(deps.db, filter));
      } catch (err) {
        return Promise.reject(badFilter('library.report', err));
      }
    },

    'library.reportHtml': ({ filter }) => {
      try {
        const report = computeReport(deps.db, filter);
        return Promise.resolve({ html: renderReportHtml(report, { filter, generatedAt: deps.now() }) });
      } catch (err) {
        return Promise.reject(badFilter('library.reportHtml', err));
      }
    },

    'library.exportTarget': ({ filter, format, out }) => {
      const folder = path.join(deps.dataDir, 'exports');
      try {
        const file = resolveDestination(out, defaultExportPath(deps.dataDir, filter, format), destinationPolicy(deps), true);
        return Promise.resolve({ path: file, exists: fs.existsSync(file), folder });
      } catch (err) {
        return Promise.reject(destinationError('library.exportTarget', err));
      }
    },

    'library.exportStart': ({ filter, format, perTemplate, only, dedupe, out, overwrite }) => {
      let file: string;
      try {
        file = resolveDestination(out, defaultExportPath(deps.dataDir, filter, format), destinationPolicy(deps), overwrite);
      } catch (err) {
        if (err instanceof DestinationError || err instanceof Error) return Promise.reject(destinationError('library.exportStart', err));
        throw err;
      }
      let total: number;
      try {
        const narrowed = narrowFilter(filter, only);
        total = narrowed === undefined ? 0 : countMatching(deps, narrowed, 'library.exportStart');
      } catch (err) {
        return Promise.reject(badFilter('library.exportStart', err));
      }
      return startJob('export', total, async (j) => {
        const pool = format === 'native' || format === 'infinitymath' ? undefined : await deps.pool();
        const progress = throttled((done, all) => deps.emit({ type: 'library.export.progress', jobId: j.id, done, total: all }));
        const summary = await runExport(deps.db, pool, { filter, format, perTemplate, only, dedupe, out: file, overwrite, signal: j.controller.signal, onProgress: progress });
        return { type: 'library.export.done', jobId: j.id, summary };
      });
    },
  };
}
