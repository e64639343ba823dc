/**
 * One interface over the importers' mappers, so the runner treats every format alike: a row goes in,
 * a template (plus the original row, kept for round-trip export) or a specific error comes out.
 */
import { quickProgramCheck } from '../template/program-check.js';
import { validateTemplate } from '../template/native-format.js';
import type { Template } from '../template/template.types.js';
import { parseGsmSymbolic } from './gsm-symbolic.js';
import { isRecord } from './import-types.js';
import { createInfinityMathMapper } from './infinitymath-map.js';
import { templatizePot, type PotResult } from './pot-templatize.js';
import { controlCharacterProblem, texWarnings } from '../template/text-checks.js';

export const IMPORT_FORMATS = ['infinitymath', 'gsm-symbolic', 'pot', 'native'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** Reasons a row is skipped; stable strings, counted in the report. */
export type SkipReason =
  | 'bad-json'
  | 'not-an-object'
  | 'missing-field'
  | 'wrong-type'
  | 'program-does-not-parse'
  | 'line-too-long'
  | 'duplicate-id'
  | 'refused'
  | 'verification-failed'
  | 'invalid-utf8'
  | 'too-deep'
  | 'control-character';

export type RowOutcome =
  /** `texWarnings`: why the LaTeX export would print some of its math as text (the template is flagged). */
  | { ok: true; template: Template; original: unknown; pot?: PotResult; texWarnings?: string[] }
  | { ok: false; reason: SkipReason; detail: string };

export interface RowMapper {
  readonly format: ImportFormat;
  map(row: unknown, lineNo: number): RowOutcome;
  /** Format-specific figures for the report (recognised keys, placeholder styles, templatize counts). */
  summary(): Record<string, unknown>;
}

/** Guesses the format from the first record's keys. */
export function detectFormat(row: unknown): ImportFormat {
  if (!isRecord(row)) return 'infinitymath';
  if ('question_annotated' in row) return 'gsm-symbolic';
  if ('generic_problem' in row && 'program' in row) return 'native';
  if ('code' in row && ('input' in row || 'question' in row) && !('variables' in row)) return 'pot';
  return 'infinitymath';
}

function fieldFailure(field: string, message: string): RowOutcome {
  // Mappers say "no <field>: tried …" (InfinityMATH) or "missing …" when a field is absent.
  const missing = /^no [a-z ]+:|missing|absent|not found|required/i.test(message);
  return { ok: false, reason: missing ? 'missing-field' : 'wrong-type', detail: `${field}: ${message}` };
}

function checked(template: Template, original: unknown, extra: Partial<{ pot: PotResult }> = {}): RowOutcome {
  const control = controlCharacterProblem(template);
  if (control) return { ok: false, reason: 'control-character', detail: control.detail };
  const problem = quickProgramCheck(template.program);
  if (problem) return { ok: false, reason: 'program-does-not-parse', detail: `program line ${problem.line}: ${problem.message}` };
  const tex = texWarnings(template);
  return { ok: true, template, original, ...extra, ...(tex.length > 0 ? { texWarnings: tex } : {}) };
}

export function createRowMapper(format: ImportFormat, fileId: string, overrides: Record<string, string> = {}): RowMapper {
  switch (format) {
    case 'infinitymath': {
      const mapper = createInfinityMathMapper(overrides);
      return {
        format,
        map(row, lineNo) {
          if (!isRecord(row)) return { ok: false, reason: 'not-an-object', detail: 'each line must be a JSON object' };
          const r = mapper.map(row, lineNo, fileId);
          return r.ok ? checked(r.template, row) : fieldFailure(r.field, r.message);
        },
        summary: () => ({ ...mapper.report() }),
      };
    }
    case 'gsm-symbolic': {
      const unsupported = new Map<string, number>();
      let index = 0;
      return {
        format,
        map(row) {
          if (!isRecord(row)) return { ok: false, reason: 'not-an-object', detail: 'each record must be a JSON object' };
          const r = parseGsmSymbolic(row, { fileName: fileId, index: index++ });
          for (const h of r.unsupportedHelpers ?? []) unsupported.set(h, (unsupported.get(h) ?? 0) + 1);
          if (!r.ok) return fieldFailure(r.field, r.message);
          return checked(r.template, row);
        },
        summary: () => ({ unsupportedHelpers: Object.fromEntries(unsupported) }),
      };
    }
    case 'pot': {
      const counts = { templatized: 0, partial: 0, refused: 0 };
      return {
        format,
        map(row, lineNo) {
          if (!isRecord(row)) return { ok: false, reason: 'not-an-object', detail: 'each line must be a JSON object' };
          const r = templatizePot(row, { lineNo, fileId });
          counts[r.status]++;
          if (r.status === 'refused' || !r.template) return { ok: false, reason: 'refused', detail: r.reason ?? 'refused' };
          return checked(r.template, row, { pot: r });
        },
        summary: () => ({ templatize: { ...counts } }),
      };
    }
    case 'native':
      return {
        format,
        map(row, lineNo) {
          const r = validateTemplate(row, lineNo);
          return r.ok ? checked(r.template, undefined) : fieldFailure(r.error.field, r.error.message);
        },
        summary: () => ({}),
      };
  }
}
