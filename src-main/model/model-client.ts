/**
 * The one way the app talks to a language model: an OpenAI-compatible server at a URL the user chose
 * (Ollama, LM Studio, llama.cpp server, vLLM, or anything speaking the same protocol), through the
 * `openai` package. Every failure arrives as a `ModelError` with a message fit to show (see
 * model-errors.ts).
 *
 * What a caller gets is the model's answer only: thinking is taken out (think-filter.ts; the
 * `reasoning_content` / `reasoning` fields are never read as text). Limits, for models that think
 * first as well as for ones that do not:
 * - overall (`timeoutMs`): waiting for the server plus writing the answer; time spent thinking does
 *   not count against it, since a local model may think for minutes before its first word;
 * - thinking (`thinkingTimeoutMs`, default the larger of 5 min and the overall limit);
 * - idle (`idleTimeoutMs`): silence between any two bytes of the stream, thinking chunks and
 *   keep-alive comments included;
 * - size: `maxTokens` on the request, `maxReplyBytes` of answer shown (the rest is not read: the
 *   reply ends with `cut: 'reply-bytes'`), `maxStreamBytes` of the whole stream.
 *
 *   const client = createModelClient({ baseURL: 'http://127.0.0.1:11434/v1', model: 'qwen3:8b', timeoutMs: 60_000 });
 *   const { text, cut } = await client.stream(messages, { signal, maxTokens: 4096, maxReplyBytes: 8192, onDelta: (d) => show(d) });
 */
import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { ModelError, seconds, unreachableMessage } from './model-errors.js';
import { DEFAULT_MODEL_TIMEOUT_MS, type ModelSettings } from './model-settings.std.js';
import { errorBodyMessage, observingFetch, type StreamObserver } from './sse-observer.js';
import { stripThinking, ThinkFilter, type ThinkMode } from './think-filter.js';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface CallOptions {
  /** Stops the request (the error is a ModelError of kind `aborted`). */
  signal?: AbortSignal;
  temperature?: number;
  maxTokens?: number;
}

export interface StreamOptions extends CallOptions {
  /** Each piece of the answer as it may be shown (thinking removed). */
  onDelta: (text: string) => void;
  /** Most bytes (UTF-8) of answer to read; past it the stream is closed and the reply is `cut`. */
  maxReplyBytes?: number;
}

/** Why a streamed reply is shorter than the model meant it: its token limit, or one of ours. */
export type ReplyCut = 'max-tokens' | 'reply-bytes' | 'stream-bytes';

export interface StreamedReply {
  /** The answer as shown (thinking removed, at most `maxReplyBytes`). */
  text: string;
  cut: ReplyCut | null;
  /** The model thought before (or instead of) answering. */
  thought: boolean;
}

export interface ConnectionReport {
  ok: boolean;
  /** One line for the user: what works, or what is wrong and what to do. */
  message: string;
  /** What the server lists (empty when it could not be asked). */
  models: string[];
}

export interface ModelClient {
  readonly settings: ModelSettings;
  /** Model ids the server lists (`GET /models`). */
  listModels(options?: { signal?: AbortSignal }): Promise<string[]>;
  /** Lists the models and checks the configured one is among them; never throws. */
  testConnection(options?: { signal?: AbortSignal }): Promise<ConnectionReport>;
  /** One whole reply. */
  complete(messages: readonly ChatMessage[], options?: CallOptions): Promise<string>;
  /** A streamed reply: `onDelta` sees each piece of the answer; resolves with the whole of it. */
  stream(messages: readonly ChatMessage[], options: StreamOptions): Promise<StreamedReply>;
}

export interface ModelClientOptions {
  /** Longest silence between two chunks of a streamed reply, once it has started (default: the smaller of 30 s and the overall timeout). */
  idleTimeoutMs?: number;
  /** Longest `listModels` / `testConnection` may take (default: the smaller of 10 s and the overall timeout). */
  listTimeoutMs?: number;
  /** Longest a model may think before its answer starts (default: the larger of 5 min and the overall timeout). */
  thinkingTimeoutMs?: number;
  /** Most bytes a whole event stream may have, thinking included (default 4 MiB). */
  maxStreamBytes?: number;
  /** How the start of a reply is treated (default: `hold` for a model not yet seen, then what it showed). */
  thinkMode?: ThinkMode;
  /** A fetch to use instead of the global one (tests). */
  fetch?: typeof fetch;
}

