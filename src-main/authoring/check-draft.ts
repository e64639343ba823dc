/**
 * The checks every authored program goes through, from the model or from the author's editor: run it on
 * the original values, compare with the known answer, audit it on K fresh draws, and show a few instances.
 */
import { auditPrepared, type TemplateAudit } from '../audit/audit-template.js';
import { generateInstances } from '../engine/generate.js';
import { prepareTemplate, type PreparedTemplate } from '../engine/prepared-template.js';
import { findFunction } from '../importers/python-source.js';
import type { SandboxPool } from '../sandbox/pool.js';
import type { RunResult, RunStatus } from '../sandbox/protocol.js';
import { answersEqual } from '../template/answer-shape.js';
import { formatAnswer } from '../template/format-value.js';
import type { Template } from '../template/template.types.js';

export interface OriginalRun {
  status: RunStatus;
  answerText: string | null;
  /** What went wrong, as the model and the author should read it. */
  error: string | null;
}

export interface DraftCheck {
  template: Template;
  run: OriginalRun;
  /** null when there is no known answer to compare with. */
  matches: boolean | null;
  /** null when the program fails on the original values (nothing to audit). */
  audit: TemplateAudit | null;
  samples: { text: string; answerText: string }[];
  /** Not fatal: literals that equal an original value (the program may not be number-independent). */
  warnings: string[];
}

export function describeRun(r: RunResult): string {
  if (r.error) return `${r.error.type}: ${r.error.message}${r.error.line !== undefined ? ` (line ${r.error.line})` : ''}`;
  if (r.status === 'needs-module') return `the program imports ${r.module ?? 'a module'}, which is not available`;
  if (r.status === 'no-answer') return 'the program returned nothing (None)';
  if (r.status === 'timeout') return 'the program ran past its time limit';
  if (r.status === 'constraint') return `a criterion does not hold for the original values: ${r.constraint ?? '?'}`;
  return r.status;
}

export function originalRun(prepared: PreparedTemplate): OriginalRun {
  const o = prepared.original;
  if (o.status === 'ok' && o.value) return { status: 'ok', answerText: formatAnswer(o.value, prepared.format, prepared.template.answer_unit), error: null };
  return { status: o.status, answerText: null, error: describeRun(o) };
}

/** Does the prepared program reproduce the known answer? null without one. */
export function matchesKnown(prepared: PreparedTemplate): boolean | null {
  const known = prepared.template.original_answer;
  if (known === undefined || known === null) return null;
  const o = prepared.original;
  return o.status === 'ok' && o.value !== undefined && answersEqual(o.value, known);
}

/** Number literals of the program equal to an original value: probably a number that should be a parameter. */
export function independenceWarnings(template: Template): string[] {
  let fn;
  try {
    fn = findFunction(template.program, 'solution');
  } catch {
    return [];
  }
  if (!fn) return [];
  const literals = new Set<number>();
  for (const s of fn.allStatements) for (const t of s.tokens) if (t.type === 'number' && typeof t.value === 'number') literals.add(t.value);
  const out: string[] = [];
  for (const [name, value] of Object.entries(template.variables)) {
    // 0, 1, 2, 10, 100 are too common as constants to mean anything.
    if (typeof value !== 'number' || [0, 1, 2, 10, 100].includes(value)) continue;
    if (literals.has(value)) out.push(`the program writes ${String(value)}, the value of ${name}: use the parameter so new numbers change it`);
  }
  return out;
}

export async function checkTemplate(pool: SandboxPool, template: Template, opts: { samples?: number; instances?: number; signal?: AbortSignal } = {}): Promise<DraftCheck> {
  const prepared = await prepareTemplate(pool, template);
  const run = originalRun(prepared);
  const matches = matchesKnown(prepared);
  const warnings = independenceWarnings(template);
  if (run.status !== 'ok') return { template, run, matches, audit: null, samples: [], warnings };
  opts.signal?.throwIfAborted();
  const audit = await auditPrepared(pool, prepared, { samples: opts.samples ?? 20 });
  const count = opts.instances ?? 3;
  const seeds = Array.from({ length: count }, (_, i) => i + 1);
  const gen = count > 0 ? await generateInstances(pool, prepared, seeds, { maxTries: 10, ...(opts.signal ? { signal: opts.signal } : {}) }) : undefined;
  const samples = (gen?.outcomes ?? []).flatMap((o) => (o.instance ? [{ text: o.instance.text, answerText: o.instance.answerText }] : []));
  return { template, run, matches, audit, samples, warnings };
}
