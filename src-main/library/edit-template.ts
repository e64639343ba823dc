/**
 * A curator's edit of a template: the new body is validated like a native import line (every field
 * error listed), the version it replaces goes to history, and the imported original is never
 * touched. Storing goes through `upsertTemplates`, which resets the status to `unknown`, drops the
 * stored instances (made by the old program) and re-indexes the text for search.
 */
import { ApiError } from '../api/contract.std.js';
import { canonicalJson } from '../storage/canonical-json.js';
import { addHistory, ensureOpenFlag } from '../storage/curation.repo.js';
import type { WriteDb } from '../storage/db-handles.js';
import { getTemplate, upsertTemplates } from '../storage/templates.repo.js';
import { quickProgramCheck } from '../template/program-check.js';
import { controlCharacterProblem, texFlagNote, texWarnings, UNSAFE_TEX_FLAG } from '../template/text-checks.js';
import { templateSchema, type Template } from '../template/template.types.js';

export interface EditOutcome {
  /** False when the new body equals the stored one (nothing was written). */
  changed: boolean;
  /** The history version the previous body was kept as. */
  version: number | null;
}

/** Field errors shown at most; a broken paste can produce dozens. */
const MAX_ERRORS = 8;

export function validateEditedTemplate(id: string, body: Record<string, unknown>): Template {
  if (body.id !== undefined && body.id !== id) {
    throw new ApiError('bad-request', `library.edit: id: a template's id cannot change (editing "${id}", the body says ${JSON.stringify(body.id)})`);
  }
  const parsed = templateSchema.safeParse({ ...body, id });
  if (!parsed.success) {
    const errors = parsed.error.issues.slice(0, MAX_ERRORS).map((issue) => {
      const field = issue.path.length > 0 ? issue.path.map(String).join('.') : '(template)';
      const message = issue.code === 'unrecognized_keys' ? `unknown key(s) ${issue.keys.map((k) => `"${k}"`).join(', ')}: put extra data under "meta"` : issue.message;
      return `${field}: ${message}`;
    });
    const more = parsed.error.issues.length > MAX_ERRORS ? ` (and ${parsed.error.issues.length - MAX_ERRORS} more)` : '';
    throw new ApiError('bad-request', `library.edit: the template is not valid: ${errors.join('; ')}${more}`);
  }
  const control = controlCharacterProblem(parsed.data);
  if (control) throw new ApiError('bad-request', `library.edit: ${control.detail}`);
  const problem = quickProgramCheck(parsed.data.program);
  if (problem !== undefined) throw new ApiError('bad-request', `library.edit: program: line ${problem.line}: ${problem.message}`);
  return parsed.data;
}

export function editTemplate(db: WriteDb, id: string, body: Record<string, unknown>, message: string | null, now: number): EditOutcome {
  const run = db.transaction((): EditOutcome => {
    const stored = getTemplate(db, id);
    if (stored === undefined) throw new ApiError('not-found', `library.edit: no template with id "${id}"`);
    const template = validateEditedTemplate(id, body);
    const before = canonicalJson(stored.template);
    if (before === canonicalJson(template)) return { changed: false, version: null };
    const version = addHistory(db, id, before, message, now);
    const result = upsertTemplates(db, stored.packId, [{ template }], { now });
    if (result.updated !== 1) throw new Error(`library.edit: "${id}" was not updated (${JSON.stringify(result)})`);
    // Math the LaTeX export will print as text is flagged, as at import.
    const tex = texWarnings(template);
    if (tex.length > 0) ensureOpenFlag(db, id, UNSAFE_TEX_FLAG, texFlagNote(tex), now);
    return { changed: true, version };
  });
  return run.immediate();
}
