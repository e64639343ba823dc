/**
 * A stable address per library for browser mode: the access token is a secret kept in the library's
 * own database (setting `browser.address`), and so is the last port, so `http://127.0.0.1:PORT/?token=…`
 * is the same at every start. A bookmark, a reload after a restart, and the browser's cookie keep
 * working; the guarantees stay the same (loopback only, Host/Origin checked, the token exchanged for
 * an HttpOnly cookie). `--new-address` makes a new secret, which signs every browser out.
 *
 * The cookie is named per library (from a hash of its secret): cookies on 127.0.0.1 are shared by
 * every port, so two libraries served at once would otherwise overwrite each other's cookie.
 */
import crypto from 'node:crypto';
import { z } from 'zod';
import { openDatabase } from '../storage/database.js';
import { getSetting, setSetting } from '../storage/settings.repo.js';
import { newToken, TOKEN_COOKIE } from './request-guards.js';

export const BROWSER_ADDRESS_KEY = 'browser.address';

const storedSchema = z.object({
  secret: z.string().regex(/^[A-Za-z0-9_-]{32,256}$/),
  port: z.number().int().min(1).max(65535).nullable(),
});

export interface StableAddress {
  secret: string;
  /** The port this library was last served on, if any. */
  port: number | null;
  cookieName: string;
}

/** Reads (or, the first time or with `rotate`, creates) the library's secret and remembered port. */
export function loadStableAddress(dbPath: string, options: { rotate?: boolean; now?: number } = {}): StableAddress {
  const app = openDatabase(dbPath);
  try {
    const parsed = storedSchema.safeParse(getSetting(app.db, BROWSER_ADDRESS_KEY));
    // An unreadable stored value (a broken or newer build wrote it) is replaced, as a rotation would.
    if (parsed.success && options.rotate !== true) return { ...parsed.data, cookieName: cookieNameFor(parsed.data.secret) };
    const fresh = { secret: newToken(), port: parsed.success ? parsed.data.port : null };
    setSetting(app.db, BROWSER_ADDRESS_KEY, fresh, options.now !== undefined ? { now: options.now } : {});
    return { ...fresh, cookieName: cookieNameFor(fresh.secret) };
  } finally {
    app.close();
  }
}

/** Remembers the port the library is served on (the secret stays). */
export function rememberPort(dbPath: string, port: number): void {
  const app = openDatabase(dbPath);
  try {
    const parsed = storedSchema.safeParse(getSetting(app.db, BROWSER_ADDRESS_KEY));
    if (!parsed.success) throw new Error('rememberPort: the library has no browser address yet (loadStableAddress first)');
    setSetting(app.db, BROWSER_ADDRESS_KEY, { ...parsed.data, port });
  } finally {
    app.close();
  }
}

/** `im_token_` + 10 characters of the secret's hash: one name per library, nothing of the secret itself. */
export function cookieNameFor(secret: string): string {
  return `${TOKEN_COOKIE}_${crypto.createHash('sha256').update(secret).digest('base64url').slice(0, 10)}`;
}
