/**
 * Text split into plain and marked pieces for React to render as text (never as HTML): search
 * matches in a snippet, placeholders in a generic problem. And a small line diff for history.
 */
import type { PlaceholderStyle } from '../../src-main/template/template.types.js';

export interface Piece {
  text: string;
  /** A search match, or the placeholder's variable name. */
  mark: boolean;
  name?: string;
}

const MARK_START = '\u0002';
const MARK_END = '\u0003';

/** `a \u0002b\u0003 c` → [a ][b*][ c]; an unclosed mark runs to the end; stray markers are dropped. */
export function snippetPieces(snippet: string): Piece[] {
  const pieces: Piece[] = [];
  let marked = false;
  let current = '';
  const flush = (): void => {
    if (current !== '') pieces.push({ text: current, mark: marked });
    current = '';
  };
  for (const ch of snippet) {
    if (ch === MARK_START || ch === MARK_END) {
      flush();
      marked = ch === MARK_START;
    } else current += ch;
  }
  flush();
  return pieces;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The generic problem with its placeholders marked. Only names of the template's variables count
 * (`{x}` for braces, `<x>` for angle, the bare word for bare); longer names first so `n_apples`
 * wins over `n`.
 */
export function placeholderPieces(text: string, names: readonly string[], style: PlaceholderStyle = 'braces'): Piece[] {
  const sorted = [...names].filter((n) => n !== '').sort((a, b) => b.length - a.length);
  if (sorted.length === 0) return text === '' ? [] : [{ text, mark: false }];
  const alternatives = sorted.map(escapeRegExp).join('|');
  const pattern =
    style === 'braces'
      ? new RegExp(`\\{(${alternatives})\\}`, 'g')
      : style === 'angle'
        ? new RegExp(`<(${alternatives})>`, 'g')
        : new RegExp(`(?<![A-Za-z0-9_])(${alternatives})(?![A-Za-z0-9_])`, 'g');
  const pieces: Piece[] = [];
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    const name = match[1] ?? '';
    if (match.index > last) pieces.push({ text: text.slice(last, match.index), mark: false });
    pieces.push({ text: match[0], mark: true, name });
    last = match.index + match[0].length;
  }
  if (last < text.length) pieces.push({ text: text.slice(last), mark: false });
  return pieces;
}

export interface DiffLine {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

/**
 * Line diff from `before` to `after` (longest common subsequence): enough for "what changed in this
 * version's program". Programs are short; for very long inputs it falls back to removed-then-added.
 */
export function lineDiff(before: string, after: string): DiffLine[] {
  const a = before.split('\n');
  const b = after.split('\n');
  if (a.length * b.length > 250_000) {
    return [...a.map((text) => ({ kind: 'removed' as const, text })), ...b.map((text) => ({ kind: 'added' as const, text }))];
  }
  // lcs[i][j]: common lines of a[i..] and b[j..].
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    const row = lcs[i] ?? [];
    const below = lcs[i + 1] ?? [];
    for (let j = b.length - 1; j >= 0; j--) {
      row[j] = a[i] === b[j] ? (below[j + 1] ?? 0) + 1 : Math.max(below[j] ?? 0, row[j + 1] ?? 0);
    }
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const ai = a[i];
    const bj = b[j];
    if (ai !== undefined && bj !== undefined && ai === bj) {
      out.push({ kind: 'same', text: ai });
      i++;
      j++;
    } else if (bj !== undefined && (ai === undefined || (lcs[i]?.[j + 1] ?? 0) > (lcs[i + 1]?.[j] ?? 0))) {
      out.push({ kind: 'added', text: bj });
      j++;
    } else if (ai !== undefined) {
      out.push({ kind: 'removed', text: ai });
      i++;
    }
  }
  return out;
}

/** 0.934 → "93 %"; null → "—". */
export function percentText(fraction: number | null): string {
  return fraction === null ? '—' : `${Math.round(fraction * 100)} %`;
}

export function gradeText(grade: { min: number; max: number } | null): string {
  if (grade === null) return '—';
  return grade.min === grade.max ? String(grade.min) : `${grade.min}–${grade.max}`;
}
