/**
 * Every way talking to a model can fail, as one error type with a message a learner or author can act
 * on ("nothing answers at http://127.0.0.1:11434/v1 — is Ollama running?") and a `kind` code can
 * branch on. The client turns the `openai` package's errors (and fetch's) into these.
 */
import { knownServerName } from './model-settings.std.js';

export type ModelErrorKind =
  /** Nothing listens at the endpoint (connection refused, unknown host). */
  | 'unreachable'
  /** 401/403: the server wants a key, or refused the one given. */
  | 'auth'
  /** The configured model is not served. */
  | 'model-not-found'
  /** The whole request took longer than the settings allow. */
  | 'timeout'
  /** The reply stopped arriving partway. */
  | 'idle-timeout'
  /** The connection broke in the middle of the reply. */
  | 'dropped'
  /** The server answered something that is not the OpenAI protocol. */
  | 'bad-reply'
  /** The model thought but gave no answer (often: its token limit ran out while it was thinking). */
  | 'no-answer'
  /** The server answered with an HTTP error of its own. */
  | 'server'
  /** The caller stopped it (the Stop button, or the app closing). */
  | 'aborted';

export class ModelError extends Error {
  constructor(
    readonly kind: ModelErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ModelError';
  }
}

/** "nothing answers at URL — is Ollama running?" (the server's name when the port is a known one). */
export function unreachableMessage(baseURL: string): string {
  const name = knownServerName(baseURL);
  return `nothing answers at ${baseURL} — is ${name ?? 'the server'} running?`;
}

export function seconds(ms: number): string {
  const s = ms / 1000;
  return Number.isInteger(s) ? `${s} s` : `${s.toFixed(1)} s`;
}