/**
 * What each model showed about its thinking, per server and model, for this process: `plain` once a
 * reply started with its answer (or with a tag), `hold` when one started inside thinking without one.
 */
const thinkModes = new Map<string, ThinkMode>();

/** Forget what was learned about models' thinking (tests). */
export function forgetThinkModes(): void {
  thinkModes.clear();
}

const DEFAULT_MAX_STREAM_BYTES = 4 * 1024 * 1024;
const DEFAULT_THINKING_MS = 5 * 60_000;

/** Ollama lists `llama3:latest` when the user asked for `llama3`: both name the same model. */
export function sameModel(listed: string, wanted: string): boolean {
  return listed === wanted || listed === `${wanted}:latest` || wanted === `${listed}:latest`;
}

type StopReason = 'aborted' | 'timeout' | 'idle-timeout' | 'thinking-timeout' | 'too-long';

/**
 * One request's abort controller: the caller's signal, the overall timer (paused while the model
 * thinks), the thinking timer and (for streams) the idle timer.
 */
class Deadline {
  readonly controller = new AbortController();
  reason: StopReason | undefined;
  private total: NodeJS.Timeout | undefined;
  private totalLeft: number;
  private totalSince = 0;
  private thinkingTimer: NodeJS.Timeout | undefined;
  private thinkingNow = false;
  private idle: NodeJS.Timeout | undefined;
  private readonly onAbort = (): void => this.stop('aborted');

  constructor(
    totalMs: number,
    private readonly idleMs: number | undefined,
    private readonly signal: AbortSignal | undefined,
    private readonly thinkingMs = DEFAULT_THINKING_MS,
  ) {
    this.totalLeft = totalMs;
    if (signal?.aborted) this.stop('aborted');
    signal?.addEventListener('abort', this.onAbort, { once: true });
    // The idle timer starts with the first byte: before it, a local server may still be loading the
    // model into memory (tens of seconds), which only the overall timeout bounds.
    this.startTotal();
  }

  private startTotal(): void {
    this.totalSince = performance.now();
    this.total = setTimeout(() => this.stop('timeout'), Math.max(0, this.totalLeft));
  }

  /** Something arrived (a byte of the stream, a thinking chunk, a comment): the idle timer starts again. */
  touch(): void {
    if (this.idleMs === undefined || this.reason !== undefined) return;
    if (this.idle) clearTimeout(this.idle);
    this.idle = setTimeout(() => this.stop('idle-timeout'), this.idleMs);
  }

  /** The model is thinking (true) or writing its answer (false): thinking has its own limit. */
  thinking(now: boolean): void {
    if (now === this.thinkingNow || this.reason !== undefined) return;
    this.thinkingNow = now;
    if (now) {
      if (this.total) clearTimeout(this.total);
      this.total = undefined;
      this.totalLeft -= performance.now() - this.totalSince;
      this.thinkingTimer ??= setTimeout(() => this.stop('thinking-timeout'), this.thinkingMs);
    } else {
      this.startTotal();
    }
  }

  stop(reason: StopReason): void {
    if (this.reason !== undefined) return;
    this.reason = reason;
    this.controller.abort();
  }

  dispose(): void {
    for (const t of [this.total, this.thinkingTimer, this.idle]) if (t) clearTimeout(t);
    this.signal?.removeEventListener('abort', this.onAbort);
  }
}

const utf8 = new TextEncoder();

/** The longest prefix of `text` (whole code points) that fits in `bytes` bytes of UTF-8. */
function fitBytes(text: string, bytes: number): string {
  if (utf8.encode(text).length <= bytes) return text;
  let out = '';
  let used = 0;
  for (const ch of text) {
    const n = utf8.encode(ch).length;
    if (used + n > bytes) break;
    out += ch;
    used += n;
  }
  return out;
}

/** A thinking chunk's text, from whichever field the server uses. */
function reasoningOf(delta: { reasoning_content?: unknown; reasoning?: unknown } | undefined): string {
  const r = delta?.reasoning_content ?? delta?.reasoning;
  return typeof r === 'string' ? r : '';
}

