/**
 * Exports the templates a filter matches to a JSONL file, in one of five shapes:
 * - `native`: our template format, one template per line (serializeTemplate);
 * - `infinitymath`: the InfinityMATH row shape (imported rows go back as they came);
 * - `chat` / `alpaca`: N verified instances per template as instruction-tuning records, the response
 *   a program-of-thought with the instance's numbers bound and the final answer;
 * - `robustness`: per template the original problem and N number variants with verified answers.
 *
 * Records are written in library order (templates are worked on a few at a time to keep the sandbox
 * busy, then written in order), progress is reported per template and a cancel stops after the
 * templates in flight, leaving a valid file of what was written. The file is written beside its
 * destination and put in place at the end (export-destination.ts): an existing file is replaced only
 * with `overwrite`, never through a symbolic link, and a failed export leaves it untouched.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { ExportFormat, ExportJobSummary, LibraryFilter } from '../api/library-contract.std.js';
import { selectTemplateIds } from '../audit/library-filter-sql.js';
import { generateInstances } from '../engine/generate.js';
import { prepareTemplate } from '../engine/prepared-template.js';
import type { SandboxPool } from '../sandbox/pool.js';
import type { ReadDb } from '../storage/db-handles.js';
import { getTemplate } from '../storage/templates.repo.js';
import { answersEqual } from '../template/answer-shape.js';
import { formatAnswer } from '../template/format-value.js';
import { serializeTemplate } from '../template/native-format.js';
import { renderText } from '../template/render.js';
import type { Template } from '../template/template.types.js';
import { openOutput, resolveDestination } from './export-destination.js';
import { infinityMathRow } from './infinitymath-row.js';
import { boundProgram, programCallOf } from './program-of-thought.js';
import { alpacaRecord, chatRecord, type RobustnessRecord } from './training-records.js';

export const EXPORT_ONLY = ['all', 'healthy', 'approved', 'approved-healthy'] as const;
export type ExportOnly = (typeof EXPORT_ONLY)[number];

export interface ExportOptions {
  filter: LibraryFilter;
  format: ExportFormat;
  /** Instances per template (chat, alpaca, robustness variants). */
  perTemplate: number;
  only: ExportOnly;
  /** Instances: skip problem texts already written. Templates: skip those an audit marked as duplicates. */
  dedupe: boolean;
  /** Absolute path of the file to write (checked by the caller for its policy: export-destination.ts). */
  out: string;
  /** Replace `out` if it exists (otherwise an existing file is an error, before any work). */
  overwrite?: boolean;
  /** First seed of the instances (seed, seed+1, …): an export is reproducible. */
  seed?: number;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

const NEEDS_SANDBOX: ReadonlySet<ExportFormat> = new Set(['chat', 'alpaca', 'robustness']);

/** The filter narrowed by `only`; undefined when the two contradict (nothing to export). */
export function narrowFilter(filter: LibraryFilter, only: ExportOnly): LibraryFilter | undefined {
  const wantStatus = only === 'healthy' || only === 'approved-healthy' ? 'healthy' : undefined;
  const wantReview = only === 'approved' || only === 'approved-healthy' ? 'approved' : undefined;
  if (wantStatus !== undefined && filter.status !== undefined && filter.status !== wantStatus) return undefined;
  if (wantReview !== undefined && filter.review !== undefined && filter.review !== wantReview) return undefined;
  return { ...filter, ...(wantStatus ? { status: wantStatus } : {}), ...(wantReview ? { review: wantReview } : {}) };
}

/** `<dataDir>/exports/<pack or "library">-<format>.jsonl` */
export function defaultExportPath(dataDir: string, filter: LibraryFilter, format: ExportFormat): string {
  const name = (filter.packId ?? 'library').replace(/[^\w.-]+/g, '_');
  return path.join(dataDir, 'exports', `${name}-${format}.jsonl`);
}

function textKey(text: string): string {
  return createHash('sha1').update(text.replace(/\s+/g, ' ').trim()).digest('base64url');
}

