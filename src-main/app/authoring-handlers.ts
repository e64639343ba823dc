/** The handlers for the authoring methods of the contract (`authoring-contract.std.ts`). */
import { randomUUID } from 'node:crypto';
import type { ApiHandlers } from '../api/contract.std.js';
import { ApiError } from '../api/contract.std.js';
import type { authoringApiArgs, AuthoringCheckResult, AuthoringDraft, AuthoringSuggestResult } from '../api/authoring-contract.std.js';
import { buildTemplate } from '../authoring/build-template.js';
import type { ChatModel } from '../authoring/chat-model.js';
import { checkTemplate, type DraftCheck } from '../authoring/check-draft.js';
import { detectNumbers, markNumber } from '../authoring/detect-numbers.js';
import { createOpenAiChatModel } from '../authoring/openai-chat-model.js';
import { authorWithModel } from '../authoring/pipeline.js';
import { loadModelSettings } from '../model/model-settings-store.js';
import { saveAuthored, USER_PACK } from '../authoring/save-authored.js';
import { resolveDomains } from '../sampling/infer-domain.js';
import type { Domain, Template } from '../template/template.types.js';
import type { HandlerDeps } from './handler-deps.js';

export type AuthoringHandlers = Pick<ApiHandlers, keyof typeof authoringApiArgs>;

export interface AuthoringHandlerOptions {
  /** The model to use, or undefined when none is configured; default: the one saved in Settings. */
  modelFor?: () => ChatModel | undefined;
}

function describeDomain(d: Domain): string {
  switch (d.kind) {
    case 'int':
    case 'money':
    case 'percent':
      return `${d.kind} ${d.min}–${d.max}${d.step !== undefined ? ` step ${d.step}` : ''}`;
    case 'decimal':
      return `decimal ${d.min}–${d.max} step ${d.step}`;
    case 'year':
      return `year ${d.min}–${d.max}`;
    case 'choice':
      return `one of ${d.values.map(String).join(', ')}`;
    case 'list':
      return `from the list ${d.list}`;
    case 'fixed':
      return 'fixed (keeps its original value)';
  }
}

function checkView(c: DraftCheck, template: Template): AuthoringCheckResult {
  const domains: Record<string, string> = {};
  for (const [name, d] of Object.entries(resolveDomains(template))) domains[name] = describeDomain(d);
  const a = c.audit;
  return {
    templateId: template.id,
    run: { status: c.run.status, answerText: c.run.answerText, error: c.run.error },
    knownAnswer: template.original_answer === undefined || template.original_answer === null ? null : String(template.original_answer),
    matches: c.matches,
    audit:
      a === null
        ? null
        : { status: a.status, samples: a.samples, valid: a.valid, acceptance: a.acceptance, crashes: a.crashes, timeouts: a.timeouts, reasons: a.reasons },
    samples: c.samples,
    warnings: c.warnings,
    domains,
  };
}

function templateOf(draft: AuthoringDraft): Template {
  if (draft.program.trim() === '') throw new ApiError('bad-request', 'there is no program yet: write one, or ask the model');
  try {
    return buildTemplate(draft);
  } catch (err) {
    throw new ApiError('bad-request', err instanceof Error ? err.message : String(err));
  }
}

export function createAuthoringHandlers(deps: HandlerDeps, options: AuthoringHandlerOptions = {}): AuthoringHandlers {
  // By default, the model chosen in Settings (read on every call, so a change applies at once).
  const modelFor =
    options.modelFor ??
    ((): ChatModel | undefined => {
      const settings = loadModelSettings(deps.db);
      return settings === null ? undefined : createOpenAiChatModel(settings);
    });
  const jobs = new Map<string, AbortController>();

  const check = async (draft: AuthoringDraft, samples: number): Promise<{ check: DraftCheck; view: AuthoringCheckResult }> => {
    const template = templateOf(draft);
    const c = await checkTemplate(await deps.pool(), template, { samples, instances: 3, signal: deps.signal });
    return { check: c, view: checkView(c, template) };
  };

  return {
    'authoring.detect': ({ text }) => Promise.resolve({ spans: detectNumbers(text) }),

    'authoring.mark': ({ text, start, end, taken }) => {
      try {
        return Promise.resolve(markNumber(text, start, end, taken));
      } catch (err) {
        return Promise.reject(new ApiError('bad-request', err instanceof Error ? err.message : String(err)));
      }
    },

    'authoring.modelStatus': () => {
      const model = modelFor();
      return Promise.resolve({ configured: model !== undefined, label: model?.label ?? null });
    },

    'authoring.suggest': ({ draft, fixRounds }) => {
      const model = modelFor();
      if (model === undefined) {
        return Promise.reject(new ApiError('unavailable', 'no model is configured: choose one in Settings, or write the program yourself'));
      }
      const jobId = randomUUID();
      const controller = new AbortController();
      const signal = AbortSignal.any([controller.signal, deps.signal]);
      jobs.set(jobId, controller);
      const finish = (result: AuthoringSuggestResult): void => {
        jobs.delete(jobId);
        deps.emit({ type: 'authoring.done', jobId, result });
      };
      const empty = { passedInRound: null, program: null, ranges: {}, criteria: [], check: null };
      void (async () => {
        try {
          const pool = await deps.pool();
          const r = await authorWithModel(
            model,
            pool,
            { problem: draft.problem, generic: draft.generic, variables: draft.variables, kinds: draft.kinds, answer: draft.answer, ...(draft.id ? { id: draft.id } : {}) },
            { fixRounds, samples: 20, instances: 3, signal, onRound: (round) => deps.emit({ type: 'authoring.progress', jobId, round }) },
          );
          finish({
            status: r.status,
            passedInRound: r.passedInRound,
            rounds: r.rounds,
            why: r.why,
            program: r.accepted?.program ?? null,
            ranges: r.accepted?.ranges ?? {},
            criteria: r.accepted?.criteria ?? [],
            check: r.check ? checkView(r.check, r.check.template) : null,
          });
        } catch (err) {
          if (signal.aborted) finish({ ...empty, status: 'cancelled', rounds: [], why: 'stopped' });
          else finish({ ...empty, status: 'failed', rounds: [], why: err instanceof Error ? err.message : String(err) });
        }
      })();
      return Promise.resolve({ jobId });
    },

    'authoring.cancel': ({ jobId }) => {
      const c = jobs.get(jobId);
      c?.abort();
      return Promise.resolve({ cancelled: c !== undefined });
    },

    'authoring.check': async ({ draft, samples }) => (await check(draft, samples)).view,

    'authoring.save': async ({ draft, samples }) => {
      const { check: c, view } = await check(draft, samples);
      if (c.run.status !== 'ok') throw new ApiError('bad-request', `not saved: the program fails on the original values (${c.run.error ?? c.run.status})`);
      if (c.matches === false) {
        throw new ApiError('bad-request', `not saved: the program gives ${c.run.answerText ?? '?'} for the original values, but the answer is ${draft.answer ?? '?'}`);
      }
      if (c.audit?.status === 'broken') throw new ApiError('bad-request', `not saved: the audit finds it broken (${c.audit.reasons.join('; ')})`);
      const saved = saveAuthored(deps.db, c.template, c.audit, USER_PACK, deps.now());
      return { ...saved, check: view };
    },
  };
}
