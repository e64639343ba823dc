/**
 * What the page shows under the answer box while the learner types, before any grading (like STACK's
 * validation step): how the input was read, so `1,250` vs `1.250` or a stray letter is caught early.
 * Expressions are shown typeset instead, since the general reader would take `3x+2` for a calculation.
 */
import type { AnswerFormat } from '../../src-main/template/template.types.js';
import { expressionToLatex } from '../../src-main/checker/expression-latex.std.js';
import { parseAnswer } from '../../src-main/checker/index.std.js';

export type AnswerPreview =
  | { kind: 'hint'; text: string }
  | { kind: 'read'; text: string }
  | { kind: 'math'; latex: string }
  | { kind: 'invalid'; text: string };

const HINTS: Record<AnswerFormat, string> = {
  integer: 'A whole number, like 12 or 1,250.',
  decimal: 'A number, like 2.5 or 3/4.',
  money: 'An amount, like $12.50 or 12.50.',
  percent: 'A percentage, like 75% or 75.',
  fraction: 'A fraction, like 3/4 or 1 3/4.',
  expression: 'An expression, like 2(x + 1) or x^2.',
  multiple_choice: 'Pick one of the options.',
  text: 'A word or a short phrase.',
};

export function answerPreview(raw: string, format: AnswerFormat): AnswerPreview {
  if (raw.trim() === '') return { kind: 'hint', text: HINTS[format] };
  if (format === 'expression') {
    const converted = expressionToLatex(raw);
    return converted.ok ? { kind: 'math', latex: converted.latex } : { kind: 'invalid', text: `could not read this: ${converted.detail}` };
  }
  const parsed = parseAnswer(raw);
  return parsed.kind === 'invalid' ? { kind: 'invalid', text: parsed.readAs } : { kind: 'read', text: parsed.readAs };
}
