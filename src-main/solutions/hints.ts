/**
 * Progressive hints from a worked solution: hint 1 is the first step's idea without its numbers,
 * hint 2 the first step worked with this instance's numbers, then the next step's idea, and so on;
 * the last hint is the full solution. Only the last step's worked form gives the answer away, so it
 * is never a hint of its own: the full solution is.
 */
import type { SolutionStep, WorkedSolution } from './steps.js';

export interface Hint {
  /** 1-based: the order in which hints are given. */
  level: number;
  kind: 'idea' | 'worked' | 'solution';
  /** The step the hint is about (undefined for the full solution). */
  step: number | undefined;
  /** Plain text. */
  text: string;
  /** KaTeX to show under the text, if any. */
  latex: string | undefined;
  /** The full solution's steps (only for `solution`). */
  steps: SolutionStep[] | undefined;
  /** True only for the full solution: showing it gives the answer. */
  revealsAnswer: boolean;
}

function ideaText(step: SolutionStep, total: number): string {
  const where = total > 1 ? `Step ${step.n} of ${total}: ` : '';
  return `${where}${step.title}.`.replace(/\.\.$/, '.');
}

export function buildHints(solution: Pick<WorkedSolution, 'steps'>): Hint[] {
  const { steps } = solution;
  const hints: Omit<Hint, 'level'>[] = [];
  steps.forEach((step, i) => {
    const isLast = i === steps.length - 1;
    hints.push({ kind: 'idea', step: step.n, text: ideaText(step, steps.length), latex: step.idea, steps: undefined, revealsAnswer: false });
    if (!isLast) hints.push({ kind: 'worked', step: step.n, text: `${step.title}:`.replace(/[.:]:$/, ':'), latex: step.latex, steps: undefined, revealsAnswer: false });
  });
  hints.push({ kind: 'solution', step: undefined, text: 'The full solution:', latex: undefined, steps, revealsAnswer: true });
  return hints.map((h, i) => ({ ...h, level: i + 1 }));
}
