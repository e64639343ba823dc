/**
 * A fetch that lets the model client see a streamed reply's raw bytes before the `openai` package
 * parses them, for three things the package's events cannot tell:
 *
 * - activity: keep-alive comments (`:` lines — llama.cpp sends them while it processes a long prompt,
 *   llama.cpp #24013; proxies send `: ping`) and every other byte count as the server being alive,
 *   so a model that thinks or loads for a long time is not taken for a stalled one;
 * - size: the bytes of the whole stream, so a reply that never ends is cut off at a limit;
 * - the error field of older llama.cpp builds, which reported a failure mid-stream as a non-standard
 *   `error: {…}` line (llama.cpp #16104, fixed by #16109 to `data: {"error": …}`); the package drops
 *   such a line silently, which left only "an empty reply".
 *
 * And the body of an HTTP error, whatever its shape, since the package keeps only a body's `error`
 * member: vLLM before 0.11 answered `{"object": "error", "message": …}` and FastAPI-style servers
 * `{"detail": …}`, which the package reports as "400 status code (no body)".
 *
 * Everything is passed through unchanged; responses that are not event streams are not touched.
 */

export interface StreamObserver {
  /** Some bytes of the event stream arrived. */
  onBytes(count: number, total: number): void;
  /** A legacy `error:` line arrived; `message` is its text (its JSON's message when it has one). */
  onErrorField(message: string): void;
}

function errorText(raw: string): string {
  try {
    const parsed = JSON.parse(raw) as unknown;
    if (typeof parsed === 'object' && parsed !== null) {
      const m = (parsed as { message?: unknown }).message;
      if (typeof m === 'string' && m !== '') return m;
    }
  } catch {
    // not JSON: the text itself
  }
  return raw;
}

/** The message in an error body of any of the shapes servers use, or undefined. */
export function errorBodyMessage(text: string): string | undefined {
  try {
    const body = JSON.parse(text) as Record<string, unknown> | null;
    if (typeof body !== 'object' || body === null) return undefined;
    const e = body.error;
    if (typeof e === 'string' && e !== '') return e;
    const inner = (e as { message?: unknown } | undefined)?.message;
    if (typeof inner === 'string' && inner !== '') return inner;
    for (const k of ['message', 'detail'] as const) {
      const v = body[k];
      if (typeof v === 'string' && v !== '') return v;
    }
  } catch {
    // not JSON
  }
  const plain = text.trim();
  return plain !== '' && plain.length < 500 && !plain.startsWith('<') ? plain : undefined;
}

export interface FetchHooks {
  /** Asked per request (the client knows which call a response belongs to). */
  observe: () => StreamObserver | undefined;
  /** The body of a response that is not 2xx (read from a copy; the package reads the original). */
  onErrorBody?: (status: number, text: string) => void;
}

export function observingFetch(base: typeof fetch, hooks: FetchHooks): typeof fetch {
  return async (input, init) => {
    const response = await base(input, init);
    if (!response.ok && hooks.onErrorBody) {
      const onErrorBody = hooks.onErrorBody;
      await response
        .clone()
        .text()
        .then((t) => onErrorBody(response.status, t), () => undefined);
    }
    const observer = hooks.observe();
    const type = response.headers.get('content-type') ?? '';
    if (observer === undefined || response.body === null || !type.includes('text/event-stream')) return response;
    let total = 0;
    let partial = '';
    const decoder = new TextDecoder();
    const scan = (text: string): void => {
      const lines = (partial + text).split('\n');
      partial = lines.pop() ?? '';
      // A line longer than this is data, not an error field: do not hold it.
      if (partial.length > 64 * 1024) partial = '';
      for (const line of lines) {
        if (line.startsWith('error:')) observer.onErrorField(errorText(line.slice(6).trim()));
      }
    };
    const relay = new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        total += chunk.byteLength;
        observer.onBytes(chunk.byteLength, total);
        scan(decoder.decode(chunk, { stream: true }));
        controller.enqueue(chunk);
      },
      flush() {
        scan(`${decoder.decode()}\n`);
      },
    });
    return new Response(response.body.pipeThrough(relay), { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}
