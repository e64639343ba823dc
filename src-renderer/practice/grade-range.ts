/** "grade 5" or "grades 3–6". */
export function gradeRange(min: number, max: number): string {
  return min === max ? `grade ${min}` : `grades ${min}–${max}`;
}