/** The JSONL lines of one template (before deduplication of instance texts). */
async function linesFor(pool: SandboxPool | undefined, t: Template, opts: ExportOptions): Promise<{ text: string | null; line: string }[]> {
  if (opts.format === 'native') return [{ text: null, line: serializeTemplate(t) }];
  if (opts.format === 'infinitymath') return [{ text: null, line: JSON.stringify(infinityMathRow(t)) }];
  if (pool === undefined) throw new Error(`export ${opts.format}: needs the sandbox`);
  const prepared = await prepareTemplate(pool, t);
  const first = opts.seed ?? 1;
  const seeds = Array.from({ length: opts.perTemplate }, (_, i) => first + i);
  const report = await generateInstances(pool, prepared, seeds, opts.signal ? { signal: opts.signal } : {});
  const instances = report.outcomes.flatMap((o) => (o.instance ? [o.instance] : []));
  if (opts.format === 'robustness') {
    const lines: { text: string; line: string }[] = [];
    const o = prepared.original;
    // Only templates whose program answers on the original values, and gives the original answer when
    // there is one: an evaluation set must not carry a wrong "original" answer.
    if (o.status !== 'ok' || !o.value) return [];
    if (t.original_answer !== undefined && t.original_answer !== null && !answersEqual(o.value, t.original_answer)) return [];
    const question = t.original_problem ?? renderText(t, prepared.domains, t.variables);
    const original: RobustnessRecord = { template_id: t.id, variant: 'original', question, answer: formatAnswer(o.value, prepared.format, t.answer_unit) };
    lines.push({ text: question, line: JSON.stringify(original) });
    instances.forEach((inst, k) => {
      const rec: RobustnessRecord = { template_id: t.id, variant: k + 1, question: inst.text, answer: inst.answerText };
      lines.push({ text: inst.text, line: JSON.stringify(rec) });
    });
    return lines;
  }
  if (instances.length === 0) return [];
  const call = programCallOf(await pool.compile(prepared.spec));
  return instances.map((inst) => {
    const program = boundProgram(t.program, call, inst.values);
    const record = opts.format === 'chat' ? chatRecord(inst.text, program, inst.answerText) : alpacaRecord(inst.text, program, inst.answerText);
    return { text: inst.text, line: JSON.stringify(record) };
  });
}

function duplicateIds(db: ReadDb): Set<string> {
  return new Set(db.prepare('SELECT template_id FROM audit_results WHERE duplicate_of IS NOT NULL').pluck().all() as string[]);
}

export async function runExport(db: ReadDb, pool: SandboxPool | undefined, opts: ExportOptions): Promise<ExportJobSummary> {
  if (!Number.isInteger(opts.perTemplate) || opts.perTemplate < 1) throw new RangeError(`export: perTemplate must be a whole number ≥ 1; got ${opts.perTemplate}`);
  if (NEEDS_SANDBOX.has(opts.format) && pool === undefined) throw new Error(`export ${opts.format}: needs the sandbox to draw verified instances`);
  const narrowed = narrowFilter(opts.filter, opts.only);
  let ids = narrowed === undefined ? [] : selectTemplateIds(db, narrowed, 'export');
  let skippedDuplicates = 0;
  const instanceFormat = NEEDS_SANDBOX.has(opts.format);
  if (opts.dedupe && !instanceFormat) {
    const dups = duplicateIds(db);
    const kept = ids.filter((id) => !dups.has(id));
    skippedDuplicates = ids.length - kept.length;
    ids = kept;
  }
  const total = ids.length;
  const overwrite = opts.overwrite ?? false;
  const output = openOutput(resolveDestination(opts.out, opts.out, { kind: 'anywhere' }, overwrite), overwrite);
  const out = output.stream;
  const failed = new Promise<never>((_, reject) => out.once('error', reject));
  failed.catch(() => undefined);
  const write = async (chunk: string): Promise<void> => {
    if (!out.write(chunk)) await Promise.race([new Promise<void>((resolve) => out.once('drain', () => resolve())), failed]);
  };
  const seen = new Set<string>();
  const summary: ExportJobSummary = { out: opts.out, templates: 0, records: 0, skippedDuplicates, cancelled: false };
  // Templates worked on at once: enough to keep every sandbox process fed.
  const chunkSize = pool === undefined || !instanceFormat ? 500 : Math.max(2, pool.size * 4);
  let processed = 0;
  let ok = false;
  try {
    for (let start = 0; start < ids.length; start += chunkSize) {
      if (opts.signal?.aborted) break;
      const templates = ids.slice(start, start + chunkSize).flatMap((id) => {
        const stored = getTemplate(db, id);
        return stored ? [stored.template] : [];
      });
      const settled = await Promise.allSettled(templates.map((t) => linesFor(pool, t, opts)));
      let text = '';
      for (const [i, result] of settled.entries()) {
        if (result.status === 'rejected') {
          if (opts.signal?.aborted) break;
          throw result.reason instanceof Error ? result.reason : new Error(String(result.reason));
        }
        let wrote = false;
        for (const { text: problem, line } of result.value) {
          if (opts.dedupe && problem !== null) {
            const key = textKey(problem);
            if (seen.has(key)) {
              summary.skippedDuplicates++;
              continue;
            }
            seen.add(key);
          }
          text += `${line}\n`;
          summary.records++;
          wrote = true;
        }
        if (wrote) summary.templates++;
        processed = start + i + 1;
        opts.onProgress?.(processed, total);
      }
      await write(text);
    }
    ok = true;
  } finally {
    // Complete (or cancelled: what was written is a valid file) goes in place; a failure leaves no trace.
    if (ok) await output.commit();
    else await output.abort();
  }
  summary.cancelled = opts.signal?.aborted === true && processed < total;
  return summary;
}
