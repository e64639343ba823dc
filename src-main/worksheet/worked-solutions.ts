/**
 * Worked solutions for a sheet's answer key (the spec's `workedSolutions`): each problem's program traced
 * in the sandbox and turned into numbered steps with that instance's numbers (src-main/solutions), as print
 * HTML. A problem whose program cannot be traced simply shows its final answer.
 */
import type { SandboxPool } from '../sandbox/pool.js';
import { solveInstance } from '../solutions/solve-instance.js';
import type { Template } from '../template/template.types.js';
import { escapeHtml, texToHtml } from './math-html.std.js';
import type { WorksheetHtmlOptions } from './worksheet-html.std.js';
import type { GeneratedWorksheet, WorksheetProblem } from './worksheet-types.std.js';

const problemKey = (p: WorksheetProblem): string => `${p.instance.templateId}#${p.instance.seed}`;

/** Solves the problems of `versions` (all by default) and returns the provider renderWorksheetHtml takes. */
export async function workedSolutionsFor(
  pool: SandboxPool,
  sheet: GeneratedWorksheet,
  lookup: (id: string) => Template | undefined,
  versions?: readonly number[],
): Promise<NonNullable<WorksheetHtmlOptions['workedSolution']>> {
  const problems = sheet.versions.filter((v) => versions === undefined || versions.includes(v.index)).flatMap((v) => v.problems);
  const html = new Map<string, string>();
  await Promise.all(
    problems.map(async (p) => {
      const template = lookup(p.instance.templateId);
      if (template === undefined) return;
      const solved = await solveInstance(pool, template, p.instance.values, p.instance.text);
      if (!solved.ok || solved.solution.steps.length === 0) return;
      const steps = solved.solution.steps
        .filter((s) => s.kind !== 'answer')
        // Full-size fractions, as in the problems: text-size ones are too small to read on paper.
        .map((s) => `<li>${escapeHtml(s.title)}: ${texToHtml(`\\displaystyle ${s.latex}`, false)}</li>`)
        .join('');
      if (steps !== '') html.set(problemKey(p), `<ol class="steps">${steps}</ol>`);
    }),
  );
  return (p) => html.get(problemKey(p));
}
