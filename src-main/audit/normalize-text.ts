/**
 * The forms two templates are compared in for duplicate detection. Imported datasets repeat a problem
 * with other numbers, other placeholder names or other spacing; none of those make it a new problem,
 * so the comparison sees `{}` for every placeholder, `#` for every number and lowercase words only.
 */
import { tokenizePython } from '../importers/python-source.js';
import { findPlaceholders } from '../template/placeholders.js';
import type { PlaceholderStyle } from '../template/template.types.js';

/**
 * Words of the generic problem: placeholders → `{}`, numbers → `#`, lowercase, punctuation dropped.
 * Operators stay (`{} + {}` is not `{} - {}`), and so does a placeholder's declared domain kind when
 * the template declares one (`{percent}`): "Write {x} as a fraction" asked of a decimal and of a
 * percentage renders as two different problems.
 */
export function problemWords(
  generic: string,
  style: PlaceholderStyle,
  variableNames: readonly string[],
  domainKinds: Readonly<Record<string, string>> = {},
): string[] {
  let text = '';
  let last = 0;
  for (const p of findPlaceholders(generic, style, variableNames)) {
    const kind = domainKinds[p.name];
    text += `${generic.slice(last, p.start)} {${kind ?? ''}} `;
    last = p.end;
  }
  text += generic.slice(last);
  return (
    text
      .toLowerCase()
      // LaTeX thousands separators: 1{,}000 is 1,000.
      .replace(/\{,\}/g, ',')
      // 1,250 and 3.5 and 12 are all "a number".
      .replace(/\d+(?:[.,]\d+)*/g, ' # ')
      .replace(/([+\-*/=^()<>%$×÷−])/g, ' $1 ')
      .split(/[^\p{L}\p{N}{}#+\-*/=^()<>%$×÷−]+/u)
      .filter((w) => w !== '')
  );
}

/** The program without comments, blank lines or layout: one space between tokens. */
export function normalizeProgram(program: string): string {
  try {
    return (
      tokenizePython(program)
        .filter((t) => t.type !== 'comment')
        .map((t) => (t.type === 'newline' ? ';' : t.text))
        .join(' ')
        // A line that held only a comment leaves an empty statement behind.
        .replace(/;( ;)+/g, ';')
    );
  } catch {
    // A program our tokenizer cannot read is compared by its text without comments and spacing.
    return program
      .split('\n')
      .map((l) => l.replace(/#.*$/, '').trim())
      .filter((l) => l !== '')
      .join(';');
  }
}
