/**
 * The builder's template picker: usable templates (never ones the audit found broken) filtered by strand,
 * topic, grade, difficulty and full-text search, each with its own example problem, plus the choices for
 * the filter menus. Only fixed SQL fragments are concatenated; every value is a bound parameter.
 */
import type { WorksheetTemplateFilter, WorksheetTemplateList, WorksheetTemplateOption } from '../api/worksheet-contract.std.js';
import { strandLabel } from '../template/strand-labels.js';
import type { ReadDb } from '../storage/db-handles.js';
import { toFtsQuery } from '../storage/fts-query.js';

const USABLE = "t.status <> 'broken'";

interface OptionRow {
  id: string;
  strand: string | null;
  topic: string | null;
  grade_min: number | null;
  grade_max: number | null;
  difficulty: number | null;
  sample: unknown;
}

function whereFor(filter: WorksheetTemplateFilter): { from: string; where: string; params: (string | number)[]; ranked: boolean } {
  const where = [USABLE];
  const params: (string | number)[] = [];
  let from = 'FROM templates t';
  const fts = filter.search === undefined ? null : toFtsQuery(filter.search);
  // Text without a searchable word applies no search (the box may hold only punctuation while typing).
  if (fts !== null) {
    from += ' JOIN templates_fts ON templates_fts.rowid = t.seq';
    where.push('templates_fts MATCH ?');
    params.push(fts);
  }
  if (filter.strand !== undefined) {
    where.push('t.strand = ?');
    params.push(filter.strand);
  }
  if (filter.topic !== undefined) {
    where.push('t.topic = ?');
    params.push(filter.topic);
  }
  if (filter.grade !== undefined) {
    where.push('t.grade_min <= ? AND t.grade_max >= ?');
    params.push(filter.grade, filter.grade);
  }
  if (filter.difficulty !== undefined) {
    where.push('t.difficulty = ?');
    params.push(filter.difficulty);
  }
  return { from, where: where.join(' AND '), params, ranked: fts !== null };
}

export function listPickerTemplates(db: ReadDb, filter: WorksheetTemplateFilter, limit: number): WorksheetTemplateList {
  const q = whereFor(filter);
  const order = q.ranked ? 'templates_fts.rank, t.id' : 't.grade_min IS NULL, t.grade_min, t.difficulty, t.strand, t.id';
  const rows = db
    .prepare<(string | number)[], OptionRow>(
      `SELECT t.id, t.strand, t.topic, t.grade_min, t.grade_max, t.difficulty,
              coalesce(json_extract(t.body, '$.original_problem'), json_extract(t.body, '$.generic_problem')) AS sample
       ${q.from} WHERE ${q.where} ORDER BY ${order} LIMIT ?`,
    )
    .all(...q.params, limit);
  const total = db.prepare<(string | number)[], { n: number }>(`SELECT count(*) AS n ${q.from} WHERE ${q.where}`).get(...q.params)?.n ?? 0;
  const templates: WorksheetTemplateOption[] = rows.map((r) => ({
    id: r.id,
    strand: r.strand,
    strandLabel: r.strand === null ? null : strandLabel(r.strand),
    topic: r.topic,
    grade: r.grade_min !== null && r.grade_max !== null ? { min: r.grade_min, max: r.grade_max } : null,
    difficulty: r.difficulty,
    sample: typeof r.sample === 'string' ? r.sample : '',
  }));

  const strandRows = db
    .prepare<[], { strand: string; n: number; lo: number | null; hi: number | null }>(
      `SELECT t.strand AS strand, count(*) AS n, min(t.grade_min) AS lo, max(t.grade_max) AS hi FROM templates t
       WHERE ${USABLE} AND t.strand IS NOT NULL GROUP BY t.strand ORDER BY min(t.grade_min), t.strand`,
    )
    .all();
  const topics = db
    .prepare<[], { topic: string; strand: string | null; n: number }>(
      `SELECT t.topic AS topic, min(t.strand) AS strand, count(*) AS n FROM templates t
       WHERE ${USABLE} AND t.topic IS NOT NULL GROUP BY t.topic ORDER BY t.topic`,
    )
    .all()
    .map((r) => ({ topic: r.topic, strand: r.strand, count: r.n }));
  const grades = new Set<number>();
  for (const r of strandRows) if (r.lo !== null && r.hi !== null) for (let g = r.lo; g <= r.hi; g++) grades.add(g);
  return {
    templates,
    total,
    strands: strandRows.map((r) => ({ strand: r.strand, label: strandLabel(r.strand), count: r.n })),
    topics,
    grades: [...grades].sort((a, b) => a - b),
  };
}
