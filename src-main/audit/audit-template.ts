/**
 * Health of one template: run it on K fresh draws and on its original values, and turn what happened
 * into figures and a status with reasons. This is the InfinityMATH check (do the original values
 * reproduce the original answer?) plus what a curator needs at 100k scale: crash and timeout rates,
 * missing modules, answer-shape drift and plausibility of the answers.
 */
import type { SandboxPool } from '../sandbox/pool.js';
import { createRng } from '../sampling/rng.js';
import { drawValues } from '../sampling/draw.js';
import { renderText } from '../template/render.js';
import { answersEqual, inferAnswerFormat, pyToNumber, shapeOfOriginal, shapeOfPy } from '../template/answer-shape.js';
import { formatAnswer } from '../template/format-value.js';
import type { Template, VariableValue } from '../template/template.types.js';
import { judgeRun, type RejectionKind } from '../engine/judge.js';
import type { PreparedTemplate } from '../engine/prepared-template.js';
import { programSpecOf } from '../engine/program-spec.js';
import { resolveDomains } from '../sampling/infer-domain.js';
import type { RunResult } from '../sandbox/protocol.js';
import { checkPlausibility, plausibilityIssues, questionProfile, type PlausibilityIssue, type QuestionProfile } from './plausibility.js';

export type HealthStatus = 'healthy' | 'warning' | 'broken';

export interface TemplateAudit {
  templateId: string;
  samples: number;
  valid: number;
  acceptance: number;
  crashes: number;
  timeouts: number;
  constraintRejections: number;
  needsModule: string | null;
  /** null when the template has no original answer to compare with. */
  reproducesOriginal: boolean | null;
  originalAnswer: string | null;
  programAnswer: string | null;
  /** log10 |answer on the original values| (null when that answer is not a finite non-zero number): the report's magnitude histogram. */
  answerMagnitude: number | null;
  drift: { fractional: number; negative: number; typeChanged: number };
  /** Plausibility of the answer on the original values (not trusting the original answer). */
  originalPlausibility: PlausibilityIssue[];
  /** Share of valid draws whose answer is implausible, by issue code. */
  drawnImplausible: Partial<Record<PlausibilityIssue['code'], number>>;
  rejections: Partial<Record<RejectionKind, number>>;
  firstError: string | null;
  status: HealthStatus;
  reasons: string[];
  /**
   * The earlier template this one (nearly) repeats, from a library audit's duplicate scan (null: the
   * scan found none). Absent when no scan ran (an audit of one template): its stored value is kept.
   */
  duplicateOf?: string | null;
}

export interface AuditOptions {
  samples?: number;
  /** First seed of the audit draws; audits are reproducible too. */
  seedBase?: number;
}

const CRASHY: ReadonlySet<RejectionKind> = new Set(['error', 'crash', 'syntax', 'no-answer', 'output-limit', 'memory', 'forbidden']);

function pct(x: number): string {
  return `${Math.round(x * 1000) / 10}%`;
}

function drawsFor(template: Template, domains: PreparedTemplate['domains'], opts: AuditOptions): Record<string, VariableValue>[] {
  const samples = opts.samples ?? 20;
  const seedBase = opts.seedBase ?? 1_000_000;
  return Array.from({ length: samples }, (_, i) => drawValues(domains, template.variables, createRng(template.id, seedBase + i)));
}

/**
 * Audits a template with one trip to the sandbox: the original values and the K draws go in one
 * batch (the draws do not depend on the original run; the answer shape they are judged against is
 * derived afterwards, exactly as `prepareTemplate` derives it). At 100k templates the round trips,
 * not the programs, are what an audit spends its time on.
 */
export async function auditTemplate(pool: SandboxPool, template: Template, opts: AuditOptions = {}): Promise<TemplateAudit> {
  const domains = resolveDomains(template);
  const spec = programSpecOf(template);
  const draws = drawsFor(template, domains, opts);
  const { results } = await pool.run(spec, [template.variables, ...draws]);
  const original: RunResult = results[0] ?? { status: 'error', error: { type: 'SandboxError', message: 'no result' }, ms: 0 };
  const shape =
    template.answer_shape ?? shapeOfOriginal(template.original_answer) ?? (original.status === 'ok' && original.value ? shapeOfPy(original.value) : undefined);
  const format = template.answer_format ?? inferAnswerFormat(template.original_answer, shape);
  return judgeAudit({ template, domains, spec, shape, format, original }, draws, results.slice(1));
}

/** Audits an already prepared template (its original run done): one batch of K draws. */
export async function auditPrepared(pool: SandboxPool, prepared: PreparedTemplate, opts: AuditOptions = {}): Promise<TemplateAudit> {
  const draws = drawsFor(prepared.template, prepared.domains, opts);
  const { results } = await pool.run(prepared.spec, draws);
  return judgeAudit(prepared, draws, results);
}

function magnitudeOf(original: RunResult): number | null {
  if (original.status !== 'ok' || !original.value) return null;
  const x = pyToNumber(original.value);
  if (x === undefined || !Number.isFinite(x) || x === 0) return null;
  return Math.log10(Math.abs(x));
}

