/**
 * Numbers as a worked solution shows them: floats without binary noise (0.1 + 0.2 shows 0.3), money
 * with two decimals when the template's answer is money, fractions as `\frac`, strings as text. Any
 * value a learner should not see (None, a raw repr, NaN) has no rendering: `undefined`.
 */
import type { PyValue } from '../template/template.types.js';

export interface NumberStyle {
  /** The template's answer is money: values with a cents part show two decimals. */
  money: boolean;
  /** The template's answer is an expression: strings such as `15x^{10}` or `y = 3x - 7` are shown as math. */
  expression?: boolean;
  /** The number was a Python float (money shows 470.0 as 470.00, the int 470 as 470). */
  floatOrigin?: boolean;
}

/** The value as a JS number, when it is one (ints, finite floats, fractions). */
export function numericOf(v: PyValue): number | undefined {
  if (v.t === 'int') return Number(v.v);
  if (v.t === 'float') return typeof v.v === 'number' ? v.v : undefined;
  if (v.t === 'fraction') return Number(v.n) / Number(v.d);
  return undefined;
}

/** Trims float noise: 12 significant digits are more than any school value has. */
export function trimFloat(x: number): number {
  return Number(x.toPrecision(12));
}

/** More decimals than this and a value is shown rounded to 4 decimals, with ≈ (a square root, π). */
const EXACT_DECIMALS = 6;

/** True when `latexValue` shows `v` rounded (the step then says ≈ instead of =). */
export function isApproximate(v: PyValue): boolean {
  if (v.t === 'list') return v.v.some(isApproximate);
  return v.t === 'float' && typeof v.v === 'number' && decimals(trimFloat(v.v)) > EXACT_DECIMALS;
}

/** Decimal digits, never in exponent form, with `{,}` thousands groups for KaTeX. */
export function latexNumber(x: number, style: NumberStyle): string {
  let t = trimFloat(x);
  if (decimals(t) > EXACT_DECIMALS) t = Math.round(t * 1e4) / 1e4;
  if (Object.is(t, -0)) t = 0;
  let s: string;
  if (Number.isInteger(t) && Math.abs(t) < 1e21) s = BigInt(t).toString();
  else {
    s = t.toFixed(Math.min(20, Math.max(0, decimals(t))));
  }
  // Money: 23.5 → 23.50 and 470.0 → 470.00, never rounding (0.075 stays 0.075).
  if (style.money && !Number.isInteger(x) && decimals(t) <= 2) s = t.toFixed(2);
  else if (style.money && Number.isInteger(x) && style.floatOrigin === true) s = t.toFixed(2);
  return groupDigits(s);
}

function decimals(x: number): number {
  const s = String(Math.abs(x));
  const e = s.indexOf('e');
  if (e !== -1) {
    const mant = s.slice(0, e);
    const dot = mant.indexOf('.');
    return Math.max(0, (dot === -1 ? 0 : mant.length - dot - 1) - Number(s.slice(e + 1)));
  }
  const dot = s.indexOf('.');
  return dot === -1 ? 0 : s.length - dot - 1;
}

function groupDigits(s: string): string {
  const m = /^(-?)(\d+)(\.\d+)?$/.exec(s);
  if (m === null) return s;
  const int = m[2] ?? '';
  if (int.length < 5) return s;
  return `${m[1] ?? ''}${int.replace(/\B(?=(\d{3})+(?!\d))/g, '{,}')}${m[3] ?? ''}`;
}

/** Text inside `\text{…}`: KaTeX's special characters escaped. */
export function latexText(s: string): string {
  return s.replace(/[\\{}$&#^_%~<>]/g, (c) => TEXT_ESCAPES[c] ?? `\\${c}`);
}

// `<` and `>` too: KaTeX would render them, but a step's LaTeX then never holds markup-like text.
const TEXT_ESCAPES: Record<string, string> = { '\\': '\\textbackslash{}', '^': '\\textasciicircum{}', '~': '\\textasciitilde{}', '<': '\\textless{}', '>': '\\textgreater{}' };

/** Letters, digits, operators, braces and a few named commands: what expression answers are written with. */
const MATH_STRING = /^(?:[A-Za-z0-9\s+\-=^{}().,/*|<>]|\\(?:times|cdot|frac|sqrt|le|ge|lt|gt|ne|pi|left|right)(?![A-Za-z]))+$/;

/** An expression answer (`15x^{10}`, `x < -9`) as math, or undefined when it holds anything else. */
export function mathString(s: string): string | undefined {
  if (!MATH_STRING.test(s)) return undefined;
  let depth = 0;
  for (const c of s) {
    depth += c === '{' ? 1 : c === '}' ? -1 : 0;
    if (depth < 0) return undefined;
  }
  if (depth !== 0) return undefined;
  return s.replace(/<=/g, '\\le ').replace(/>=/g, '\\ge ').replace(/</g, '\\lt ').replace(/>/g, '\\gt ').replace(/\*/g, '\\times ');
}

/** KaTeX for one value, or undefined for values a learner must never see (None, reprs, NaN). */
export function latexValue(v: PyValue, style: NumberStyle): string | undefined {
  switch (v.t) {
    case 'int':
      return groupDigits(v.v);
    case 'float':
      return typeof v.v === 'number' ? latexNumber(v.v, { ...style, floatOrigin: true }) : undefined;
    case 'fraction': {
      const neg = v.n.startsWith('-');
      const n = neg ? v.n.slice(1) : v.n;
      if (v.d === '1') return `${neg ? '-' : ''}${n}`;
      return `${neg ? '-' : ''}\\frac{${n}}{${v.d}}`;
    }
    case 'bool':
      return v.v ? '\\text{yes}' : '\\text{no}';
    case 'str': {
      if (v.v.trim() === '') return undefined;
      const math = style.expression === true ? mathString(v.v) : undefined;
      return math ?? `\\text{${latexText(v.v)}}`;
    }
    case 'list': {
      const parts = v.v.map((x) => latexValue(x, style));
      if (parts.length === 0 || parts.some((p) => p === undefined)) return undefined;
      return parts.join(', ');
    }
    case 'none':
    case 'other':
      return undefined;
  }
}
