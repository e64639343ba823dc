/**
 * Which OpenAI-compatible server the app talks to, and how patiently. There is no default endpoint:
 * nothing is sent anywhere until the user has configured (or detected and chosen) a server.
 * Shared by the engine (model client), the contract (argument schemas) and the Settings page.
 */
import { z } from 'zod';

export const DEFAULT_MODEL_TIMEOUT_MS = 120_000;

/** An http(s) URL such as `http://127.0.0.1:11434/v1`; trailing slashes are dropped. */
export const baseUrlSchema = z
  .string()
  .trim()
  .min(1, 'the endpoint URL is empty')
  .max(2000)
  .refine((s) => {
    try {
      const u = new URL(s);
      return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
    } catch {
      return false;
    }
  }, 'the endpoint must be an http:// or https:// URL, e.g. http://127.0.0.1:11434/v1')
  .transform((s) => s.replace(/\/+$/, ''));

export const modelSettingsSchema = z
  .object({
    baseURL: baseUrlSchema,
    model: z.string().trim().min(1, 'choose a model').max(500),
    /** For servers that want one; kept in the user's own library database, sent only to `baseURL`. */
    apiKey: z.string().max(1000).optional(),
    /** Longest a whole reply may take. */
    timeoutMs: z.number().int().min(1000).max(600_000).default(DEFAULT_MODEL_TIMEOUT_MS),
  })
  .strict();

export type ModelSettings = z.output<typeof modelSettingsSchema>;
export type ModelSettingsInput = z.input<typeof modelSettingsSchema>;

/** The well-known local servers "Detect" probes, on 127.0.0.1 only. */
export const KNOWN_LOCAL_SERVERS = [
  { name: 'Ollama', port: 11434 },
  { name: 'LM Studio', port: 1234 },
  { name: 'llama.cpp server', port: 8080 },
] as const;

/** "Ollama" for its default port, etc.; undefined for anything else. */
export function knownServerName(baseURL: string): string | undefined {
  try {
    const u = new URL(baseURL);
    const port = Number(u.port || (u.protocol === 'https:' ? 443 : 80));
    return KNOWN_LOCAL_SERVERS.find((s) => s.port === port)?.name;
  } catch {
    return undefined;
  }
}