export function createModelClient(settings: ModelSettings, options: ModelClientOptions = {}): ModelClient {
  const { baseURL, model } = settings;
  // Settings that skipped the schema (a caller building them by hand) still get a sane limit.
  const timeoutMs = Number.isFinite(settings.timeoutMs) && settings.timeoutMs > 0 ? settings.timeoutMs : DEFAULT_MODEL_TIMEOUT_MS;
  const idleMs = options.idleTimeoutMs ?? Math.min(30_000, timeoutMs);
  const listMs = options.listTimeoutMs ?? Math.min(10_000, timeoutMs);
  const thinkingMs = options.thinkingTimeoutMs ?? Math.max(DEFAULT_THINKING_MS, timeoutMs);
  const maxStreamBytes = options.maxStreamBytes ?? DEFAULT_MAX_STREAM_BYTES;
  const modeKey = `${baseURL}\u0000${model}`;
  // The stream being read (one per client call at a time; a client is made per request).
  let observer: StreamObserver | undefined;
  /** The last HTTP error body, for servers whose error shape the package does not read. */
  let lastErrorBody: string | undefined;
  const openai = new OpenAI({
    baseURL,
    // Local servers ignore the key; the package insists on one.
    apiKey: settings.apiKey !== undefined && settings.apiKey !== '' ? settings.apiKey : 'not-needed',
    // Nothing from the environment (OPENAI_ORG_ID, …) may leak into requests to the user's server.
    organization: null,
    project: null,
    // Our own timers decide (they know overall vs idle); this is only a backstop.
    timeout: timeoutMs + 5000,
    maxRetries: 0,
    logLevel: 'off',
    fetch: observingFetch(options.fetch ?? globalThis.fetch, {
      observe: () => observer,
      onErrorBody: (_status, body) => {
        lastErrorBody = body;
      },
    }),
  });

  const stopped = (deadline: Deadline, totalMs: number): ModelError => {
    switch (deadline.reason) {
      case 'timeout':
        return new ModelError('timeout', `no complete reply from ${baseURL} within ${seconds(totalMs)}; the server may be busy or the model too slow`);
      case 'idle-timeout':
        return new ModelError('idle-timeout', `the model stopped sending for ${seconds(idleMs)} in the middle of its reply; gave up`);
      case 'thinking-timeout':
        return new ModelError('timeout', `the model was still thinking after ${seconds(thinkingMs)} without starting its answer; gave up (a smaller or non-thinking model answers sooner)`);
      default:
        return new ModelError('aborted', 'stopped');
    }
  };

  const listModels = async (signal?: AbortSignal): Promise<string[]> => {
    lastErrorBody = undefined;
    const deadline = new Deadline(listMs, undefined, signal);
    try {
      const page = await openai.models.list({ signal: deadline.controller.signal, timeout: listMs + 5000 });
      const data: unknown = (page as { data?: unknown }).data;
      if (!Array.isArray(data)) throw new ModelError('bad-reply', `${baseURL}/models did not answer with a model list; is this an OpenAI-compatible endpoint (often ending in /v1)?`);
      return data.flatMap((m: unknown) => (typeof m === 'object' && m !== null && typeof (m as { id?: unknown }).id === 'string' ? [(m as { id: string }).id] : []));
    } catch (err) {
      throw translate(err, deadline, listMs);
    } finally {
      deadline.dispose();
    }
  };

  /** A ModelError for anything thrown while talking to the server. */
  const translate = (err: unknown, deadline: Deadline, totalMs: number, midStream = false): ModelError => {
    if (err instanceof ModelError) return err;
    if (deadline.reason !== undefined) return stopped(deadline, totalMs);
    if (err instanceof APIUserAbortError) return new ModelError('aborted', 'stopped', { cause: err });
    if (err instanceof APIConnectionTimeoutError) return new ModelError('timeout', `no reply from ${baseURL} within ${seconds(totalMs)}`, { cause: err });
    if (err instanceof APIConnectionError) return new ModelError('unreachable', unreachableMessage(baseURL), { cause: err });
    if (err instanceof APIError) {
      const status: unknown = err.status;
      if (status === 401 || status === 403) {
        const hasKey = settings.apiKey !== undefined && settings.apiKey !== '';
        return new ModelError('auth', hasKey ? `the server refused the API key (HTTP ${status})` : 'the server wants an API key: enter it in Settings', { cause: err });
      }
      const detail = serverMessage(err, lastErrorBody);
      if (typeof status !== 'number') return new ModelError('server', `the model server reported an error in its reply: ${detail}`, { cause: err });
      return new ModelError('server', `the model server answered HTTP ${status}: ${detail}`, { cause: err });
    }
    if (err instanceof SyntaxError) {
      return new ModelError('bad-reply', `the reply from ${baseURL} is not valid JSON: is this an OpenAI-compatible endpoint (often ending in /v1)?`, { cause: err });
    }
    if (midStream) return new ModelError('dropped', 'the model server closed the connection in the middle of its reply', { cause: err });
    return new ModelError('unreachable', `${unreachableMessage(baseURL)} (${err instanceof Error ? err.message : String(err)})`, { cause: err });
  };

  /** A 404 naming the model: say which models the server does have. */
  const explainMissingModel = async (err: ModelError): Promise<ModelError> => {
    const cause = err.cause;
    if (!(cause instanceof APIError) || cause.status !== 404) return err;
    try {
      const listed = await listModels();
      if (listed.some((m) => sameModel(m, model))) return err;
      return new ModelError('model-not-found', missingModelMessage(model, listed), { cause });
    } catch {
      return err;
    }
  };

  const body = (messages: readonly ChatMessage[], o: CallOptions): OpenAI.Chat.ChatCompletionCreateParamsNonStreaming => ({
    model,
    messages: messages.map((m) => ({ role: m.role, content: m.content })),
    ...(o.temperature !== undefined ? { temperature: o.temperature } : {}),
    // Local servers (Ollama, llama.cpp, LM Studio) read `max_tokens`; its successor is OpenAI-only.
    // eslint-disable-next-line @typescript-eslint/no-deprecated
    ...(o.maxTokens !== undefined ? { max_tokens: o.maxTokens } : {}),
  });

  return {
    settings,
    listModels: (o = {}) => listModels(o.signal),

    testConnection: async (o = {}) => {
      let models: string[];
      try {
        models = await listModels(o.signal);
      } catch (err) {
        return { ok: false, message: err instanceof ModelError ? err.message : String(err), models: [] };
      }
      if (!models.some((m) => sameModel(m, model))) return { ok: false, message: missingModelMessage(model, models), models };
      return { ok: true, message: `connected to ${baseURL}: model "${model}" is available`, models };
    },

    complete: async (messages, o = {}) => {
      lastErrorBody = undefined;
      const deadline = new Deadline(timeoutMs, undefined, o.signal);
      try {
        const reply: unknown = await openai.chat.completions.create(body(messages, o), { signal: deadline.controller.signal });
        const message = (reply as { choices?: { message?: { content?: unknown; reasoning_content?: unknown; reasoning?: unknown } }[] } | undefined)?.choices?.[0]?.message;
        const content = message?.content;
        const thoughtApart = reasoningOf(message) !== '';
        if (typeof content !== 'string' && !thoughtApart) throw new ModelError('bad-reply', `the reply from ${baseURL} has no message text: is this an OpenAI-compatible endpoint?`);
        // Thinking is never part of the answer: in its own field (not read) or in the text (removed).
        const { text, summary } = stripThinking(typeof content === 'string' ? content : '', thoughtApart ? 'plain' : 'hold');
        if (text.trim() === '' && (summary.thought || thoughtApart)) throw noAnswer(false);
        return text;
      } catch (err) {
        throw await explainMissingModel(translate(err, deadline, timeoutMs));
      } finally {
        deadline.dispose();
      }
    },

    stream: async (messages, o) => {
      lastErrorBody = undefined;
      const deadline = new Deadline(timeoutMs, idleMs, o.signal, thinkingMs);
      const filter = new ThinkFilter(options.thinkMode ?? thinkModes.get(modeKey) ?? 'hold');
      const maxReply = o.maxReplyBytes ?? Infinity;
      let text = '';
      let shownBytes = 0;
      // Set from callbacks (the byte observer, `show`): an object, so reads are not narrowed away.
      const end: { cut: ReplyCut | null } = { cut: null };
      let errorField: string | undefined;
      let sawReasoning = false;
      let started = false;
      let finished = false;
      observer = {
        onBytes: (_n, total) => {
          deadline.touch();
          if (total > maxStreamBytes && end.cut === null) {
            end.cut = 'stream-bytes';
            deadline.stop('too-long');
          }
        },
        onErrorField: (message) => {
          errorField ??= message;
        },
      };
      /** Shows a piece of the answer, up to the byte limit; past it, stops reading. */
      const show = (piece: string): void => {
        if (piece === '' || end.cut === 'reply-bytes' || end.cut === 'stream-bytes') return;
        const room = maxReply - shownBytes;
        const fits = fitBytes(piece, room);
        if (fits !== '') {
          text += fits;
          shownBytes += utf8.encode(fits).length;
          o.onDelta(fits);
        }
        if (fits.length < piece.length) {
          end.cut = 'reply-bytes';
          deadline.stop('too-long');
        }
      };
      try {
        const stream = await openai.chat.completions.create({ ...body(messages, o), stream: true }, { signal: deadline.controller.signal });
        started = true;
        for await (const chunk of stream as AsyncIterable<unknown>) {
          deadline.touch();
          // A usage-only chunk (`choices: []`, sent last by servers asked for usage) has nothing to show.
          const choice = (chunk as { choices?: { delta?: { content?: unknown; reasoning_content?: unknown; reasoning?: unknown }; finish_reason?: unknown }[] } | undefined)?.choices?.[0];
          if (choice === undefined) continue;
          if (typeof choice.finish_reason === 'string') {
            finished = true;
            if (choice.finish_reason === 'length' && end.cut === null) end.cut = 'max-tokens';
          }
          if (reasoningOf(choice.delta) !== '') {
            // Thinking in a field of its own: never shown; the content that follows is the answer.
            sawReasoning = true;
            filter.thinkingSeparately();
            deadline.thinking(true);
          }
          const piece = choice.delta?.content;
          if (typeof piece === 'string' && piece !== '') {
            const shown = filter.push(piece);
            deadline.thinking(filter.inThought);
            show(shown);
          }
          if (end.cut === 'reply-bytes' || end.cut === 'stream-bytes') break;
        }
        if (deadline.reason !== undefined && deadline.reason !== 'too-long') throw stopped(deadline, timeoutMs);
        if (end.cut !== 'reply-bytes' && end.cut !== 'stream-bytes') show(filter.finish());
        if (errorField !== undefined) throw new ModelError('server', `the model server reported an error in its reply: ${errorField}`);
        const summary = filter.result;
        if (text.trim() === '' && (summary.thought || sawReasoning)) throw noAnswer(end.cut === 'max-tokens');
        if (!finished && text === '' && end.cut === null) throw new ModelError('bad-reply', `the model server at ${baseURL} sent an empty reply`);
        // What this model showed decides how the next reply's start is treated.
        thinkModes.set(modeKey, summary.headless ? 'hold' : 'plain');
        return { text, cut: end.cut, thought: summary.thought || sawReasoning };
      } catch (err) {
        if (err instanceof ModelError) throw err;
        if (deadline.reason === 'too-long') return { text, cut: end.cut ?? 'stream-bytes', thought: filter.result.thought || sawReasoning };
        throw await explainMissingModel(translate(err, deadline, timeoutMs, started));
      } finally {
        observer = undefined;
        deadline.dispose();
      }
    },
  };
}

