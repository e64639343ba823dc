/**
 * Reading and writing the native JSONL format (docs/template-format.md). Errors name the line, the
 * field and what was expected, because people hand-edit these files.
 */
import type { z } from 'zod';
import { templateSchema, type Template } from './template.types.js';

export interface FieldError {
  line: number;
  field: string;
  message: string;
}

export type NativeParse = { ok: true; template: Template } | { ok: false; error: FieldError };

function describeIssue(issue: z.core.$ZodIssue): { field: string; message: string } {
  const field = issue.path.length > 0 ? issue.path.map(String).join('.') : '(line)';
  if (issue.code === 'unrecognized_keys') {
    return { field, message: `unknown key(s) ${issue.keys.map((k) => `"${k}"`).join(', ')}: put extra data under "meta"` };
  }
  return { field, message: issue.message };
}

/** Validates one already-parsed JSON value as a native template. */
export function validateTemplate(value: unknown, line: number): NativeParse {
  const parsed = templateSchema.safeParse(value);
  if (parsed.success) return { ok: true, template: parsed.data };
  const first = parsed.error.issues[0];
  const { field, message } = first ? describeIssue(first) : { field: '(line)', message: 'invalid template' };
  return { ok: false, error: { line, field, message } };
}

export function parseNativeLine(text: string, line: number): NativeParse {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { ok: false, error: { line, field: '(json)', message: `not valid JSON: ${(err as Error).message}` } };
  }
  return validateTemplate(value, line);
}

/** One JSONL line, keys in the documented order so diffs of exported files stay readable. */
export function serializeTemplate(template: Template): string {
  const order: (keyof Template)[] = [
    'id', 'source', 'strand', 'topic', 'grade', 'difficulty', 'original_problem', 'generic_problem', 'placeholder_style',
    'program', 'entry', 'variables', 'original_answer', 'answer_format', 'answer_unit', 'choices', 'answer_shape',
    'domains', 'constraints', 'tags', 'license', 'meta',
  ];
  const out: Record<string, unknown> = {};
  for (const key of order) if (template[key] !== undefined) out[key] = template[key];
  return JSON.stringify(out);
}
