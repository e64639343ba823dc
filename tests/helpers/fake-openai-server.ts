/**
 * A loopback HTTP server speaking the OpenAI protocol (the part local servers such as Ollama, LM Studio
 * and llama.cpp implement): `GET /v1/models` and `POST /v1/chat/completions`, plain or streamed as
 * server-sent events. Tests script its replies and read back every request it received, so a prompt can
 * be asserted on and every failure a real local server shows (errors, garbage, slow tokens, a process
 * dying mid-reply, a server that never answers) can be reproduced without a model.
 *
 *   const server = await startFakeOpenAIServer({ models: ['tutor-7b'] });
 *   server.reply('Think about what 3 × 4 means.');                     // streamed or not, as asked
 *   server.reply({ kind: 'text', chunks: ['Twen', 'ty-four'], delayMs: 20 });
 *   server.reply({ kind: 'error', status: 500, message: 'out of memory' });
 *   server.reply({ kind: 'sse', events: [{ comment: '' }, { data: { choices: [] } }, { data: '[DONE]' }] }); // byte for byte
 *   server.reply({ kind: 'raw', status: 400, body: '{"object":"error","message":"…"}' });
 * (server-shapes.ts builds the exact streams and error bodies of Ollama, LM Studio, llama.cpp and vLLM.)
 *   // … point the client at server.baseURL, then:
 *   server.requests[0]?.body                                             // the parsed JSON request
 *   await server.close();
 *
 * Replies are taken from the queue in order (one per chat request); when the queue is empty the
 * `replier` function answers, and without one the server answers HTTP 500 "no scripted reply left", so
 * a test never silently gets a reply it did not script.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One scripted answer to a chat completion request. A plain string is `{ kind: 'text', text }`. */
export type FakeReply =
  | string
  /** A reply. Streamed as `chunks` (default: the text split into word-sized pieces), `delayMs` before each chunk. */
  | { kind: 'text'; text?: string; chunks?: string[]; delayMs?: number }
  /** An HTTP error with an OpenAI-style body `{ error: { message, type, code } }`. */
  | { kind: 'error'; status: number; message: string; type?: string; code?: string }
  /** A body that is not JSON (or, when streaming, a `data:` line that is not JSON after `chunks`). */
  | { kind: 'garbage'; body?: string; chunks?: string[] }
  /** Streams `chunks` (with `delayMs`), then destroys the socket without finishing the reply. */
  | { kind: 'disconnect'; chunks?: string[]; delayMs?: number }
  /** Sends `chunks` (none by default: not even the headers), then stays silent until the server closes. */
  | { kind: 'hang'; chunks?: string[] }
  /**
   * An event stream written exactly as given, event by event (each after `delayMs`): `data` (an object
   * is JSON-encoded, a string is written as it is: `[DONE]`), a `comment` line (`: ping`; '' for a bare
   * `:`), or a raw `line` (`error: {…}`, as older llama.cpp sent). `end: false` leaves it open.
   */
  | { kind: 'sse'; events: SseEvent[]; delayMs?: number; end?: boolean }
  /** An HTTP response with exactly this status, content type and body. */
  | { kind: 'raw'; status: number; body: string; contentType?: string };

export type SseEvent = { data: unknown } | { comment: string } | { line: string };

export interface RecordedRequest {
  method: string;
  /** Path with query, e.g. `/v1/chat/completions`. */
  path: string;
  headers: http.IncomingHttpHeaders;
  /** The raw body text ('' for GET). */
  rawBody: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  body: unknown;
}

/** The parts of a chat completion request tests usually assert on. */
export interface ChatRequestBody {
  model: string;
  messages: { role: string; content: string }[];
  stream?: boolean;
}

export interface FakeOpenAIServerOptions {
  /** What `GET /v1/models` lists; chat requests naming another model get a 404 (as Ollama does). Default `['fake-tutor']`. */
  models?: string[];
  /** When set, every request must carry `Authorization: Bearer <apiKey>` or gets a 401. */
  apiKey?: string;
  /** Answers chat requests once the queue is empty. */
  replier?: (request: RecordedRequest) => FakeReply;
  /** Replies to `GET /v1/models` instead of the model list (e.g. an error or garbage). */
  modelsReply?: Exclude<FakeReply, string | { kind: 'text' }>;
}

