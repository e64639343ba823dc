/**
 * "Detect local servers": probe the well-known ports of Ollama, LM Studio and llama.cpp's server on
 * 127.0.0.1, all at once with a short timeout, and list each answering server's models. Only loopback
 * addresses are ever probed, and only when the user asks (the Settings page's Detect button).
 */
import { createModelClient } from './model-client.js';
import { ModelError } from './model-errors.js';
import { KNOWN_LOCAL_SERVERS } from './model-settings.std.js';

export interface ProbeTarget {
  name: string;
  port: number;
}

export interface DetectedServer {
  name: string;
  baseURL: string;
  models: string[];
}

export interface DetectOptions {
  /** Default: Ollama :11434, LM Studio :1234, llama.cpp server :8080 (tests pass their own ports). */
  targets?: readonly ProbeTarget[];
  /** Per probe (default 1.5 s: a local server answers its model list at once). */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface DetectResult {
  found: DetectedServer[];
  /** Every URL tried, for the UI ("looked at …"). */
  probed: string[];
}

export function probeURL(port: number): string {
  return `http://127.0.0.1:${port}/v1`;
}

export async function detectLocalServers(options: DetectOptions = {}): Promise<DetectResult> {
  const targets = options.targets ?? KNOWN_LOCAL_SERVERS;
  const timeoutMs = options.timeoutMs ?? 1500;
  const probes = targets.map(async (t): Promise<DetectedServer | undefined> => {
    const baseURL = probeURL(t.port);
    // The model name is not needed to list models; timeoutMs bounds the whole probe.
    const client = createModelClient({ baseURL, model: '-', timeoutMs: Math.max(timeoutMs, 1000) }, { listTimeoutMs: timeoutMs });
    try {
      const models = await client.listModels(options.signal ? { signal: options.signal } : {});
      return { name: t.name, baseURL, models };
    } catch (err) {
      // A server that answers but wants a key is still a server the user may want to configure.
      if (err instanceof ModelError && err.kind === 'auth') return { name: t.name, baseURL, models: [] };
      return undefined;
    }
  });
  const found = (await Promise.all(probes)).filter((s): s is DetectedServer => s !== undefined);
  return { found, probed: targets.map((t) => probeURL(t.port)) };
}
