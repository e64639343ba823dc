/**
 * `checkAnswer`: the verdict on a learner's answer for the practice loop. Pure and synchronous; it
 * never throws and never hangs (input capped at MAX_INPUT_LENGTH, linear readers, guarded engine).
 * The expression format needs the Compute Engine: load it first with `loadExpressionEngine()`, or call
 * `checkAnswerAsync`, which does. Until it is loaded an expression answer gets `invalid`
 * (`engine_not_ready`), which never counts against the learner.
 */
import type { ExpectedAnswer, ParsedAnswer, Verdict, VerdictKind, VerdictReason } from './checker.types.std.js';
import { MAX_INPUT_LENGTH } from './checker.types.std.js';
import { checkNumeric } from './compare-numeric.std.js';
import { checkMultipleChoice, checkText } from './compare-text.std.js';
import { compareExpressions, isExpressionEngineReady, loadExpressionEngine } from './expression.std.js';
import { normalizeInput } from './normalize-input.std.js';
import { parseAnswer } from './parse-answer.std.js';
import type { PyValue } from '../template/template.types.js';

const NUMERIC_FORMATS = new Set(['integer', 'decimal', 'money', 'percent', 'fraction']);

function verdict(
  kind: VerdictKind,
  reason: VerdictReason,
  message: string,
  parsed: ParsedAnswer,
  readAs: string,
  expectedText: string | undefined,
): Verdict {
  return { kind, reason, message, readAs, parsed, expectedText };
}

/** The expected answer of an expression question as text the converter reads. */
function expectedExpressionText(answer: PyValue): string | undefined {
  switch (answer.t) {
    case 'str':
      return answer.v;
    case 'int':
      return answer.v;
    case 'float':
      return typeof answer.v === 'number' ? String(answer.v) : undefined;
    case 'fraction':
      return `(${answer.n})/(${answer.d})`;
    default:
      return undefined;
  }
}

const PLAIN_NUMBER_KINDS = new Set(['integer', 'decimal', 'fraction', 'mixed', 'money']);

/** `(n)/(d)` for a plain number without a unit, else undefined. */
function asExactNumber(p: ParsedAnswer): string | undefined {
  if (!PLAIN_NUMBER_KINDS.has(p.kind) || p.value === undefined || p.unit !== undefined) return undefined;
  return `(${p.value.n.toString()})/(${p.value.d.toString()})`;
}

function checkExpression(parsed: ParsedAnswer, expected: ExpectedAnswer): Verdict {
  const expectedText = expectedExpressionText(expected.answer);
  if (expectedText === undefined) {
    return verdict('invalid', 'bad_expected', "This question's answer cannot be checked automatically.", parsed, parsed.readAs, undefined);
  }
  // Both sides get the same normalisation (\dfrac → \frac, \left( → (, ² → ^2, unicode minus → -);
  // a plain number (`58,500`, `\$18.90`, `1 3/4`) goes in as its exact value, so its separators
  // and signs are read as parseAnswer reads them rather than as a tuple.
  const outcome = compareExpressions(asExactNumber(parsed) ?? parsed.normalized, asExactNumber(parseAnswer(expectedText)) ?? normalizeInput(expectedText));
  switch (outcome.status) {
    case 'equivalent': {
      const same = parsed.normalized.replace(/ /g, '') === expectedText.replace(/ /g, '');
      return verdict('correct', same ? 'exact' : 'equivalent_expression', 'Correct!', parsed, outcome.readAs, expectedText);
    }
    case 'different':
      return verdict('wrong', 'different_expression', 'Not quite. Try again.', parsed, outcome.readAs, expectedText);
    case 'bad_expected':
      return verdict('invalid', 'bad_expected', "This question's answer cannot be checked automatically.", parsed, parsed.readAs, undefined);
    case 'refused': {
      const message =
        outcome.reason === 'engine_not_ready'
          ? 'The expression checker is still loading. Try again in a moment.'
          : outcome.reason === 'too_complex'
            ? `I could not check that: ${outcome.detail}.`
            : `I could not read that: ${outcome.detail}.`;
      return verdict('invalid', outcome.reason, message, parsed, outcome.readAs, expectedText);
    }
  }
}

function checkUnsafe(raw: string, expected: ExpectedAnswer): Verdict {
  const parsed = parseAnswer(raw);
  if (raw.length > MAX_INPUT_LENGTH) {
    return verdict('invalid', 'too_long', `That is too long: at most ${MAX_INPUT_LENGTH} characters.`, parsed, parsed.readAs, undefined);
  }
  if (parsed.kind === 'empty') return verdict('invalid', 'empty', 'Type an answer first.', parsed, parsed.readAs, undefined);
  switch (expected.format) {
    case 'text': {
      const t = checkText(raw, expected);
      return verdict(t.judgement.kind, t.judgement.reason, t.judgement.message, parsed, t.readAs, t.expectedText);
    }
    case 'multiple_choice': {
      const t = checkMultipleChoice(raw, expected);
      return verdict(t.judgement.kind, t.judgement.reason, t.judgement.message, parsed, t.readAs, t.expectedText);
    }
    case 'expression':
      return checkExpression(parsed, expected);
    default: {
      if (!NUMERIC_FORMATS.has(expected.format)) {
        return verdict('invalid', 'bad_expected', "This question's answer cannot be checked automatically.", parsed, parsed.readAs, undefined);
      }
      const n = checkNumeric(parsed, expected);
      return verdict(n.judgement.kind, n.judgement.reason, n.judgement.message, parsed, parsed.readAs, n.expectedText);
    }
  }
}

/** Grade `raw` against `expected`. Never throws. */
export function checkAnswer(raw: string, expected: ExpectedAnswer): Verdict {
  try {
    return checkUnsafe(typeof raw === 'string' ? raw : '', expected);
  } catch {
    // A safety net only: the fuzz test asserts that no input ever reaches it.
    const parsed: ParsedAnswer = { kind: 'invalid', normalized: '', notes: [], readAs: 'could not read this', error: 'internal error' };
    return verdict('invalid', 'internal_error', 'Something went wrong while checking. Your answer was not counted.', parsed, parsed.readAs, undefined);
  }
}

/** Like `checkAnswer`, loading the Compute Engine first when the question is an expression. Never rejects. */
export async function checkAnswerAsync(raw: string, expected: ExpectedAnswer): Promise<Verdict> {
  if (expected.format === 'expression' && !isExpressionEngineReady()) {
    try {
      await loadExpressionEngine();
    } catch {
      // The verdict below reports engine_not_ready.
    }
  }
  return checkAnswer(raw, expected);
}
