/**
 * Masking: the author's spans → the generic problem with `{name}` placeholders and the variables with
 * the original values. Pure and shared with the renderer, so the preview follows every edit at once.
 */
import type { MaskedProblem, NumberKind, NumberSpan } from './authoring-types.std.js';

const PY_KEYWORDS = new Set([
  'false', 'none', 'true', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif',
  'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or',
  'pass', 'raise', 'return', 'try', 'while', 'with', 'yield', 'answer', 'result', 'solution',
]);

/** `Price per Hour!` → `price_per_hour`; empty when nothing usable is left. */
export function snakeName(raw: string): string {
  let s = raw
    .trim()
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (/^\d/.test(s)) s = `n_${s}`;
  return s.slice(0, 40).replace(/_+$/, '');
}

/** Why `name` cannot be a placeholder name, or null when it can. */
export function nameProblem(name: string): string | null {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) return `"${name}" is not a valid name: use lowercase letters, digits and _ (not first)`;
  if (PY_KEYWORDS.has(name)) return `"${name}" is reserved in the program`;
  return null;
}

/** A name not in `taken` (`apples`, `apples_2`, …); adds it to `taken`. */
export function uniqueName(base: string, taken: Set<string>): string {
  const clean = snakeName(base);
  const start = clean === '' || nameProblem(clean) !== null ? `${clean === '' ? 'n' : clean}_value` : clean;
  let name = start;
  for (let i = 2; taken.has(name); i++) name = `${start}_${i}`;
  taken.add(name);
  return name;
}

/** The variables a masked span brings: one, or numerator and denominator for a fraction. */
export function spanVariables(span: NumberSpan): Record<string, number> {
  if (span.kind === 'fraction' && span.fraction) return { [`${span.name}_num`]: span.fraction.num, [`${span.name}_den`]: span.fraction.den };
  return { [span.name]: span.value };
}

/** What replaces the span's text in the generic problem. */
function replacement(span: NumberSpan): { start: number; end: number; text: string } {
  const { start, end, text, name } = span;
  switch (span.kind) {
    case 'money': {
      // `$12.50` → `${rate}`: the sign stays, the numeral goes.
      const sign = /^[$€£]/.exec(text)?.[0] ?? '';
      return { start: start + sign.length, end, text: `{${name}}` };
    }
    case 'percent': {
      // `20%` → `{x}%`, `twenty percent` → `{x} percent`.
      const tail = /(?:\s?-?percent|%)$/i.exec(text)?.[0] ?? '';
      return { start, end: end - tail.length, text: `{${name}}` };
    }
    case 'fraction':
      return { start, end, text: `{${name}_num}/{${name}_den}` };
    case 'multiplier':
      return { start, end, text: `{${name}} times` };
    default:
      return { start, end, text: `{${name}}` };
  }
}

/** The generic problem and its variables from the masked spans; unmasked spans stay as written. */
export function maskProblem(text: string, spans: readonly NumberSpan[]): MaskedProblem {
  const errors: string[] = [];
  const masked = spans.filter((s) => s.masked).sort((a, b) => a.start - b.start);
  const variables: Record<string, number> = {};
  let prevEnd = -1;
  for (const s of masked) {
    if (s.start < 0 || s.end > text.length || s.start >= s.end) {
      errors.push(`the span "${s.text}" is outside the problem text`);
      continue;
    }
    if (text.slice(s.start, s.end) !== s.text) errors.push(`the span "${s.text}" no longer matches the problem text`);
    if (s.start < prevEnd) errors.push(`"${s.text}" overlaps another number`);
    prevEnd = Math.max(prevEnd, s.end);
    const problem = nameProblem(s.name);
    if (problem !== null) errors.push(problem);
    if (s.kind === 'fraction' && !s.fraction) errors.push(`the fraction "${s.text}" has no numerator and denominator`);
    for (const [k, v] of Object.entries(spanVariables(s))) {
      if (k in variables) errors.push(`the name "${k}" is used twice`);
      variables[k] = v;
    }
  }
  let generic = text;
  if (errors.length === 0) {
    for (const r of masked.map(replacement).sort((a, b) => b.start - a.start)) generic = generic.slice(0, r.start) + r.text + generic.slice(r.end);
  }
  return { generic, variables, errors };
}

/** The kind of each masked variable (fraction parts are plain whole numbers), for the domains. */
export function kindsOf(spans: readonly NumberSpan[]): Record<string, NumberKind> {
  const kinds: Record<string, NumberKind> = {};
  for (const s of spans) {
    if (!s.masked) continue;
    for (const name of Object.keys(spanVariables(s))) kinds[name] = s.kind === 'fraction' ? 'number' : s.kind;
  }
  return kinds;
}
