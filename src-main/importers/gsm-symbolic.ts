/**
 * Apple's GSM-Symbolic annotated templates → native templates.
 *
 * What the format is, as read in real template files (`templates/{symbolic,p1,p2}/NNNN.json`, copies in
 * ivansollazzo/ml-gsm-symbolic-unipa and the multilingual forks; Apple has not published its generator):
 *
 * - A JSON object: `question` (the GSM8K original), `answer` (GSM8K solution ending `#### 10`),
 *   `id_orig` (GSM8K test id), `id_shuffled` (template number), `question_annotated`, `answer_annotated`.
 * - `question_annotated` = the text, then `#init:`, `#conditions:` (optional) and `#answer:` sections:
 *
 *       {n, Benny} saw a {x,10}-foot {big_fish,shark} with {k,2} {y,6}-inch remoras …
 *       #init:
 *       - n = sample(names)
 *       - big_fish = sample(["dolphin", "whale", "shark"])
 *       - $x = range(10, 500, 10)
 *       #conditions:
 *       - divides(x * 12, k*y)
 *       #answer: int((k * y)/ (x * 12) * 100)
 *
 * - Placeholders are `{name,default}`; a space may follow the comma (`{n, 50}`); one variable may occur
 *   many times; the default is the original's wording, sometimes a number word (`{d,five}`, `{n,20}` for
 *   "Twenty", `{mult,triple}`, `{discount,1/2}`).
 * - `$` marks numeric variables. `$x = range(a, b[, s])` draws one value (Python range: b excluded);
 *   lines without `$` are Python statements: `name = sample(names)`, `h_1, h_3 = sample([...], 2)` (k
 *   distinct values), `d1, d2, d3 = sample_sequential(weekdays, 3)`.
 * - Seen in `#init`: range, sample, sample(range(…)), np.arange, fix_floats, shuffle_list, list,
 *   sample_sequential, list slices (`fraction_nums[:4]`), list sums (`multiple_ice+multi_times`) and
 *   (label, value) tuples (`sample([("six-sided", 6), …])`). Conditions and answers are Python
 *   expressions (int(), //, conditional expressions, is_int, divides).
 * - `divides(a, b)` is TRUE WHEN a IS DIVISIBLE BY b (a % b == 0): `divides(x * 12, k*y)` next to
 *   `k * y < x * 12`, `divides(k_3 * n, 8)` so that `k_3 * n // 8` is exact; both public
 *   re-implementations define `divides = lambda a, b: a % b == 0`. Our constraint namespace's
 *   `divides(a, b)` means "a divides b", the other way round, so every call is rewritten to the explicit
 *   `((b) != 0 and (a) % (b) == 0)`, which means the same in any namespace.
 *
 * Mapping: placeholders become `{name}`, defaults become `variables`, `#init` becomes `domains`,
 * `#conditions` become `constraints`, `#answer` becomes `return <expr>` in `def solution(<vars>)`.
 * `frange` and `arange` are read like numpy's arange (stop excluded). Anything the native format cannot
 * express is kept at its original value (`fixed`) with a note, or refused when the program could not
 * work (a placeholder computed from other variables, a (label, value) tuple).
 */
import type { Domain, Template, VariableValue } from '../template/template.types.js';
import { describeValue, idSegment, isRecord, mapFailure, validatedTemplate } from './import-types.js';
import type { MapResult } from './import-types.js';
import { findNumbers, parseNumberWords, parseNumericString } from './number-words.js';
import { calledFunctions, escapeDocstring, namesUsed, parsePythonExpr, PySyntaxError, tokenizePython } from './python-source.js';
import type { PyExpr, PyToken } from './python-source.js';

export type GsmSymbolicResult = MapResult & { unsupportedHelpers?: string[] };

export interface GsmSymbolicContext {
  fileName: string;
  index: number;
}

// ---------------------------------------------------------------------------------------------
// The annotated question
// ---------------------------------------------------------------------------------------------

interface Annotated {
  text: string;
  init: string[];
  conditions: string[];
  answer: string | undefined;
}

const SECTION_RE = /^\s*#\s*(init|conditions|answer)\s*:(.*)$/i;

