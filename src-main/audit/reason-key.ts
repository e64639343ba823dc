/**
 * Reasons grouped for counting: "only 35% of draws are valid" and "only 40% of draws are valid" are
 * the same problem, and so are "duplicate of a.1" and "duplicate of b.7". Numbers, bracketed details
 * and the template a duplicate points to are replaced, the wording is kept.
 */
export function reasonKey(reason: string): string {
  return reason
    .replace(/\b(duplicate of) \S+/g, '$1 …')
    .replace(/\(.*?\)/g, '(…)')
    .replace(/-?\d[\d.,e+-]*/g, 'N');
}
