/**
 * What "mastery" means, where it is shown: one sentence on what the percentage is, and how it grows,
 * with numbers computed by the very function that scores it (so the text cannot drift from the code).
 * Issue 17: "Mastery by topic read 32–57 % after near-perfect practice, with no word on what it means".
 */
import { MASTERY_PRIOR, masteryScore } from '../../src-main/practice/mastery.std.js';

/** n right first tries in a row. */
/** "5 → 63 %", kept on one line (no-break spaces). */
const streakOf = (n: number): string => `${n}\u00a0→\u00a0${Math.round(100 * masteryScore(Array.from({ length: n }, () => true)))}\u00a0%`;

export function MasteryExplainer({ learnerName }: { learnerName: string }) {
  return (
    <div className="mastery-explainer" data-testid="mastery-explainer">
      <p>
        <strong>Mastery</strong> is how likely {learnerName} is to solve a new problem of the topic <em>on the first try</em>, judged from first
        tries only, the latest counting most. Tries after a wrong answer or a hint, and skipped problems, do not lower it.
      </p>
      <p>
        It starts low and grows with evidence, so a few lucky answers do not read as mastered: right first tries in a row give {streakOf(1)}, {streakOf(3)}, {streakOf(5)}, {streakOf(10)},{' '}
        {streakOf(20)}. A green bar (80 % or more) means the topic is well in hand.
      </p>
      <p className="mastery-fineprint">
        (Each topic starts as if it had {MASTERY_PRIOR} unanswered tries; hover a bar for its first tries and what one more right answer would make it.)
      </p>
    </div>
  );
}
