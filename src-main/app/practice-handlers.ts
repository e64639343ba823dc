/**
 * The practice loop behind the contract: pick what to practise (FSRS over templates), serve a fresh
 * instance, check answers against the executed program's answer, and record every attempt.
 * The answer never leaves the engine before the problem is solved or revealed.
 */
import { ApiError, type ApiHandlers, type ProblemView, type StepView, type SubmitResult } from '../api/contract.std.js';
import { checkAnswerAsync } from '../checker/index.std.js';
import { createRng } from '../sampling/rng.js';
import type { WriteDb } from '../storage/db-handles.js';
import { getTemplate } from '../storage/templates.repo.js';
import { attemptsOnInstance, instanceHistory, seenInstances } from '../storage/attempts.repo.js';
import { createLearner, getLearner, LearnerNameTakenError, listLearners } from '../storage/learners.repo.js';
import { recordOutcome, settleAbandoned } from '../practice/record-outcome.js';
import { pickNext, SKIP_MEMORY_MS, skipSetAsideMs } from '../practice/scheduler.js';
import { DEFAULT_SCHEDULING } from '../practice/scheduling-settings.std.js';
import { loadSchedulingSettings, resetSchedulingSettings, saveSchedulingSettings, SCHEDULING_SETTINGS_KEY } from '../practice/scheduling-store.js';
import { NothingToSkipError, skipProblem } from '../practice/skip-problem.js';
import { getSetting } from '../storage/settings.repo.js';
import { recentSkipsByTemplate, skippedSeeds } from '../storage/skips.repo.js';
import type { SchedulingView } from '../api/practice-contract.std.js';
import { progressSummary } from '../practice/progress-summary.js';
import type { Instance, Template } from '../template/template.types.js';
import { candidatesFor, readCatalog } from './catalog.js';
import type { InstanceSupply } from './instance-supply.js';
import type { SolutionSupply } from './solution-supply.js';
import type { SolutionStep } from '../solutions/steps.js';
import { STRAND_LABELS } from '../template/strand-labels.js';

type PracticeHandlers = Pick<
  ApiHandlers,
  | 'learners.list'
  | 'learners.create'
  | 'practice.catalog'
  | 'practice.next'
  | 'practice.another'
  | 'practice.open'
  | 'practice.submit'
  | 'practice.reveal'
  | 'practice.hint'
  | 'progress.summary'
  | 'practice.skip'
  | 'practice.getScheduling'
  | 'practice.saveScheduling'
  | 'practice.resetScheduling'
>;

/** The learner's answer as a number for diagnosis: a percent as the number of percent, as programs return it. */
function numberOf(value: { n: bigint; d: bigint } | undefined): number | undefined {
  return value === undefined ? undefined : Number(value.n) / Number(value.d);
}

function stepView(step: SolutionStep): StepView {
  return { n: step.n, title: step.title, latex: step.latex };
}

