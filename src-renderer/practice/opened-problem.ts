/**
 * A problem opened from elsewhere (the Library's "Practise this", a worksheet): `#/practice?t=<id>&seed=<n>`.
 * Without a seed the template is opened with fresh numbers.
 */
export interface OpenedProblem {
  templateId: string;
  seed?: number;
}

export function openedProblemFrom(query: Record<string, string>): OpenedProblem | null {
  const templateId = query.t;
  if (templateId === undefined || templateId === '') return null;
  const seed = query.seed === undefined ? undefined : Number(query.seed);
  return seed !== undefined && Number.isSafeInteger(seed) && seed >= 0 ? { templateId, seed } : { templateId };
}

export function openedKey(open: OpenedProblem | null): string | null {
  return open === null ? null : `${open.templateId}#${open.seed ?? ''}`;
}