/** A reply that was all thinking. */
function noAnswer(outOfTokens: boolean): ModelError {
  return new ModelError(
    'no-answer',
    outOfTokens
      ? 'the model used up its token limit while thinking and gave no answer; ask again, or choose a model that thinks less'
      : 'the model thought but gave no answer; ask again',
  );
}

/**
 * The server's own words: `{ error: { message } }` (OpenAI, Ollama, llama.cpp, vLLM ≥ 0.11), `{ error:
 * "text" }` (LM Studio), or vLLM's older flat `{ object: "error", message }` (the package then has no
 * `error`, only its own "400 status code (no body)"-style message).
 */
function serverMessage(err: { error?: unknown; message: string }, body: string | undefined): string {
  const e = err.error;
  if (typeof e === 'string' && e !== '') return e;
  const m = (e as { message?: unknown } | undefined)?.message;
  if (typeof m === 'string' && m !== '') return m;
  return (body !== undefined ? errorBodyMessage(body) : undefined) ?? err.message;
}

export function missingModelMessage(model: string, available: readonly string[]): string {
  if (available.length === 0) return `model "${model}" is not loaded, and the server lists no models (load or pull one first)`;
  const shown = available.slice(0, 12).join(', ') + (available.length > 12 ? `, … (${available.length} in all)` : '');
  return `model "${model}" is not loaded; available: ${shown}`;
}