function splitAnnotated(qa: string): Annotated {
  const lines = qa.split(/\r?\n/);
  const out: Annotated = { text: '', init: [], conditions: [], answer: undefined };
  const textLines: string[] = [];
  let section: 'text' | 'init' | 'conditions' | 'answer' = 'text';
  const answerLines: string[] = [];
  for (const line of lines) {
    const header = SECTION_RE.exec(line);
    if (header) {
      section = (header[1] ?? 'text').toLowerCase() as 'init' | 'conditions' | 'answer';
      const rest = (header[2] ?? '').trim();
      if (section === 'answer' && rest !== '') answerLines.push(rest);
      continue;
    }
    if (section === 'text') {
      textLines.push(line);
    } else if (section === 'answer') {
      if (line.trim() !== '') answerLines.push(line.trim());
    } else {
      const items = section === 'init' ? out.init : out.conditions;
      const item = /^\s*-\s?(.*)$/.exec(line);
      if (item) items.push((item[1] ?? '').trim());
      else if (line.trim() !== '' && items.length > 0) items[items.length - 1] = `${items[items.length - 1] ?? ''} ${line.trim()}`;
    }
  }
  out.text = textLines.join('\n').replace(/\s+$/, '');
  out.answer = answerLines.length > 0 ? answerLines.join(' ') : undefined;
  out.init = out.init.filter((s) => s !== '');
  out.conditions = out.conditions.filter((s) => s !== '');
  return out;
}

interface TextPlaceholders {
  generic: string;
  /** Variables in order of first appearance in the text. */
  order: string[];
  defaults: Map<string, string>;
  /** Names written `{name}` without a default anywhere. */
  withoutDefault: Set<string>;
  notes: string[];
}

const PLACEHOLDER_RE = /\{([^{}]*)\}/g;

function readPlaceholders(text: string): TextPlaceholders {
  const defaults = new Map<string, string>();
  const order: string[] = [];
  const notes: string[] = [];
  for (const m of text.matchAll(PLACEHOLDER_RE)) {
    const named = /^\s*\$?([A-Za-z_]\w*)\s*,(.*)$/s.exec(m[1] ?? '');
    if (!named) continue;
    const name = named[1] ?? '';
    const value = (named[2] ?? '').trim();
    if (!defaults.has(name)) {
      defaults.set(name, value);
      order.push(name);
    } else if (defaults.get(name) !== value) {
      notes.push(`{${name}} has two defaults (${JSON.stringify(defaults.get(name))} and ${JSON.stringify(value)}); the first is the original value`);
    }
  }
  const withoutDefault = new Set<string>();
  for (const m of text.matchAll(PLACEHOLDER_RE)) {
    const bare = /^\s*\$?([A-Za-z_]\w*)\s*$/.exec(m[1] ?? '')?.[1];
    if (bare !== undefined && !defaults.has(bare)) withoutDefault.add(bare);
  }
  const generic = text.replace(PLACEHOLDER_RE, (whole, inner: string) => {
    const named = /^\s*\$?([A-Za-z_]\w*)\s*(?:,.*)?$/s.exec(inner);
    const name = named?.[1];
    return name !== undefined && defaults.has(name) ? `{${name}}` : whole;
  });
  return { generic, order, defaults, withoutDefault, notes };
}

// ---------------------------------------------------------------------------------------------
// #init lines
// ---------------------------------------------------------------------------------------------

interface InitLine {
  names: string[];
  numeric: boolean;
  rhs: string;
  source: string;
}

function parseInitLine(item: string): InitLine | undefined {
  const m = /^((?:\s*\$?\s*[A-Za-z_]\w*\s*,)*\s*\$?\s*[A-Za-z_]\w*)\s*=(?!=)(.*)$/s.exec(item);
  if (!m) return undefined;
  const lhs = m[1] ?? '';
  const names = lhs.split(',').map((s) => s.replace(/\$/g, '').trim());
  return { names, numeric: lhs.includes('$'), rhs: (m[2] ?? '').trim(), source: item };
}

type Space =
  | { kind: 'domain'; domain: Domain }
  | { kind: 'fixed'; reason: string }
  | { kind: 'refuse'; reason: string };

/** Helpers we understand in `#init`. Calls to anything else are reported as unsupported. */
const INIT_HELPERS = new Set(['range', 'sample', 'randint', 'numbers_within', 'arange', 'np.arange', 'numpy.arange', 'frange', 'list', 'fix_floats', 'shuffle_list', 'sorted', 'set', 'int', 'float', 'round', 'Fraction']);
/** Wrappers that do not change which values can be drawn. */
const TRANSPARENT = new Set(['list', 'fix_floats', 'shuffle_list', 'sorted', 'set', 'tuple']);
/** Python built-ins fine in answers and conditions. */
const BUILTINS = new Set(['int', 'float', 'round', 'abs', 'min', 'max', 'sum', 'len', 'str', 'bool', 'pow', 'divmod', 'list', 'tuple', 'set', 'sorted', 'range', 'any', 'all']);
/** Bare math functions: imported in programs, written `math.x` in constraints (the namespace has `math`). */
const MATH_FUNCS = new Set(['floor', 'ceil', 'sqrt', 'gcd', 'lcm', 'isqrt', 'comb', 'perm', 'prod', 'log', 'exp']);
const CHOICE_LIMIT = 1000;

