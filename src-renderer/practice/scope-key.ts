/**
 * A practice scope as a short string (`mixed`, `strand:fractions`, `grade:5`): the value of the
 * scope <select> and what is remembered per learner. Parsing checks the shape with the contract's
 * own schema, so a stale or hand-edited value is dropped rather than sent.
 */
import { practiceScopeSchema, type PracticeScope } from '../../src-main/api/contract.std.js';

export function scopeKey(scope: PracticeScope): string {
  switch (scope.kind) {
    case 'mixed':
      return 'mixed';
    case 'strand':
      return `strand:${scope.strand}`;
    case 'grade':
      return `grade:${scope.grade}`;
  }
}

export function parseScopeKey(key: string): PracticeScope | null {
  let candidate: unknown;
  if (key === 'mixed') candidate = { kind: 'mixed' };
  else if (key.startsWith('strand:')) candidate = { kind: 'strand', strand: key.slice('strand:'.length) };
  else if (/^grade:\d{1,2}$/.test(key)) candidate = { kind: 'grade', grade: Number(key.slice('grade:'.length)) };
  else return null;
  const parsed = practiceScopeSchema.safeParse(candidate);
  return parsed.success ? parsed.data : null;
}
