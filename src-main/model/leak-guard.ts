/**
 * The answer-leak guard: a tutor must guide, not tell. Given the problem's final answer, find it in a
 * model's reply in any common form (see number-tokens.ts: digits, separators, decimals, fractions,
 * percents both ways, money, number words, LaTeX, hex and Roman numerals; reply-arithmetic.ts:
 * `40 + 2`) and mask it as "▮▮". The reply is read in plain form first (normalize-reply.ts: Unicode
 * digits, zero-width characters, TeX spacing and font macros, `\tfrac34`, `¾`), and what is masked
 * is the reply's own text. Numbers the problem itself states are never masked (the model may repeat
 * the givens), and intermediate values are not the answer. Pure: no I/O; the streaming form holds
 * back a short tail so that a number split across two chunks ("twen" + "ty-four", "1" + "2.50",
 * "40 +" + " 2") is still caught before any of it is shown.
 */
import { findMathRegions } from '../template/math-regions.std.js';
import type { AnswerFormat, PyValue } from '../template/template.types.js';
import { balanceBraces, normalizeReply, sourceSpan, type NormalizedReply } from './normalize-reply.js';
import { numberTokens, type NumberToken, type Reading } from './number-tokens.js';
import { arithmeticChains } from './reply-arithmetic.js';

export const MASK = '▮▮';

/** What to hide: a number (a percent answer as its number of percent, as programs return it) or a text answer. */
export type LeakTarget = { kind: 'number'; value: number; percent: boolean } | { kind: 'text'; text: string };

/** The target for an instance's answer, or null when there is nothing sensible to look for (lists, booleans). */
export function leakTarget(answer: PyValue, format: AnswerFormat): LeakTarget | null {
  const percent = format === 'percent';
  switch (answer.t) {
    case 'int':
      return { kind: 'number', value: Number(answer.v), percent };
    case 'float':
      return typeof answer.v === 'number' ? { kind: 'number', value: answer.v, percent } : null;
    case 'fraction':
      return { kind: 'number', value: Number(answer.n) / Number(answer.d), percent };
    case 'str': {
      const s = answer.v.trim();
      const tokens = numberTokens(s);
      const only = tokens[0];
      // "12.50" or "3/4" given as a string is still a number.
      if (tokens.length === 1 && only && only.raw.length >= s.replace(/\s+/g, ' ').length - 1) {
        return { kind: 'number', value: only.written.value, percent: percent || only.alternatives.length > 0 };
      }
      return s.length >= 3 ? { kind: 'text', text: s } : null;
    }
    default:
      return null;
  }
}

