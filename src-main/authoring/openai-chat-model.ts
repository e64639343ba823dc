/**
 * A ChatModel over the app's model client (src-main/model: any OpenAI-compatible server, timeouts and
 * readable errors), for the CLI's `--endpoint`/`--model` and the app's configured model alike.
 */
import { createModelClient } from '../model/model-client.js';
import { modelSettingsSchema, type ModelSettingsInput } from '../model/model-settings.std.js';
import type { ChatMessage, ChatModel } from './chat-model.js';

/** Writing a program is short work for a model; a low temperature keeps it to the point. */
const TEMPERATURE = 0.2;

export function createOpenAiChatModel(input: ModelSettingsInput): ChatModel {
  const parsed = modelSettingsSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`bad model settings: ${issue ? `${issue.path.join('.') || 'settings'}: ${issue.message}` : 'invalid'}`);
  }
  const settings = parsed.data;
  const client = createModelClient(settings);
  return {
    label: `${settings.model} at ${settings.baseURL}`,
    complete: (messages: readonly ChatMessage[], opts: { signal?: AbortSignal }) =>
      client.complete(messages, { temperature: TEMPERATURE, ...(opts.signal ? { signal: opts.signal } : {}) }),
  };
}
