/**
 * The template an authoring draft makes: generic problem, program, original values and answer, and the
 * domains from the ranges (the model's or the author's), by the kind of each number. Variables without a
 * range get the engine's inferred domain, except multipliers and fractions, whose inferred domains would
 * make odd problems ("7 times as many", "5/4 of the cake").
 */
import { createHash } from 'node:crypto';
import { parseNumericString } from '../template/answer-shape.js';
import { decimalsOf } from '../template/format-value.js';
import { templateSchema, type Domain, type Template } from '../template/template.types.js';
import type { NumberKind } from './authoring-types.std.js';
import type { VariableRange } from './parse-reply.js';

export interface TemplateDraft {
  /** The pasted problem, as written. */
  problem: string;
  generic: string;
  variables: Record<string, number>;
  /** The kind of each variable's number (fraction parts are `number`); missing means `number`. */
  kinds: Record<string, NumberKind>;
  /** The known answer for the original values, as the author wrote it (`72`, `$12.50`, `3/4`), or null. */
  answer: string | null;
  program: string;
  ranges: Record<string, VariableRange>;
  criteria: string[];
  /** Keep an id to update a template saved before; otherwise one is made from the problem. */
  id?: string;
  source?: string;
}

const SLUG_SKIP = new Set(['the', 'and', 'her', 'his', 'their', 'its', 'for', 'with', 'was', 'are', 'has', 'had', 'how', 'many', 'much', 'what']);

/** `user.<first words>-<hash of the problem>`: the same problem saved twice updates one template. */
export function authoredTemplateId(problem: string, prefix = 'user'): string {
  const slug =
    problem
      .toLowerCase()
      .replace(/[^a-z ]+/g, ' ')
      .split(/\s+/)
      .filter((w) => w.length > 2 && !SLUG_SKIP.has(w))
      .slice(0, 4)
      .join('-') || 'problem';
  const hash = createHash('sha1').update(problem.trim()).digest('hex').slice(0, 8);
  return `${prefix}.${slug}-${hash}`;
}

/** The known answer as stored: a number when it reads as one (`$1,250.00` → 1250), else the text. */
export function originalAnswerOf(answer: string | null): number | string | undefined {
  if (answer === null || answer.trim() === '') return undefined;
  const n = parseNumericString(answer.trim());
  return n !== undefined && Number.isFinite(n.value) ? n.value : answer.trim();
}

function domainFor(kind: NumberKind, value: number, range: VariableRange | undefined): Domain | undefined {
  if (range === undefined) {
    if (kind === 'multiplier') return { kind: 'int', min: 2, max: Math.max(5, value) };
    return undefined;
  }
  // The original values must stay drawable: widen a range that leaves them out.
  const min = Math.min(range.min, value);
  const max = Math.max(range.max, value);
  switch (kind) {
    case 'money':
      return { kind: 'money', min, max, ...(range.step !== undefined ? { step: range.step } : {}) };
    case 'percent':
      return { kind: 'percent', min, max, ...(range.step !== undefined ? { step: range.step } : {}) };
    case 'year':
      return { kind: 'year', min: Math.round(min), max: Math.round(max) };
    default: {
      const whole = Number.isInteger(value) && (range.step === undefined || Number.isInteger(range.step));
      if (whole) {
        const step = range.step !== undefined && range.step >= 1 ? Math.round(range.step) : undefined;
        return { kind: 'int', min: Math.ceil(min), max: Math.floor(max), ...(step !== undefined && step > 1 ? { step } : {}) };
      }
      return { kind: 'decimal', min, max, step: range.step ?? 10 ** -Math.max(1, decimalsOf(value)) };
    }
  }
}

export function buildTemplate(draft: TemplateDraft): Template {
  const domains: Record<string, Domain> = {};
  for (const [name, value] of Object.entries(draft.variables)) {
    const d = domainFor(draft.kinds[name] ?? 'number', value, draft.ranges[name]);
    if (d !== undefined) domains[name] = d;
  }
  const constraints = [...draft.criteria];
  // A fraction keeps its numerator below its denominator when it started that way ("3/4 of the cake").
  for (const [name, num] of Object.entries(draft.variables)) {
    if (!name.endsWith('_num')) continue;
    const den = draft.variables[`${name.slice(0, -4)}_den`];
    if (den !== undefined && num < den) constraints.push(`0 < ${name} < ${name.slice(0, -4)}_den`);
  }
  const template: Template = {
    id: draft.id ?? authoredTemplateId(draft.problem),
    source: draft.source ?? 'authored',
    original_problem: draft.problem,
    generic_problem: draft.generic,
    placeholder_style: 'braces',
    program: draft.program,
    entry: 'solution',
    variables: { ...draft.variables },
    tags: ['authored'],
  };
  const original = originalAnswerOf(draft.answer);
  if (original !== undefined) template.original_answer = original;
  // The way the author wrote the answer says how answers are printed and checked (`$10` → money).
  const written = draft.answer?.trim() ?? '';
  if (/^[$€£]/.test(written)) template.answer_format = 'money';
  else if (/%$/.test(written)) template.answer_format = 'percent';
  if (Object.keys(domains).length > 0) template.domains = domains;
  if (constraints.length > 0) template.constraints = constraints;
  const parsed = templateSchema.safeParse(template);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`the template is not valid: ${issue ? `${issue.path.join('.')}: ${issue.message}` : 'unknown problem'}`);
  }
  return parsed.data;
}
