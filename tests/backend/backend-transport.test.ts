/**
 * The backend picks its channel: Electron's `process.parentPort` when it is a utility process,
 * Node's `process.send` when it was forked. The Node path runs for real in the other backend tests;
 * Electron's ParentPort cannot exist here, so a stand-in with its shape (messages wrapped in a
 * MessageEvent's `data`) is used.
 */
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { parentTransport } from '../../src-main/backend/backend-transport.js';

describe('parentTransport', () => {
  it('uses parentPort in an Electron utility process, unwrapping MessageEvent.data', () => {
    const port = new EventEmitter() as EventEmitter & { posted: unknown[]; postMessage(m: unknown): void };
    port.posted = [];
    port.postMessage = (m) => port.posted.push(m);
    const proc = Object.assign(new EventEmitter(), { parentPort: port, send: () => true }) as unknown as NodeJS.Process;
    const transport = parentTransport(proc);
    expect(transport.kind).toBe('electron-utility');
    const received: unknown[] = [];
    transport.onMessage((m) => received.push(m));
    port.emit('message', { data: { type: 'shutdown' }, ports: [] });
    expect(received).toEqual([{ type: 'shutdown' }]);
    transport.send({ type: 'ready' });
    expect(port.posted).toEqual([{ type: 'ready' }]);
  });

  it('uses process.send when forked by Node, and stops sending once disconnected', () => {
    const sent: unknown[] = [];
    const proc = Object.assign(new EventEmitter(), {
      connected: true,
      send(this: { connected: boolean }, m: unknown) {
        if (!this.connected) throw new Error('ERR_IPC_CHANNEL_CLOSED');
        sent.push(m);
        return true;
      },
    });
    const transport = parentTransport(proc as unknown as NodeJS.Process);
    expect(transport.kind).toBe('node-fork');
    let gone = false;
    transport.onParentGone(() => (gone = true));
    transport.send({ type: 'ready' });
    proc.connected = false;
    proc.emit('disconnect');
    transport.send({ type: 'ready' });
    expect(sent).toEqual([{ type: 'ready' }]);
    expect(gone).toBe(true);
  });

  it('refuses to run without a parent channel', () => {
    expect(() => parentTransport(new EventEmitter() as unknown as NodeJS.Process)).toThrow(
      'the backend must be started with utilityProcess.fork (Electron) or child_process.fork (Node): it has no channel to a parent',
    );
  });
});
