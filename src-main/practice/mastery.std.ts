/**
 * Mastery of a strand: how well the learner knows it *now*, from 0 to 1. Runs anywhere: the Progress
 * page explains the percentage with the same function (MasteryExplainer).
 *
 * Evidence: the first try on each problem of the strand, oldest first (solved at once = 1;
 * wrong, nearly right or revealed = 0). Later tries on the same numbers say little, since the learner
 * has already seen the feedback; unreadable input is no evidence at all.
 *
 * Score = recency-weighted first-try accuracy × n / (n + MASTERY_PRIOR)
 * - Weighted accuracy: the newest first try weighs 1, each older one half as much per
 *   MASTERY_HALF_LIFE first tries (10): what happened last week matters more than last year,
 *   and ~30 tries back is almost forgotten.
 * - Shrinkage: with n first tries the accuracy is multiplied by n / (n + 3), i.e. the estimate
 *   starts at 0 with the weight of three tries and the evidence has to outweigh that. One lucky
 *   answer gives 0.25, not 1; five right in a row 0.63; ten 0.77; forty 0.93; it nears 1 only
 *   with long, consistent practice.
 * Properties (tested): a correct first try in place of a wrong one never lowers the score, and
 * adding a correct first try never lowers it either.
 */

export const MASTERY_HALF_LIFE = 10;
export const MASTERY_PRIOR = 3;

/** `outcomes`: first tries of one strand, oldest first (true = solved at once). */
export function masteryScore(outcomes: readonly boolean[]): number {
  const n = outcomes.length;
  if (n === 0) return 0;
  const decay = 2 ** (-1 / MASTERY_HALF_LIFE);
  let weight = 1;
  let sumWeights = 0;
  let sumCorrect = 0;
  // Newest first, so the weights can be computed by repeated multiplication.
  for (let i = n - 1; i >= 0; i -= 1) {
    sumWeights += weight;
    if (outcomes[i] === true) sumCorrect += weight;
    weight *= decay;
  }
  return (sumCorrect / sumWeights) * (n / (n + MASTERY_PRIOR));
}
