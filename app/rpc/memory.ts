// Two connected transports in one process, for unit tests and for in-process wiring. Delivery is
// asynchronous and each message is copied (structured clone, like Electron IPC), or optionally
// passed through the binary codec (like WebSocket), so tests see what a real transport does.

import { decodeFrame, encodeFrame } from './codec.js';
import type { Disposable } from './disposable.js';
import { silentLogger, type Logger } from './logger.js';
import type { RpcMessage } from './protocol.js';
import { TransportEvents, type Transport } from './transport.js';

export interface MemoryTransportOptions {
  /** 'clone' (default): structured clone. 'frame': encodeFrame on send, decodeFrame on delivery. */
  copy?: 'clone' | 'frame';
  logger?: Logger;
}

class MemoryTransport implements Transport {
  readonly events: TransportEvents;
  peer: MemoryTransport | undefined;

  constructor(private readonly copy: (message: RpcMessage) => () => unknown, logger: Logger) {
    this.events = new TransportEvents(logger);
  }

  send(message: RpcMessage): void {
    this.events.assertOpen();
    const deliver = this.copy(message); // copy now: later changes by the sender must not leak
    const peer = this.peer;
    queueMicrotask(() => peer?.events.deliver(deliver()));
  }

  /** Raw delivery of anything, for tests of malformed input. */
  inject(message: unknown): void {
    queueMicrotask(() => this.events.deliver(message));
  }

  onMessage(listener: (message: unknown) => void): Disposable {
    return this.events.onMessage(listener);
  }

  onClose(listener: (reason: string) => void): Disposable {
    return this.events.onClose(listener);
  }

  close(): void {
    if (this.events.isClosed) return;
    this.events.closed('closed by this side');
    const peer = this.peer;
    // Messages this side sent before closing arrive first, as on a socket closed after a send.
    queueMicrotask(() => peer?.events.closed('closed by the other side'));
  }
}

export interface MemoryTransportPair {
  client: Transport & { inject(message: unknown): void };
  server: Transport & { inject(message: unknown): void };
}

export function createMemoryTransportPair(options: MemoryTransportOptions = {}): MemoryTransportPair {
  const logger = options.logger ?? silentLogger;
  const copy = options.copy === 'frame'
    ? (message: RpcMessage) => { const frame = encodeFrame(message); return () => decodeFrame(frame); }
    : (message: RpcMessage) => { const clone: unknown = structuredClone(message); return () => clone; };
  const client = new MemoryTransport(copy, logger);
  const server = new MemoryTransport(copy, logger);
  client.peer = server;
  server.peer = client;
  return { client, server };
}