export function createPracticeHandlers(db: WriteDb, supply: InstanceSupply, solutions: SolutionSupply, now: () => number): PracticeHandlers {
  const requireLearner = (learnerId: number): void => {
    if (!getLearner(db, learnerId)) throw new ApiError('not-found', `no learner with id ${learnerId}`);
  };

  const view = (inst: Instance, reason: string): ProblemView => {
    const t = getTemplate(db, inst.templateId)?.template;
    return {
      templateId: inst.templateId,
      seed: inst.seed,
      text: inst.text,
      answerFormat: inst.answerFormat,
      answerUnit: t?.answer_unit ?? null,
      choices: t?.choices ?? null,
      strand: t?.strand ?? null,
      topic: t?.topic ?? null,
      grade: t?.grade ?? null,
      reason,
    };
  };

  // Instances shown in this session but not answered yet: "show me another" must not show them again.
  const shown = new Map<string, Set<number>>();
  const serve = async (learnerId: number, templateId: string, reason: string): Promise<ProblemView> => {
    const key = `${learnerId}:${templateId}`;
    const already = shown.get(key) ?? new Set<number>();
    // Skipped numbers count as seen: a skipped problem type comes back with new ones.
    const inst = await supply.fresh(templateId, new Set([...seenInstances(db, learnerId, templateId), ...skippedSeeds(db, learnerId, templateId), ...already]));
    shown.set(key, already.add(inst.seed));
    return view(inst, reason);
  };

  /** The instance (stored, or regenerated from its seed) with its template. */
  const instanceOf = async (templateId: string, seed: number): Promise<{ inst: Instance; t: Template; strand: string | null; topic: string | null }> => {
    const stored = getTemplate(db, templateId);
    if (!stored) throw new ApiError('not-found', `no template "${templateId}"`);
    const t = stored.template;
    return { inst: await supply.get(templateId, seed), t, strand: t.strand ?? null, topic: t.topic ?? null };
  };


  const schedulingView = (): SchedulingView => ({
    settings: loadSchedulingSettings(db),
    defaults: { ...DEFAULT_SCHEDULING, learningSteps: [...DEFAULT_SCHEDULING.learningSteps], relearningSteps: [...DEFAULT_SCHEDULING.relearningSteps] },
    isDefault: getSetting(db, SCHEDULING_SETTINGS_KEY) === undefined,
  });

  return {
    'learners.list': () => Promise.resolve(listLearners(db)),
    'learners.create': ({ name }) => {
      try {
        return Promise.resolve(createLearner(db, name, { now: now() }));
      } catch (err) {
        if (err instanceof LearnerNameTakenError) return Promise.reject(new ApiError('bad-request', err.message));
        throw err;
      }
    },
    'practice.catalog': () => Promise.resolve(readCatalog(db)),
    'practice.next': async ({ learnerId, scope, after }) => {
      requireLearner(learnerId);
      const candidates = candidatesFor(db, scope);
      if (candidates.length === 0) throw new ApiError('not-found', 'nothing to practise in this selection');
      const t = now();
      // Problems left unsolved after a wrong answer count as forgotten before the next pick.
      settleAbandoned(db, learnerId, t);
      const rng = createRng(`learner-${learnerId}`, Math.floor(t / 1000));
      const pick = pickNext(db, candidates, learnerId, t, rng, after);
      return serve(learnerId, pick.templateId, pick.reason);
    },
    'practice.another': async ({ learnerId, templateId }) => {
      requireLearner(learnerId);
      if (!getTemplate(db, templateId)) throw new ApiError('not-found', `no template "${templateId}"`);
      settleAbandoned(db, learnerId, now());
      return serve(learnerId, templateId, 'same problem, new numbers');
    },
    'practice.open': async ({ learnerId, templateId, seed }) => {
      requireLearner(learnerId);
      if (!getTemplate(db, templateId)) throw new ApiError('not-found', `no template "${templateId}"`);
      if (seed === undefined) return serve(learnerId, templateId, 'opened from the library');
      const { inst } = await instanceOf(templateId, seed);
      return view(inst, 'opened from the library');
    },
    'practice.submit': async ({ learnerId, templateId, seed, answer, elapsedMs, hintsUsed }): Promise<SubmitResult> => {
      requireLearner(learnerId);
      const { inst, t, strand, topic } = await instanceOf(templateId, seed);
      const verdict = await checkAnswerAsync(answer, {
        answer: inst.answer,
        format: inst.answerFormat,
        ...(t.answer_unit ? { unit: t.answer_unit } : {}),
        ...(t.choices ? { choices: t.choices } : {}),
      });
      // Input we could not read is shown back to the learner, never stored as an attempt.
      if (verdict.kind === 'invalid') {
        return {
          verdict: verdict.kind,
          message: verdict.message,
          readAs: verdict.readAs,
          counted: false,
          answerText: null,
          attemptsOnProblem: attemptsOnInstance(db, learnerId, templateId, seed),
          diagnosis: null,
        };
      }
      const outcome = recordOutcome(db, { learnerId, templateId, seed, strand, topic, answer, verdict: verdict.kind, elapsedMs, hintsUsed }, now());
      // A wrong number is compared with the program's own intermediate values and common slips.
      const diagnosis =
        verdict.kind === 'wrong'
          ? await solutions.diagnosis(t, inst, numberOf(verdict.parsed.percent ?? verdict.parsed.value)).catch(() => null)
          : null;
      return {
        verdict: verdict.kind,
        message: verdict.message,
        readAs: verdict.readAs,
        counted: true,
        answerText: outcome.solved ? inst.answerText : null,
        attemptsOnProblem: outcome.attemptsOnProblem,
        diagnosis,
      };
    },
    'practice.reveal': async ({ learnerId, templateId, seed }) => {
      requireLearner(learnerId);
      const { inst, strand, topic } = await instanceOf(templateId, seed);
      recordOutcome(db, { learnerId, templateId, seed, strand, topic, answer: null, verdict: 'revealed', elapsedMs: 0 }, now());
      return { answerText: inst.answerText };
    },
    'practice.hint': async ({ learnerId, templateId, seed, level }) => {
      requireLearner(learnerId);
      const { inst, t, strand, topic } = await instanceOf(templateId, seed);
      const solved = await solutions.solve(t, inst);
      if (!solved.ok) throw new ApiError('unavailable', `no worked solution for this problem: ${solved.failure.message}`);
      const hint = solved.hints[Math.min(level, solved.hints.length) - 1];
      if (!hint) throw new ApiError('not-found', 'this problem has no hints');
      const finished = instanceHistory(db, learnerId, templateId, seed).some((a) => a.correct || a.verdict === 'revealed');
      if (hint.revealsAnswer && !finished) {
        // The full solution gives the answer away: it counts as a reveal (once).
        recordOutcome(db, { learnerId, templateId, seed, strand, topic, answer: null, verdict: 'revealed', elapsedMs: 0 }, now());
      }
      return {
        hint: {
          level: hint.level,
          kind: hint.kind,
          text: hint.text,
          latex: hint.latex ?? null,
          steps: hint.steps ? hint.steps.map(stepView) : null,
          revealsAnswer: hint.revealsAnswer,
        },
        total: solved.hints.length,
        answerText: hint.revealsAnswer ? inst.answerText : null,
      };
    },
    'practice.skip': ({ learnerId, templateId, seed, elapsedMs, hintsUsed }) => {
      requireLearner(learnerId);
      const t = getTemplate(db, templateId)?.template;
      const at = now();
      try {
        const skip = skipProblem(db, { learnerId, templateId, seed, strand: t?.strand ?? null, topic: t?.topic ?? null, elapsedMs, hintsUsed }, at);
        const recent = recentSkipsByTemplate(db, learnerId, at - SKIP_MEMORY_MS).get(templateId)?.count ?? 1;
        return Promise.resolve({ setAsideMinutes: Math.round(skipSetAsideMs(recent) / 60_000), answersBefore: skip.answersBefore });
      } catch (err) {
        if (err instanceof NothingToSkipError) return Promise.reject(new ApiError('bad-request', err.message));
        throw err;
      }
    },
    'practice.getScheduling': () => Promise.resolve(schedulingView()),
    'practice.saveScheduling': ({ settings }) => {
      saveSchedulingSettings(db, settings, now());
      return Promise.resolve(schedulingView());
    },
    'practice.resetScheduling': () => {
      resetSchedulingSettings(db);
      return Promise.resolve(schedulingView());
    },
    'progress.summary': ({ learnerId }) => {
      requireLearner(learnerId);
      return Promise.resolve(progressSummary(db, learnerId, now(), STRAND_LABELS));
    },
  };
}