function callName(e: PyExpr): string | undefined {
  if (e.kind !== 'call') return undefined;
  if (e.fn.kind === 'name') return e.fn.id;
  if (e.fn.kind === 'attr' && e.fn.obj.kind === 'name') return `${e.fn.obj.id}.${e.fn.attr}`;
  return undefined;
}

function constNumber(e: PyExpr | undefined): number | undefined {
  if (e === undefined) return undefined;
  if (e.kind === 'num') return e.value;
  if (e.kind === 'unary' && (e.op === '-' || e.op === '+')) {
    const v = constNumber(e.operand);
    return v === undefined ? undefined : e.op === '-' ? -v : v;
  }
  if (e.kind === 'binop') {
    const a = constNumber(e.left);
    const b = constNumber(e.right);
    if (a === undefined || b === undefined) return undefined;
    switch (e.op) {
      case '+':
        return a + b;
      case '-':
        return a - b;
      case '*':
        return a * b;
      case '/':
        return b === 0 ? undefined : a / b;
      case '//':
        return b === 0 ? undefined : Math.floor(a / b);
      default:
        return undefined;
    }
  }
  return undefined;
}

function decimalsOf(n: number): number {
  const s = String(n);
  if (s.includes('e')) return 10;
  const dot = s.indexOf('.');
  return dot === -1 ? 0 : s.length - dot - 1;
}

function roundTo(n: number, decimals: number): number {
  return Number(n.toFixed(decimals));
}

function isMultiple(a: number, step: number): boolean {
  const q = a / step;
  return Math.abs(q - Math.round(q)) < 1e-9;
}

/** `range(a, b, s)` / `arange(a, b, s)`: values from a by s, stop excluded. */
function steppedSpace(start: number, stop: number, step: number, what: string): Space {
  if (step === 0) return { kind: 'fixed', reason: `${what} has a zero step` };
  const count = Math.ceil((stop - start) / step - 1e-9);
  if (count <= 0) return { kind: 'fixed', reason: `${what} is empty` };
  const decimals = Math.max(decimalsOf(start), decimalsOf(step));
  const last = roundTo(start + (count - 1) * step, decimals);
  const lo = Math.min(start, last);
  const hi = Math.max(start, last);
  const allInt = Number.isInteger(start) && Number.isInteger(step);
  const absStep = Math.abs(step);
  if (allInt && absStep === 1) return { kind: 'domain', domain: { kind: 'int', min: lo, max: hi } };
  // Our numeric domains draw multiples of `step`; a grid offset from zero must be listed.
  if (isMultiple(start, absStep)) {
    if (allInt) return { kind: 'domain', domain: { kind: 'int', min: lo, max: hi, step: absStep } };
    return { kind: 'domain', domain: { kind: 'decimal', min: lo, max: hi, step: absStep } };
  }
  if (count <= CHOICE_LIMIT) {
    const values = Array.from({ length: count }, (_, i) => roundTo(start + i * step, decimals));
    return { kind: 'domain', domain: { kind: 'choice', values } };
  }
  return { kind: 'fixed', reason: `${what} has ${count} values on a grid that does not start at a multiple of its step` };
}

function listValues(e: PyExpr): { values: VariableValue[]; tuples: boolean } | undefined {
  if (e.kind === 'binop' && e.op === '*') {
    // `[...] * 3` repeats the list: same values (the repetition only reweights).
    const inner = listValues(e.left) ?? listValues(e.right);
    return inner;
  }
  if (e.kind !== 'list' && e.kind !== 'tuple') return undefined;
  const values: VariableValue[] = [];
  let tuples = false;
  for (const item of e.items) {
    if (item.kind === 'str') values.push(item.value);
    else if (item.kind === 'tuple' || item.kind === 'list') tuples = true;
    else {
      const n = constNumber(item);
      if (n === undefined) return undefined;
      values.push(n);
    }
  }
  return { values: [...new Set(values)], tuples };
}

