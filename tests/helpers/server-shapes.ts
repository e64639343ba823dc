/**
 * Replies in the exact shapes the local servers people run send, for the fake server to play byte for
 * byte. Each shape is taken from the server's source or from captures in its issue tracker:
 *
 * - Ollama's OpenAI-compatible `/v1` (ollama/ollama `openai/openai.go`: `ChatCompletionChunk`,
 *   `ToChunk`; `middleware/openai.go`: `ChatWriter.writeResponse`): every chunk carries
 *   `delta.role` and `delta.content` (`""` while thinking), thinking goes in `delta.reasoning`,
 *   `system_fingerprint: "fp_ollama"`; with `stream_options.include_usage` a last chunk has
 *   `choices: []` and `usage`; then `data: [DONE]`. Errors are `{"error": {"message", "type",
 *   "param": null, "code": null}}` with `type` `not_found_error` for a 404 (`NewError`).
 * - LM Studio: chunks as captured in lmstudio-ai/lmstudio-bug-tracker#378 (`delta.role` +
 *   `delta.reasoning_content` with "separate reasoning_content" on, `logprobs: null`,
 *   `system_fingerprint` = the model); `<think>` inline in `content` when the setting is off
 *   (lmstudio-bug-tracker#1569); `delta.reasoning` for gpt-oss since 0.3.23 (#894). Errors:
 *   `{"error": {"message": "No models loaded. …"}}` at 400 (tinyhumansai/openhuman#4189) and a bare
 *   string `{"error": "Model '…' not found"}` (BaseIntelligence/bounty-challenge#19150).
 * - llama.cpp's server: a first chunk `delta: {role: "assistant", content: null}`, then
 *   `delta.reasoning_content` (`--reasoning-format deepseek`) or `delta.content`, a last chunk with
 *   `delta: {}`, `finish_reason`, `usage` and `timings`, then `[DONE]` (captured in
 *   g0t4/ask-openai.nvim `lua/ask-openai/rewrites/harmony/NOTES.md`, llama.cpp#14268); bare `:`
 *   keep-alive comments while the prompt is processed (llama.cpp#24013); a mid-stream error as
 *   `data: {"error": {"code", "message", "type"}}` since llama.cpp#16109, and before it as the
 *   non-standard line `error: {…}` followed by `data: [DONE]` (coddy-project/coddy-agent#106, b5966);
 *   a reply that starts inside thinking without `<think>` when the template opened it
 *   (llama.cpp#15052, ikawrakow/ik_llama.cpp#776); HTTP errors `{"error": {"code", "message", "type"}}`.
 * - vLLM: chunks with `delta.role` + `content: ""` first, `logprobs: null`, thinking in
 *   `delta.reasoning` (vllm#27752; `reasoning_content` before it, removed in vllm#33402), a last
 *   chunk with `stop_reason`, a usage-only chunk (`choices: []`) when asked, `[DONE]`; a mid-stream
 *   error `data: {"error": {"message", "type", "param", "code"}}` (`create_streaming_error_response`);
 *   HTTP errors `{"error": {…}}` in current releases and flat `{"object": "error", "message", …}` in
 *   older ones.
 */
import type { FakeReply, SseEvent } from './fake-openai-server.js';

/** One step of a reply: thinking (in whichever form the server uses) or answer text. */
export type Part = { think: string } | { say: string };

const CREATED = 1_738_343_241;

function ollamaChunk(model: string, delta: Record<string, unknown>, finish: string | null): SseEvent {
  return { data: { id: 'chatcmpl-417', object: 'chat.completion.chunk', created: CREATED, model, system_fingerprint: 'fp_ollama', choices: [{ index: 0, delta: { role: 'assistant', ...delta }, finish_reason: finish }] } };
}

/** Ollama `/v1`: thinking in `delta.reasoning` (with content ""), answer in `delta.content`. */
export function ollamaStream(model: string, parts: readonly Part[], opts: { usage?: boolean; finish?: string } = {}): FakeReply {
  const events: SseEvent[] = parts.map((p) => ('think' in p ? ollamaChunk(model, { content: '', reasoning: p.think }, null) : ollamaChunk(model, { content: p.say }, null)));
  events.push(ollamaChunk(model, { content: '' }, opts.finish ?? 'stop'));
  if (opts.usage) {
    events.push({ data: { id: 'chatcmpl-417', object: 'chat.completion.chunk', created: CREATED, model, system_fingerprint: 'fp_ollama', choices: [], usage: { prompt_tokens: 120, completion_tokens: 40, total_tokens: 160 } } });
  }
  events.push({ data: '[DONE]' });
  return { kind: 'sse', events };
}