export interface FakeOpenAIServer {
  /** `http://127.0.0.1:<port>/v1`: what a client's `baseURL` should be. */
  readonly baseURL: string;
  readonly port: number;
  /** Every request received, in order (models listings included). */
  readonly requests: RecordedRequest[];
  /** The bodies of the chat completion requests received, in order. */
  chatRequests(): ChatRequestBody[];
  /** Queue replies for the next chat requests. */
  reply(...replies: FakeReply[]): void;
  /** Replies still queued. */
  pending(): number;
  /** Resolves once `count` requests in total have been received (at once if they already were). */
  waitForRequests(count: number): Promise<void>;
  /** Of the last `sse` reply: how many of its events were written, and whether the client left before the end. */
  lastStream(): { written: number; of: number; clientLeft: boolean } | undefined;
  /** Resolves when the last `sse` reply has finished writing or its client has gone. */
  lastStreamSettled(): Promise<void>;
  /** Stops listening and drops every open connection (hanging replies included). */
  close(): Promise<void>;
}

const FAKE_ID = 'chatcmpl-fake';

/** Word-sized pieces, spaces kept with the word that follows them, so joined they give the text back. */
export function splitIntoChunks(text: string): string[] {
  return text.match(/\s*\S+|\s+$/g) ?? (text === '' ? [] : [text]);
}

function errorBody(message: string, type: string, code: string | null): string {
  return JSON.stringify({ error: { message, type, code, param: null } });
}

function chunkBody(model: string, content: string | null, finish: 'stop' | null): string {
  return JSON.stringify({
    id: FAKE_ID,
    object: 'chat.completion.chunk',
    created: 0,
    model,
    choices: [{ index: 0, delta: content === null ? {} : { role: 'assistant', content }, finish_reason: finish }],
  });
}

function completionBody(model: string, text: string): string {
  return JSON.stringify({
    id: FAKE_ID,
    object: 'chat.completion',
    created: 0,
    model,
    choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }],
    usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
  });
}

function wait(ms: number, res: http.ServerResponse): Promise<boolean> {
  // Resolves false when the client went away meanwhile (so the script stops writing).
  return new Promise((resolve) => {
    if (ms <= 0) {
      resolve(!res.destroyed);
      return;
    }
    const timer = setTimeout(() => resolve(!res.destroyed), ms);
    res.once('close', () => {
      clearTimeout(timer);
      resolve(false);
    });
  });
}

function sendJson(res: http.ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

function startSse(res: http.ServerResponse): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
  res.flushHeaders();
}

interface StreamRecord {
  written: number;
  of: number;
  clientLeft: boolean;
  settled: Promise<void>;
}

function sseText(e: SseEvent): string {
  if ('comment' in e) return `:${e.comment === '' ? '' : ` ${e.comment}`}\n\n`;
  if ('line' in e) return `${e.line}\n\n`;
  return `data: ${typeof e.data === 'string' ? e.data : JSON.stringify(e.data)}\n\n`;
}

