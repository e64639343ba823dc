/**
 * The template editor's pure parts: the editable fields of a template, putting them back together,
 * and which field a server error is about (so it shows under that field, not as a banner).
 */
import type { Template } from '../../src-main/template/template.types.js';

export type EditField = 'text' | 'program' | 'data' | 'general';

export interface EditDraft {
  text: string;
  program: string;
  /** JSON of the variables, domains and constraints. */
  data: string;
  message: string;
}

/** The JSON part of the editor: the variables with their original values, their domains, the constraints. */
export function draftFrom(template: Template): EditDraft {
  const data: Record<string, unknown> = { variables: template.variables };
  if (template.domains !== undefined) data.domains = template.domains;
  data.constraints = template.constraints ?? [];
  return { text: template.generic_problem, program: template.program, data: JSON.stringify(data, null, 2), message: '' };
}

export type BuildResult = { ok: true; template: Template } | { ok: false; field: EditField; message: string };

/** The edited template, or the first thing wrong with the draft (checked here before the server sees it). */
export function buildTemplate(base: Template, draft: EditDraft): BuildResult {
  if (draft.text.trim() === '') return { ok: false, field: 'text', message: 'The problem text cannot be empty.' };
  if (draft.program.trim() === '') return { ok: false, field: 'program', message: 'The program cannot be empty.' };
  let data: unknown;
  try {
    data = JSON.parse(draft.data);
  } catch (error) {
    return { ok: false, field: 'data', message: `Not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { ok: false, field: 'data', message: 'Expected an object with "variables", "domains" and "constraints".' };
  }
  const record = data as Record<string, unknown>;
  const unknownKeys = Object.keys(record).filter((k) => !['variables', 'domains', 'constraints'].includes(k));
  if (unknownKeys.length > 0) return { ok: false, field: 'data', message: `Unknown key ${JSON.stringify(unknownKeys[0])}: only variables, domains and constraints are edited here.` };
  const { variables, domains, constraints } = record;
  if (typeof variables !== 'object' || variables === null || Array.isArray(variables)) {
    return { ok: false, field: 'data', message: '"variables" must be an object of name → original value.' };
  }
  if (domains !== undefined && (typeof domains !== 'object' || domains === null || Array.isArray(domains))) {
    return { ok: false, field: 'data', message: '"domains" must be an object of name → domain.' };
  }
  if (constraints !== undefined && (!Array.isArray(constraints) || constraints.some((c) => typeof c !== 'string'))) {
    return { ok: false, field: 'data', message: '"constraints" must be a list of Python conditions (strings).' };
  }
  // The schema check of values and domains is the server's (validated like an import).
  const template = {
    ...base,
    generic_problem: draft.text,
    program: draft.program,
    variables: variables as Template['variables'],
    constraints: (constraints ?? []) as string[],
  } as Template;
  if (domains === undefined) delete template.domains;
  else template.domains = domains as Template['domains'];
  if (template.constraints?.length === 0) delete template.constraints;
  return { ok: true, template };
}

/**
 * Which field a server message is about: the contract's errors name the path (`program: …`,
 * `template.variables.x: …`, `domains.n: …`); anything else is general.
 */
export function fieldOfError(message: string): EditField {
  const m = message.toLowerCase();
  if (/\b(generic_problem|placeholder)/.test(m)) return 'text';
  if (/\b(program|entry|syntax ?error|indentation|def )/.test(m)) return 'program';
  if (/\b(variables?|domains?|constraints?)\b/.test(m)) return 'data';
  return 'general';
}
