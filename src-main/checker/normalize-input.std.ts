/**
 * Turn what learners type (phone keyboards, pasted LaTeX, other locales) into one plain form:
 * unicode minus and dashes → `-`, odd spaces → ` `, fullwidth digits → ASCII, superscripts → `^`,
 * vulgar fractions → `\frac{1}{2}`, LaTeX spacing/text commands → plain text. Single left-to-right
 * passes only, so the cost is linear in the input (which is capped at MAX_INPUT_LENGTH anyway).
 */

const CHAR_MAP: Readonly<Record<string, string>> = {
  '\u2212': '-', // minus sign
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '-',
  '\u2013': '-', // en dash: what many keyboards give for "minus"
  '\u2014': '-',
  '\uFE63': '-',
  '\uFF0D': '-',
  '\uFF0B': '+',
  '\u2044': '/', // fraction slash
  '\u2215': '/', // division slash
  '\uFF0F': '/',
  '\u00F7': '/', // ÷
  '\u2717': '×',
  '\u2715': '×',
  '\u2716': '×',
  '\u2A09': '×',
  '\u22C5': '·', // dot operator
  '\u2219': '·',
  '\u2022': '·',
  '\uFF05': '%',
  '\u066A': '%',
  '\uFF04': '$',
  '\uFE69': '$',
  '\u2032': "'",
  '\u2033': '"',
  '\u2018': "'",
  '\u2019': "'",
  '\u201C': '"',
  '\u201D': '"',
  '\uFF0C': ',',
  '\uFF0E': '.',
  '\uFF08': '(',
  '\uFF09': ')',
};

const SPACES = new Set([
  '\t', '\n', '\r', '\v', '\f', '\u00A0', '\u1680', '\u2000', '\u2001', '\u2002', '\u2003', '\u2004', '\u2005',
  '\u2006', '\u2007', '\u2008', '\u2009', '\u200A', '\u2028', '\u2029', '\u202F', '\u205F', '\u3000',
]);
const INVISIBLE = new Set(['\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD']);

const SUPERSCRIPTS: Readonly<Record<string, string>> = {
  '\u2070': '0', '\u00B9': '1', '\u00B2': '2', '\u00B3': '3', '\u2074': '4',
  '\u2075': '5', '\u2076': '6', '\u2077': '7', '\u2078': '8', '\u2079': '9', '\u207B': '-', '\u207A': '+',
};

const VULGAR: Readonly<Record<string, string>> = {
  '½': '1/2', '⅓': '1/3', '⅔': '2/3', '¼': '1/4', '¾': '3/4', '⅕': '1/5', '⅖': '2/5', '⅗': '3/5', '⅘': '4/5',
  '⅙': '1/6', '⅚': '5/6', '⅐': '1/7', '⅛': '1/8', '⅜': '3/8', '⅝': '5/8', '⅞': '7/8', '⅑': '1/9', '⅒': '1/10', '↉': '0/3',
};

function mapDigit(c: string): string | undefined {
  const code = c.codePointAt(0) ?? 0;
  if (code >= 0xff10 && code <= 0xff19) return String.fromCharCode(code - 0xff10 + 48); // fullwidth
  if (code >= 0x0660 && code <= 0x0669) return String.fromCharCode(code - 0x0660 + 48); // Arabic-Indic
  if (code >= 0x06f0 && code <= 0x06f9) return String.fromCharCode(code - 0x06f0 + 48); // Eastern Arabic-Indic
  return undefined;
}

/** Character-level pass: one output piece per input code point. */
function mapCharacters(raw: string): string {
  let out = '';
  let inSuperscript = false;
  for (const c of raw) {
    const sup = SUPERSCRIPTS[c];
    if (sup !== undefined) {
      out += inSuperscript ? sup : `^${sup}`;
      inSuperscript = true;
      continue;
    }
    inSuperscript = false;
    if (SPACES.has(c)) out += ' ';
    else if (INVISIBLE.has(c)) continue;
    else {
      const vulgar = VULGAR[c];
      if (vulgar !== undefined) {
        const [n, d] = vulgar.split('/');
        out += `\\frac{${n ?? ''}}{${d ?? ''}}`;
        continue;
      }
      out += CHAR_MAP[c] ?? mapDigit(c) ?? c;
    }
  }
  return out;
}

