/**
 * Does an answer make sense for the question asked? This deliberately does not trust the original
 * answer: in datasets such as gsm-hard the original itself is absurd (a negative number of eggs, 2.5
 * people), which is exactly what a curator needs to see.
 */
import { pyToNumber } from '../template/answer-shape.js';
import { findMathRegions } from '../template/render.js';
import type { PyValue } from '../template/template.types.js';

// Units that make fractional "how many" answers fine ("how many hours", "how many cups").
const MEASURE_WORDS =
  /^(?:more |fewer |less |additional |extra |total |times |percent|%)?(?:hours?|minutes?|seconds?|days?|weeks?|months?|years?|miles?|kilometers?|km|meters?|metres?|feet|foot|inches?|yards?|cm|mm|pounds?|lbs?|ounces?|oz|grams?|kilograms?|kg|liters?|litres?|gallons?|quarts?|pints?|cups?|tablespoons?|teaspoons?|dollars?|cents?|euros?|times|percent|degrees?|laps?|servings?|portions?|acres?|square|cubic|mph|km\/h|pages? per|per|(?:milli|centi|kilo)?(?:meters?|metres?|liters?|litres?|grams?)|ml|l|g)\b/i;

// Questions that announce negative answers ("give a negative amount if overdrawn", temperatures, losses).
const NEGATIVE_OK = /\b(?:negative|overdrawn|below zero|loss|debt|owes?|deficit|temperature|degrees|elevation|sea level|change in)\b/i;

const COUNT_QUESTION = /\bhow many\s+((?:MATH\s*-?)?[a-z%$]+(?:\s+[a-z]+)?)/gi;
const MONEY_QUESTION = /\b(?:how much (?:money|did|does|will|would|do|is|was|are|were|more|less|does it cost|change)|how many dollars|in dollars|total cost|profit|earn|earns|earned|spend|spent|pay|paid|cost|costs|price|salary|wage|budget|savings?)\b/i;

export interface PlausibilityIssue {
  code: 'negative-count' | 'fractional-count' | 'negative-money' | 'sub-cent-money' | 'absurd-magnitude';
  message: string;
}

/** Math is not prose: `$2^{-5}$` is not two dollars, and `how many $\frac{2}{5}$-cup servings` counts servings. */
function withoutMath(text: string): string {
  let prose = '';
  let last = 0;
  for (const r of findMathRegions(text)) {
    prose += `${text.slice(last, r.start)} MATH `;
    last = r.end;
  }
  return prose + text.slice(last);
}

function show(x: number): string {
  return Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(8)));
}

/** What a question asks for, as far as plausibility goes: read once per template, not once per draw. */
export interface QuestionProfile {
  /** "How many <things>" where things are counted, not measured. */
  countsThings: boolean;
  aboutMoney: boolean;
  /** The question announces that negative answers are fine (temperatures, debts, changes). */
  negativeOk: boolean;
}

export function questionProfile(questionText: string): QuestionProfile {
  const question = withoutMath(questionText);
  const negativeOk = NEGATIVE_OK.test(question);
  const lastQuestion = question.split(/(?<=[.!?])\s+/).filter((s) => s.includes('?')).pop() ?? question;
  let countsThings = false;
  for (const m of lastQuestion.matchAll(COUNT_QUESTION)) {
    const after = (m[1] ?? '').replace(/^MATH\s*-?/, '');
    if (after !== '' && !MEASURE_WORDS.test(after)) countsThings = true;
  }
  const aboutMoney = MONEY_QUESTION.test(lastQuestion) || /\$\s*\d/.test(question);
  return { countsThings, aboutMoney, negativeOk };
}

/** Issues with `answer` as an answer to a question of this profile. */
export function plausibilityIssues(profile: QuestionProfile, answer: PyValue): PlausibilityIssue[] {
  const x = pyToNumber(answer);
  if (x === undefined || !Number.isFinite(x)) return [];
  const issues: PlausibilityIssue[] = [];
  const { countsThings, aboutMoney, negativeOk } = profile;
  if (countsThings && x < 0 && !negativeOk) issues.push({ code: 'negative-count', message: `negative count (${show(x)}) for a "how many" question` });
  if (countsThings && !Number.isInteger(x) && Math.abs(x - Math.round(x)) > 1e-9) {
    issues.push({ code: 'fractional-count', message: `fractional count (${show(x)}) for a "how many" question` });
  }
  if (!countsThings && aboutMoney && x < 0 && !negativeOk) issues.push({ code: 'negative-money', message: `negative amount of money (${show(x)})` });
  if (aboutMoney && !countsThings && Math.abs(x * 100 - Math.round(x * 100)) > 1e-6 && Math.abs(x) < 1e12) {
    issues.push({ code: 'sub-cent-money', message: `money with fractions of a cent (${show(x)})` });
  }
  if (Math.abs(x) >= 1e9) issues.push({ code: 'absurd-magnitude', message: `absurd magnitude (${x.toExponential(2)}) for a word problem` });
  return issues;
}

/** Issues with `answer` as an answer to `question` (the problem text with numbers filled in). */
export function checkPlausibility(questionText: string, answer: PyValue): PlausibilityIssue[] {
  return plausibilityIssues(questionProfile(questionText), answer);
}
