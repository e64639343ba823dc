/**
 * Messages between the process that owns the window (Electron's main process, or a test) and the
 * backend process that runs the AppContext. The parent's messages are validated on arrival: a bad
 * message is reported, never half-obeyed.
 */
import path from 'node:path';
import { z } from 'zod';
import type { ApiEvent, ApiResponse } from '../api/contract.std.js';

// Relative paths would resolve against whatever directory the backend happened to start in.
const absolutePath = z
  .string()
  .min(1)
  .max(4096)
  .refine((p) => path.isAbsolute(p), { message: 'must be an absolute path' });

export const initMessageSchema = z
  .object({
    type: z.literal('init'),
    /** The SQLite file (created with the starter pack if new). */
    dbPath: absolutePath,
    /** Where the Pyodide memory snapshot is cached. */
    cacheDir: absolutePath,
    /** In Electron: its own binary, which the sandbox children run as Node (ELECTRON_RUN_AS_NODE). */
    execPath: absolutePath.optional(),
    /**
     * The directory holding package.json, dist/sandbox-*.mjs, assets/templates and node_modules/pyodide
     * as plain files on disk. A packaged app ships them outside app.asar (see electron.builder.yml),
     * because the locked-down sandbox children cannot read inside an archive.
     */
    engineRoot: absolutePath.optional(),
    /** Sandbox processes (default: the cores); tests keep it small. */
    poolSize: z.number().int().min(1).max(64).optional(),
  })
  .strict();

export const callMessageSchema = z
  .object({
    type: z.literal('call'),
    id: z.number().int().nonnegative(),
    method: z.string(),
    args: z.unknown(),
  })
  .strict();

export const shutdownMessageSchema = z.object({ type: z.literal('shutdown') }).strict();

export const parentMessageSchema = z.discriminatedUnion('type', [initMessageSchema, callMessageSchema, shutdownMessageSchema]);

export type InitMessage = z.infer<typeof initMessageSchema>;
export type CallMessage = z.infer<typeof callMessageSchema>;
export type ParentToBackend = z.infer<typeof parentMessageSchema>;

export type BackendToParent =
  /** The database is open and calls are served (the sandbox may still be warming). */
  | { type: 'ready' }
  /** The context could not be created; every call is answered with `unavailable` and this message. */
  | { type: 'init-failed'; message: string }
  | { type: 'result'; id: number; response: ApiResponse<unknown> }
  | { type: 'event'; event: ApiEvent }
  /** A message the backend could not use (a bug in the parent, reported rather than ignored). */
  | { type: 'protocol-error'; message: string };

/** Validates one message from the parent, or explains in one line why it is unusable. */
export function parseParentMessage(raw: unknown): { ok: true; message: ParentToBackend } | { ok: false; reason: string } {
  const parsed = parentMessageSchema.safeParse(raw);
  if (parsed.success) return { ok: true, message: parsed.data };
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : 'message';
  const type = typeof raw === 'object' && raw !== null && 'type' in raw ? JSON.stringify(raw.type) : 'none';
  return { ok: false, reason: `bad message (type ${type}): ${where}: ${issue?.message ?? 'invalid'}` };
}

/** Narrows what the backend sends: the parent checks shape before trusting an id or a response. */
export function isBackendMessage(raw: unknown): raw is BackendToParent {
  if (typeof raw !== 'object' || raw === null) return false;
  const msg = raw as Record<string, unknown>;
  switch (msg.type) {
    case 'ready':
      return true;
    case 'init-failed':
    case 'protocol-error':
      return typeof msg.message === 'string';
    case 'result':
      return typeof msg.id === 'number' && typeof msg.response === 'object' && msg.response !== null && typeof (msg.response as { ok?: unknown }).ok === 'boolean';
    case 'event':
      return typeof msg.event === 'object' && msg.event !== null && typeof (msg.event as { type?: unknown }).type === 'string';
    default:
      return false;
  }
}
