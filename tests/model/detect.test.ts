/** Detection of local servers, with the well-known ports replaced by the fake servers' ports. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectLocalServers } from '../../src-main/model/detect.js';
import { startFakeOpenAIServer, type FakeOpenAIServer } from '../helpers/fake-openai-server.js';

let ollama: FakeOpenAIServer;
let keyed: FakeOpenAIServer;
let silent: http.Server;
let free: number;

beforeAll(async () => {
  ollama = await startFakeOpenAIServer({ models: ['qwen2.5:7b', 'llama3:latest'] });
  keyed = await startFakeOpenAIServer({ models: ['x'], apiKey: 'k' });
  // A port that accepts connections and never answers: the probe must give up on it quickly.
  silent = http.createServer(() => undefined);
  await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
  const spare = http.createServer();
  await new Promise<void>((r) => spare.listen(0, '127.0.0.1', () => r()));
  free = (spare.address() as AddressInfo).port;
  await new Promise<void>((r) => spare.close(() => r()));
});
afterAll(async () => {
  await ollama.close();
  await keyed.close();
  silent.closeAllConnections();
  await new Promise<void>((r) => silent.close(() => r()));
});

describe('detectLocalServers', () => {
  it('finds the answering servers with their models, skips dead and silent ports', async () => {
    const silentPort = (silent.address() as AddressInfo).port;
    const result = await detectLocalServers({
      targets: [
        { name: 'Ollama', port: ollama.port },
        { name: 'LM Studio', port: free },
        { name: 'llama.cpp server', port: silentPort },
        { name: 'Keyed', port: keyed.port },
      ],
      // Generous: on a loaded machine even a loopback answer can take a while; the silent port costs this much.
      timeoutMs: 2000,
    });
    expect(result.found).toEqual([
      { name: 'Ollama', baseURL: `http://127.0.0.1:${ollama.port}/v1`, models: ['qwen2.5:7b', 'llama3:latest'] },
      // It wants a key: still worth offering, with no models listed until the key is entered.
      { name: 'Keyed', baseURL: `http://127.0.0.1:${keyed.port}/v1`, models: [] },
    ]);
    expect(result.probed).toEqual([ollama.port, free, silentPort, keyed.port].map((p) => `http://127.0.0.1:${p}/v1`));
    expect(ollama.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /v1/models']);
  });

  it('probes only 127.0.0.1 on the well-known ports by default', async () => {
    const result = await detectLocalServers({ timeoutMs: 300 });
    expect(result.probed).toEqual(['http://127.0.0.1:11434/v1', 'http://127.0.0.1:1234/v1', 'http://127.0.0.1:8080/v1']);
  });
});
