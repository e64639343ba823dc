/**
 * Results shared by the importers' mappers. A mapper turns one source record into a native template or
 * says precisely why it cannot (which field, what was expected, what was found), so that the import
 * runner can count, show and resume without ever guessing.
 */
import { createHash } from 'node:crypto';
import { templateSchema } from '../template/template.types.js';
import type { Template } from '../template/template.types.js';

export type MapResult =
  | { ok: true; template: Template; notes: string[] }
  | { ok: false; field: string; message: string };

export type MapFailure = Extract<MapResult, { ok: false }>;

export function mapFailure(field: string, message: string): MapFailure {
  return { ok: false, field, message };
}

/**
 * Check a built template against the native schema, so a mapper can never hand the runner something
 * storage would refuse. The first issue becomes the failure (its path is the field).
 */
export function validatedTemplate(candidate: Template, notes: string[]): MapResult {
  const parsed = templateSchema.safeParse(candidate);
  if (parsed.success) return { ok: true, template: parsed.data, notes };
  const issue = parsed.error.issues[0];
  const field = issue ? issue.path.map(String).join('.') : '(template)';
  return mapFailure(field === '' ? '(template)' : field, `the built template is invalid: ${issue?.message ?? 'unknown error'}`);
}

/** Short stable hash (hex) used for ids derived from content, so that re-importing gives the same id. */
export function shortHash(text: string, length = 12): string {
  return createHash('sha256').update(text).digest('hex').slice(0, length);
}

/** A file name or id reduced to characters safe inside a template id (`GSM hard v2.jsonl` → `gsm-hard-v2`). */
export function idSegment(raw: string): string {
  const base = raw.replace(/\\/g, '/').split('/').pop() ?? raw;
  const noExt = base.replace(/\.(?:jsonl|json|txt|ndjson)$/i, '');
  const seg = noExt
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return seg === '' ? 'file' : seg;
}

/** A plain JSON object (not an array, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** How a value looked, for error messages: `a string ("abc…")`, `an array of 3`, `null`. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'string') return `a string (${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)})`;
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'boolean') return `the boolean ${String(value)}`;
  if (typeof value === 'object') return `an object with keys ${Object.keys(value).slice(0, 6).join(', ') || '(none)'}`;
  return typeof value;
}
