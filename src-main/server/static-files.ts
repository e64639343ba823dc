/**
 * Serves the built renderer from one directory. A request path is percent-decoded once, resolved
 * against the directory and refused unless the result (after following symlinks) is a regular file
 * inside it, so `..`, `%2e%2e`, encoded slashes and links out of the directory all end as 404.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { contentTypeFor } from './content-types.js';
import { sendText } from './http-responses.js';

/** The file a URL path names inside `root` (already a real path), or null when there is none. */
export async function resolveStaticFile(root: string, urlPath: string): Promise<string | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const relative = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
  const candidate = path.resolve(root, relative);
  if (!isInside(root, candidate)) return null;
  try {
    // realpath follows symlinks, so a link inside the directory cannot point outside it.
    const real = await fs.promises.realpath(candidate);
    if (!isInside(root, real)) return null;
    const stat = await fs.promises.stat(real);
    return stat.isFile() ? real : null;
  } catch {
    return null;
  }
}

function isInside(root: string, file: string): boolean {
  const rel = path.relative(root, file);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel);
}

export async function serveStatic(req: IncomingMessage, res: ServerResponse, root: string, urlPath: string): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    sendText(res, 405, 'Method Not Allowed', { Allow: 'GET, HEAD' });
    return;
  }
  const file = await resolveStaticFile(root, urlPath);
  if (file === null) {
    sendText(res, 404, 'Not Found');
    return;
  }
  let handle: fs.promises.FileHandle;
  try {
    handle = await fs.promises.open(file, 'r');
  } catch {
    sendText(res, 404, 'Not Found');
    return;
  }
  try {
    const { size } = await handle.stat();
    const type = contentTypeFor(file);
    res.writeHead(200, {
      'Content-Type': type,
      'Content-Length': size,
      // The page itself is never cached (it names the current build's assets); assets are revalidated.
      'Cache-Control': type.startsWith('text/html') ? 'no-store' : 'no-cache',
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    await pipeline(handle.createReadStream({ autoClose: false }), res);
  } catch {
    // The client went away mid-file, or the file vanished: nothing useful left to send.
    if (!res.headersSent) sendText(res, 404, 'Not Found');
    else res.destroy();
  } finally {
    await handle.close();
  }
}
