/**
 * The backend's channel to its parent. Electron's utilityProcess.fork gives the child
 * `process.parentPort` (messages arrive wrapped in a MessageEvent); Node's child_process.fork gives it
 * `process.send` and `process.on('message')`. The backend speaks the same protocol over either, so
 * it can be tested here with plain Node while Electron runs it in a utility process.
 */
import type { BackendToParent } from './backend-protocol.js';

export interface BackendTransport {
  readonly kind: 'electron-utility' | 'node-fork';
  /** Every message from the parent, in order. */
  onMessage(listener: (raw: unknown) => void): void;
  send(message: BackendToParent): void;
  /** The parent went away (Node only: Electron ends a utility process together with its parent). */
  onParentGone(listener: () => void): void;
}

/** The part of Electron's ParentPort used here (typed locally: this file never imports Electron). */
interface ParentPortLike {
  on(event: 'message', listener: (messageEvent: { data: unknown }) => void): unknown;
  postMessage(message: unknown): void;
}

interface ProcessLike {
  send?: ((message: unknown) => boolean) | undefined;
  connected?: boolean;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'disconnect', listener: () => void): unknown;
}

export function parentTransport(proc: NodeJS.Process = process): BackendTransport {
  const port = (proc as unknown as { parentPort?: ParentPortLike }).parentPort;
  if (port) {
    return {
      kind: 'electron-utility',
      onMessage: (listener) => port.on('message', (e) => listener(e.data)),
      send: (message) => port.postMessage(message),
      onParentGone: () => undefined,
    };
  }
  const node = proc as unknown as ProcessLike;
  const send = node.send?.bind(proc);
  if (!send) {
    throw new Error('the backend must be started with utilityProcess.fork (Electron) or child_process.fork (Node): it has no channel to a parent');
  }
  return {
    kind: 'node-fork',
    onMessage: (listener) => node.on('message', listener),
    send: (message) => {
      // After the parent disconnects there is no one to tell; sending would throw ERR_IPC_CHANNEL_CLOSED.
      if (node.connected !== false) send(message);
    },
    onParentGone: (listener) => node.on('disconnect', listener),
  };
}
