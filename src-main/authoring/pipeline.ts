/**
 * The InfinityMATH loop with a model: ask for the program, run it on the original values, and when it
 * fails or disagrees with the known answer, send back the error or the correct answer for the minimal
 * change (the paper's bug-fix round), up to `fixRounds` times. The program that passes is checked like
 * any authored program (audit, instances).
 */
import { prepareTemplate } from '../engine/prepared-template.js';
import type { SandboxPool } from '../sandbox/pool.js';
import type { AuthoringRound, NumberKind } from './authoring-types.std.js';
import { buildTemplate } from './build-template.js';
import type { ChatMessage, ChatModel } from './chat-model.js';
import { checkTemplate, matchesKnown, originalRun, type DraftCheck } from './check-draft.js';
import { parseReply, UnreadableReply, type ParsedReply } from './parse-reply.js';
import { firstRoundMessages, fixRoundMessages, type FixReason } from './prompt.js';

export interface PipelineInput {
  problem: string;
  generic: string;
  variables: Record<string, number>;
  kinds: Record<string, NumberKind>;
  answer: string | null;
  id?: string;
  source?: string;
}

export interface PipelineOptions {
  /** Bug-fix rounds after the first request (default 2). */
  fixRounds?: number;
  /** Audit draws for the program that passes (default 20). */
  samples?: number;
  /** Instances shown for it (default 3). */
  instances?: number;
  signal?: AbortSignal;
  onRound?: (round: AuthoringRound) => void;
}

export interface PipelineResult {
  /** `templated`: the first program passed; `fixed`: a bug-fix round made it pass; `failed`: none did. */
  status: 'templated' | 'fixed' | 'failed';
  /** The round whose program passed (1 = the first request). */
  passedInRound: number | null;
  rounds: AuthoringRound[];
  why: string | null;
  check: DraftCheck | null;
  /** The reply that passed: its program, ranges and criteria (what the author's draft takes over). */
  accepted: ParsedReply | null;
}

export async function authorWithModel(model: ChatModel, pool: SandboxPool, input: PipelineInput, opts: PipelineOptions = {}): Promise<PipelineResult> {
  const names = Object.keys(input.variables);
  if (names.length === 0) throw new Error('the problem has no masked numbers: mask at least one number before asking for a program');
  const fixRounds = opts.fixRounds ?? 2;
  const rounds: AuthoringRound[] = [];
  let messages: ChatMessage[] = firstRoundMessages({ generic: input.generic, variables: input.variables, answer: input.answer });
  let asked: AuthoringRound['asked'] = 'program';
  let lastWhy = '';
  for (let n = 1; n <= 1 + fixRounds; n++) {
    opts.signal?.throwIfAborted();
    let reply: string;
    try {
      reply = await model.complete(messages, opts.signal ? { signal: opts.signal } : {});
    } catch (err) {
      opts.signal?.throwIfAborted();
      // A transport failure is not the program's fault: no point in a bug-fix round.
      const why = err instanceof Error ? err.message : String(err);
      return { status: 'failed', passedInRound: null, rounds, why, check: null, accepted: null };
    }
    const round = (r: Omit<AuthoringRound, 'round' | 'asked'>): AuthoringRound => {
      const full: AuthoringRound = { round: n, asked, ...r };
      rounds.push(full);
      opts.onRound?.(full);
      return full;
    };
    let fix: FixReason;
    try {
      const parsed = parseReply(reply, names);
      const template = buildTemplate({ ...input, program: parsed.program, ranges: parsed.ranges, criteria: parsed.criteria });
      const prepared = await prepareTemplate(pool, template);
      const run = originalRun(prepared);
      const matches = matchesKnown(prepared);
      if (run.status !== 'ok') {
        round({ program: parsed.program, outcome: 'error', answerText: null, detail: run.error });
        fix = { kind: 'error', message: run.error ?? run.status };
      } else if (matches === false) {
        const detail = `gave ${run.answerText ?? '?'}, expected ${input.answer ?? '?'}`;
        round({ program: parsed.program, outcome: 'wrong-answer', answerText: run.answerText, detail });
        fix = { kind: 'wrong-answer', got: run.answerText ?? '?', expected: input.answer ?? '?' };
      } else {
        round({ program: parsed.program, outcome: 'ok', answerText: run.answerText, detail: parsed.notes.length > 0 ? parsed.notes.join('; ') : null });
        const check = await checkTemplate(pool, template, {
          samples: opts.samples ?? 20,
          instances: opts.instances ?? 3,
          ...(opts.signal ? { signal: opts.signal } : {}),
        });
        return { status: n === 1 ? 'templated' : 'fixed', passedInRound: n, rounds, why: null, check, accepted: parsed };
      }
    } catch (err) {
      if (!(err instanceof UnreadableReply)) throw err;
      round({ program: null, outcome: 'unreadable-reply', answerText: null, detail: err.message });
      fix = { kind: 'unreadable', message: err.message };
    }
    lastWhy = fix.kind === 'error' ? `error: ${fix.message}` : fix.kind === 'wrong-answer' ? `wrong answer: got ${fix.got}, expected ${fix.expected}` : `unreadable reply: ${fix.message}`;
    messages = fixRoundMessages(messages, reply, fix, names);
    asked = fix.kind === 'wrong-answer' ? 'fix-answer' : 'fix-error';
  }
  return { status: 'failed', passedInRound: null, rounds, why: `after ${1 + fixRounds} rounds, ${lastWhy}`, check: null, accepted: null };
}
