/**
 * Versions of equal difficulty: from a pool of candidate instances of one item, pick `versions × count`
 * and deal them to the versions so that each measured property differs as little as possible between
 * versions (see assignBalanced for the method).
 */
import { METRIC_NAMES, type DifficultyMetrics, type MetricName } from './difficulty.std.js';

export interface Candidate {
  /** Stable tie-breaker (the instance seed): equal scores must not depend on sort stability. */
  seed: number;
  metrics: DifficultyMetrics;
}

export type Spread = Record<MetricName, number>;

/** Range of each metric over the pool; a metric that never varies gets 0 and weighs nothing. */
function ranges(pool: readonly Candidate[]): number[] {
  return METRIC_NAMES.map((m) => {
    const values = pool.map((c) => c.metrics[m]);
    return Math.max(...values) - Math.min(...values);
  });
}

/** Each candidate's combined score: every metric divided by its range in the pool. */
function scores(pool: readonly Candidate[], range: readonly number[]): number[] {
  return pool.map((c) => METRIC_NAMES.reduce((s, m, i) => s + ((range[i] ?? 0) > 0 ? c.metrics[m] / (range[i] ?? 1) : 0), 0));
}

/** Swap evaluations allowed in the local search: a count, not a time, so the result never depends on the machine. */
const SEARCH_BUDGET = 2_000_000;

/**
 * `versions` lists of `count` candidates each, balanced; throws when the pool is too small.
 * 1. Sort by combined score and take the run of `versions × count` consecutive candidates with the
 *    smallest score range (similar problems), dealt snake-wise (A B C C B A …).
 * 2. Local search: swap two dealt candidates of different versions, or a dealt one with one left in the
 *    pool, whenever that lowers Σ (spread of the metric's per-version mean / the metric's pool range);
 *    repeat until no swap helps. Every step is in a fixed order, so the result is deterministic.
 */
export function assignBalanced<C extends Candidate>(pool: readonly C[], versions: number, count: number): C[][] {
  const need = versions * count;
  if (pool.length < need) throw new RangeError(`assignBalanced: ${pool.length} candidate(s) for ${versions} version(s) × ${count}`);
  const range = ranges(pool);
  const s = scores(pool, range);
  const order = pool.map((c, i) => ({ c, score: s[i] ?? 0 })).sort((a, b) => a.score - b.score || a.c.seed - b.c.seed);
  let best = 0;
  let bestRange = Infinity;
  for (let start = 0; start + need <= order.length; start++) {
    const r = (order[start + need - 1]?.score ?? 0) - (order[start]?.score ?? 0);
    if (r < bestRange - 1e-12) {
      best = start;
      bestRange = r;
    }
  }
  // slot[k] = version of order[k], or -1 when the candidate is not used.
  const slot = order.map((_, k) => {
    const i = k - best;
    if (i < 0 || i >= need) return -1;
    const row = Math.floor(i / versions);
    const col = i % versions;
    return row % 2 === 0 ? col : versions - 1 - col;
  });
  const M = METRIC_NAMES.length;
  const weight = range.map((r) => (r > 0 ? 1 / r : 0));
  const metric = order.map(({ c }) => METRIC_NAMES.map((m) => c.metrics[m]));
  const sums = Array.from({ length: versions }, () => new Array<number>(M).fill(0));
  slot.forEach((v, k) => {
    if (v >= 0) for (let m = 0; m < M; m++) (sums[v] as number[])[m] = (sums[v]?.[m] ?? 0) + (metric[k]?.[m] ?? 0);
  });
  const cost = (): number => {
    let total = 0;
    for (let m = 0; m < M; m++) {
      if ((weight[m] ?? 0) === 0) continue;
      let lo = Infinity;
      let hi = -Infinity;
      for (let v = 0; v < versions; v++) {
        const x = (sums[v]?.[m] ?? 0) / count;
        if (x < lo) lo = x;
        if (x > hi) hi = x;
      }
      total += (hi - lo) * (weight[m] ?? 0);
    }
    return total;
  };
  const move = (k: number, from: number, to: number): void => {
    for (let m = 0; m < M; m++) {
      if (from >= 0) (sums[from] as number[])[m] = (sums[from]?.[m] ?? 0) - (metric[k]?.[m] ?? 0);
      if (to >= 0) (sums[to] as number[])[m] = (sums[to]?.[m] ?? 0) + (metric[k]?.[m] ?? 0);
    }
    slot[k] = to;
  };
  let current = cost();
  let budget = SEARCH_BUDGET;
  for (let improved = true; improved && budget > 0 && current > 1e-12; ) {
    improved = false;
    for (let a = 0; a < order.length && budget > 0; a++) {
      for (let b = a + 1; b < order.length && budget > 0; b++) {
        const va = slot[a] ?? -1;
        const vb = slot[b] ?? -1;
        if (va === vb) continue;
        budget--;
        move(a, va, vb);
        move(b, vb, va);
        const next = cost();
        if (next < current - 1e-12) {
          current = next;
          improved = true;
        } else {
          move(a, vb, va);
          move(b, va, vb);
        }
      }
    }
  }
  const out: C[][] = Array.from({ length: versions }, () => []);
  order.forEach(({ c }, k) => {
    const v = slot[k] ?? -1;
    if (v >= 0) out[v]?.push(c);
  });
  return out;
}

/** The naive way (first candidates, dealt in order): the baseline the balance is measured against. */
export function assignInOrder<C extends Candidate>(pool: readonly C[], versions: number, count: number): C[][] {
  const out: C[][] = Array.from({ length: versions }, () => []);
  pool.slice(0, versions * count).forEach((c, i) => out[i % versions]?.push(c));
  return out;
}

/** Per version, the mean of each metric over its candidates. */
export function versionMeans(assignment: readonly (readonly Candidate[])[]): DifficultyMetrics[] {
  return assignment.map((list) => {
    const mean = (m: MetricName): number => (list.length === 0 ? 0 : list.reduce((s, c) => s + c.metrics[m], 0) / list.length);
    return { magnitude: mean('magnitude'), digits: mean('digits'), whole: mean('whole'), steps: mean('steps') };
  });
}

/** Max − min of each metric's per-version mean: 0 means every version got the same difficulty. */
export function spreadOf(assignment: readonly (readonly Candidate[])[]): Spread {
  const means = versionMeans(assignment);
  const spread = (m: MetricName): number => {
    const values = means.map((x) => x[m]);
    return values.length === 0 ? 0 : Math.max(...values) - Math.min(...values);
  };
  return { magnitude: spread('magnitude'), digits: spread('digits'), whole: spread('whole'), steps: spread('steps') };
}
