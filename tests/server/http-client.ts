/**
 * Raw HTTP for the server tests: node:http sends the path exactly as given (fetch would resolve `..`
 * and `%2e%2e` before sending) and lets a test set or omit any header, Host included.
 */
import http from 'node:http';

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface RawRequest {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  /** Omit the Host header entirely. */
  noHost?: boolean;
  body?: string | Buffer;
  /** Send the body in chunks without a Content-Length (Transfer-Encoding: chunked). */
  chunked?: boolean;
}

export function raw(port: number, req: RawRequest): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const r = http.request(
      { host: '127.0.0.1', port, method: req.method ?? 'GET', path: req.path, headers: req.headers ?? {}, setHost: !req.noHost, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    // A server that answers before reading the whole body may reset the upload; the answer still counts.
    r.on('error', reject);
    if (req.body !== undefined && req.chunked) {
      const body = Buffer.from(req.body);
      for (let i = 0; i < body.length; i += 64 * 1024) r.write(body.subarray(i, i + 64 * 1024));
      r.end();
    } else {
      r.end(req.body);
    }
  });
}
