/**
 * How template rows are read: the column lists the queries select and the mapping from rows to
 * `StoredTemplate` / `TemplateSummary`, checking on the way what the schema cannot (the body is a
 * valid template, the status a known one).
 */
import { templateSchema, type Template } from '../template/template.types.js';
import { parseJsonColumn } from './json-guards.js';
import { TEMPLATE_STATUSES, type EpochMs, type TemplateStatus } from './storage.types.js';

export interface StoredTemplate {
  /** Parsed with `templateSchema`, so keys come back in the documented field order. */
  template: Template;
  /** The imported original row; absent when the template was not imported. */
  original?: unknown;
  packId: string;
  /** SHA-256 of the canonical template JSON; changes exactly when the template changes. */
  contentHash: string;
  status: TemplateStatus;
  review: string;
  createdAt: EpochMs;
  updatedAt: EpochMs;
}

/** One row of a listing: the columns a table view shows, without parsing the whole body. */
export interface TemplateSummary {
  id: string;
  packId: string;
  source: string | null;
  topic: string | null;
  strand: string | null;
  gradeMin: number | null;
  gradeMax: number | null;
  difficulty: number | null;
  answerFormat: string | null;
  status: TemplateStatus;
  review: string;
  genericProblem: string;
  createdAt: EpochMs;
  updatedAt: EpochMs;
}

export const SUMMARY_COLUMNS = `t.id, t.pack_id, t.source, t.topic, t.strand, t.grade_min, t.grade_max, t.difficulty, t.answer_format,
  t.status, t.review, json_extract(t.body, '$.generic_problem') AS generic_problem, t.created_at, t.updated_at`;

export interface SummaryRow {
  id: string;
  pack_id: string;
  source: string | null;
  topic: string | null;
  strand: string | null;
  grade_min: number | null;
  grade_max: number | null;
  difficulty: number | null;
  answer_format: string | null;
  status: string;
  review: string;
  generic_problem: unknown;
  created_at: number;
  updated_at: number;
}

export function toSummary(row: SummaryRow): TemplateSummary {
  return {
    id: row.id,
    packId: row.pack_id,
    source: row.source,
    topic: row.topic,
    strand: row.strand,
    gradeMin: row.grade_min,
    gradeMax: row.grade_max,
    difficulty: row.difficulty,
    answerFormat: row.answer_format,
    status: checkStatus(row.status, row.id),
    review: row.review,
    genericProblem: typeof row.generic_problem === 'string' ? row.generic_problem : '',
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export const STORED_COLUMNS = 't.id, t.pack_id, t.body, t.original, t.content_hash, t.status, t.review, t.created_at, t.updated_at';

export interface StoredRow {
  id: string;
  pack_id: string;
  body: string;
  original: string | null;
  content_hash: string;
  status: string;
  review: string;
  created_at: number;
  updated_at: number;
}

export function toStored(row: StoredRow): StoredTemplate {
  const where = `templates row "${row.id}"`;
  const parsed = templateSchema.safeParse(parseJsonColumn(row.body, `${where}, body`));
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
    throw new Error(`${where}, body: the stored template does not match the template format: ${issues}`);
  }
  const stored: StoredTemplate = {
    template: parsed.data,
    packId: row.pack_id,
    contentHash: row.content_hash,
    status: checkStatus(row.status, row.id),
    review: row.review,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
  if (row.original !== null) stored.original = parseJsonColumn(row.original, `${where}, original`);
  return stored;
}

function checkStatus(status: string, id: string): TemplateStatus {
  const known = TEMPLATE_STATUSES.find((s) => s === status);
  if (known === undefined) throw new Error(`templates row "${id}": status "${status}" is not one of ${TEMPLATE_STATUSES.join(', ')}`);
  return known;
}