/** The set of values a sample is drawn from. */
function spaceOf(e: PyExpr, what: string): Space {
  const fn = callName(e);
  if (e.kind === 'call' && fn !== undefined && TRANSPARENT.has(fn) && e.args.length === 1 && e.args[0] !== undefined) {
    return spaceOf(e.args[0], what);
  }
  if (e.kind === 'call' && fn === 'range') {
    const nums = e.args.map(constNumber);
    if (nums.some((n) => n === undefined || !Number.isInteger(n)) || nums.length < 1 || nums.length > 3) {
      return { kind: 'fixed', reason: `${what}: range bounds depend on other variables or are not integers` };
    }
    const [a, b, s] = nums as number[];
    return nums.length === 1 ? steppedSpace(0, a ?? 0, 1, what) : steppedSpace(a ?? 0, b ?? 0, s ?? 1, what);
  }
  if (e.kind === 'call' && (fn === 'arange' || fn === 'np.arange' || fn === 'numpy.arange' || fn === 'frange')) {
    const nums = e.args.map(constNumber);
    if (nums.some((n) => n === undefined) || nums.length < 1 || nums.length > 3) {
      return { kind: 'fixed', reason: `${what}: ${fn} bounds depend on other variables` };
    }
    const [a, b, s] = nums as number[];
    return nums.length === 1 ? steppedSpace(0, a ?? 0, 1, what) : steppedSpace(a ?? 0, b ?? 0, s ?? 1, what);
  }
  if (e.kind === 'name') return { kind: 'domain', domain: { kind: 'list', list: e.id } };
  const lits = listValues(e);
  if (lits !== undefined) {
    if (lits.tuples) {
      return { kind: 'refuse', reason: `${what} draws (label, value) tuples: the text would show the label while the answer uses the value, which a template cannot express` };
    }
    if (lits.values.length === 0) return { kind: 'fixed', reason: `${what} draws from an empty list` };
    return { kind: 'domain', domain: { kind: 'choice', values: lits.values } };
  }
  if (e.kind === 'binop' && e.op === '+') return { kind: 'fixed', reason: `${what} draws from a combination of lists` };
  if (e.kind === 'subscript') return { kind: 'fixed', reason: `${what} draws from a slice of a list` };
  return { kind: 'fixed', reason: `${what} draws from an expression the importer does not read` };
}

type InitMeaning =
  | { kind: 'space'; space: Space; distinct: boolean }
  | { kind: 'derived'; expr: string }
  | { kind: 'unread'; reason: string };

function meaningOf(line: InitLine, expr: PyExpr, knownVars: ReadonlySet<string>, textVars: ReadonlySet<string>): InitMeaning {
  const what = `#init \`${line.source}\``;
  const fn = callName(expr);
  if (expr.kind === 'call' && fn !== undefined && TRANSPARENT.has(fn) && expr.args.length === 1 && expr.args[0] !== undefined) {
    return meaningOf(line, expr.args[0], knownVars, textVars);
  }
  if (expr.kind === 'call' && fn === 'sample') {
    const space = expr.args[0];
    const k = expr.args.length > 1 ? constNumber(expr.args[1]) : expr.kwargs.find((kw) => kw.name === 'k' || kw.name === 'n') ? constNumber(expr.kwargs.find((kw) => kw.name === 'k' || kw.name === 'n')?.value) : 1;
    if (space === undefined) return { kind: 'unread', reason: `${what}: sample() without a list` };
    if (k !== line.names.length) {
      return { kind: 'unread', reason: `${what}: sample() draws ${k === undefined ? 'an unknown number of' : k} value(s) for ${line.names.length} variable(s)` };
    }
    return { kind: 'space', space: spaceOf(space, what), distinct: line.names.length > 1 };
  }
  if (expr.kind === 'call' && (fn === 'randint' || fn === 'numbers_within')) {
    const a = constNumber(expr.args[0]);
    const b = constNumber(expr.args[1]);
    if (a === undefined || b === undefined || !Number.isInteger(a) || !Number.isInteger(b)) {
      return { kind: 'space', space: { kind: 'fixed', reason: `${what}: ${fn} bounds depend on other variables` }, distinct: false };
    }
    // randint includes both ends; so does numbers_within in the public re-implementation (random.randint).
    return { kind: 'space', space: steppedSpace(a, b + 1, 1, what), distinct: false };
  }
  if (expr.kind === 'call' && (fn === 'range' || fn === 'arange' || fn === 'np.arange' || fn === 'numpy.arange' || fn === 'frange')) {
    // `$x = range(...)` draws one value of the range.
    return { kind: 'space', space: spaceOf(expr, what), distinct: false };
  }
  if (expr.kind === 'list' || (expr.kind === 'binop' && expr.op === '*' && listValues(expr) !== undefined)) {
    return { kind: 'space', space: spaceOf(expr, what), distinct: false };
  }
  if (constNumber(expr) !== undefined || expr.kind === 'str') {
    // A constant that the text does not show is simply inlined where it is used.
    const only = line.names[0];
    if (line.names.length === 1 && only !== undefined && !textVars.has(only)) return { kind: 'derived', expr: line.rhs };
    return { kind: 'space', space: { kind: 'fixed', reason: `${what} is a constant` }, distinct: false };
  }
  const refs = namesUsed(line.rhs).filter((x) => knownVars.has(x));
  if (refs.length > 0 && line.names.length === 1) return { kind: 'derived', expr: line.rhs };
  return { kind: 'unread', reason: `${what} is not a form the importer reads` };
}