/** Plays one scripted reply. */
async function play(reply: Exclude<FakeReply, string>, res: http.ServerResponse, model: string, stream: boolean, record?: (r: StreamRecord) => void): Promise<void> {
  switch (reply.kind) {
    case 'raw':
      res.writeHead(reply.status, { 'content-type': reply.contentType ?? 'application/json', 'content-length': Buffer.byteLength(reply.body) });
      res.end(reply.body);
      return;
    case 'sse': {
      let done: () => void = () => undefined;
      const r: StreamRecord = { written: 0, of: reply.events.length, clientLeft: false, settled: new Promise<void>((resolve) => (done = resolve)) };
      record?.(r);
      startSse(res);
      res.once('close', () => {
        if (!res.writableFinished) r.clientLeft = true;
      });
      for (const e of reply.events) {
        if (!(await wait(reply.delayMs ?? 0, res)) || res.destroyed) {
          r.clientLeft = true;
          done();
          return;
        }
        // Wait for the socket to take each event, so a client that stops reading is noticed.
        if (!res.write(sseText(e))) await new Promise<void>((resolve) => res.once('drain', resolve).once('close', resolve));
        if (res.destroyed) {
          r.clientLeft = true;
          done();
          return;
        }
        r.written++;
      }
      if (reply.end !== false) res.end();
      done();
      return;
    }
    case 'error':
      sendJson(res, reply.status, errorBody(reply.message, reply.type ?? (reply.status >= 500 ? 'server_error' : 'invalid_request_error'), reply.code ?? null));
      return;
    case 'garbage': {
      const garbage = reply.body ?? '<html>this is not JSON {';
      if (!stream) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(garbage);
        return;
      }
      startSse(res);
      for (const c of reply.chunks ?? []) res.write(`data: ${chunkBody(model, c, null)}\n\n`);
      res.end(`data: ${garbage}\n\n`);
      return;
    }
    case 'hang':
      if (reply.chunks === undefined) return; // not even headers: the response stays open until close()
      startSse(res);
      for (const c of reply.chunks) res.write(`data: ${chunkBody(model, c, null)}\n\n`);
      return;
    case 'disconnect':
      startSse(res);
      for (const c of reply.chunks ?? []) {
        if (!(await wait(reply.delayMs ?? 0, res))) return;
        res.write(`data: ${chunkBody(model, c, null)}\n\n`);
      }
      // Give the written chunks a moment to leave before the socket dies (as a crashing server would).
      await new Promise((r) => setImmediate(r));
      res.socket?.destroy();
      return;
    case 'text': {
      const chunks = reply.chunks ?? splitIntoChunks(reply.text ?? '');
      const text = reply.text ?? chunks.join('');
      if (!stream) {
        if (!(await wait(reply.delayMs ?? 0, res))) return;
        sendJson(res, 200, completionBody(model, text));
        return;
      }
      startSse(res);
      for (const c of chunks) {
        if (!(await wait(reply.delayMs ?? 0, res))) return;
        res.write(`data: ${chunkBody(model, c, null)}\n\n`);
      }
      res.write(`data: ${chunkBody(model, null, 'stop')}\n\n`);
      res.end('data: [DONE]\n\n');
      return;
    }
  }
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on('data', (b: Buffer) => parts.push(b));
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    req.on('error', reject);
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export async function startFakeOpenAIServer(options: FakeOpenAIServerOptions = {}): Promise<FakeOpenAIServer> {
  const models = options.models ?? ['fake-tutor'];
  const queue: FakeReply[] = [];
  const requests: RecordedRequest[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  let lastStream: StreamRecord | undefined;

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const rawBody = await readBody(req);
    const recorded: RecordedRequest = { method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers, rawBody, body: parseJson(rawBody) };
    requests.push(recorded);
    for (const w of waiters.filter((x) => requests.length >= x.count)) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve();
    }

    if (options.apiKey !== undefined && req.headers.authorization !== `Bearer ${options.apiKey}`) {
      sendJson(res, 401, errorBody('Incorrect API key provided.', 'invalid_request_error', 'invalid_api_key'));
      return;
    }
    const path = recorded.path.split('?')[0];
    if (recorded.method === 'GET' && path === '/v1/models') {
      if (options.modelsReply) {
        await play(options.modelsReply, res, '', false);
        return;
      }
      sendJson(res, 200, JSON.stringify({ object: 'list', data: models.map((id) => ({ id, object: 'model', created: 0, owned_by: 'fake' })) }));
      return;
    }
    if (recorded.method === 'POST' && path === '/v1/chat/completions') {
      const body = recorded.body as Partial<ChatRequestBody> | undefined;
      if (body === undefined || typeof body.model !== 'string' || !Array.isArray(body.messages)) {
        sendJson(res, 400, errorBody('expected a JSON body with model and messages', 'invalid_request_error', null));
        return;
      }
      if (!models.includes(body.model)) {
        sendJson(res, 404, errorBody(`model "${body.model}" not found, try pulling it first`, 'not_found_error', 'model_not_found'));
        return;
      }
      const next = queue.shift() ?? options.replier?.(recorded) ?? { kind: 'error', status: 500, message: 'fake server: no scripted reply left' };
      await play(typeof next === 'string' ? { kind: 'text', text: next } : next, res, body.model, body.stream === true, (r) => (lastStream = r));
      return;
    }
    sendJson(res, 404, errorBody(`no route ${recorded.method} ${path ?? ''}`, 'invalid_request_error', null));
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) sendJson(res, 500, errorBody(`fake server failed: ${String(err)}`, 'server_error', null));
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    port,
    requests,
    chatRequests: () =>
      requests.filter((r) => r.method === 'POST' && r.path.startsWith('/v1/chat/completions') && r.body !== undefined).map((r) => r.body as ChatRequestBody),
    reply: (...replies) => {
      queue.push(...replies);
    },
    pending: () => queue.length,
    lastStream: () => (lastStream ? { written: lastStream.written, of: lastStream.of, clientLeft: lastStream.clientLeft } : undefined),
    lastStreamSettled: () => lastStream?.settled ?? Promise.resolve(),
    waitForRequests: (count) =>
      requests.length >= count ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ count, resolve })),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
