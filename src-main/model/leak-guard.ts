/**
 * The answer-leak guard: a tutor must guide, not tell. Given the problem's final answer, find it in a
 * model's reply in any common form (see number-tokens.ts: digits, separators, decimals, fractions,
 * percents both ways, money, number words, LaTeX) and mask it as "▮▮". Numbers the problem itself
 * states are never masked (the model may repeat the givens), and intermediate values are not the
 * answer. Pure: no I/O; the streaming form holds back a short tail so that a number split across two
 * chunks ("twen" + "ty-four", "1" + "2.50") is still caught before any of it is shown.
 */
import type { AnswerFormat, PyValue } from '../template/template.types.js';
import { numberTokens, type NumberToken, type Reading } from './number-tokens.js';

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

/** Finds the answer in text; constructed once per problem. */
export class LeakFinder {
  private readonly answers: number[];
  /** Values the problem text states (as written), which are never masked. */
  private readonly given: number[];
  private readonly givenText: string;

  constructor(
    readonly target: LeakTarget | null,
    problemText = '',
  ) {
    this.answers = target?.kind === 'number' ? (target.percent ? [target.value, target.value / 100] : [target.value]) : [];
    this.given = numberTokens(problemText).map((t) => t.written.value);
    this.givenText = problemText.toLowerCase();
  }

  /** Every span of `text` that states the answer, in order. */
  leaks(text: string): Span[] {
    const t = this.target;
    if (t === null) return [];
    if (t.kind === 'text') {
      if (this.givenText.includes(t.text.toLowerCase())) return [];
      const re = new RegExp(`(?<![\\p{L}\\p{N}])${t.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'giu');
      return [...text.matchAll(re)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
    }
    return numberTokens(text)
      .filter((tok) => !this.given.some((g) => close(Math.abs(g), Math.abs(tok.written.value))))
      .filter((tok) => readings(tok).some((r) => this.answers.some((a) => names(r, a))))
      .map((tok) => ({ start: tok.start, end: tok.end }));
  }

  /** Spans a number (or the text answer) might grow across: the streaming guard never cuts inside one. */
  candidates(text: string): Span[] {
    const spans: Span[] = numberTokens(text).map((t) => ({ start: t.start, end: t.end }));
    if (this.target?.kind === 'text') spans.push(...this.leaks(text));
    return spans.sort((a, b) => a.start - b.start);
  }
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
    const spans = this.finder.candidates(this.pending);
    const outsideSpans = (at: number): number => spans.find((s) => s.start < at && at < s.end)?.start ?? at;
    // Release whole words only (a word cut in two could be the start of a number word), never inside a number.
    let cut = outsideSpans(limit);
    for (;;) {
      const space = this.pending.slice(0, cut).search(/\s\S*$/);
      if (space < 0) {
        // No whitespace for a long way (a long formula): release it anyway, but not inside a number.
        if (this.pending.length < this.holdBack * 4) return '';
        break;
      }
      const next = outsideSpans(space + 1);
      if (next === space + 1) {
        cut = next;
        break;
      }
      cut = next;
    }
    return this.release(cut);
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
