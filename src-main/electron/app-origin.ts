/**
 * The renderer's origin in the desktop app: `app://studio`, a custom scheme served from
 * dist/renderer by the main process (never file://, which would give every local file the page's
 * origin). Anything that decides "is this our page?" compares against these.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'studio';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/**
 * How Chromium treats the scheme. `standard` gives it real origins and relative URLs; `secure` makes
 * it a secure context; `supportFetchAPI` lets the page fetch its own assets; `codeCache` caches
 * compiled scripts. Not `bypassCSP`, not `corsEnabled`, no service workers.
 */
export const APP_SCHEME_PRIVILEGES = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
  codeCache: true,
} as const;

/**
 * True for a URL on our origin. Compared by parts: WHATWG URL gives a custom scheme's origin as
 * "null", so `new URL(u).origin` cannot be used here.
 */
export function isAppUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return parsed.protocol === `${APP_SCHEME}:` && parsed.hostname === APP_HOST && parsed.port === '' && parsed.username === '' && parsed.password === '';
}
