/**
 * Browser mode's transport: `POST /api/<method>` with the JSON arguments (same origin; the HttpOnly
 * cookie the server set when the launch address was opened authenticates it), and events from one
 * shared `EventSource('/api/events')`, opened with the first listener and closed with the last.
 */
import { ApiError, type ApiEvent } from '../../src-main/api/contract.std.js';
import { isApiResponse, type ApiTransport } from './client-core.js';

export function httpTransport(): ApiTransport {
  const listeners = new Set<(event: ApiEvent) => void>();
  let source: EventSource | null = null;

  const openEvents = (): EventSource => {
    const events = new EventSource('/api/events');
    events.onmessage = (message: MessageEvent<string>) => {
      let event: ApiEvent;
      try {
        event = JSON.parse(message.data) as ApiEvent;
      } catch {
        return; // a malformed frame is dropped; the next one may be fine
      }
      for (const listener of listeners) listener(event);
    };
    return events;
  };

  return {
    async call(method, args) {
      let response: Response;
      try {
        response = await fetch(`/api/${method}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(args),
          credentials: 'same-origin',
        });
      } catch {
        throw new ApiError('unavailable', `${method}: cannot reach the InfinityMATH server (is it still running?)`);
      }
      const text = await response.text();
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        body = undefined;
      }
      if (isApiResponse(body)) return body;
      if (response.status === 401) {
        throw new ApiError('bad-request', 'this page is not signed in to the server: open the address the server printed again');
      }
      throw new ApiError('internal', `${method}: the server answered HTTP ${response.status}: ${text.slice(0, 200) || '(empty)'}`);
    },
    onEvent(listener) {
      listeners.add(listener);
      source ??= openEvents();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && source !== null) {
          source.close();
          source = null;
        }
      };
    },
  };
}
