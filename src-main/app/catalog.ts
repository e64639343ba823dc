/** What can be practised: strands with their template counts and grade spans, and the candidates of a scope. */
import type { Catalog, PracticeScope } from '../api/contract.std.js';
import type { ReadDb } from '../storage/db-handles.js';
import { strandLabel } from '../template/strand-labels.js';

export interface Candidate {
  templateId: string;
  strand: string;
  gradeMin: number | null;
  gradeMax: number | null;
}

/** Practice draws from curated templates (those with a strand) that the audit has not found broken. */
const PRACTISABLE = "strand IS NOT NULL AND status <> 'broken'";

export function readCatalog(db: ReadDb): Catalog {
  const rows = db
    .prepare(
      `SELECT strand, count(*) AS n, min(grade_min) AS lo, max(grade_max) AS hi FROM templates WHERE ${PRACTISABLE} GROUP BY strand ORDER BY min(grade_min), strand`,
    )
    .all() as { strand: string; n: number; lo: number | null; hi: number | null }[];
  const grades = new Set<number>();
  for (const r of rows) if (r.lo !== null && r.hi !== null) for (let g = r.lo; g <= r.hi; g++) grades.add(g);
  return {
    strands: rows.map((r) => ({ strand: r.strand, label: strandLabel(r.strand), templates: r.n, gradeMin: r.lo ?? 0, gradeMax: r.hi ?? 0 })),
    grades: [...grades].sort((a, b) => a - b),
  };
}

export function candidatesFor(db: ReadDb, scope: PracticeScope): Candidate[] {
  const base = `SELECT id AS templateId, strand, grade_min AS gradeMin, grade_max AS gradeMax FROM templates WHERE ${PRACTISABLE}`;
  switch (scope.kind) {
    case 'strand':
      return db.prepare(`${base} AND strand = ? ORDER BY id`).all(scope.strand) as Candidate[];
    case 'grade':
      return db.prepare(`${base} AND grade_min <= ? AND grade_max >= ? ORDER BY id`).all(scope.grade, scope.grade) as Candidate[];
    case 'mixed':
      return db.prepare(`${base} ORDER BY id`).all() as Candidate[];
  }
}
