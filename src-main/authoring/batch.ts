/**
 * Batch authoring for curators: every problem of a JSONL file (GSM8K shape: `question`, `answer` ending
 * in `#### n`) through detection, masking and the model pipeline, with `concurrency` items in flight.
 *
 * Resumable. The key of an item is its line number in the input (1-based): a line already in the report
 * file is skipped, and so is a line whose template (`<pack>.line-<n>`) is already in the pack (it was
 * saved but the run stopped before its report line was written). Each finished item appends its report
 * line at once, so an interrupted run loses at most the items in flight.
 */
import fs from 'node:fs';
import type { SandboxPool } from '../sandbox/pool.js';
import type { WriteDb } from '../storage/db-handles.js';
import { getTemplate } from '../storage/templates.repo.js';
import type { ChatModel } from './chat-model.js';
import { detectNumbers } from './detect-numbers.js';
import { finalAnswer } from './gsm-answer.js';
import { kindsOf, maskProblem } from './mask.std.js';
import { authorWithModel } from './pipeline.js';
import { ensureUserPack, saveAuthored } from './save-authored.js';

export interface BatchOptions {
  questionField?: string;
  answerField?: string;
  concurrency?: number;
  fixRounds?: number;
  /** Only the first `limit` lines of the input. */
  limit?: number;
  /** Audit draws per template (default 20). */
  samples?: number;
  pack: { id: string; name: string };
  signal?: AbortSignal;
  onItem?: (line: ReportLine, progress: BatchSummary) => void;
}

export type ItemStatus = 'templated' | `fixed_in_round_${number}` | 'failed';

export interface ReportLine {
  line: number;
  status: ItemStatus;
  why: string | null;
  templateId: string | null;
  rounds: number;
  audit: string | null;
}

export interface BatchSummary {
  /** Lines considered (after --limit). */
  total: number;
  /** Skipped because an earlier run did them. */
  resumed: number;
  done: number;
  templated: number;
  fixed: Record<string, number>;
  failed: number;
  /** Failures by their first words ("error", "wrong answer", "unreadable reply", "no numbers", …). */
  failedBy: Record<string, number>;
}

interface Item {
  line: number;
  question: string;
  answer: string | null;
}

function readItems(file: string, opts: BatchOptions): { items: Item[]; bad: ReportLine[] } {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new Error(`cannot read ${file}: ${(err as Error).message}`, { cause: err });
  }
  const qf = opts.questionField ?? 'question';
  const af = opts.answerField ?? 'answer';
  const lines = text.split('\n');
  const limit = opts.limit ?? lines.length;
  const items: Item[] = [];
  const bad: ReportLine[] = [];
  for (let i = 0; i < Math.min(limit, lines.length); i++) {
    const raw = lines[i]?.trim() ?? '';
    if (raw === '') continue;
    const line = i + 1;
    const fail = (why: string): void => {
      bad.push({ line, status: 'failed', why, templateId: null, rounds: 0, audit: null });
    };
    let row: unknown;
    try {
      row = JSON.parse(raw);
    } catch {
      fail('not a JSON line');
      continue;
    }
    if (typeof row !== 'object' || row === null || Array.isArray(row)) {
      fail('not a JSON object');
      continue;
    }
    const rec = row as Record<string, unknown>;
    const q = rec[qf];
    if (typeof q !== 'string' || q.trim() === '') {
      fail(`no "${qf}" text`);
      continue;
    }
    items.push({ line, question: q, answer: finalAnswer(rec[af]) });
  }
  return { items, bad };
}

function readDone(report: string): Set<number> {
  const done = new Set<number>();
  if (!fs.existsSync(report)) return done;
  for (const l of fs.readFileSync(report, 'utf8').split('\n')) {
    if (l.trim() === '') continue;
    try {
      const r = JSON.parse(l) as { line?: unknown };
      if (typeof r.line === 'number') done.add(r.line);
    } catch {
      // A line cut short by a crash: that item is done again.
    }
  }
  return done;
}

