/**
 * What the authoring pipeline needs from a language model: one complete reply to a conversation. Kept
 * this small so the pipeline runs against any client (the app's configured local model, the CLI's
 * `--endpoint`, a scripted fake in tests).
 */
export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface ChatModel {
  /** Resolves with the reply text; rejects with a readable Error (unreachable server, HTTP error, timeout, abort). */
  complete(messages: readonly ChatMessage[], opts: { signal?: AbortSignal }): Promise<string>;
  /** Shown in reports ("qwen2.5-coder:7b at http://127.0.0.1:11434/v1"). */
  readonly label: string;
}
