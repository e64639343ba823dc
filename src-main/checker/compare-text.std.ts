/**
 * Grading of the text and multiple-choice formats. Text is compared trimmed, with runs of spaces
 * collapsed, case- and accent-insensitively (`  São Paulo ` = `sao paulo`), ignoring a final full
 * stop. A choice may be given by its letter (`B`, `b)`, `(B)`, `option b`) or by its text; input that
 * names no option is `invalid` (it never counts as wrong).
 */
import type { ExpectedAnswer, Rational } from './checker.types.std.js';
import type { Judgement } from './compare-numeric.std.js';
import { eq } from './rational.std.js';
import { parseAnswer } from './parse-answer.std.js';

/** Case-, accent- and spacing-insensitive form of a text answer. */
export function normalizeText(text: string): string {
  const folded = text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
  let out = '';
  let space = false;
  for (const c of folded) {
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\u00A0') {
      space = out !== '';
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  // A trailing full stop or exclamation mark ends a sentence; it is not part of the answer.
  while (out.length > 0 && (out.endsWith('.') || out.endsWith('!'))) out = out.slice(0, -1).trimEnd();
  // Quotes around the whole answer are not part of it either.
  if (out.length >= 2 && (out[0] === '"' || out[0] === '“') && (out.endsWith('"') || out.endsWith('”'))) out = out.slice(1, -1).trim();
  return out;
}

/** The expected value of a text question as text; booleans also accept yes/no. */
function expectedTexts(answer: ExpectedAnswer['answer']): string[] | undefined {
  switch (answer.t) {
    case 'str':
      return [answer.v];
    case 'int':
      return [answer.v];
    case 'float':
      return typeof answer.v === 'number' ? [String(answer.v)] : undefined;
    case 'fraction':
      return [`${answer.n}/${answer.d}`];
    case 'bool':
      return answer.v ? ['true', 'yes'] : ['false', 'no'];
    default:
      return undefined;
  }
}

export interface TextCheck {
  judgement: Judgement;
  expectedText: string | undefined;
  readAs: string;
}

export function checkText(raw: string, expected: ExpectedAnswer): TextCheck {
  const texts = expectedTexts(expected.answer);
  const learner = normalizeText(raw);
  const shown = raw.trim().split(/\s+/).join(' ');
  const readAs = `read as the text “${shown.length > 60 ? `${shown.slice(0, 57)}…` : shown}”`;
  if (texts === undefined) {
    return { judgement: { kind: 'invalid', reason: 'bad_expected', message: "This question's answer cannot be checked automatically." }, expectedText: undefined, readAs };
  }
  const expectedText = texts[0];
  if (learner === '') return { judgement: { kind: 'invalid', reason: 'empty', message: 'Type an answer first.' }, expectedText, readAs };
  if (texts.some((t) => normalizeText(t) === learner)) {
    return { judgement: { kind: 'correct', reason: 'text_match', message: 'Correct!' }, expectedText, readAs };
  }
  return { judgement: { kind: 'wrong', reason: 'not_equal', message: 'Not quite. Try again.' }, expectedText, readAs };
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** `B`, `b)`, `(b)`, `b.`, `[b]`, `option b`, `answer b`, `\text{(B)}` → index 1. */
function letterIndex(learner: string, count: number): number | undefined {
  let t = learner;
  for (const prefix of ['option ', 'answer ', 'choice ']) if (t.startsWith(prefix)) t = t.slice(prefix.length).trim();
  if (t.length === 3 && ((t[0] === '(' && t[2] === ')') || (t[0] === '[' && t[2] === ']'))) t = t[1] ?? '';
  if (t.length === 2 && (t[1] === ')' || t[1] === '.' || t[1] === ':')) t = t[0] ?? '';
  if (t.length !== 1) return undefined;
  const index = LETTERS.indexOf(t);
  return index >= 0 && index < count ? index : undefined;
}

function numericValue(text: string): Rational | undefined {
  const p = parseAnswer(text);
  return p.kind === 'expression' || p.kind === 'text' ? undefined : p.value;
}

export function checkMultipleChoice(raw: string, expected: ExpectedAnswer): TextCheck {
  const choices = expected.choices ?? [];
  const options = choices.map(normalizeText);
  const answerTexts = expectedTexts(expected.answer);
  const learner = normalizeText(raw.replace(/\\text\{([^{}]{0,40})\}/g, '$1'));
  const letter = (i: number): string => (LETTERS[i] ?? '?').toUpperCase();
  const range = choices.length > 0 ? `${letter(0)}–${letter(choices.length - 1)}` : '';

  // The correct option: the one whose text is the answer, else the answer given as a letter.
  let correct: number | undefined;
  for (const t of answerTexts ?? []) {
    const n = normalizeText(t);
    const byText = options.indexOf(n);
    correct = byText >= 0 ? byText : letterIndex(n, choices.length);
    if (correct !== undefined) break;
  }
  if (correct === undefined) {
    return {
      judgement: { kind: 'invalid', reason: 'bad_expected', message: "This question's answer cannot be checked automatically." },
      expectedText: undefined,
      readAs: `read as “${learner}”`,
    };
  }
  const expectedText = `${letter(correct)}) ${choices[correct] ?? ''}`;
  if (learner === '') return { judgement: { kind: 'invalid', reason: 'empty', message: 'Type an answer first.' }, expectedText, readAs: 'nothing entered yet' };

  let chosen: number | undefined = options.indexOf(learner);
  if (chosen < 0) chosen = letterIndex(learner, choices.length);
  if (chosen === undefined) {
    // A number equal to exactly one numeric option (0.5 for the option "1/2").
    const v = numericValue(learner);
    if (v !== undefined) {
      const matches = choices.map((c, i) => ({ i, value: numericValue(c) })).filter((m) => m.value !== undefined && eq(m.value, v));
      if (matches.length === 1) chosen = matches[0]?.i;
    }
  }
  if (chosen === undefined) {
    return {
      judgement: { kind: 'invalid', reason: 'not_an_option', message: `Choose one of the options${range !== '' ? ` (${range})` : ''}.` },
      expectedText,
      readAs: `“${learner}” is not one of the options`,
    };
  }
  const readAs = `read as option ${letter(chosen)} (“${choices[chosen] ?? ''}”)`;
  if (chosen === correct) return { judgement: { kind: 'correct', reason: 'option_match', message: 'Correct!' }, expectedText, readAs };
  return { judgement: { kind: 'wrong', reason: 'wrong_option', message: 'Not quite. Try again.' }, expectedText, readAs };
}
