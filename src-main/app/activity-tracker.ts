/**
 * What the engine is busy with: API calls in flight, and background work started by a call (a job
 * or a tutor request answers with an id at once and finishes with a final event). Restoring a
 * backup replaces the whole library underneath, so it refuses while anything else is running
 * rather than let an import or an audit go on writing into the restored library.
 */
import type { ApiEvent, ApiHandlers, ApiMethod } from '../api/contract.std.js';

/** Events that end a piece of background work (they carry its jobId or requestId). */
const FINAL_EVENT = /\.(done|error|failed)$/;

export class ActivityTracker {
  private readonly inFlight = new Map<ApiMethod, number>();
  /** Background work by id, with the method that started it. */
  private readonly background = new Map<string, ApiMethod>();

  /** The same handlers, counted while they run; an id in their result is tracked until its final event. */
  wrap(handlers: ApiHandlers): ApiHandlers {
    const wrapped: Record<string, (args: never) => Promise<unknown>> = {};
    for (const [name, handler] of Object.entries(handlers) as [ApiMethod, (args: never) => Promise<unknown>][]) {
      wrapped[name] = async (args: never): Promise<unknown> => {
        this.inFlight.set(name, (this.inFlight.get(name) ?? 0) + 1);
        try {
          const result = await handler(args);
          const id = backgroundId(result);
          if (id !== null) this.background.set(id, name);
          return result;
        } finally {
          const left = (this.inFlight.get(name) ?? 1) - 1;
          if (left === 0) this.inFlight.delete(name);
          else this.inFlight.set(name, left);
        }
      };
    }
    return wrapped as unknown as ApiHandlers;
  }

  observe(event: ApiEvent): void {
    if (!FINAL_EVENT.test(event.type)) return;
    const id = backgroundId(event);
    if (id !== null) this.background.delete(id);
  }

  /** What is running besides `self` (the call asking), as method names; empty when idle. */
  busyWith(self: ApiMethod): ApiMethod[] {
    const busy = new Set<ApiMethod>();
    for (const [method, n] of this.inFlight) if (method !== self && n > 0) busy.add(method);
    for (const method of this.background.values()) busy.add(method);
    return [...busy];
  }
}

function backgroundId(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return null;
  const record = value as { jobId?: unknown; requestId?: unknown };
  if (typeof record.jobId === 'string') return record.jobId;
  if (typeof record.requestId === 'string') return record.requestId;
  return null;
}
