/**
 * Lets close() finish promptly. node:http's server.close() waits for every open socket, and sockets
 * outlive their requests: keep-alive connections stay open for seconds after their last response
 * (even after close(), for one whose response was in flight), and fetch may open a spare connection
 * that never carries a request. Once closing, this drops each socket as soon as it has no request.
 */
import type { Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

export class ConnectionTracker {
  /** Open sockets and their unfinished responses. */
  private readonly active = new Map<Socket, Set<ServerResponse>>();
  private closing = false;

  constructor(server: Server) {
    server.on('connection', (socket: Socket) => {
      this.active.set(socket, new Set());
      socket.on('close', () => this.active.delete(socket));
    });
    // Ahead of the router, which may answer synchronously.
    server.prependListener('request', (req, res) => {
      const socket = req.socket;
      const pending = this.active.get(socket) ?? new Set<ServerResponse>();
      this.active.set(socket, pending);
      pending.add(res);
      if (this.closing) this.lastOnSocket(res);
      res.on('close', () => {
        pending.delete(res);
        if (this.closing && pending.size === 0) socket.destroy();
      });
    });
  }

  /** Destroys idle sockets now and busy ones when their last response is done. */
  closeAll(): void {
    this.closing = true;
    for (const [socket, pending] of this.active) {
      if (pending.size === 0) socket.destroy();
      else for (const res of pending) this.lastOnSocket(res);
    }
  }

  /** A reply not yet begun tells the client not to reuse the connection. */
  private lastOnSocket(res: ServerResponse): void {
    if (!res.headersSent) res.setHeader('Connection', 'close');
  }
}
