/**
 * Drawing verified instances: values from the domains, run in the sandbox, judged, and rendered.
 * `(template id, seed)` always gives the same instance: each seed has its own random stream, and a
 * rejected draw is retried from that same stream, so batching and the pool's scheduling never change
 * what comes out.
 */
import type { SandboxPool } from '../sandbox/pool.js';
import { createRng, type Rng } from '../sampling/rng.js';
import { drawValues } from '../sampling/draw.js';
import { formatAnswer } from '../template/format-value.js';
import { renderText } from '../template/render.js';
import type { Instance, PyValue, VariableValue } from '../template/template.types.js';
import { judgeRun, type Rejection, type RejectionKind } from './judge.js';
import type { PreparedTemplate } from './prepared-template.js';

export interface GenerateOptions {
  /** Draws per seed before giving up on it. */
  maxTries?: number;
  signal?: AbortSignal;
}

export interface SeedOutcome {
  seed: number;
  instance?: Instance;
  tries: number;
  /** Why the last try was rejected, when no instance came out. */
  rejection?: Rejection;
}

export interface GenerationReport {
  outcomes: SeedOutcome[];
  draws: number;
  accepted: number;
  /** accepted / draws: how much rejection sampling this template needs. */
  acceptance: number;
  rejections: Partial<Record<RejectionKind, number>>;
}

interface Pending {
  seed: number;
  rng: Rng;
  tries: number;
  rejection?: Rejection;
}

export function instanceOf(prepared: PreparedTemplate, seed: number, values: Record<string, VariableValue>, answer: PyValue): Instance {
  const t = prepared.template;
  return {
    templateId: t.id,
    seed,
    values,
    text: renderText(t, prepared.domains, values),
    answer,
    answerText: formatAnswer(answer, prepared.format, t.answer_unit),
    answerFormat: prepared.format,
  };
}

export async function generateInstances(
  pool: SandboxPool,
  prepared: PreparedTemplate,
  seeds: readonly number[],
  opts: GenerateOptions = {},
): Promise<GenerationReport> {
  const maxTries = opts.maxTries ?? 20;
  const t = prepared.template;
  const done = new Map<number, SeedOutcome>();
  const rejections: Partial<Record<RejectionKind, number>> = {};
  let draws = 0;
  let pending: Pending[] = seeds.map((seed) => ({ seed, rng: createRng(t.id, seed), tries: 0 }));
  while (pending.length > 0) {
    opts.signal?.throwIfAborted();
    const drawn = pending.map((p) => ({ p, values: drawValues(prepared.domains, t.variables, p.rng) }));
    const { results } = await pool.run(prepared.spec, drawn.map((d) => d.values));
    draws += drawn.length;
    const next: Pending[] = [];
    drawn.forEach(({ p, values }, i) => {
      const result = results[i];
      p.tries++;
      const rejection = result ? judgeRun(result, prepared.shape) : { kind: 'crash' as const, reason: 'no result' };
      if (!rejection && result?.value) {
        done.set(p.seed, { seed: p.seed, tries: p.tries, instance: instanceOf(prepared, p.seed, values, result.value) });
        return;
      }
      if (rejection) {
        rejections[rejection.kind] = (rejections[rejection.kind] ?? 0) + 1;
        p.rejection = rejection;
      }
      // A missing module or a broken program will not get better with other numbers.
      const hopeless = rejection?.kind === 'needs-module' || rejection?.kind === 'syntax' || rejection?.kind === 'forbidden';
      if (p.tries >= maxTries || hopeless) {
        done.set(p.seed, { seed: p.seed, tries: p.tries, ...(p.rejection ? { rejection: p.rejection } : {}) });
      } else {
        next.push(p);
      }
    });
    pending = next;
  }
  const outcomes = seeds.map((s) => done.get(s) ?? { seed: s, tries: 0 });
  const accepted = outcomes.filter((o) => o.instance).length;
  return { outcomes, draws, accepted, acceptance: draws === 0 ? 0 : accepted / draws, rejections };
}
