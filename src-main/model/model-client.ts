/**
 * The one way the app talks to a language model: an OpenAI-compatible server at a URL the user chose
 * (Ollama, LM Studio, llama.cpp server, or anything speaking the same protocol), through the `openai`
 * package. Every call has an overall timeout; streamed replies also have an idle timeout between
 * chunks, so a server that stalls mid-reply is given up on rather than waited for forever. Every
 * failure arrives as a `ModelError` with a message fit to show (see model-errors.ts).
 *
 *   const client = createModelClient({ baseURL: 'http://127.0.0.1:11434/v1', model: 'qwen2.5:7b', timeoutMs: 60_000 });
 *   const text = await client.stream(messages, { signal, onDelta: (d) => show(d) });
 */
import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { ModelError, seconds, unreachableMessage } from './model-errors.js';
import { DEFAULT_MODEL_TIMEOUT_MS, type ModelSettings } from './model-settings.std.js';

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
  /** Each piece of text as it arrives. */
  onDelta: (text: string) => void;
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
  /** A streamed reply: `onDelta` sees each piece; resolves with the whole text. */
  stream(messages: readonly ChatMessage[], options: StreamOptions): Promise<string>;
}

export interface ModelClientOptions {
  /** Longest silence between two chunks of a streamed reply, once it has started (default: the smaller of 30 s and the overall timeout). */
  idleTimeoutMs?: number;
  /** Longest `listModels` / `testConnection` may take (default: the smaller of 10 s and the overall timeout). */
  listTimeoutMs?: number;
  /** A fetch to use instead of the global one (tests). */
  fetch?: typeof fetch;
}

/** Ollama lists `llama3:latest` when the user asked for `llama3`: both name the same model. */
export function sameModel(listed: string, wanted: string): boolean {
  return listed === wanted || listed === `${wanted}:latest` || wanted === `${listed}:latest`;
}

type StopReason = 'aborted' | 'timeout' | 'idle-timeout';

/** One request's abort controller: the caller's signal, the overall timer and (for streams) the idle timer. */
class Deadline {
  readonly controller = new AbortController();
  reason: StopReason | undefined;
  private readonly timers: NodeJS.Timeout[] = [];
  private idle: NodeJS.Timeout | undefined;
  private readonly onAbort = (): void => this.stop('aborted');

  constructor(
    totalMs: number,
    private readonly idleMs: number | undefined,
    private readonly signal: AbortSignal | undefined,
  ) {
    if (signal?.aborted) this.stop('aborted');
    signal?.addEventListener('abort', this.onAbort, { once: true });
    // The idle timer starts with the first chunk: before it, a local server may still be loading the
    // model into memory (tens of seconds), which only the overall timeout bounds.
    this.timers.push(setTimeout(() => this.stop('timeout'), totalMs));
  }

  /** Something arrived: the idle timer starts (again). */
  touch(): void {
    if (this.idleMs === undefined) return;
    if (this.idle) clearTimeout(this.idle);
    this.idle = setTimeout(() => this.stop('idle-timeout'), this.idleMs);
  }

  stop(reason: StopReason): void {
    if (this.reason !== undefined) return;
    this.reason = reason;
    this.controller.abort();
  }

  dispose(): void {
    for (const t of this.timers) clearTimeout(t);
    if (this.idle) clearTimeout(this.idle);
    this.signal?.removeEventListener('abort', this.onAbort);
  }
}

export function createModelClient(settings: ModelSettings, options: ModelClientOptions = {}): ModelClient {
  const { baseURL, model } = settings;
  // Settings that skipped the schema (a caller building them by hand) still get a sane limit.
  const timeoutMs = Number.isFinite(settings.timeoutMs) && settings.timeoutMs > 0 ? settings.timeoutMs : DEFAULT_MODEL_TIMEOUT_MS;
  const idleMs = options.idleTimeoutMs ?? Math.min(30_000, timeoutMs);
  const listMs = options.listTimeoutMs ?? Math.min(10_000, timeoutMs);
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
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });

  const stopped = (deadline: Deadline, totalMs: number): ModelError => {
    switch (deadline.reason) {
      case 'timeout':
        return new ModelError('timeout', `no complete reply from ${baseURL} within ${seconds(totalMs)}; the server may be busy or the model too slow`);
      case 'idle-timeout':
        return new ModelError('idle-timeout', `the model stopped sending for ${seconds(idleMs)} in the middle of its reply; gave up`);
      default:
        return new ModelError('aborted', 'stopped');
    }
  };

  const listModels = async (signal?: AbortSignal): Promise<string[]> => {
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
      const detail = serverMessage(err);
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
      const deadline = new Deadline(timeoutMs, undefined, o.signal);
      try {
        const reply: unknown = await openai.chat.completions.create(body(messages, o), { signal: deadline.controller.signal });
        const content = (reply as { choices?: { message?: { content?: unknown } }[] } | undefined)?.choices?.[0]?.message?.content;
        if (typeof content !== 'string') throw new ModelError('bad-reply', `the reply from ${baseURL} has no message text: is this an OpenAI-compatible endpoint?`);
        return content;
      } catch (err) {
        throw await explainMissingModel(translate(err, deadline, timeoutMs));
      } finally {
        deadline.dispose();
      }
    },

    stream: async (messages, o) => {
      const deadline = new Deadline(timeoutMs, idleMs, o.signal);
      let text = '';
      let started = false;
      let finished = false;
      try {
        const stream = await openai.chat.completions.create({ ...body(messages, o), stream: true }, { signal: deadline.controller.signal });
        started = true;
        for await (const chunk of stream as AsyncIterable<unknown>) {
          deadline.touch();
          const choice = (chunk as { choices?: { delta?: { content?: unknown }; finish_reason?: unknown }[] } | undefined)?.choices?.[0];
          if (choice === undefined) continue;
          if (typeof choice.finish_reason === 'string') finished = true;
          const piece = choice.delta?.content;
          if (typeof piece === 'string' && piece !== '') {
            text += piece;
            o.onDelta(piece);
          }
        }
        // The package ends the iteration quietly when the request is aborted: say why it ended.
        if (deadline.reason !== undefined) throw stopped(deadline, timeoutMs);
        if (!finished && text === '') throw new ModelError('bad-reply', `the model server at ${baseURL} sent an empty reply`);
        return text;
      } catch (err) {
        throw await explainMissingModel(translate(err, deadline, timeoutMs, started));
      } finally {
        deadline.dispose();
      }
    },
  };
}

function serverMessage(err: { error?: unknown; message: string }): string {
  const e = err.error as { message?: unknown } | undefined;
  if (e && typeof e.message === 'string' && e.message !== '') return e.message;
  return err.message;
}

export function missingModelMessage(model: string, available: readonly string[]): string {
  if (available.length === 0) return `model "${model}" is not loaded, and the server lists no models (load or pull one first)`;
  const shown = available.slice(0, 12).join(', ') + (available.length > 12 ? `, … (${available.length} in all)` : '');
  return `model "${model}" is not loaded; available: ${shown}`;
}
