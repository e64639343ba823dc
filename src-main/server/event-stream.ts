/**
 * `GET /api/events`: the context's events as server-sent events, one `data: <json>` message each,
 * with a comment line as heartbeat so idle connections are not dropped by anything in between.
 * A stream ends (and unsubscribes) when the client goes away or the server closes.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiEvent } from '../api/contract.std.js';
import type { AppContext } from '../app/app-context.js';
import { sendText } from './http-responses.js';

export const HEARTBEAT_MS = 15_000;

export class EventStreams {
  private readonly open = new Set<ServerResponse>();

  constructor(
    private readonly ctx: AppContext,
    private readonly heartbeatMs: number,
  ) {}

  handle(req: IncomingMessage, res: ServerResponse): void {
    if (req.method !== 'GET') {
      sendText(res, 405, 'Method Not Allowed', { Allow: 'GET' });
      return;
    }
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    // Sent at once so the client's EventSource opens (and tests know the subscription exists).
    res.write(': connected\n\n');
    const send = (event: ApiEvent): void => {
      res.write(`data: ${JSON.stringify(event)}\n\n`);
    };
    const unsubscribe = this.ctx.onEvent(send);
    const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), this.heartbeatMs);
    this.open.add(res);
    res.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
      this.open.delete(res);
      // The client is gone; its socket may linger half-open and would hold up the server's close().
      res.destroy();
    });
  }

  /** Ends every open stream (the server cannot finish closing while one is open). */
  endAll(): void {
    for (const res of this.open) res.end();
  }
}
