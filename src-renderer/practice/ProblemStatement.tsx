/** Where the problem comes from (strand, topic, grades, why it was picked) and its text with math. */
import type { ProblemView } from '../../src-main/api/contract.std.js';
import { MathText } from '../math/MathText.js';
import { gradeRange } from './grade-range.js';

const words = (kebab: string): string => kebab.replaceAll('-', ' ');

export function ProblemStatement({ problem, strandLabel }: { problem: ProblemView; strandLabel: string | null }) {
  const details = [
    strandLabel,
    problem.topic === null ? null : words(problem.topic),
    problem.grade === null ? null : gradeRange(problem.grade.min, problem.grade.max),
  ].filter((d): d is string => d !== null && d !== '');
  return (
    <>
      <p className="problem-meta">
        <span>{details.join(' · ')}</span>
        {problem.reason !== '' && (
          <span className="reason-chip" data-testid="problem-reason">
            {problem.reason}
          </span>
        )}
      </p>
      <p className="problem-text" data-testid="problem-text" data-template-id={problem.templateId} data-seed={problem.seed}>
        <MathText text={problem.text} />
      </p>
    </>
  );
}
