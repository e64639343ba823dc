/**
 * `POST /api/<method>`: the JSON body is the method's arguments; the reply is the contract's
 * ApiResponse with an HTTP status that matches its error code. Only `application/json` bodies are
 * accepted: a plain HTML form cannot send that type, and a cross-origin script that tries must ask
 * first (a CORS preflight), which the Origin check refuses. Bodies are capped at 1 MiB, except for the
 * few methods that carry a whole file (LARGE_BODY_LIMITS).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiErrorCode, ApiResponse } from '../api/contract.std.js';
import { dispatch } from '../api/dispatch.js';
import type { AppContext } from '../app/app-context.js';
import { sendJson } from './http-responses.js';

export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Methods whose body is a file the user chose: a learner's progress file holds every answer they ever
 * gave (~150 bytes each as JSON, escaped once more inside the request), so it gets room for ~400k.
 */
export const LARGE_BODY_LIMITS: Readonly<Record<string, number>> = { 'learners.importProgress': 100 * 1024 * 1024 };

export function bodyLimitFor(method: string): number {
  return Object.hasOwn(LARGE_BODY_LIMITS, method) ? (LARGE_BODY_LIMITS[method] ?? MAX_BODY_BYTES) : MAX_BODY_BYTES;
}

const STATUS_BY_CODE: Record<ApiErrorCode, number> = {
  'bad-request': 400,
  'not-found': 404,
  unavailable: 503,
  internal: 500,
};

/** How much of a refused body is read (and thrown away) before the connection is cut. */
const DISCARD_LIMIT = 8 * MAX_BODY_BYTES;

/**
 * Refuses a body over the limit. The rest of it is read and discarded, up to a cap: closing a socket
 * with unread data resets the connection, and the client might then lose the 413 it was sent.
 */
function refuseLargeBody(req: IncomingMessage, res: ServerResponse, limit: number): void {
  refuse(res, 413, `the request body is larger than ${limit} bytes`, { Connection: 'close' });
  let discarded = 0;
  req.on('data', (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > DISCARD_LIMIT) req.destroy();
  });
  req.resume();
}

function refuse(res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}): void {
  const body: ApiResponse<never> = { ok: false, error: { code: 'bad-request', message } };
  sendJson(res, status, body, headers);
}

/** True for `application/json`, with no charset or a UTF-8 one (JSON on the wire is UTF-8). */
export function isJsonContentType(header: string | undefined): boolean {
  if (header === undefined) return false;
  const [type, ...params] = header.split(';').map((p) => p.trim().toLowerCase());
  if (type !== 'application/json') return false;
  return params.every((p) => !p.startsWith('charset=') || /^charset="?utf-8"?$/.test(p));
}

type BodyResult = { kind: 'ok'; body: Buffer } | { kind: 'too-large' } | { kind: 'aborted' };

/** Reads the body up to `limit` bytes; stops buffering as soon as it is over (the request is left paused). */
function readBody(req: IncomingMessage, limit: number): Promise<BodyResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (result: BodyResult): void => {
      req.off('data', onData).off('end', onEnd).off('error', onAbort).off('close', onClose);
      resolve(result);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        req.pause();
        finish({ kind: 'too-large' });
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => finish({ kind: 'ok', body: Buffer.concat(chunks, size) });
    const onAbort = (): void => finish({ kind: 'aborted' });
    const onClose = (): void => {
      if (!req.complete) finish({ kind: 'aborted' });
    };
    req.on('data', onData).on('end', onEnd).on('error', onAbort).on('close', onClose);
  });
}

export async function handleApiCall(req: IncomingMessage, res: ServerResponse, ctx: AppContext, method: string): Promise<void> {
  if (req.method !== 'POST') {
    refuse(res, 405, `${method}: use POST with a JSON body`, { Allow: 'POST' });
    return;
  }
  if (!isJsonContentType(req.headers['content-type'])) {
    refuse(res, 415, 'the request body must be JSON, sent with Content-Type: application/json');
    return;
  }
  const limit = bodyLimitFor(method);
  if (Number(req.headers['content-length'] ?? 0) > limit) {
    refuseLargeBody(req, res, limit);
    return;
  }
  const read = await readBody(req, limit);
  if (read.kind === 'aborted') {
    res.destroy();
    return;
  }
  if (read.kind === 'too-large') {
    refuseLargeBody(req, res, limit);
    return;
  }
  let args: unknown;
  const text = read.body.toString('utf8');
  if (text.trim() !== '') {
    try {
      args = JSON.parse(text) as unknown;
    } catch (err) {
      refuse(res, 400, `the request body is not valid JSON: ${(err as Error).message}`);
      return;
    }
  }
  const response = await dispatch(ctx.handlers, method, args);
  const status = response.ok ? 200 : STATUS_BY_CODE[response.error.code];
  try {
    sendJson(res, status, response);
  } catch (err) {
    // A handler returned something JSON cannot carry (a BigInt, a cycle): report it, not a dropped connection.
    const internal: ApiResponse<never> = { ok: false, error: { code: 'internal', message: `${method} failed: its result cannot be sent as JSON (${(err as Error).message})` } };
    sendJson(res, 500, internal);
  }
}