// ---------------------------------------------------------------------------------------------
// Expressions: rewriting and helpers
// ---------------------------------------------------------------------------------------------

function safeTokens(expr: string): PyToken[] | undefined {
  try {
    return tokenizePython(expr);
  } catch {
    return undefined;
  }
}

/** Rewrite every GSM-Symbolic `divides(a, b)` (a divisible by b) into an explicit modulo test. */
export function rewriteDivides(expr: string): string {
  const tokens = safeTokens(expr);
  if (tokens === undefined) return expr;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t?.type !== 'name' || t.text !== 'divides' || tokens[i + 1]?.text !== '(' || tokens[i - 1]?.text === '.') continue;
    let depth = 0;
    let comma: PyToken | undefined;
    let close: PyToken | undefined;
    for (let j = i + 1; j < tokens.length; j++) {
      const u = tokens[j];
      if (u?.type !== 'op') continue;
      if (u.text === '(' || u.text === '[' || u.text === '{') depth++;
      else if (u.text === ')' || u.text === ']' || u.text === '}') {
        depth--;
        if (depth === 0) {
          close = u;
          break;
        }
      } else if (u.text === ',' && depth === 1 && comma === undefined) comma = u;
    }
    const open = tokens[i + 1];
    if (comma === undefined || close === undefined || open === undefined) return expr;
    const a = rewriteDivides(expr.slice(open.end, comma.start).trim());
    const b = rewriteDivides(expr.slice(comma.end, close.start).trim().replace(/,$/, '').trim());
    return `${expr.slice(0, t.start)}((${b}) != 0 and (${a}) % (${b}) == 0)${rewriteDivides(expr.slice(close.end))}`;
  }
  return expr;
}

/** Replace whole-name uses of `name` (not attributes, not keyword names) by `(replacement)`. */
function substituteName(expr: string, name: string, replacement: string): string {
  const tokens = safeTokens(expr);
  if (tokens === undefined) return expr;
  let out = expr;
  for (let i = tokens.length - 1; i >= 0; i--) {
    const t = tokens[i];
    if (t?.type !== 'name' || t.text !== name || tokens[i - 1]?.text === '.') continue;
    if (tokens[i + 1]?.text === '=' && (tokens[i - 1]?.text === '(' || tokens[i - 1]?.text === ',')) continue;
    out = `${out.slice(0, t.start)}(${replacement})${out.slice(t.end)}`;
  }
  return out;
}

/** Bare math functions become `math.x`, for the constraint namespace. */
function qualifyMath(expr: string): string {
  const tokens = safeTokens(expr);
  if (tokens === undefined) return expr;
  let out = expr;
  for (let i = tokens.length - 1; i >= 0; i--) {
    const t = tokens[i];
    if (t?.type === 'name' && MATH_FUNCS.has(t.text) && t.text !== 'gcd' && tokens[i + 1]?.text === '(' && tokens[i - 1]?.text !== '.') {
      out = `${out.slice(0, t.start)}math.${t.text}${out.slice(t.end)}`;
    }
  }
  return out;
}

function safeCalled(expr: string): string[] {
  try {
    return calledFunctions(expr);
  } catch {
    return [];
  }
}

function unsupportedIn(expr: string, extraOk: ReadonlySet<string>): string[] {
  return safeCalled(expr).filter((f) => !BUILTINS.has(f) && !MATH_FUNCS.has(f) && !extraOk.has(f) && !f.startsWith('math.'));
}