function lmChunk(model: string, delta: Record<string, unknown>, finish: string | null): SseEvent {
  return { data: { id: 'chatcmpl-ohpdozcvcgbgxq5y5y768', object: 'chat.completion.chunk', created: CREATED, model, system_fingerprint: model, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] } };
}

/**
 * LM Studio: `separate` puts thinking in `delta.reasoning_content` ("Separate reasoning_content" on);
 * otherwise it is inline in `content` as `<think>…</think>`, in the pieces given.
 */
export function lmStudioStream(model: string, parts: readonly Part[], opts: { separate: boolean; field?: 'reasoning_content' | 'reasoning' }): FakeReply {
  const field = opts.field ?? 'reasoning_content';
  const events: SseEvent[] = [];
  let inThink = false;
  for (const p of parts) {
    if ('think' in p) {
      if (opts.separate) events.push(lmChunk(model, { role: 'assistant', [field]: p.think }, null));
      else {
        events.push(lmChunk(model, { role: 'assistant', content: `${inThink ? '' : '<think>'}${p.think}` }, null));
        inThink = true;
      }
    } else {
      events.push(lmChunk(model, { role: 'assistant', content: `${inThink && !opts.separate ? '</think>\n\n' : ''}${p.say}` }, null));
      inThink = false;
    }
  }
  events.push(lmChunk(model, {}, 'stop'), { data: '[DONE]' });
  return { kind: 'sse', events };
}

function llamaChunk(model: string, delta: Record<string, unknown>, finish: string | null, extra: Record<string, unknown> = {}): SseEvent {
  return { data: { choices: [{ finish_reason: finish, index: 0, delta }], created: CREATED, id: 'chatcmpl-DHvcEyFobkuV4Xu1QSYo4bqNv18TDqaA', model, system_fingerprint: 'b6881-8b11deea4', object: 'chat.completion.chunk', ...extra } };
}

/**
 * llama.cpp's server. `format`: `deepseek` (thinking in `reasoning_content`), `none` (thinking left in
 * content with its tags), `headless` (in content, but the template opened `<think>` in the prompt, so
 * the reply starts inside it). `pings` bare `:` comments come before the first chunk.
 */
export function llamaCppStream(model: string, parts: readonly Part[], opts: { format: 'deepseek' | 'none' | 'headless'; pings?: number; finish?: string; delayMs?: number }): FakeReply {
  const events: SseEvent[] = Array.from({ length: opts.pings ?? 0 }, () => ({ comment: '' }));
  events.push(llamaChunk(model, { role: 'assistant', content: null }, null));
  let opened = opts.format === 'headless';
  for (const p of parts) {
    if ('think' in p) {
      if (opts.format === 'deepseek') events.push(llamaChunk(model, { reasoning_content: p.think }, null));
      else {
        events.push(llamaChunk(model, { content: `${opened ? '' : '<think>'}${p.think}` }, null));
        opened = true;
      }
    } else {
      events.push(llamaChunk(model, { content: `${opened && opts.format !== 'deepseek' ? '</think>\n\n' : ''}${p.say}` }, null));
      opened = false;
    }
  }
  events.push(
    llamaChunk(model, {}, opts.finish ?? 'stop', {
      usage: { completion_tokens: 247, prompt_tokens: 1085, total_tokens: 1332 },
      timings: { prompt_n: 1085, prompt_ms: 203.378, predicted_n: 247, predicted_ms: 933.63 },
    }),
    { data: '[DONE]' },
  );
  return { kind: 'sse', events, ...(opts.delayMs !== undefined ? { delayMs: opts.delayMs } : {}) };
}

function vllmChunk(model: string, delta: Record<string, unknown>, finish: string | null, extra: Record<string, unknown> = {}): SseEvent {
  return { data: { id: 'chatcmpl-8c5b2f', object: 'chat.completion.chunk', created: CREATED, model, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish, ...extra }] } };
}

