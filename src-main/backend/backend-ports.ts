/**
 * BackendPorts for the two ways the backend is started: an Electron utility process (typed here
 * by the few members used, so this file never imports Electron) and a Node child process.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { BackendClient, type BackendClientOptions, type BackendInit, type BackendPort } from './backend-client.js';

/** The members of Electron's UtilityProcess the port uses. */
export interface UtilityProcessLike {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  kill(): boolean;
}

export function utilityProcessPort(child: UtilityProcessLike): BackendPort {
  return {
    post: (message) => child.postMessage(message),
    onMessage: (listener) => child.on('message', listener),
    onExit: (listener) => child.on('exit', listener),
    kill: () => void child.kill(),
  };
}

export function childProcessPort(child: ChildProcess): BackendPort {
  return {
    // A message to a child that is already gone is dropped: its exit answers the pending calls.
    post: (message) => {
      if (child.connected) child.send(message);
    },
    onMessage: (listener) => child.on('message', listener),
    onExit: (listener) => child.once('exit', (code) => listener(code)),
    kill: () => void child.kill('SIGKILL'),
  };
}

export interface NodeBackendOptions extends BackendClientOptions {
  env?: NodeJS.ProcessEnv;
}

/** Starts a backend bundle with child_process.fork (tests, and any Node host without Electron). */
export function startNodeBackend(script: string, init: BackendInit, options: NodeBackendOptions = {}): { client: BackendClient; child: ChildProcess } {
  const child = fork(script, [], {
    // Structured clone, as Electron's utility process uses: the same values survive both channels.
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    ...(options.env ? { env: options.env } : {}),
  });
  return { client: new BackendClient(childProcessPort(child), init, options), child };
}
