/**
 * Who may talk to the browser-mode server. Three checks, in this order, before any routing:
 *  1. Host: only `127.0.0.1:<port>` or `localhost:<port>`. A DNS-rebinding page (evil.example resolving to
 *     127.0.0.1) reaches our socket but sends its own name as Host, so it is refused here.
 *  2. Origin (when present): only our own two origins. Browsers send Origin on every cross-origin fetch,
 *     EventSource, form POST and CORS preflight, so other pages on this machine (other ports count) stop here.
 *  3. The token, from the `im_token` cookie (or the library's own cookie name) or the `x-im-token` header,
 *     compared in constant time.
 */
import crypto from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const TOKEN_COOKIE = 'im_token';
export const TOKEN_HEADER = 'x-im-token';

/** Token characters: base64url only, so a token is always safe inside a cookie, a header and a URL. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{16,256}$/;

export function newToken(): string {
  return crypto.randomBytes(24).toString('base64url');
}

/** Throws a clear error for a caller-chosen token that is too short or would break the cookie. */
export function checkTokenShape(token: string): void {
  if (!TOKEN_SHAPE.test(token)) {
    throw new Error('startWebServer: token must be 16 to 256 characters from A-Z, a-z, 0-9, "_" and "-"');
  }
}

export function allowedHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
}

export function allowedOrigins(port: number): Set<string> {
  return new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);
}

/** Why a request is refused before authentication, or null when its Host and Origin are ours. */
export function hostOrOriginProblem(req: IncomingMessage, port: number): string | null {
  const host = req.headers.host;
  if (host === undefined || !allowedHosts(port).has(host.toLowerCase())) return 'Forbidden: unexpected Host header';
  // `origin` can arrive more than once only from a hand-made client; any value but ours is refused.
  const origin = req.headersDistinct.origin;
  if (origin !== undefined) {
    const ours = allowedOrigins(port);
    if (origin.length !== 1 || !ours.has((origin[0] ?? '').toLowerCase())) return 'Forbidden: cross-origin request';
  }
  return null;
}

/**
 * Constant-time equality for secrets of any length: both sides are hashed first, so neither the
 * content nor the length of the expected token leaks through timing.
 */
export function sameSecret(given: string, expected: string): boolean {
  const a = crypto.createHash('sha256').update(given).digest();
  const b = crypto.createHash('sha256').update(expected).digest();
  return crypto.timingSafeEqual(a, b);
}

/** Every value of the named cookie (a browser may send the same name more than once). */
export function cookieValues(header: string | undefined, name: string): string[] {
  if (header === undefined) return [];
  const values: string[] = [];
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) values.push(part.slice(eq + 1).trim());
  }
  return values;
}

/** True when the request carries the token in the cookie or the header. */
export function hasValidToken(req: IncomingMessage, token: string, cookieName: string = TOKEN_COOKIE): boolean {
  const candidates = [...cookieValues(req.headers.cookie, cookieName), ...(req.headersDistinct[TOKEN_HEADER] ?? [])];
  // Check every candidate (no early exit), so timing does not reveal which one matched.
  let ok = false;
  for (const c of candidates) ok = sameSecret(c, token) || ok;
  return ok;
}

export interface CookieOptions {
  name: string;
  /** A persistent cookie (survives closing the browser); absent: a session cookie. */
  maxAgeSeconds?: number;
}

/** Cookie names: a cookie-name token, kept to letters, digits, "_" and "-". */
const COOKIE_NAME_SHAPE = /^[A-Za-z0-9_-]{1,64}$/;
/** Browsers cap a cookie's life at 400 days (RFC 6265bis); longer asks for nothing more. */
export const MAX_COOKIE_AGE_SECONDS = 400 * 24 * 60 * 60;

export function checkCookieOptions(options: CookieOptions): void {
  if (!COOKIE_NAME_SHAPE.test(options.name)) throw new Error('startWebServer: cookieName must be 1 to 64 characters from A-Z, a-z, 0-9, "_" and "-"');
  const age = options.maxAgeSeconds;
  if (age !== undefined && (!Number.isSafeInteger(age) || age < 1 || age > MAX_COOKIE_AGE_SECONDS)) {
    throw new Error(`startWebServer: cookieMaxAgeSeconds must be a whole number from 1 to ${MAX_COOKIE_AGE_SECONDS}`);
  }
}

/** The cookie that carries the token after the one-time `/?token=` visit. */
export function tokenCookie(token: string, options: CookieOptions = { name: TOKEN_COOKIE }): string {
  const maxAge = options.maxAgeSeconds === undefined ? '' : `; Max-Age=${options.maxAgeSeconds}`;
  return `${options.name}=${token}; HttpOnly; SameSite=Strict; Path=/${maxAge}`;
}