function judgeAudit(prepared: PreparedTemplate, draws: readonly Record<string, VariableValue>[], results: readonly RunResult[]): TemplateAudit {
  const samples = draws.length;
  const t = prepared.template;

  const rejections: Partial<Record<RejectionKind, number>> = {};
  const drift = { fractional: 0, negative: 0, typeChanged: 0 };
  const drawnImplausible: Partial<Record<PlausibilityIssue['code'], number>> = {};
  let valid = 0;
  let needsModule: string | null = prepared.original.status === 'needs-module' ? (prepared.original.module ?? 'unknown') : null;
  let firstError: string | null = null;
  // What the question asks for depends on its words, not its numbers: one reading per set of drawn
  // words (names, items, units), not one per draw — at 100k templates × K draws this is most of the
  // audit's own time.
  const profiles = new Map<string, QuestionProfile>();
  const profileOf = (values: Record<string, VariableValue>): QuestionProfile => {
    const key = JSON.stringify(Object.values(values).filter((v) => typeof v === 'string'));
    let profile = profiles.get(key);
    if (profile === undefined) {
      profile = questionProfile(renderText(t, prepared.domains, values));
      profiles.set(key, profile);
    }
    return profile;
  };
  results.forEach((r, i) => {
    const rejection = judgeRun(r, prepared.shape);
    if (!rejection) {
      valid++;
      const values = draws[i];
      if (r.value && values) {
        for (const issue of plausibilityIssues(profileOf(values), r.value)) {
          drawnImplausible[issue.code] = (drawnImplausible[issue.code] ?? 0) + 1;
        }
      }
      return;
    }
    rejections[rejection.kind] = (rejections[rejection.kind] ?? 0) + 1;
    if (rejection.kind === 'needs-module') needsModule ??= r.module ?? 'unknown';
    if (rejection.kind === 'shape') {
      if (rejection.reason.includes('fractional')) drift.fractional++;
      else if (rejection.reason.includes('negative')) drift.negative++;
      else drift.typeChanged++;
    }
    if (CRASHY.has(rejection.kind)) firstError ??= rejection.reason;
  });

  const o = prepared.original;
  const programAnswer = o.status === 'ok' && o.value ? formatAnswer(o.value, prepared.format, t.answer_unit) : null;
  const hasOriginal = t.original_answer !== undefined && t.original_answer !== null;
  const reproducesOriginal = !hasOriginal ? null : o.status === 'ok' && o.value ? answersEqual(o.value, t.original_answer ?? null) : false;
  const originalText = t.original_problem ?? renderText(t, prepared.domains, t.variables);
  const originalPlausibility = o.status === 'ok' && o.value ? checkPlausibility(originalText, o.value) : [];

  const crashes = Object.entries(rejections)
    .filter(([k]) => CRASHY.has(k as RejectionKind))
    .reduce((sum, [, n]) => sum + n, 0);
  const timeouts = rejections.timeout ?? 0;
  const acceptance = samples === 0 ? 0 : valid / samples;

  const broken: string[] = [];
  const warnings: string[] = [];
  if (o.status !== 'ok') {
    const why = o.status === 'needs-module' ? `needs ${o.module ?? 'a module'}` : (o.error ? `${o.error.type}: ${o.error.message}` : o.status);
    broken.push(`fails on its original values (${why})`);
  }
  if (needsModule) broken.push(`needs ${needsModule} (not available offline)`);
  if (samples > 0 && acceptance < 0.5) broken.push(`only ${pct(acceptance)} of draws are valid`);
  else if (samples > 0 && acceptance < 0.95) warnings.push(`${pct(acceptance)} of draws are valid`);
  if (reproducesOriginal === false && o.status === 'ok') {
    warnings.push(`original values give ${programAnswer ?? '?'}, not the original answer ${String(t.original_answer)}`);
  }
  if (crashes > 0 && o.status === 'ok') warnings.push(`${crashes} of ${samples} draws crash (${firstError ?? ''})`);
  if (timeouts > 0) warnings.push(`${timeouts} of ${samples} draws time out`);
  for (const issue of originalPlausibility) warnings.push(`implausible original: ${issue.message}`);
  for (const [code, n] of Object.entries(drawnImplausible)) {
    if (n / Math.max(1, valid) >= 0.25) warnings.push(`implausible answers in ${n} of ${valid} valid draws (${code})`);
  }
  if (drift.fractional + drift.negative > 0) {
    warnings.push(`answer shape drifts in ${drift.fractional + drift.negative} draws (fractional ${drift.fractional}, negative ${drift.negative})`);
  }
  const status: HealthStatus = broken.length > 0 ? 'broken' : warnings.length > 0 ? 'warning' : 'healthy';
  return {
    templateId: t.id,
    samples,
    valid,
    acceptance,
    crashes,
    timeouts,
    constraintRejections: rejections.constraint ?? 0,
    needsModule,
    reproducesOriginal,
    originalAnswer: hasOriginal ? String(t.original_answer) : null,
    programAnswer,
    answerMagnitude: magnitudeOf(o),
    drift,
    originalPlausibility,
    drawnImplausible,
    rejections,
    firstError,
    status,
    reasons: [...broken, ...warnings],
  };
}
