/**
 * Reading one number literal the way learners write it: `1,250`, `1 250`, `1.250.000`, `0,75`,
 * `.75`, `1,250.75`, `1.250,75`, `2.5e3`, `2.5 × 10^3`.
 *
 * The comma rule (documented in README.md): a single comma followed by exactly three digits, after a
 * first group of 1–3 digits that is not `0`, is a thousands separator (`1,250` = 1250, the English
 * reading); any other single comma is a decimal comma (`0,75`, `3,5`, `12,3456`). With both `.` and
 * `,` the one written last is the decimal separator (`1.250,75` = 1250.75). The reading is always
 * shown to the learner before grading, so a European learner who meant 1.25 sees "read as 1,250".
 */
import type { Rational, ReadNote } from './checker.types.std.js';
import { groupThousands, pow10, rat, scale10 } from './rational.std.js';

/** |exponent| above this is refused: no school answer needs it and 10^huge would be slow to build. */
export const MAX_EXPONENT = 300;

export interface Numeral {
  /** Index just after the numeral. */
  end: number;
  /** Unsigned exact value. */
  value: Rational;
  /** Decimal places as typed, after the exponent (`2.50` → 2, `2.5e3` → 0, `2.5e-3` → 4). */
  places: number;
  /** True when written with a decimal separator or an exponent. */
  hasPointOrExponent: boolean;
  notes: ReadNote[];
  /** English rendering for readAs: `1,250`, `0.75`, `2.5 × 10^3`. */
  text: string;
}

export type NumeralResult = Numeral | { error: string };

export function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

function digitsAt(s: string, i: number): number {
  let j = i;
  while (isDigit(s[j])) j++;
  return j - i;
}

/**
 * A space inside a number is a thousands separator only when it sits between digits and is
 * followed by exactly three digits that do not start a fraction (`1 3/4` is a mixed number).
 */
function isSpaceGroup(s: string, i: number): boolean {
  if (s[i] !== ' ' || !isDigit(s[i - 1])) return false;
  if (digitsAt(s, i + 1) !== 3) return false;
  const after = s[i + 4];
  return after !== '/' && after !== '\\';
}

const SEPARATORS = new Set([',', '.', "'"]);

/** Read a numeral starting at `start`; undefined when there is no digit (or `.digit`) there. */
export function readNumeral(s: string, start: number): NumeralResult | undefined {
  const first = s[start];
  if (!isDigit(first) && !((first === '.' || first === ',') && isDigit(s[start + 1]))) return undefined;
  // 1. The run of digits and separators; a separator only counts when a digit follows it.
  let i = start;
  let run = '';
  while (i < s.length) {
    const c = s[i] ?? '';
    if (isDigit(c)) {
      run += c;
      i++;
    } else if (SEPARATORS.has(c) && isDigit(s[i + 1])) {
      run += c;
      i++;
    } else if (c === ' ' && !run.includes(',') && !run.includes('.') && !run.includes("'") && isSpaceGroup(s, i)) {
      run += ' ';
      i++;
    } else break;
  }
  // 2. Which separator is the decimal point?
  const interpreted = interpretRun(run);
  if ('error' in interpreted) return interpreted;
  const { intDigits, fracDigits, notes } = interpreted;
  // 3. An optional exponent: `e3`, `E-3`, ` × 10^3`, `x10^{3}`, `*10^3`, `·10^3`.
  const exponent = readExponent(s, i);
  if (exponent !== undefined && 'error' in exponent) return exponent;
  const exp = exponent?.exp ?? 0;
  const end = exponent?.end ?? i;
  const mantissa = BigInt((intDigits === '' ? '0' : intDigits) + fracDigits);
  const value = scale10(rat(mantissa, pow10(fracDigits.length)), exp);
  const mantissaText =
    (intDigits === '' ? '0' : notes.includes('thousands_separator') || intDigits.length > 4 ? groupThousands(intDigits) : intDigits) +
    (fracDigits !== '' ? `.${fracDigits}` : '');
  if (exponent !== undefined) notes.push('scientific');
  return {
    end,
    value,
    places: Math.max(0, fracDigits.length - exp),
    hasPointOrExponent: fracDigits !== '' || exponent !== undefined,
    notes,
    text: exponent === undefined ? mantissaText : `${mantissaText} × 10^${exp}`,
  };
}

interface RunReading {
  intDigits: string;
  fracDigits: string;
  notes: ReadNote[];
}

function validGroups(groups: readonly string[]): boolean {
  const [lead, ...rest] = groups;
  if (lead === undefined || lead.length < 1 || lead.length > 3 || lead === '0' || rest.length === 0) return false;
  return rest.every((g) => g.length === 3);
}

