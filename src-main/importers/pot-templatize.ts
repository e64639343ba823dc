/**
 * Auto-templatizing program-of-thought records (PAL's gsm-hard shape: `input` question, `code` with a
 * `def solution():` that assigns the problem's numbers to named variables, `target`), i.e. InfinityMATH's
 * "decouple the numbers" step done by matching instead of by a model.
 *
 * A body-level assignment `name = <numeric literal>` is lifted into a parameter when its value is
 * written exactly once in the question (as digits, `$3.50`, `1,000`, `50%`, or words like `three`,
 * `twice`, `a dozen`) and nothing else could claim that mention. That mention becomes `{name}`. Every
 * doubt keeps the number fixed, with the reason: a wrong mapping would make every new instance wrong
 * while the original values still check out, so the sandbox could not catch it.
 *
 * Safety rules (each is a `fixed` reason):
 * - the value is not in the question (an implicit constant such as 60 minutes, or a text/program mismatch);
 * - the value is written more than once in the question (which mention is the variable's?);
 * - two variables share the value, or two variables claim the same mention (`20` and `0.2` vs "20%");
 * - the value also appears as a literal elsewhere in the program (`* 2` could be the mentioned 2);
 * - the mention is a form that cannot take another number (`half`, `3rd`, `one`, `once`, a `double` that is
 *   not a multiplier).
 */
import type { Template } from '../template/template.types.js';
import { findNumbers } from './number-words.js';
import type { NumberMention } from './number-words.js';
import { findFunction, isPythonIdentifier, PySyntaxError } from './python-source.js';
import type { PyFunction, PyStatement, PyToken } from './python-source.js';
import { describeValue, idSegment, isRecord, validatedTemplate } from './import-types.js';

export interface PotLifted {
  /** The program's variable. */
  name: string;
  /** The parameter that now carries it (`name`, or `name_percent` when the text writes it as a percent). */
  param: string;
  value: number;
  /** The text that became the placeholder (`$3.50`, `three`, `20%`). */
  mention: string;
}

export type PotFixedCategory = 'absent' | 'ambiguous' | 'unsupported';

export interface PotFixed {
  name: string;
  value: number;
  reason: string;
  /** `absent`: not in the question (fine for implicit constants); the other two cost variation. */
  category: PotFixedCategory;
}

export interface PotResult {
  status: 'templatized' | 'partial' | 'refused';
  /** Present unless refused. */
  template?: Template;
  lifted: PotLifted[];
  fixed: PotFixed[];
  /** Why the record was refused. */
  reason?: string;
  /**
   * Numbers of the question that the program never uses. Digits here make the status `partial` at best:
   * the question and program disagree, or the program hard-codes something derived from them.
   */
  unusedMentions?: string[];
  /** The record's program exactly as written: run it without arguments to get the answer to reproduce. */
  originalProgram?: string;
  notes: string[];
}

export interface PotContext {
  lineNo: number;
  fileId: string;
}

const QUESTION_KEYS = ['input', 'question', 'problem', 'original_question'] as const;
const CODE_KEYS = ['code', 'program', 'solution', 'python_code'] as const;
const TARGET_KEYS = ['target', 'answer', 'gt', 'ori_answer'] as const;

/** Words after `double`/`triple` that make it a multiplier ("double the price"), not an adjective. */
const MULTIPLIER_FOLLOWERS = new Set(['the', 'that', 'what', 'as', 'his', 'her', 'their', 'its', 'this', 'my', 'your', 'our', 'of']);

interface Candidate {
  name: string;
  value: number;
  stmt: PyStatement;
  /** `5.0`, `1e3`: a float with a whole value, which becomes an int when it travels as a variable. */
  integralFloat: boolean;
  raw: string;
}

function pick(record: Record<string, unknown>, keys: readonly string[]): { key: string; value: unknown } | undefined {
  for (const key of keys) {
    if (record[key] !== undefined && record[key] !== null) return { key, value: record[key] };
  }
  return undefined;
}

function refused(reason: string, notes: string[] = [], originalProgram?: string): PotResult {
  const r: PotResult = { status: 'refused', lifted: [], fixed: [], reason, notes };
  if (originalProgram !== undefined) r.originalProgram = originalProgram;
  return r;
}