export function batchTemplateId(packId: string, line: number): string {
  return `${packId}.line-${line}`;
}

function failureKind(why: string): string {
  return /^(after \d+ rounds, )?([a-z ]+?)(?::|$)/.exec(why)?.[2] ?? 'other';
}

export async function runBatch(db: WriteDb, pool: SandboxPool, model: ChatModel, input: string, reportPath: string, opts: BatchOptions): Promise<BatchSummary> {
  // A wrong --pack fails here, not once per item.
  ensureUserPack(db, opts.pack);
  const { items, bad } = readItems(input, opts);
  const done = readDone(reportPath);
  const summary: BatchSummary = { total: items.length + bad.length, resumed: 0, done: 0, templated: 0, fixed: {}, failed: 0, failedBy: {} };
  const write = (r: ReportLine): void => {
    // One key order for every line, whatever path built it.
    const line: ReportLine = { line: r.line, status: r.status, why: r.why, templateId: r.templateId, rounds: r.rounds, audit: r.audit };
    fs.appendFileSync(reportPath, `${JSON.stringify(line)}\n`);
    summary.done++;
    if (r.status === 'templated') summary.templated++;
    else if (r.status === 'failed') {
      summary.failed++;
      const k = failureKind(r.why ?? '');
      summary.failedBy[k] = (summary.failedBy[k] ?? 0) + 1;
    } else summary.fixed[r.status] = (summary.fixed[r.status] ?? 0) + 1;
    opts.onItem?.(r, summary);
  };
  for (const b of bad) {
    if (done.has(b.line)) summary.resumed++;
    else write(b);
  }
  const todo = items.filter((it) => {
    const skip = done.has(it.line) || getTemplate(db, batchTemplateId(opts.pack.id, it.line)) !== undefined;
    if (skip) summary.resumed++;
    return !skip;
  });

  const one = async (it: Item): Promise<ReportLine> => {
    const base = { line: it.line, templateId: null, rounds: 0, audit: null };
    const spans = detectNumbers(it.question).filter((s) => s.masked);
    if (spans.length === 0) return { ...base, status: 'failed', why: 'no numbers to mask in the question' };
    const masked = maskProblem(it.question, spans);
    if (masked.errors.length > 0) return { ...base, status: 'failed', why: `masking: ${masked.errors[0] ?? ''}` };
    const kinds = kindsOf(spans);
    const id = batchTemplateId(opts.pack.id, it.line);
    const r = await authorWithModel(
      model,
      pool,
      { problem: it.question, generic: masked.generic, variables: masked.variables, kinds, answer: it.answer, id, source: `authored:${input}#${it.line}` },
      { fixRounds: opts.fixRounds ?? 2, samples: opts.samples ?? 20, instances: 0, ...(opts.signal ? { signal: opts.signal } : {}) },
    );
    const rounds = r.rounds.length;
    if (r.status === 'failed' || r.check === null) return { ...base, rounds, status: 'failed', why: r.why ?? 'failed' };
    const audit = r.check.audit;
    if (audit?.status === 'broken') return { ...base, rounds, status: 'failed', why: `audit: ${audit.reasons.join('; ')}`, audit: audit.status };
    saveAuthored(db, r.check.template, audit, opts.pack);
    const status: ItemStatus = r.status === 'templated' ? 'templated' : `fixed_in_round_${r.passedInRound ?? 0}`;
    return { line: it.line, status, why: null, templateId: id, rounds, audit: audit?.status ?? null };
  };

  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < todo.length) {
      if (opts.signal?.aborted) return;
      const it = todo[next++];
      if (it === undefined) return;
      let r: ReportLine;
      try {
        r = await one(it);
      } catch (err) {
        if (opts.signal?.aborted) return;
        r = { line: it.line, status: 'failed', why: `internal: ${err instanceof Error ? err.message : String(err)}`, templateId: null, rounds: 0, audit: null };
      }
      write(r);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, opts.concurrency ?? 4) }, () => worker()));
  return summary;
}