const EXPR_HELPERS = new Set(['is_int', 'divides', 'Fraction']);

function usesName(expr: string, name: string): boolean {
  try {
    return namesUsed(expr).includes(name);
  } catch {
    return expr.includes(name);
  }
}

// ---------------------------------------------------------------------------------------------
// The mapping
// ---------------------------------------------------------------------------------------------

/** The number after the last `####` of a GSM8K-style answer. */
function finalAnswer(answer: unknown): number | string | undefined {
  if (typeof answer !== 'string') return undefined;
  const idx = answer.lastIndexOf('####');
  if (idx === -1) return undefined;
  const tail = answer.slice(idx + 4).trim();
  if (tail === '') return undefined;
  return parseNumericString(tail) ?? tail;
}

function variantOf(fileName: string): string {
  const m = /(?:^|[/\\_.-])(p1|p2)(?:[/\\_.-]|$)/i.exec(fileName);
  return m?.[1]?.toLowerCase() ?? 'symbolic';
}

function templateId(obj: Record<string, unknown>, ctx: GsmSymbolicContext): string {
  const variant = variantOf(ctx.fileName);
  const own = obj.id_shuffled ?? obj.id;
  if (typeof own === 'number' || (typeof own === 'string' && own.trim() !== '')) {
    const s = String(own).trim();
    const num = /^\d+$/.test(s) ? s.padStart(4, '0') : idSegment(s);
    return `gsm-symbolic.${variant}.${num}`;
  }
  return `gsm-symbolic.${variant}.${idSegment(ctx.fileName)}.${ctx.index}`;
}

function isNumericDomain(d: Domain | undefined): boolean {
  if (d === undefined) return false;
  if (d.kind === 'choice') return d.values.every((v) => typeof v === 'number');
  return d.kind === 'int' || d.kind === 'decimal' || d.kind === 'money' || d.kind === 'percent' || d.kind === 'year';
}

const IS_INT_HELPER = [
  'def is_int(x):',
  '    # GSM-Symbolic helper: true for whole numbers (ints, and floats or Fractions equal to one)',
  '    return abs(x - round(x)) < 1e-9',
  '',
].join('\n');

