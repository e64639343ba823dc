/**
 * Browser mode: the renderer and the API contract over loopback HTTP (node:http only).
 *
 *   GET  /?token=T        right token: sets the `im_token` cookie and redirects (303) to `/`
 *   GET  /, /<file>       the built renderer from `staticDir`
 *   POST /api/<method>    JSON arguments in, the contract's ApiResponse out
 *   GET  /api/events      the context's events as server-sent events
 *
 * Listens on 127.0.0.1 only. Every request must name us in Host (and, if it has one, in Origin), and
 * every request except the token visit must carry the token (cookie or `x-im-token` header). The token
 * is random per start unless the caller passes one: `npm run web` passes the library's own secret
 * (stable-address.ts), so the address, and a browser's cookie, survive restarts.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppContext } from '../app/app-context.js';
import { handleApiCall } from './api-route.js';
import { ConnectionTracker } from './connection-tracker.js';
import { EventStreams, HEARTBEAT_MS } from './event-stream.js';
import { sendText, setSecurityHeaders } from './http-responses.js';
import { checkCookieOptions, checkTokenShape, hasValidToken, hostOrOriginProblem, newToken, sameSecret, TOKEN_COOKIE, tokenCookie } from './request-guards.js';
import { serveStatic } from './static-files.js';

export const LOOPBACK_HOST = '127.0.0.1';

export interface WebServerOptions {
  ctx: AppContext;
  /** The built renderer (index.html and its assets). */
  staticDir: string;
  /** 0 or absent: a free port chosen by the system. */
  port?: number;
  /** Default: 24 random bytes, base64url. A caller's token must be 16–256 base64url characters. */
  token?: string;
  /** Interval of the event stream's heartbeat comment (default 15 s; tests shorten it). */
  heartbeatMs?: number;
  /** Name of the cookie that carries the token (default `im_token`); one per library keeps two libraries' servers apart. */
  cookieName?: string;
  /** Keep the cookie this long (seconds) instead of until the browser closes: for a token that outlives a launch. */
  cookieMaxAgeSeconds?: number;
}

/** The port is taken by another process (`port` is the one asked for). */
export class PortInUseError extends Error {
  override readonly name = 'PortInUseError';

  constructor(readonly port: number) {
    super(`port ${port} on ${LOOPBACK_HOST} is already in use`);
  }
}

export interface WebServer {
  /** The server's origin, `http://127.0.0.1:PORT` (no trailing slash, no token). */
  url: string;
  /** The address to open once: `http://127.0.0.1:PORT/?token=TOKEN`. */
  launchUrl: string;
  port: number;
  token: string;
  /** Stops listening, ends event streams and resolves once in-flight requests have finished. */
  close(): Promise<void>;
}

const UNAUTHORIZED = 'Unauthorized: open the address printed when InfinityMATH Studio started (it carries the access token).';

async function realDirectory(dir: string): Promise<string> {
  let real: string;
  try {
    real = await fs.promises.realpath(dir);
  } catch {
    throw new Error(`startWebServer: static directory ${dir} does not exist`);
  }
  if (!(await fs.promises.stat(real)).isDirectory()) throw new Error(`startWebServer: ${dir} is not a directory`);
  return real;
}

function checkPort(port: number): void {
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`startWebServer: port must be a whole number from 0 to 65535, got ${port}`);
  }
}

function listen(server: http.Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException): void => {
      reject(err.code === 'EADDRINUSE' ? new PortInUseError(port) : err);
    };
    server.once('error', onError);
    server.listen({ host: LOOPBACK_HOST, port, exclusive: true }, () => {
      server.off('error', onError);
      const address = server.address();
      if (address === null || typeof address === 'string') {
        reject(new Error('the server has no TCP address'));
        return;
      }
      resolve(address.port);
    });
  });
}

export async function startWebServer(opts: WebServerOptions): Promise<WebServer> {
  const port = opts.port ?? 0;
  checkPort(port);
  const token = opts.token ?? newToken();
  checkTokenShape(token);
  const cookie = { name: opts.cookieName ?? TOKEN_COOKIE, ...(opts.cookieMaxAgeSeconds !== undefined ? { maxAgeSeconds: opts.cookieMaxAgeSeconds } : {}) };
  checkCookieOptions(cookie);
  const root = await realDirectory(opts.staticDir);
  const streams = new EventStreams(opts.ctx, opts.heartbeatMs ?? HEARTBEAT_MS);
  let boundPort = 0;

  const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    setSecurityHeaders(res);
    const refusal = hostOrOriginProblem(req, boundPort);
    if (refusal !== null) {
      sendText(res, 403, refusal);
      return;
    }
    // The raw path, not a parsed URL's pathname: the URL parser resolves `..` and `%2e%2e`, hiding them.
    const target = req.url ?? '/';
    const q = target.indexOf('?');
    const rawPath = q < 0 ? target : target.slice(0, q);
    const queryToken = q < 0 ? null : new URLSearchParams(target.slice(q + 1)).get('token');
    if (rawPath === '/' && queryToken !== null && req.method === 'GET') {
      if (!sameSecret(queryToken, token)) {
        sendText(res, 401, UNAUTHORIZED);
        return;
      }
      // Move the token from the address bar into a cookie the page's scripts cannot read.
      res.writeHead(303, { Location: '/', 'Set-Cookie': tokenCookie(token, cookie), 'Cache-Control': 'no-store', 'Content-Length': 0 });
      res.end();
      return;
    }
    if (!hasValidToken(req, token, cookie.name)) {
      sendText(res, 401, UNAUTHORIZED);
      return;
    }
    if (rawPath === '/api/events') {
      streams.handle(req, res);
      return;
    }
    if (rawPath.startsWith('/api/')) {
      const name = rawPath.slice('/api/'.length);
      let method = name;
      try {
        method = decodeURIComponent(name);
      } catch {
        // Left as sent; the contract rejects it as an unknown method.
      }
      await handleApiCall(req, res, opts.ctx, method);
      return;
    }
    await serveStatic(req, res, root, rawPath);
  };

  const server = http.createServer((req, res) => {
    route(req, res).catch((err: unknown) => {
      if (!res.headersSent) sendText(res, 500, `Internal error: ${err instanceof Error ? err.message : String(err)}`);
      else res.destroy();
    });
  });
  const connections = new ConnectionTracker(server);
  boundPort = await listen(server, port);
  const url = `http://${LOOPBACK_HOST}:${boundPort}`;

  let closing: Promise<void> | undefined;
  return {
    url,
    launchUrl: `${url}/?token=${token}`,
    port: boundPort,
    token,
    close: () =>
      (closing ??= new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        streams.endAll();
        connections.closeAll();
      })),
  };
}
