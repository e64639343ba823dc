/**
 * Worked solutions for practice, from the program itself: traced once per instance in the sandbox and
 * kept in memory (an instance's solution never changes), then used for progressive hints and for
 * diagnosing wrong answers.
 */
import type { SandboxPool } from '../sandbox/pool.js';
import { diagnose } from '../solutions/diagnose.js';
import { solveInstance, type SolveOutcome } from '../solutions/solve-instance.js';
import type { Instance, Template } from '../template/template.types.js';

const CACHE_SIZE = 500;

export class SolutionSupply {
  private readonly cache = new Map<string, Promise<SolveOutcome>>();

  constructor(private readonly pool: () => Promise<SandboxPool>) {}

  solve(template: Template, inst: Instance): Promise<SolveOutcome> {
    const key = `${inst.templateId}#${inst.seed}`;
    let found = this.cache.get(key);
    if (!found) {
      if (this.cache.size >= CACHE_SIZE) {
        const oldest = this.cache.keys().next().value;
        if (oldest !== undefined) this.cache.delete(oldest);
      }
      found = this.pool().then((pool) => solveInstance(pool, template, inst.values, inst.text));
      this.cache.set(key, found);
      found.catch(() => this.cache.delete(key));
    }
    return found;
  }

  /** A specific message for a wrong numeric answer, or null when nothing specific can be said. */
  async diagnosis(template: Template, inst: Instance, learnerValue: number | undefined): Promise<string | null> {
    if (learnerValue === undefined || !Number.isFinite(learnerValue)) return null;
    const solved = await this.solve(template, inst);
    if (!solved.ok) return null;
    const d = diagnose(learnerValue, solved.solution);
    return d.kind === 'unknown' || d.kind === 'correct' ? null : d.message;
  }

  /** Drops every cached solution (after the library was restored from a backup). */
  forget(): void {
    this.cache.clear();
  }
}