/** Parse one GSM-Symbolic template object into a native template. */
export function parseGsmSymbolic(obj: unknown, ctx: GsmSymbolicContext): GsmSymbolicResult {
  if (!isRecord(obj)) return mapFailure('(record)', `expected a JSON object, found ${describeValue(obj)}`);
  const qa = obj.question_annotated;
  if (typeof qa !== 'string' || qa.trim() === '') {
    return mapFailure('question_annotated', `expected the annotated question (text, #init, #conditions, #answer) as a string, found ${describeValue(qa)}`);
  }
  const parts = splitAnnotated(qa);
  if (parts.answer === undefined) return mapFailure('question_annotated', 'no `#answer:` section: the answer expression is required');
  const notes: string[] = [];
  const unsupported = new Set<string>();
  const ph = readPlaceholders(parts.text);
  notes.push(...ph.notes);
  if (ph.order.length === 0) notes.push('the text has no {name,default} placeholders');

  // #init, in order.
  const initLines: InitLine[] = [];
  for (const item of parts.init) {
    const line = parseInitLine(item);
    if (line === undefined) {
      notes.push(`#init \`${item}\` is not an assignment; ignored`);
      continue;
    }
    initLines.push(line);
  }
  const knownVars = new Set<string>([...ph.order, ...initLines.flatMap((l) => l.names)]);

  const domains: Record<string, Domain> = {};
  const numericVars = new Set<string>();
  const derived = new Map<string, string>();
  const distinct: string[][] = [];
  const initOnly: string[] = [];
  for (const line of initLines) {
    for (const f of safeCalled(line.rhs)) if (!INIT_HELPERS.has(f)) unsupported.add(f);
    if (line.numeric) for (const n of line.names) numericVars.add(n);
    for (const n of line.names) if (!ph.defaults.has(n) && !initOnly.includes(n)) initOnly.push(n);
    let expr: PyExpr;
    try {
      expr = parsePythonExpr(line.rhs);
    } catch (e) {
      const msg = e instanceof PySyntaxError ? e.message : String(e);
      notes.push(`#init \`${line.source}\` could not be read (${msg}); ${line.names.join(', ')} kept at the original value`);
      continue;
    }
    const meaning = meaningOf(line, expr, knownVars, new Set(ph.order));
    if (meaning.kind === 'derived') {
      const name = line.names[0] ?? '';
      if (ph.defaults.has(name)) {
        return withHelpers(
          mapFailure('question_annotated', `#init \`${line.source}\`: {${name}} is computed from other variables, which a template's text cannot show`),
          unsupported,
        );
      }
      derived.set(name, meaning.expr);
      continue;
    }
    if (meaning.kind === 'unread') {
      notes.push(`${meaning.reason}; ${line.names.join(', ')} kept at the original value`);
      continue;
    }
    const space = meaning.space;
    if (space.kind === 'refuse') return withHelpers(mapFailure('question_annotated', space.reason), unsupported);
    if (space.kind === 'fixed') {
      notes.push(`${space.reason}; ${line.names.join(', ')} kept at the original value`);
      continue;
    }
    const domain = space.domain;
    if (line.numeric && domain.kind === 'list') {
      // Word lists hold words; a `$` variable is a number, so a list of unknown numbers cannot be drawn.
      notes.push(`numeric ${line.names.join(', ')} drawn from the list \`${domain.list}\` (not a word list) kept at the original value`);
      continue;
    }
    for (const n of line.names) domains[n] = domain;
    if (meaning.distinct) distinct.push(line.names);
  }

  // Original values.
  const originalAnswer = finalAnswer(obj.answer);
  const variables: Record<string, VariableValue> = {};
  const order = [...ph.order, ...initOnly.filter((n) => !derived.has(n))];
  for (const name of order) {
    const raw = ph.defaults.get(name);
    const domain = domains[name];
    if (raw === undefined) {
      // Drawn in #init but never written in the text: its original value is known only when it is the answer.
      if (parts.answer.trim() === name && typeof originalAnswer === 'number') {
        variables[name] = originalAnswer;
        notes.push(`${name} is not in the text; its original value is the original answer ${originalAnswer}`);
        continue;
      }
      const why = ph.withoutDefault.has(name) ? `{${name}} is written without a default value` : `#init draws ${name}, which the text never shows`;
      return withHelpers(mapFailure('question_annotated', `${why}, so its original value is unknown`), unsupported);
    }
    const wantsNumber = numericVars.has(name) || isNumericDomain(domain);
    const asNumber = parseNumericString(raw);
    const isWordList = domain?.kind === 'list' || (domain?.kind === 'choice' && domain.values.some((v) => typeof v === 'string'));
    if (asNumber !== undefined && !isWordList) {
      variables[name] = asNumber;
    } else if (wantsNumber) {
      const fromWords = parseNumberWords(raw);
      if (fromWords !== undefined) {
        variables[name] = fromWords;
        notes.push(`{${name},${raw}}: the word "${raw}" is read as ${fromWords}; new instances print digits`);
      } else {
        variables[name] = raw;
        notes.push(`{${name},${raw}} is a number in #init but its default is not; kept as text`);
      }
    } else {
      variables[name] = raw;
    }
    // Placeholders with no (readable) #init line never change: GSM-Symbolic prints their default.
    if (domain === undefined) domains[name] = { kind: 'fixed' };
  }

  // Derived variables not shown in the text are inlined where they are used.
  const inline = (expr: string): string => {
    let out = expr;
    for (let pass = 0; pass < derived.size + 1; pass++) {
      let changed = false;
      for (const [name, value] of derived) {
        if (usesName(out, name)) {
          out = substituteName(out, name, value);
          changed = true;
        }
      }
      if (!changed) break;
    }
    return out;
  };

  const answerExpr = rewriteDivides(inline(parts.answer));
  for (const f of unsupportedIn(answerExpr, EXPR_HELPERS)) unsupported.add(f);
  const constraints: string[] = [];
  for (const cond of parts.conditions) {
    const c = qualifyMath(rewriteDivides(inline(cond)));
    for (const f of unsupportedIn(c, EXPR_HELPERS)) unsupported.add(f);
    constraints.push(c);
  }
  for (const group of distinct) {
    constraints.push(group.length === 2 ? `${group[0] ?? ''} != ${group[1] ?? ''}` : `len({${group.join(', ')}}) == ${group.length}`);
  }

  // The program.
  const prelude: string[] = [];
  const called = safeCalled(answerExpr);
  if (usesName(answerExpr, 'Fraction')) prelude.push('from fractions import Fraction');
  if (usesName(answerExpr, 'math')) prelude.push('import math');
  const bareMath = called.filter((f) => MATH_FUNCS.has(f));
  if (bareMath.length > 0) prelude.push(`from math import ${bareMath.join(', ')}`);
  if (prelude.length > 0) prelude.push('', '');
  if (called.includes('is_int')) prelude.push(IS_INT_HELPER, '');
  const program = [
    ...prelude,
    `def solution(${order.join(', ')}):`,
    `    """${escapeDocstring(ph.generic)}"""`,
    '    # GSM-Symbolic answer expression',
    `    return ${answerExpr}`,
    '',
  ].join('\n');

  const meta: Record<string, unknown> = { gsm_symbolic: obj, gsm_symbolic_file: ctx.fileName };
  const template: Template = {
    id: templateId(obj, ctx),
    source: 'gsm-symbolic',
    generic_problem: ph.generic,
    placeholder_style: 'braces',
    program,
    entry: 'solution',
    variables,
    meta,
  };
  // `question`/`answer` are the GSM8K original. P1/P2 templates add clauses to it, and then `#### n` is
  // not the answer at the template's defaults: keep it only when both state the same numbers.
  const rendered = renderDefaults(parts.text, ph.defaults);
  const question = typeof obj.question === 'string' ? obj.question : undefined;
  const sameQuestion = question === undefined || sameNumbers(question, rendered);
  template.original_problem = sameQuestion && question !== undefined ? question : rendered;
  if (originalAnswer !== undefined) {
    if (sameQuestion) template.original_answer = originalAnswer;
    else notes.push(`the template changes the original question (its numbers differ), so the original answer ${String(originalAnswer)} is not its answer at the defaults; left out`);
  }
  if (Object.keys(domains).length > 0) template.domains = domains;
  if (constraints.length > 0) template.constraints = constraints;
  if (unsupported.size > 0) notes.push(`helpers the importer does not provide: ${[...unsupported].join(', ')}`);
  return withHelpers(validatedTemplate(template, notes), unsupported);
}

