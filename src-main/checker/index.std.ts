/**
 * The answer checker's public API (standard runtime: runs in Node and in the browser).
 * See README.md in this folder for the grading rules.
 */
export { checkAnswer, checkAnswerAsync } from './check-answer.std.js';
export { parseAnswer } from './parse-answer.std.js';
export { isExpressionEngineReady, loadExpressionEngine } from './expression.std.js';
export { MAX_INPUT_LENGTH } from './checker.types.std.js';
export type {
  ExpectedAnswer,
  ParsedAnswer,
  ParsedKind,
  Rational,
  ReadNote,
  Verdict,
  VerdictKind,
  VerdictReason,
  WrittenFraction,
} from './checker.types.std.js';
