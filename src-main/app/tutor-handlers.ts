/**
 * The handlers for the tutor methods of the contract (`tutor-contract.std.ts`): the model's settings,
 * detection of local servers, and "Ask the tutor" as a job whose reply streams out as events through
 * the answer-leak guard. Nothing is sent to any server before the user saved one; a failing server
 * ends in a `tutor.error` event, never in a blocked or broken practice session.
 */
import { randomUUID } from 'node:crypto';
import { ApiError, type ApiHandlers } from '../api/contract.std.js';
import type { tutorApiArgs } from '../api/tutor-contract.std.js';
import { detectLocalServers, type ProbeTarget } from '../model/detect.js';
import { LeakFinder, leakTarget, StreamingLeakGuard } from '../model/leak-guard.js';
import { createModelClient, type ModelClientOptions } from '../model/model-client.js';
import { ModelError } from '../model/model-errors.js';
import { clearModelSettings, loadModelSettings, saveModelSettings } from '../model/model-settings-store.js';
import { closeTutorRequest, openTutorRequest } from '../model/tutor-log.js';
import { buildTutorMessages, type PromptStep } from '../model/tutor-prompt.js';
import { sameValue } from '../solutions/steps.js';
import { instanceHistory } from '../storage/attempts.repo.js';
import { getLearner } from '../storage/learners.repo.js';
import { getTemplate } from '../storage/templates.repo.js';
import type { Instance, Template } from '../template/template.types.js';
import type { HandlerDeps } from './handler-deps.js';
import { InstanceSupply } from './instance-supply.js';

export type TutorHandlers = Pick<ApiHandlers, keyof typeof tutorApiArgs>;

export interface TutorHandlerOptions {
  /** Ports "Detect" probes (tests point these at fake servers). */
  detectTargets?: readonly ProbeTarget[];
  /** Passed to every model client (tests shorten the idle timeout). */
  client?: ModelClientOptions;
  /** The reply's limits (tests make them small). */
  maxTokens?: number;
  maxReplyBytes?: number;
}

/** Verdicts whose answers the tutor is told about. */
const WRONG = new Set(['wrong', 'check_units', 'correct_needs_simplifying']);

/**
 * The reply's size. A hint is a few sentences (the prompt asks for at most 5: ~500 bytes), so 8 KB of
 * answer is generous; the token limit leaves room for a model that thinks first (thinking counts
 * against `max_tokens` on Ollama, llama.cpp and vLLM: Qwen3-8B thinks ~300–1,500 tokens over a
 * school word problem before it answers).
 */
export const TUTOR_MAX_TOKENS = 4096;
export const TUTOR_MAX_REPLY_BYTES = 8 * 1024;

