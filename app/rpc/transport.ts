// One interface for every way two ends of the RPC reach each other (in memory, WebSocket, Electron
// IPC). Transports move messages; they neither validate nor interpret them.

import { Emitter, toDisposable, type Disposable } from './disposable.js';
import type { Logger } from './logger.js';
import type { RpcMessage } from './protocol.js';

export interface Transport {
  /** Sends one message; throws TransportClosedError after close, or an encoding error. */
  send(message: RpcMessage): void;
  /** Messages as received: not validated yet (the other end may be hostile). */
  onMessage(listener: (message: unknown) => void): Disposable;
  /** Fires once, when either end closes or the connection is lost. */
  onClose(listener: (reason: string) => void): Disposable;
  close(): void;
}

export class TransportClosedError extends Error {
  constructor(reason: string) {
    super(`the connection is closed (${reason})`);
    this.name = 'TransportClosedError';
  }
}

/**
 * The bookkeeping every adapter shares: listeners, and a close that happens exactly once whichever
 * side starts it. Adapters call `deliver` for each incoming message and `closed` when the
 * underlying channel ends.
 */
export class TransportEvents {
  private readonly messages: Emitter<unknown>;
  private readonly closes: Emitter<string>;
  private closeReason: string | undefined;
  /**
   * Messages that arrive before anyone listens (a socket can deliver in the same tick as it
   * opens) wait here until the first listener, in order; undefined once they were handed over.
   */
  private backlog: unknown[] | undefined = [];

  constructor(logger: Logger) {
    this.messages = new Emitter(logger, 'transport messages');
    this.closes = new Emitter(logger, 'transport close');
  }

  get isClosed(): boolean {
    return this.closeReason !== undefined;
  }

  /** Throws when the transport is closed: call before sending. */
  assertOpen(): void {
    if (this.closeReason !== undefined) throw new TransportClosedError(this.closeReason);
  }

  onMessage(listener: (message: unknown) => void): Disposable {
    const subscription = this.messages.listen(listener);
    if (this.backlog !== undefined && this.messages.size === 1) queueMicrotask(() => this.flushBacklog());
    return subscription;
  }

  private flushBacklog(): void {
    const waiting = this.backlog ?? [];
    this.backlog = undefined;
    for (const message of waiting) this.deliver(message);
  }

  /** A listener added after the close is called at once, so no caller can wait forever. */
  onClose(listener: (reason: string) => void): Disposable {
    const reason = this.closeReason;
    if (reason === undefined) return this.closes.listen(listener);
    let active = true;
    queueMicrotask(() => {
      if (active) listener(reason);
    });
    return toDisposable(() => {
      active = false;
    });
  }

  deliver(message: unknown): void {
    if (this.closeReason !== undefined) return;
    if (this.backlog !== undefined) this.backlog.push(message);
    else this.messages.fire(message);
  }

  /** Returns false when the transport was already closed. */
  closed(reason: string): boolean {
    if (this.closeReason !== undefined) return false;
    this.closeReason = reason;
    this.closes.fire(reason);
    this.messages.clear();
    this.closes.clear();
    return true;
  }
}