/** vLLM with a reasoning parser: thinking in `delta.reasoning` (≥ 0.11) or `reasoning_content` (older). */
export function vllmStream(model: string, parts: readonly Part[], opts: { field?: 'reasoning' | 'reasoning_content'; usage?: boolean; finish?: string } = {}): FakeReply {
  const field = opts.field ?? 'reasoning';
  const events: SseEvent[] = [vllmChunk(model, { role: 'assistant', content: '' }, null)];
  for (const p of parts) events.push('think' in p ? vllmChunk(model, { [field]: p.think }, null) : vllmChunk(model, { content: p.say }, null));
  events.push(vllmChunk(model, { content: '' }, opts.finish ?? 'stop', { stop_reason: null }));
  if (opts.usage) events.push({ data: { id: 'chatcmpl-8c5b2f', object: 'chat.completion.chunk', created: CREATED, model, choices: [], usage: { prompt_tokens: 98, total_tokens: 150, completion_tokens: 52 } } });
  events.push({ data: '[DONE]' });
  return { kind: 'sse', events };
}

/** Each server's error in the middle of a stream, after some answer text. */
export const MID_STREAM_ERRORS = {
  /** llama.cpp before #16109: a non-standard `error:` field, then [DONE]. */
  llamaCppLegacy: (model: string, said: string): FakeReply => ({
    kind: 'sse',
    events: [
      llamaChunk(model, { role: 'assistant', content: null }, null),
      llamaChunk(model, { content: said }, null),
      { line: 'error: {"code":400,"message":"the request exceeds the available context size. try increasing the context size or enable context shift","type":"invalid_request_error"}' },
      { data: '[DONE]' },
    ],
  }),
  /** llama.cpp since #16109. */
  llamaCpp: (model: string, said: string): FakeReply => ({
    kind: 'sse',
    events: [
      llamaChunk(model, { content: said }, null),
      { data: { error: { code: 500, message: 'context shift is disabled', type: 'server_error' } } },
    ],
  }),
  /** vLLM's create_streaming_error_response, then [DONE]. */
  vllm: (model: string, said: string): FakeReply => ({
    kind: 'sse',
    events: [vllmChunk(model, { content: said }, null), { data: { error: { message: 'Internal server error', type: 'InternalServerError', param: null, code: 500 } } }, { data: '[DONE]' }],
  }),
} as const;

/** Each server's HTTP error body for a request it refuses, and the message the user should read. */
export const HTTP_ERRORS: { server: string; reply: FakeReply; message: string }[] = [
  {
    server: 'Ollama (model missing)',
    reply: { kind: 'raw', status: 500, body: '{"error":{"message":"model requires more system memory (9.2 GiB) than is available (4.1 GiB)","type":"api_error","param":null,"code":null}}\n' },
    message: 'the model server answered HTTP 500: model requires more system memory (9.2 GiB) than is available (4.1 GiB)',
  },
  {
    server: 'LM Studio (nothing loaded)',
    reply: { kind: 'raw', status: 400, body: '{"error":{"message":"No models loaded. Please load a model in the developer page or use the `lms load` command."}}' },
    message: 'the model server answered HTTP 400: No models loaded. Please load a model in the developer page or use the `lms load` command.',
  },
  {
    server: 'LM Studio (bare string)',
    reply: { kind: 'raw', status: 400, body: `{"error":"Model 'qwen3-8b' not found"}` },
    message: "the model server answered HTTP 400: Model 'qwen3-8b' not found",
  },
  {
    server: 'llama.cpp (loading)',
    reply: { kind: 'raw', status: 503, body: '{"error":{"code":503,"message":"Loading model","type":"unavailable_error"}}' },
    message: 'the model server answered HTTP 503: Loading model',
  },
  {
    server: 'vLLM (current)',
    reply: { kind: 'raw', status: 400, body: '{"error":{"message":"This model\'s maximum context length is 4096 tokens.","type":"BadRequestError","param":null,"code":400}}' },
    message: "the model server answered HTTP 400: This model's maximum context length is 4096 tokens.",
  },
  {
    server: 'vLLM (before 0.11, flat)',
    reply: { kind: 'raw', status: 400, body: '{"object":"error","message":"max_tokens must be at least 1, got -1.","type":"BadRequestError","param":null,"code":400}' },
    message: 'the model server answered HTTP 400: max_tokens must be at least 1, got -1.',
  },
];