export function createTutorHandlers(deps: HandlerDeps, options: TutorHandlerOptions = {}): TutorHandlers {
  const { db, emit } = deps;
  const running = new Map<string, AbortController>();
  const supply = new InstanceSupply(db, deps.pool);
  const solutions = deps.solutions;
  deps.signal.addEventListener('abort', () => {
    for (const c of running.values()) c.abort();
  });

  /** The prompt's steps, or none when the program cannot be traced (the tutor still gets the problem). */
  const stepsFor = async (t: Template, inst: Instance): Promise<{ steps: PromptStep[]; summary: string | undefined }> => {
    try {
      const solved = await solutions.solve(t, inst);
      if (!solved.ok) return { steps: [], summary: undefined };
      const steps = solved.solution.steps.map((s) => ({ title: s.title, latex: s.latex, isAnswer: s.kind === 'answer' || sameValue(s.value, inst.answer) }));
      return { steps, summary: solved.solution.summary };
    } catch {
      return { steps: [], summary: undefined };
    }
  };

  const run = async (requestId: string, logId: number, args: { learnerId: number; templateId: string; seed: number; question?: string | undefined }, t: Template, controller: AbortController): Promise<void> => {
    const settings = loadModelSettings(db);
    let guard: StreamingLeakGuard | undefined;
    let shown = '';
    const show = (text: string): void => {
      if (text === '') return;
      shown += text;
      emit({ type: 'tutor.delta', requestId, text });
    };
    try {
      // Forgotten between the call and now (another window): nothing is sent.
      if (settings === null) throw new Error('no model is configured: choose a server and a model in Settings');
      const inst = await supply.get(args.templateId, args.seed);
      const { steps, summary } = await stepsFor(t, inst);
      const wrongAnswers = instanceHistory(db, args.learnerId, args.templateId, args.seed).flatMap((a) => (a.answer !== null && WRONG.has(a.verdict) ? [a.answer] : []));
      const messages = buildTutorMessages({
        problemText: inst.text,
        wrongAnswers,
        summary,
        steps,
        question: args.question,
        answerFormat: inst.answerFormat,
        answerUnit: t.answer_unit,
      });
      guard = new StreamingLeakGuard(new LeakFinder(leakTarget(inst.answer, inst.answerFormat), inst.text));
      const g = guard;
      if (controller.signal.aborted) throw new ModelError('aborted', 'stopped');
      const reply = await createModelClient(settings, options.client).stream(messages, {
        signal: controller.signal,
        onDelta: (d) => show(g.push(d)),
        temperature: 0.3,
        maxTokens: options.maxTokens ?? TUTOR_MAX_TOKENS,
        maxReplyBytes: options.maxReplyBytes ?? TUTOR_MAX_REPLY_BYTES,
      });
      show(guard.finish());
      const cut = reply.cut === null ? undefined : reply.cut === 'max-tokens' ? 'max-tokens' : 'too-long';
      closeTutorRequest(db, logId, { outcome: 'done', masked: guard.masked, reply: shown, error: null }, deps.now());
      emit({ type: 'tutor.done', requestId, masked: guard.masked, stopped: false, ...(cut ? { cut } : {}) });
    } catch (err) {
      // What arrived before the failure is still shown (masked): it may be useful, and it is safe.
      if (guard) show(guard.finish());
      const masked = guard?.masked ?? 0;
      if (err instanceof ModelError && err.kind === 'aborted' && controller.signal.aborted) {
        closeTutorRequest(db, logId, { outcome: 'stopped', masked, reply: shown, error: null }, deps.now());
        emit({ type: 'tutor.done', requestId, masked, stopped: true });
        return;
      }
      const message = err instanceof Error ? err.message : String(err);
      closeTutorRequest(db, logId, { outcome: 'error', masked, reply: shown, error: message }, deps.now());
      emit({ type: 'tutor.error', requestId, message });
    } finally {
      running.delete(requestId);
    }
  };

  const start = ({ learnerId, templateId, seed, question }: { learnerId: number; templateId: string; seed: number; question?: string | undefined }): { requestId: string } => {
    if (!getLearner(db, learnerId)) throw new ApiError('not-found', `no learner with id ${learnerId}`);
    const t = getTemplate(db, templateId)?.template;
    if (!t) throw new ApiError('not-found', `no template "${templateId}"`);
    const settings = loadModelSettings(db);
    if (settings === null) throw new ApiError('unavailable', 'no model is configured: choose a server and a model in Settings');
    const requestId = randomUUID();
    const q = question !== undefined && question !== '' ? question : undefined;
    const logId = openTutorRequest(db, { learnerId, templateId, seed, question: q ?? null, model: settings.model }, deps.now());
    const controller = new AbortController();
    running.set(requestId, controller);
    // The reply arrives as events; the call itself answers at once.
    // `run` reports every failure as an event; what could still throw is the log write while the app
    // closes (database gone), and then there is nobody left to tell.
    setImmediate(() => {
      run(requestId, logId, { learnerId, templateId, seed, question: q }, t, controller).catch(() => undefined);
    });
    return { requestId };
  };

  return {
    'model.getSettings': () => Promise.resolve({ settings: loadModelSettings(db) }),
    'model.saveSettings': (settings) => Promise.resolve({ settings: saveModelSettings(db, settings, deps.now()) }),
    'model.clearSettings': () => Promise.resolve({ cleared: clearModelSettings(db) }),
    'model.detect': () => detectLocalServers({ ...(options.detectTargets ? { targets: options.detectTargets } : {}), signal: deps.signal }),
    'model.listModels': async ({ baseURL, apiKey }) => {
      const client = createModelClient({ baseURL, model: '-', timeoutMs: 15_000, ...(apiKey ? { apiKey } : {}) }, options.client);
      try {
        return { models: await client.listModels({ signal: deps.signal }) };
      } catch (err) {
        throw new ApiError('unavailable', err instanceof Error ? err.message : String(err));
      }
    },
    'model.test': (settings) => createModelClient(settings, options.client).testConnection({ signal: deps.signal }),
    // A thrown ApiError becomes the rejection (the promise's executor catches it).
    'tutor.ask': (args) => new Promise((resolve) => resolve(start(args))),
    'tutor.stop': ({ requestId }) => {
      const controller = running.get(requestId);
      if (!controller) return Promise.resolve({ stopped: false });
      controller.abort();
      return Promise.resolve({ stopped: true });
    },
  };
}
