/**
 * Checks every template passes before it is stored, whatever brought it (an import in any format, a
 * curator's edit):
 *
 * - control characters (other than tab and newline; a CR is accepted as part of CRLF) in the id or
 *   any text a learner or teacher sees refuse the row: a NUL or an ESC is never part of a word
 *   problem, and it would travel into the search index, the UI and printed sheets;
 * - math the LaTeX export would not typeset (a control sequence outside the allowlist, `^^`) keeps
 *   the row but flags the template, so the curator sees why before a teacher prints it.
 */
import { texProblems } from './tex-safety.std.js';
import type { Template } from './template.types.js';

/** JSON nesting a row may have; deeper rows are refused before JSON.parse (real rows nest 3–4 deep). */
export const MAX_ROW_DEPTH = 64;

/** The flag reason of a template whose math LaTeX export prints as text. */
export const UNSAFE_TEX_FLAG = 'unsafe LaTeX';

/** Every text field of a template, with its name as an error message gives it. */
function textFields(t: Template): [string, string][] {
  const out: [string, string][] = [['id', t.id], ['generic_problem', t.generic_problem]];
  const add = (field: string, v: string | undefined): void => {
    if (v !== undefined) out.push([field, v]);
  };
  add('original_problem', t.original_problem);
  add('answer_unit', t.answer_unit);
  add('source', t.source);
  add('topic', t.topic);
  add('strand', t.strand);
  add('license', t.license);
  add('entry', t.entry);
  t.choices?.forEach((c, i) => add(`choices[${i}]`, c));
  t.tags?.forEach((c, i) => add(`tags[${i}]`, c));
  for (const [name, v] of Object.entries(t.variables)) if (typeof v === 'string') add(`variables.${name}`, v);
  for (const [name, d] of Object.entries(t.domains ?? {})) {
    if (d.kind === 'choice') d.values.forEach((v, i) => typeof v === 'string' && add(`domains.${name}.values[${i}]`, v));
  }
  return out;
}

// Built once: C0 controls but tab and LF, CR not followed by LF, DEL and the C1 controls.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]|\r(?!\n)/;
// eslint-disable-next-line no-control-regex
const CONTROL_ALL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

/** The first control character in an id or text, as `{ field, detail }`, or null. */
export function controlCharacterProblem(t: Template): { field: string; detail: string } | null {
  for (const [field, text] of textFields(t)) {
    const m = CONTROL.exec(text);
    if (m) {
      const code = (m[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
      const near = `${text.slice(Math.max(0, m.index - 20), m.index)}⟨U+${code}⟩${text.slice(m.index + 1, m.index + 21)}`.replace(CONTROL_ALL, '�');
      return { field, detail: `${field}: control character U+${code} at character ${m.index + 1} (${JSON.stringify(near)}; only tab and newline are allowed in ids and text)` };
    }
  }
  return null;
}

/** Why this template's math would be printed as text by the LaTeX export (empty: nothing to flag). */
export function texWarnings(t: Template): string[] {
  const fields: [string, string][] = textFields(t).filter(([f]) => f === 'generic_problem' || f === 'original_problem' || f.startsWith('choices') || f.startsWith('variables') || f.startsWith('domains') || f === 'answer_unit');
  const out: string[] = [];
  for (const [field, text] of fields) {
    const problems = texProblems(text);
    if (problems.length > 0) out.push(`${field}: ${problems.join(', ')}`);
  }
  return out;
}

/** The note of the flag: what was found and what the export does with it. */
export function texFlagNote(warnings: readonly string[]): string {
  return `Math uses TeX the LaTeX export does not allow (${warnings.join('; ')}). LaTeX exports print that math as plain text instead of typesetting it.`;
}