function close(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

/** Does this reading name `x`: equal, or `x` rounded to the decimals the reading was written with. */
function names(r: Reading, x: number): boolean {
  const v = Math.abs(r.value);
  const a = Math.abs(x);
  if (close(v, a)) return true;
  if (r.decimals === null || r.decimals < 1 || r.decimals > 12) return false;
  const f = 10 ** r.decimals;
  return close(v, Math.round(a * f) / f);
}

function readings(t: NumberToken): Reading[] {
  return [t.written, ...t.alternatives];
}

export interface Span {
  start: number;
  end: number;
}

/** Spans of `text` (normalized) mapped back to the reply, widened to whole TeX groups, merged when they overlap. */
function toSource(reply: string, n: NormalizedReply, spans: readonly Span[]): Span[] {
  const mapped = spans.map((s) => {
    const src = sourceSpan(n, s.start, s.end);
    return balanceBraces(reply, src.start, src.end);
  });
  mapped.sort((x, y) => x.start - y.start || y.end - x.end);
  const out: Span[] = [];
  for (const s of mapped) {
    const last = out[out.length - 1];
    if (last && s.start < last.end) last.end = Math.max(last.end, s.end);
    else if (s.end > s.start) out.push({ ...s });
  }
  return out;
}

/** What may follow the first part of money said in two parts, before the second arrives. */
const MONEY_GOES_ON = /^\s+(?:(?:dollars?|bucks)(?:\s+and)?|and)\s*$/i;

/** Longest a `$` may wait for its closing `$` before the streaming guard treats it as a dollar sign. */
const OPEN_MATH_WAIT = 200;

/** Finds the answer in text; constructed once per problem. */
export class LeakFinder {
  private readonly answers: number[];
  /** Values the problem text states (as written), which are never masked. */
  private readonly given: number[];
  /** Arithmetic the problem text itself writes out (`40+2`): repeating it is not a leak. */
  private readonly givenChains: ReadonlySet<string>;
  private readonly givenText: string;

  constructor(
    readonly target: LeakTarget | null,
    problemText = '',
  ) {
    this.answers = target?.kind === 'number' ? (target.percent ? [target.value, target.value / 100] : [target.value]) : [];
    const problem = normalizeReply(problemText).text;
    const tokens = numberTokens(problem);
    this.given = tokens.map((t) => t.written.value);
    this.givenChains = new Set(arithmeticChains(problem, tokens).map((c) => c.key));
    this.givenText = problem.toLowerCase();
  }

  /** Every span of `text` that states the answer, in order. */
  leaks(text: string): Span[] {
    const t = this.target;
    if (t === null) return [];
    const n = normalizeReply(text);
    if (t.kind === 'text') {
      const wanted = normalizeReply(t.text).text;
      if (this.givenText.includes(wanted.toLowerCase())) return [];
      const re = new RegExp(`(?<![\\p{L}\\p{N}])${wanted.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'giu');
      return toSource(text, n, [...n.text.matchAll(re)].map((m) => ({ start: m.index, end: m.index + m[0].length })));
    }
    const tokens = numberTokens(n.text);
    const found: Span[] = tokens
      .filter((tok) => !this.given.some((g) => close(Math.abs(g), Math.abs(tok.written.value))))
      .filter((tok) => readings(tok).some((r) => this.answers.some((a) => names(r, a))))
      .map((tok) => ({ start: tok.start, end: tok.end }));
    for (const c of arithmeticChains(n.text, tokens)) {
      if (!this.givenChains.has(c.key) && this.answers.some((a) => close(c.value, a))) found.push({ start: c.start, end: c.end });
    }
    return toSource(text, n, found);
  }

  /**
   * Spans a number (or the text answer) might grow across: the streaming guard never cuts inside one.
   * `soft` adds math regions (and a `$` still waiting for its closer), which it avoids cutting when it can.
   */
  candidates(text: string, soft = false): Span[] {
    const n = normalizeReply(text);
    const tokens = numberTokens(n.text);
    const spans: Span[] = [...tokens.map((t) => ({ start: t.start, end: t.end })), ...arithmeticChains(n.text, tokens, true)];
    // A number that money words may still join ("twelve dollars and" + "fifty cents"): held to the end.
    const last = tokens[tokens.length - 1];
    if (last && MONEY_GOES_ON.test(n.text.slice(last.end))) spans.push({ start: last.start, end: n.text.length });
    const out = toSource(text, n, spans);
    if (this.target?.kind === 'text') out.push(...this.leaks(text));
    if (soft) {
      const regions = findMathRegions(text);
      out.push(...regions.map((r) => ({ start: r.start, end: r.end })));
      const open = lastUnclosedDollar(text, regions);
      if (open >= 0 && text.length - open <= OPEN_MATH_WAIT) out.push({ start: open, end: text.length });
    }
    return out.sort((a, b) => a.start - b.start);
  }
}

/** The last unescaped `$` outside every math region (math that may still be arriving), or -1. */
function lastUnclosedDollar(text: string, regions: readonly { start: number; end: number }[]): number {
  let found = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '$' && !regions.some((r) => i >= r.start && i < r.end)) found = i;
  }
  return found;
}

/** The text with every statement of the answer replaced by MASK. */
export function maskLeaks(text: string, finder: LeakFinder): { text: string; masked: number } {
  const spans = finder.leaks(text);
  let out = '';
  let at = 0;
  for (const s of spans) {
    out += text.slice(at, s.start) + MASK;
    at = s.end;
  }
  return { text: out + text.slice(at), masked: spans.length };
}

/**
 * The guard over a stream: `push` each delta and show what it returns; `finish` at the end. Text is
 * released only up to a whitespace at least `holdBack` characters before the end of what has arrived,
 * and never inside a number, so a number is always judged whole.
 */
export class StreamingLeakGuard {
  private pending = '';
  private count = 0;

  constructor(
    private readonly finder: LeakFinder,
    private readonly holdBack = 40,
  ) {}

  /** How many times the answer was masked so far. */
  get masked(): number {
    return this.count;
  }

  push(delta: string): string {
    this.pending += delta;
    const limit = this.pending.length - this.holdBack;
    if (limit <= 0) return '';
    // Never inside a number or a chain; not inside math either, unless the math is long.
    let cut = this.cutBefore(limit, this.finder.candidates(this.pending, true));
    if (cut <= 0 && this.pending.length >= this.holdBack * 4) cut = this.cutBefore(limit, this.finder.candidates(this.pending));
    if (cut <= 0) return '';
    return this.release(cut);
  }

  /**
   * The last place at or before `at` just after a white space and outside every span (whole words
   * only: a word cut in two could be the start of a number word). Without white space for a long way
   * (a long formula), anywhere outside the spans; 0 when there is no such place yet.
   */
  private cutBefore(at: number, spans: readonly Span[]): number {
    const outside = (p: number): number => {
      let q = p;
      for (;;) {
        const inside = spans.find((s) => s.start < q && q < s.end);
        if (!inside) return q;
        q = inside.start;
      }
    };
    let cut = outside(at);
    for (;;) {
      const space = this.pending.slice(0, cut).search(/\s\S*$/);
      if (space < 0) return this.pending.length < this.holdBack * 4 ? 0 : cut;
      const next = outside(space + 1);
      if (next === space + 1) return next;
      cut = next;
    }
  }

  finish(): string {
    return this.release(this.pending.length);
  }

  private release(cut: number): string {
    const { text, masked } = maskLeaks(this.pending.slice(0, cut), this.finder);
    this.pending = this.pending.slice(cut);
    this.count += masked;
    return text;
  }
}