/** `16`, `-3`, `1_000`, `2.5`, `1/6`, `(3 / 4)`: the value, or undefined for anything else. */
function numericLiteral(tokens: readonly PyToken[]): { value: number; integralFloat: boolean } | undefined {
  let ts = tokens;
  while (ts.length >= 2 && ts[0]?.text === '(' && ts[ts.length - 1]?.text === ')') ts = ts.slice(1, -1);
  let sign = 1;
  let i = 0;
  if (ts[0]?.type === 'op' && (ts[0].text === '-' || ts[0].text === '+')) {
    sign = ts[0].text === '-' ? -1 : 1;
    i = 1;
  }
  const a = ts[i];
  if (a?.type !== 'number' || typeof a.value !== 'number' || !Number.isFinite(a.value)) return undefined;
  if (ts.length === i + 1) {
    const isFloat = /[.eE]/.test(a.text) && !/^0[xX]/.test(a.text);
    return { value: sign * a.value, integralFloat: isFloat && Number.isInteger(a.value) };
  }
  const slash = ts[i + 1];
  const b = ts[i + 2];
  if (ts.length === i + 3 && slash?.text === '/' && b?.type === 'number' && typeof b.value === 'number' && b.value !== 0 && Number.isFinite(b.value)) {
    // Python's `/` is true division, like JavaScript's.
    const value = (sign * a.value) / b.value;
    return { value, integralFloat: Number.isInteger(value) };
  }
  return undefined;
}

function sameNumber(a: number, b: number): boolean {
  return a === b || Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

type MatchKind = 'direct' | 'percent-scaled';

function matchKind(m: NumberMention, value: number): MatchKind | undefined {
  if (sameNumber(m.value, value)) return 'direct';
  if (m.percent && sameNumber(m.value / 100, value)) return 'percent-scaled';
  return undefined;
}

function formatValue(v: number): string {
  return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(12)));
}

/** Why a mention cannot become a placeholder, or undefined when it can. */
function unliftableReason(question: string, m: NumberMention): string | undefined {
  if (m.ordinal) return `written as the ordinal ${JSON.stringify(m.text)}`;
  if (m.kind === 'fraction-words') return `written as ${JSON.stringify(m.text)}, which cannot hold another number`;
  const lower = m.text.toLowerCase();
  if (m.kind === 'words' && lower === 'one') return 'written as "one", which is often not a quantity';
  if (m.kind === 'multiplier') {
    if (lower === 'once') return 'written as "once"';
    if (lower === 'double' || lower === 'triple' || lower === 'quadruple') {
      const next = /^\s+([A-Za-z]+)/.exec(question.slice(m.end))?.[1]?.toLowerCase();
      if (next === undefined || !MULTIPLIER_FOLLOWERS.has(next)) return `written as ${JSON.stringify(m.text)}, not used as a multiplier`;
    }
  }
  return undefined;
}

function freshName(base: string, taken: Set<string>): string {
  let name = base;
  for (let i = 2; taken.has(name); i++) name = `${base}${i}`;
  taken.add(name);
  return name;
}

function collectCandidates(fn: PyFunction): Candidate[] {
  const out: Candidate[] = [];
  for (const stmt of fn.statements) {
    const [target, eq, ...rhs] = stmt.tokens;
    if (target?.type !== 'name' || eq?.type !== 'op' || eq.text !== '=' || !isPythonIdentifier(target.text)) continue;
    const lit = numericLiteral(rhs);
    if (lit === undefined) continue;
    out.push({ name: target.text, value: lit.value, stmt, integralFloat: lit.integralFloat, raw: rhs.map((t) => t.text).join(' ') });
  }
  return out;
}

/** Number literals of the body outside the candidate assignments (and outside strings and comments). */
function otherLiterals(fn: PyFunction, candidates: readonly Candidate[]): number[] {
  const skip = new Set(candidates.map((c) => c.stmt));
  const out: number[] = [];
  for (const stmt of fn.allStatements) {
    if (skip.has(stmt)) continue;
    for (const t of stmt.tokens) if (t.type === 'number' && typeof t.value === 'number') out.push(t.value);
  }
  return out;
}

