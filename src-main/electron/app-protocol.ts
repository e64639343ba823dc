/**
 * What the `app://studio/...` protocol answers: a file from the built renderer, with the same
 * Content-Security-Policy and content types as browser mode (one policy for both transports), or a
 * plain error. Path handling is browser mode's too: `..`, encoded separators and symlinks out of
 * the directory all end as 404.
 */
import { contentTypeFor } from '../server/content-types.js';
import { CONTENT_SECURITY_POLICY } from '../server/http-responses.js';
import { resolveStaticFile } from '../server/static-files.js';
import { isAppUrl } from './app-origin.js';

export interface AppResponse {
  status: number;
  headers: Record<string, string>;
  /** The file to send as the body (status 200), or null for an error with `text` as the body. */
  file: string | null;
  text: string;
}

const COMMON_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

function error(status: number, text: string, extra: Record<string, string> = {}): AppResponse {
  return { status, file: null, text, headers: { ...COMMON_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', ...extra } };
}

/** `rendererRoot` must already be a real path (fs.realpathSync), as resolveStaticFile requires. */
export async function appResponseFor(requestUrl: string, method: string, rendererRoot: string): Promise<AppResponse> {
  if (!isAppUrl(requestUrl)) return error(404, 'Not Found');
  if (method !== 'GET' && method !== 'HEAD') return error(405, 'Method Not Allowed', { Allow: 'GET, HEAD' });
  const file = await resolveStaticFile(rendererRoot, new URL(requestUrl).pathname);
  if (file === null) return error(404, 'Not Found');
  const type = contentTypeFor(file);
  return {
    status: 200,
    file,
    text: '',
    headers: {
      ...COMMON_HEADERS,
      'Content-Type': type,
      // The page names the current build's assets, so it is never cached; assets are revalidated.
      'Cache-Control': type.startsWith('text/html') ? 'no-store' : 'no-cache',
    },
  };
}