/** The text as GSM-Symbolic prints it with every default. */
function renderDefaults(text: string, defaults: ReadonlyMap<string, string>): string {
  return text.replace(PLACEHOLDER_RE, (whole, inner: string) => {
    const named = /^\s*\$?([A-Za-z_]\w*)\s*(?:,.*)?$/s.exec(inner);
    const value = named?.[1] === undefined ? undefined : defaults.get(named[1]);
    return value ?? whole;
  });
}

/** True when two texts mention the same numbers in the same order (`Twenty` and `20` are the same). */
function sameNumbers(a: string, b: string): boolean {
  const x = findNumbers(a).map((m) => m.value);
  const y = findNumbers(b).map((m) => m.value);
  return x.length === y.length && x.every((v, i) => Math.abs(v - (y[i] ?? Number.NaN)) <= 1e-9 * Math.max(1, Math.abs(v)));
}

function withHelpers(result: MapResult, unsupported: ReadonlySet<string>): GsmSymbolicResult {
  return unsupported.size > 0 ? { ...result, unsupportedHelpers: [...unsupported] } : result;
}

// ---------------------------------------------------------------------------------------------
// Input files
// ---------------------------------------------------------------------------------------------

export interface GsmSymbolicSplit {
  /** The objects found, with the line each starts on (1 for a single JSON document). */
  records: { index: number; line: number; value: unknown }[];
  /** Lines (of a JSONL) that are not JSON. */
  errors: { line: number; message: string }[];
}

/**
 * The template objects in one file's text: a single JSON object (one template per `.json` file, as in
 * Apple's folders), a JSON array of objects, or JSONL (one object per line).
 */
export function splitGsmSymbolicInput(text: string): GsmSymbolicSplit {
  const body = text.replace(/^\uFEFF/, '');
  const trimmed = body.trim();
  const out: GsmSymbolicSplit = { records: [], errors: [] };
  if (trimmed === '') return out;
  try {
    const whole = JSON.parse(trimmed) as unknown;
    if (Array.isArray(whole)) {
      whole.forEach((value: unknown, index) => out.records.push({ index, line: 1, value }));
      return out;
    }
    out.records.push({ index: 0, line: 1, value: whole });
    return out;
  } catch {
    // Not one JSON document: read it as JSONL.
  }
  const lines = body.split(/\r?\n/);
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    try {
      out.records.push({ index: out.records.length, line: i + 1, value: JSON.parse(line) as unknown });
    } catch (e) {
      out.errors.push({ line: i + 1, message: `not JSON: ${e instanceof Error ? e.message : String(e)}` });
    }
  });
  return out;
}