/** LaTeX commands that only carry spacing or grouping in an answer. */
const LATEX_REPLACEMENTS: Readonly<Record<string, string>> = {
  '\\,': ' ', '\\;': ' ', '\\:': ' ', '\\ ': ' ', '\\!': '', '\\quad': ' ', '\\qquad': ' ',
  '\\%': '%', '\\$': '$', '\\euro': '€', '\\pounds': '£', '\\times': '×', '\\cdot': '·', '\\div': '/',
  '\\dfrac': '\\frac', '\\tfrac': '\\frac', '\\cfrac': '\\frac', '\\left': '', '\\right': '',
  '\\displaystyle': '', '\\textstyle': '', '\\bigl': '', '\\bigr': '', '\\Bigl': '', '\\Bigr': '',
  '\\lvert': '|', '\\rvert': '|', '\\vert': '|', '\\degree': '°', '\\circ': '°', '\\{': '{', '\\}': '}',
};
/** Commands whose braced argument is plain text (units: `12\,\text{cm}`). */
const TEXT_COMMANDS = new Set(['\\text', '\\mathrm', '\\textrm', '\\mbox', '\\textnormal', '\\mathit', '\\textit']);

/** Simplify LaTeX spacing and text commands; everything else (`\frac`, `\sqrt`) is kept for the readers. */
function simplifyLatex(s: string): string {
  let out = '';
  let i = 0;
  while (i < s.length) {
    const c = s[i] ?? '';
    if (c === '{' && s[i + 2] === '}' && (s[i + 1] === ',' || s[i + 1] === '.')) {
      out += s[i + 1] ?? ''; // `1{,}250` is how LaTeX writes a thousands comma
      i += 3;
      continue;
    }
    if (c !== '\\') {
      out += c;
      i++;
      continue;
    }
    // A command is a backslash followed by letters, or by one non-letter.
    let j = i + 1;
    while (j < s.length && isAsciiLetter(s[j])) j++;
    if (j === i + 1) j = Math.min(i + 2, s.length);
    const command = s.slice(i, j);
    const replacement = LATEX_REPLACEMENTS[command];
    if (replacement !== undefined) {
      out += replacement;
      i = j;
      continue;
    }
    if (TEXT_COMMANDS.has(command)) {
      let k = j;
      while (s[k] === ' ') k++;
      if (s[k] === '{') {
        const close = s.indexOf('}', k + 1);
        const inner = close < 0 ? '' : s.slice(k + 1, close);
        if (close >= 0 && !inner.includes('{') && !inner.includes('\\')) {
          out += ` ${inner} `;
          i = close + 1;
          continue;
        }
      }
    }
    out += command;
    i = j;
  }
  return out;
}

function isAsciiLetter(c: string | undefined): boolean {
  return c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
}

function collapseSpaces(s: string): string {
  let out = '';
  let space = false;
  for (const c of s) {
    if (c === ' ') {
      space = true;
      continue;
    }
    if (space && out !== '') out += ' ';
    space = false;
    out += c;
  }
  return out;
}

/** Remove `$…$`, `\(…\)`, `\[…\]` around LaTeX (but keep `$12$`-like money: only stripped when the inside is LaTeX). */
function stripMathDelimiters(s: string): string {
  if (s.startsWith('\\(') && s.endsWith('\\)') && s.length >= 4) return s.slice(2, -2);
  if (s.startsWith('\\[') && s.endsWith('\\]') && s.length >= 4) return s.slice(2, -2);
  if (s.startsWith('$$') && s.endsWith('$$') && s.length >= 4) return s.slice(2, -2);
  if (s.startsWith('$') && s.endsWith('$') && s.length >= 3 && s.slice(1, -1).includes('\\')) return s.slice(1, -1);
  return s;
}

/** The normal form every reader works on. */
export function normalizeInput(raw: string): string {
  const mapped = collapseSpaces(mapCharacters(raw));
  const unwrapped = stripMathDelimiters(mapped);
  const simplified = unwrapped.includes('\\') || unwrapped.includes('{') ? collapseSpaces(simplifyLatex(unwrapped)) : unwrapped;
  return simplified;
}

/** True when the raw input used LaTeX (shown in readAs notes). */
export function looksLikeLatex(raw: string): boolean {
  return raw.includes('\\');
}
