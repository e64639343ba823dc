/** Pure helpers of the authoring page: the draft sent to the engine, a program skeleton, selection offsets. */
import type { AuthoringDraftInput } from '../../src-main/api/authoring-contract.std.js';
import type { NumberSpan } from '../../src-main/authoring/authoring-types.std.js';
import { kindsOf, maskProblem } from '../../src-main/authoring/mask.std.js';

export type Ranges = Record<string, { min: number; max: number; step?: number }>;

/** The draft as it is remembered between visits (stored-draft.ts) and restored (authoring-state.ts). */
export interface StoredDraft {
  problemInput: string;
  answer: string;
  problem: string | null;
  spans: NumberSpan[];
  program: string;
  ranges: Ranges;
  criteria: string[];
  savedId: string | null;
}

export interface DraftParts {
  problem: string;
  answer: string;
  spans: NumberSpan[];
  program: string;
  ranges: Ranges;
  criteria: string[];
  id: string | null;
}

export function draftInput(p: DraftParts): AuthoringDraftInput {
  const masked = maskProblem(p.problem, p.spans);
  const names = new Set(Object.keys(masked.variables));
  // Ranges of variables that are no longer masked (or were renamed) are dropped.
  const ranges = Object.fromEntries(Object.entries(p.ranges).filter(([k]) => names.has(k)));
  return {
    problem: p.problem,
    generic: masked.generic,
    variables: masked.variables,
    kinds: kindsOf(p.spans),
    answer: p.answer.trim() === '' ? null : p.answer.trim(),
    program: p.program,
    ranges,
    criteria: p.criteria,
    ...(p.id !== null ? { id: p.id } : {}),
  };
}

/** Where to start writing by hand: the header with the variables, a docstring, one commented step. */
export function skeletonProgram(names: readonly string[]): string {
  return `def solution(${names.join(', ')}):
    """What the question asks for, from its numbers."""
    answer = 0  # replace: one calculation per line, each with a comment
    return answer
`;
}

/** The generic problem split into text and `{name}` placeholders, for the preview. */
export function placeholderPieces(generic: string): { text: string; name: string | null }[] {
  const out: { text: string; name: string | null }[] = [];
  let last = 0;
  for (const m of generic.matchAll(/\{([a-z_][a-z0-9_]*)\}/g)) {
    if (m.index > last) out.push({ text: generic.slice(last, m.index), name: null });
    out.push({ text: m[0], name: m[1] ?? '' });
    last = m.index + m[0].length;
  }
  if (last < generic.length) out.push({ text: generic.slice(last), name: null });
  return out;
}

/** The problem text cut at the spans, in order (spans do not overlap: detection never makes them so). */
export function textPieces(text: string, spans: readonly NumberSpan[]): ({ kind: 'text'; at: number; text: string } | { kind: 'span'; index: number; span: NumberSpan })[] {
  const order = spans.map((span, index) => ({ span, index })).sort((a, b) => a.span.start - b.span.start);
  const out: ({ kind: 'text'; at: number; text: string } | { kind: 'span'; index: number; span: NumberSpan })[] = [];
  let at = 0;
  for (const { span, index } of order) {
    if (span.start < at) continue;
    if (span.start > at) out.push({ kind: 'text', at, text: text.slice(at, span.start) });
    out.push({ kind: 'span', index, span });
    at = span.end;
  }
  if (at < text.length) out.push({ kind: 'text', at, text: text.slice(at) });
  return out;
}
