/**
 * The tracer and the step renderer on every starter template, on its original values: each gets at
 * least one step, its last step's value is the program's answer, and no step shows None, a raw
 * repr or Python syntax. Also measures what tracing costs per template.
 */
import katex from 'katex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { programSpecOf } from '../../src-main/engine/program-spec.js';
import { readStarterTemplates } from '../../src-main/library/starter-pack.js';
import type { SandboxPool } from '../../src-main/sandbox/pool.js';
import { buildHints } from '../../src-main/solutions/hints.js';
import { buildSolution, sameValue, type WorkedSolution } from '../../src-main/solutions/steps.js';
import { traceInstance } from '../../src-main/solutions/trace-instance.js';
import { createTestPool } from '../helpers/sandbox.js';

/** What a raw Python value or repr looks like, in a step's LaTeX (any `<` at all) and in its title (a `<name…>` repr). */
const IN_LATEX = [/None/, /</, /object at/, /Fraction\(/, /Decimal\(/, /\bnan\b/, /\binf\b/, /\\text\{\}/, /lambda/, /[[\]]/, /\bdef /, /\btrue\b|\bfalse\b|\bTrue\b|\bFalse\b/];
const IN_TITLE = [/None/, /<[A-Za-z]/, /object at 0x/, /Fraction\(/, /\bnan\b/];

let pool: SandboxPool;
const { templates, errors } = readStarterTemplates();
const solutions = new Map<string, WorkedSolution>();
let traceMs = 0;

beforeAll(async () => {
  pool = await createTestPool();
  await pool.warm();
});
afterAll(async () => {
  await pool.close();
});

describe('worked solutions of every starter template', () => {
  it('loads the starter pack', () => {
    expect(errors).toEqual([]);
    expect(templates.length).toBe(397);
  });

  it('traces every template on its original values', async () => {
    const started = performance.now();
    const outcomes = await Promise.all(templates.map(async (t) => ({ t, out: await traceInstance(pool, t, t.variables) })));
    traceMs = performance.now() - started;
    const failed = outcomes.filter((o) => !o.out.ok).map((o) => `${o.t.id}: ${o.out.ok ? '' : o.out.failure.message}`);
    expect(failed).toEqual([]);
    for (const { t, out } of outcomes) {
      if (!out.ok) continue;
      solutions.set(t.id, buildSolution(out.trace, { values: t.variables, answerFormat: t.answer_format, problemText: t.original_problem ?? t.generic_problem }));
    }
    // The same runs without the tracer, for the report (printed, not asserted: wall-clock time varies).
    const plainStart = performance.now();
    await Promise.all(templates.map((t) => pool.run(programSpecOf(t), [t.variables])));
    const plainMs = performance.now() - plainStart;
    console.log(
      `traced ${templates.length} templates in ${traceMs.toFixed(0)} ms with a pool of ${pool.size} (${(traceMs / templates.length).toFixed(2)} ms each); ` +
        `untraced: ${plainMs.toFixed(0)} ms (${(plainMs / templates.length).toFixed(2)} ms each)`,
    );
  });

  it('gives each at least one step, ending at the program answer, with nothing a learner must not see', () => {
    const problems: string[] = [];
    for (const t of templates) {
      const s = solutions.get(t.id);
      if (!s) {
        problems.push(`${t.id}: no solution`);
        continue;
      }
      const last = s.steps.at(-1);
      if (!last) problems.push(`${t.id}: no step`);
      else if (!sameValue(last.value, s.answer)) problems.push(`${t.id}: last step ${JSON.stringify(last.value)} is not the answer ${JSON.stringify(s.answer)}`);
      for (const step of s.steps) {
        const checks: [string, RegExp[]][] = [
          [step.title, IN_TITLE],
          [step.latex, IN_LATEX],
          [step.idea ?? '', IN_LATEX],
        ];
        for (const tex of [step.latex, step.idea]) {
          if (tex === undefined) continue;
          try {
            katex.renderToString(tex, { throwOnError: true, strict: 'error', trust: false });
          } catch (err) {
            problems.push(`${t.id} step ${step.n}: KaTeX refuses “${tex}”: ${err instanceof Error ? err.message : String(err)}`);
          }
        }
        for (const [text, patterns] of checks) {
          const bad = patterns.find((p) => p.test(text));
          if (bad !== undefined) problems.push(`${t.id} step ${step.n}: “${text}” matches ${String(bad)}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('gives progressive hints ending in the full solution for every template', () => {
    for (const t of templates) {
      const s = solutions.get(t.id);
      if (!s) throw new Error(`no solution for ${t.id}`);
      const hints = buildHints(s);
      expect(hints[0]?.kind).toBe('idea');
      expect(hints.at(-1)?.kind).toBe('solution');
      expect(hints.filter((h) => h.revealsAnswer)).toHaveLength(1);
    }
  });
});