function splitOn(text: string, sep: string): string[] {
  return text.split(sep);
}

function interpretRun(run: string): RunReading | { error: string } {
  const kinds = new Set<string>();
  for (const c of run) if (c === ',' || c === '.' || c === "'" || c === ' ') kinds.add(c);
  if (kinds.size === 0) return { intDigits: run, fracDigits: '', notes: [] };
  const count = (sep: string): number => splitOn(run, sep).length - 1;
  const notes: ReadNote[] = [];
  const unreadable = { error: `“${run}” is not a number I can read (check the separators)` };
  if (kinds.size === 1) {
    const sep = [...kinds][0] ?? '';
    const parts = splitOn(run, sep);
    if (sep === '.' && parts.length === 2) return { intDigits: parts[0] ?? '', fracDigits: parts[1] ?? '', notes };
    if (sep === ',' && parts.length === 2 && !validGroups(parts)) {
      notes.push('decimal_comma');
      return { intDigits: parts[0] ?? '', fracDigits: parts[1] ?? '', notes };
    }
    if (!validGroups(parts)) return unreadable;
    notes.push('thousands_separator');
    return { intDigits: parts.join(''), fracDigits: '', notes };
  }
  if (kinds.size > 2) return unreadable;
  // Two kinds: the last separator written is the decimal one and must appear once.
  let lastSep = '';
  for (const c of run) if (kinds.has(c)) lastSep = c;
  if ((lastSep !== '.' && lastSep !== ',') || count(lastSep) !== 1) return unreadable;
  const cut = run.lastIndexOf(lastSep);
  const intRun = run.slice(0, cut);
  const fracDigits = run.slice(cut + 1);
  const thousandsSep = [...kinds].find((k) => k !== lastSep) ?? '';
  const groups = splitOn(intRun, thousandsSep);
  if (!validGroups(groups)) return unreadable;
  notes.push('thousands_separator');
  if (lastSep === ',') notes.push('decimal_comma');
  return { intDigits: groups.join(''), fracDigits, notes };
}

type ExponentResult = { exp: number; end: number } | { error: string };

function readSignedDigits(s: string, i: number): { value: number; end: number; digits: number } | undefined {
  let j = i;
  let negative = false;
  if (s[j] === '-' || s[j] === '+') {
    negative = s[j] === '-';
    j++;
  }
  const n = digitsAt(s, j);
  if (n === 0) return undefined;
  // More than 6 digits cannot be a sensible exponent; keep the text short so Number() stays exact.
  const value = Number(s.slice(j, j + Math.min(n, 7))) * (negative ? -1 : 1);
  return { value, end: j + n, digits: n };
}

function readExponent(s: string, i: number): ExponentResult | undefined {
  // `2.5e3` / `2.5E-3`: the e must be followed by digits (else `5 e` could be a unit).
  if ((s[i] === 'e' || s[i] === 'E') && (isDigit(s[i + 1]) || ((s[i + 1] === '-' || s[i + 1] === '+') && isDigit(s[i + 2])))) {
    const d = readSignedDigits(s, i + 1);
    if (d === undefined) return undefined;
    if (isLetter(s[d.end])) return undefined;
    return checkExponent(d.value, d.digits, d.end);
  }
  // `× 10^3`, `x10^{-3}`, `*10^3`, `·10^3`
  let j = i;
  if (s[j] === ' ') j++;
  const times = s[j];
  if (times !== '×' && times !== 'x' && times !== 'X' && times !== '*' && times !== '·') return undefined;
  j++;
  if (s[j] === ' ') j++;
  if (s[j] !== '1' || s[j + 1] !== '0' || s[j + 2] !== '^') return undefined;
  j += 3;
  const braced = s[j] === '{';
  if (braced) j++;
  const d = readSignedDigits(s, j);
  if (d === undefined) return undefined;
  let end = d.end;
  if (braced) {
    if (s[end] !== '}') return undefined;
    end++;
  }
  return checkExponent(d.value, d.digits, end);
}

function checkExponent(value: number, digits: number, end: number): ExponentResult {
  if (digits > 4 || Math.abs(value) > MAX_EXPONENT) return { error: `the exponent is too large to check (at most ±${MAX_EXPONENT})` };
  return { exp: value, end };
}

export function isLetter(c: string | undefined): boolean {
  if (c === undefined) return false;
  return c.toLowerCase() !== c.toUpperCase() || /^\p{L}$/u.test(c);
}