/** Turn one program-of-thought record into a template whose numbers are parameters. */
export function templatizePot(record: unknown, ctx: PotContext): PotResult {
  if (!isRecord(record)) return refused(`the record must be a JSON object, found ${describeValue(record)}`);
  const q = pick(record, QUESTION_KEYS);
  if (q === undefined || typeof q.value !== 'string' || q.value.trim() === '') {
    return refused(`no question: expected a non-empty string in one of ${QUESTION_KEYS.join('|')}, found ${describeValue(q?.value)}`);
  }
  const c = pick(record, CODE_KEYS);
  const codeValue = c?.value;
  const code = typeof codeValue === 'string' ? codeValue : Array.isArray(codeValue) && codeValue.every((l) => typeof l === 'string') ? codeValue.join('\n') : undefined;
  if (c === undefined || code === undefined) {
    return refused(`no program: expected a string (or list of lines) in one of ${CODE_KEYS.join('|')}, found ${describeValue(codeValue)}`);
  }
  const question = q.value;
  const t = pick(record, TARGET_KEYS);
  const target = t?.value;

  let fn: PyFunction | undefined;
  try {
    fn = findFunction(code, 'solution');
  } catch (e) {
    const msg = e instanceof PySyntaxError ? e.message : String(e);
    return refused(`the program could not be read: ${msg}`, [], code);
  }
  if (fn === undefined) return refused('no `def solution():` with an indented body was found in the program', [], code);
  if (fn.params.length > 0) return refused(`solution() already takes parameters (${fn.params.join(', ')})`, [], code);

  const candidates = collectCandidates(fn);
  if (candidates.length === 0) return refused('no numeric assignments (`name = <number>`) found in the body of solution()', [], code);

  const notes: string[] = [];
  const fixed: PotFixed[] = [];
  const literals = otherLiterals(fn, candidates);
  const mentions = findNumbers(question);

  const nameCount = new Map<string, number>();
  for (const cand of candidates) nameCount.set(cand.name, (nameCount.get(cand.name) ?? 0) + 1);

  interface Plan {
    cand: Candidate;
    mention: NumberMention;
    kind: MatchKind;
  }
  const plans: Plan[] = [];
  for (const cand of candidates) {
    const fix = (reason: string, category: PotFixedCategory): void => {
      fixed.push({ name: cand.name, value: cand.value, reason, category });
    };
    const v = formatValue(cand.value);
    if ((nameCount.get(cand.name) ?? 0) > 1) {
      fix(`ambiguous: ${cand.name} is assigned a number more than once`, 'ambiguous');
      continue;
    }
    const matches = mentions.filter((m) => matchKind(m, cand.value) !== undefined);
    const twins = candidates.filter((o) => o !== cand && o.name !== cand.name && sameNumber(o.value, cand.value)).map((o) => o.name);
    if (matches.length === 0) {
      fix(`value ${v} not found in the question`, 'absent');
      continue;
    }
    if (twins.length > 0) {
      fix(`ambiguous: ${cand.name} and ${twins.join(', ')} share the value ${v}`, 'ambiguous');
      continue;
    }
    if (matches.length > 1) {
      fix(`ambiguous: ${v} appears ${matches.length} times in the question (${matches.map((m) => JSON.stringify(m.text)).join(', ')})`, 'ambiguous');
      continue;
    }
    if (literals.some((l) => sameNumber(l, cand.value))) {
      fix(`ambiguous: ${v} also appears as a literal elsewhere in the program`, 'ambiguous');
      continue;
    }
    const mention = matches[0];
    if (mention === undefined) continue;
    const why = unliftableReason(question, mention);
    if (why !== undefined) {
      fix(`value ${v} is ${why}`, 'unsupported');
      continue;
    }
    plans.push({ cand, mention, kind: matchKind(mention, cand.value) ?? 'direct' });
  }

  // Two variables may still claim one mention (20 and 0.2 both match "20%"): then neither is safe.
  const byMention = new Map<number, Plan[]>();
  for (const p of plans) byMention.set(p.mention.start, [...(byMention.get(p.mention.start) ?? []), p]);
  const accepted = plans.filter((p) => {
    const claim = byMention.get(p.mention.start) ?? [];
    if (claim.length === 1) return true;
    fixed.push({
      name: p.cand.name,
      value: p.cand.value,
      reason: `ambiguous: ${claim.map((x) => x.cand.name).join(' and ')} all match ${JSON.stringify(p.mention.text)}`,
      category: 'ambiguous',
    });
    return false;
  });

  // A number of the question that no assignment or literal of the program carries means the program and
  // the question disagree (gsm-hard blew a number up in one and not the other), or the program hard-codes
  // a value derived from it (`cost = 2` for "5 packs cost $10"): lifting the rest would then be unsound
  // in a way the sandbox cannot see at the original values, so it is reported and caps the status.
  const unused = mentions.filter((m) => {
    if (m.ordinal || m.text.toLowerCase() === 'one') return false;
    const values = [...candidates.map((cand) => cand.value), ...literals];
    const inverse = m.kind === 'fraction-words' && m.value !== 0 ? 1 / m.value : undefined;
    return !values.some((v) => matchKind(m, v) !== undefined || (inverse !== undefined && sameNumber(inverse, v)));
  });
  const unusedDigits = unused.filter((m) => m.kind === 'digits' || m.kind === 'fraction' || m.kind === 'mixed');
  if (unused.length > 0) {
    notes.push(`numbers in the question that the program never uses: ${unused.map((m) => JSON.stringify(m.text)).join(', ')}`);
  }

  if (accepted.length === 0) {
    const first = fixed.slice(0, 3).map((f) => `${f.name}: ${f.reason}`).join('; ');
    const r = refused(`every number was kept fixed (${first}${fixed.length > 3 ? '; …' : ''})`, notes, code);
    r.fixed = fixed;
    return r;
  }

  // Parameter names: the variable itself, or `<name>_percent` when the text writes it as a percent.
  const taken = new Set<string>();
  for (const stmt of fn.allStatements) for (const tok of stmt.tokens) if (tok.type === 'name') taken.add(tok.text);
  const lifted: PotLifted[] = [];
  const liftedByStmt = new Map<PyStatement, { plan: Plan; param: string }>();
  for (const p of [...accepted].sort((a, b) => a.cand.stmt.lineStart - b.cand.stmt.lineStart)) {
    const param = p.kind === 'percent-scaled' ? freshName(`${p.cand.name}_percent`, taken) : p.cand.name;
    lifted.push({ name: p.cand.name, param, value: p.kind === 'percent-scaled' ? p.mention.value : p.cand.value, mention: p.mention.text });
    liftedByStmt.set(p.cand.stmt, { plan: p, param });
    if (p.kind === 'percent-scaled') {
      notes.push(`${p.cand.name} = ${p.cand.raw} is written ${JSON.stringify(p.mention.text)}: the parameter ${param} holds the percent and the program divides by 100`);
    }
    if (p.cand.integralFloat && p.kind === 'direct') {
      notes.push(`${p.cand.name} = ${p.cand.raw} is a float with a whole value; the program converts the parameter back with float()`);
    }
  }

  // The generic problem: each accepted mention's numeral becomes its placeholder.
  const edits = accepted
    .map((p) => {
      const param = liftedByStmt.get(p.cand.stmt)?.param ?? p.cand.name;
      const m = p.mention;
      if (m.kind === 'multiplier') return { start: m.start, end: m.end, text: `{${param}} times` };
      return { start: m.numeralStart, end: m.numeralEnd, text: `{${param}}` };
    })
    .sort((a, b) => b.start - a.start);
  let generic = question;
  for (const e of edits) generic = generic.slice(0, e.start) + e.text + generic.slice(e.end);

  // The program: parameters in the header, lifted assignments removed (or converted), the rest unchanged.
  const progEdits: { start: number; end: number; text: string }[] = [];
  progEdits.push({ start: fn.paramsStart, end: fn.paramsEnd, text: lifted.map((l) => l.param).join(', ') });
  for (const [stmt, { plan, param }] of liftedByStmt) {
    const keepComment = stmt.comment ? `${stmt.indent}${stmt.comment.text}\n` : '';
    let replacement = '';
    if (plan.kind === 'percent-scaled') replacement = `${stmt.indent}${plan.cand.name} = ${param} / 100\n`;
    else if (plan.cand.integralFloat) replacement = `${stmt.indent}${plan.cand.name} = float(${plan.cand.name})\n`;
    progEdits.push({ start: stmt.lineStart, end: stmt.lineEnd, text: keepComment + replacement });
  }
  progEdits.sort((a, b) => b.start - a.start);
  let program = code;
  for (const e of progEdits) program = program.slice(0, e.start) + e.text + program.slice(e.end);
  program = `${program.replace(/^(?:[ \t]*\r?\n)+/, '').replace(/\s+$/, '')}\n`;

  const variables: Record<string, number> = {};
  for (const l of lifted) variables[l.param] = l.value;

  const meta: Record<string, unknown> = { pot: { code, question_key: q.key, code_key: c.key, ...(t ? { target_key: t.key } : {}) } };
  const extra = Object.fromEntries(Object.entries(record).filter(([k]) => k !== q.key && k !== c.key && k !== t?.key));
  if (Object.keys(extra).length > 0) meta.extra = extra;

  const template: Template = {
    id: `pot.${idSegment(ctx.fileId)}.${ctx.lineNo}`,
    source: 'pot',
    original_problem: question,
    generic_problem: generic,
    placeholder_style: 'braces',
    program,
    entry: 'solution',
    variables,
    meta,
  };
  if (typeof target === 'number' || typeof target === 'string' || typeof target === 'boolean' || target === null) {
    template.original_answer = target;
  } else if (target !== undefined) {
    notes.push(`the target is ${describeValue(target)}; kept under meta.extra only`);
  }

  const checked = validatedTemplate(template, notes);
  if (!checked.ok) {
    const r = refused(`the template could not be built: ${checked.field}: ${checked.message}`, notes, code);
    r.fixed = fixed;
    return r;
  }
  const costly = fixed.some((f) => f.category !== 'absent') || unusedDigits.length > 0;
  return {
    status: costly ? 'partial' : 'templatized',
    template: checked.template,
    lifted,
    fixed,
    unusedMentions: unused.map((m) => m.text),
    originalProgram: code,
    notes,
  };
}
