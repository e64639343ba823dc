/**
 * Placeholders in a generic problem: `{name}` (braces), `<name>` (angle) or the bare variable name.
 * Detection matters for imported data, where the style is not declared and differs between rows.
 */
import type { PlaceholderStyle } from './template.types.js';

export interface PlaceholderOccurrence {
  name: string;
  /** Index of the first character of the placeholder (including its delimiters). */
  start: number;
  /** Index one past the last character. */
  end: number;
}

const IDENT = '[A-Za-z_][A-Za-z0-9_]*';
// Only `{name}` where name is a variable is a placeholder; every other brace is literal (LaTeX groups).
const BRACES = new RegExp(`\\{(${IDENT})\\}`, 'g');
const ANGLE = new RegExp(`<(${IDENT})>`, 'g');

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** All placeholder occurrences of a given style, in text order. Bare style only matches known names. */
export function findPlaceholders(
  text: string,
  style: PlaceholderStyle,
  variableNames: readonly string[],
): PlaceholderOccurrence[] {
  const out: PlaceholderOccurrence[] = [];
  if (style === 'bare') {
    if (variableNames.length === 0) return out;
    // Longest names first so that `price_total` is not read as `price`.
    const names = [...variableNames].sort((a, b) => b.length - a.length).map(escapeRegExp);
    const re = new RegExp(`(?<![A-Za-z0-9_])(${names.join('|')})(?![A-Za-z0-9_])`, 'g');
    for (const m of text.matchAll(re)) {
      const name = m[1] ?? '';
      const start = m.index;
      const end = start + m[0].length;
      // `{cost}` and `<cost>` are delimited placeholders, not bare words.
      const before = text[start - 1];
      const after = text[end];
      if ((before === '{' && after === '}') || (before === '<' && after === '>')) continue;
      out.push({ name, start, end });
    }
    return out;
  }
  const re = style === 'braces' ? BRACES : ANGLE;
  for (const m of text.matchAll(re)) {
    const name = m[1] ?? '';
    if (style === 'angle' && !variableNames.includes(name)) continue; // `<b>` in HTML-ish text is not ours
    out.push({ name, start: m.index, end: m.index + m[0].length });
  }
  return out;
}

export interface PlaceholderDetection {
  style: PlaceholderStyle;
  /** Variables that occur in the text in this style. */
  found: string[];
  /** Variables that do not occur in the text (allowed: internal constants), reported to the user. */
  missing: string[];
  /** Braced/angled names in the text that are not variables (an error in a template). */
  unknown: string[];
}

/**
 * Decide which style a text uses: the one under which the most variables occur
 * (braces win ties, then angle; bare is the fallback because it can match ordinary words).
 */
export function detectPlaceholderStyle(text: string, variableNames: readonly string[]): PlaceholderDetection {
  const candidates: PlaceholderStyle[] = ['braces', 'angle', 'bare'];
  let best: PlaceholderDetection | undefined;
  for (const style of candidates) {
    const occ = findPlaceholders(text, style, variableNames);
    const names = new Set(occ.map((o) => o.name));
    const found = variableNames.filter((n) => names.has(n));
    // A braced identifier that is not a variable may be a LaTeX group (`\\text{cm}`) or a typo: reported, not an error.
    const unknown = style === 'braces' ? [...names].filter((n) => !variableNames.includes(n)) : [];
    const detection: PlaceholderDetection = {
      style,
      found,
      missing: variableNames.filter((n) => !names.has(n)),
      unknown,
    };
    if (best === undefined || found.length > best.found.length) best = detection;
  }
  return best ?? { style: 'braces', found: [], missing: [...variableNames], unknown: [] };
}

/**
 * Replace every placeholder with the text `replace` gives for it. `replace` also sees the text
 * around the placeholder so that formatting can avoid `$$12` or `20%%`.
 */
export function substitutePlaceholders(
  text: string,
  style: PlaceholderStyle,
  variableNames: readonly string[],
  replace: (name: string, occurrence: PlaceholderOccurrence) => string,
): string {
  const occ = findPlaceholders(text, style, variableNames).filter((o) => variableNames.includes(o.name));
  let out = '';
  let last = 0;
  for (const o of occ) {
    out += text.slice(last, o.start) + replace(o.name, o);
    last = o.end;
  }
  return out + text.slice(last);
}
