// The server's side of one connection: runs calls, answers each exactly once, aborts on cancel and
// on close. A hostile or buggy peer can only get its own messages dropped.

import { appError, err, type Result } from '../contract/index.js';
import type { Disposable } from './disposable.js';
import type { Logger } from './logger.js';
import { parseServerBound, type CallMessage, type EventMessage, type ResultMessage } from './protocol.js';
import type { CallContext } from './service.js';
import type { Transport } from './transport.js';

export interface ConnectionHost {
  dispatch(call: CallMessage, context: CallContext): Promise<Result<unknown>>;
  /** A message that was not understood: counted and logged by the server. */
  drop(reason: string, connectionId: string): void;
  closed(connection: ServerConnection): void;
  logger: Logger;
}

const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export class ServerConnection {
  /** Calls still running, by id; a call leaves this map when it is answered. */
  private readonly pending = new Map<number, AbortController>();
  private readonly subscriptions: Disposable[];

  constructor(readonly id: string, private readonly transport: Transport, private readonly host: ConnectionHost) {
    this.subscriptions = [
      transport.onMessage((message) => this.receive(message)),
      transport.onClose(() => this.onTransportClosed()),
    ];
  }

  get pendingCalls(): number {
    return this.pending.size;
  }

  sendEvent(message: EventMessage): void {
    try {
      this.transport.send(message);
    } catch (error) {
      this.host.logger.warn(`event ${message.service}.${message.event} not sent to ${this.id}: ${errorText(error)}`);
    }
  }

  close(): void {
    this.transport.close();
  }

  private receive(raw: unknown): void {
    const parsed = parseServerBound(raw);
    if (!parsed.ok) {
      this.host.drop(parsed.reason, this.id);
      return;
    }
    if (parsed.message.type === 'cancel') this.cancel(parsed.message.id);
    else void this.run(parsed.message);
  }

  private async run(call: CallMessage): Promise<void> {
    if (this.pending.has(call.id)) {
      this.host.drop(`call id ${call.id} is already in use`, this.id);
      return;
    }
    const controller = new AbortController();
    this.pending.set(call.id, controller);
    let result: Result<unknown>;
    try {
      result = await this.host.dispatch(call, { signal: controller.signal, connectionId: this.id });
    } catch (error) {
      // Only a schema can get here (a refine or transform that throws): still an answer, not a hang.
      this.host.logger.warn(`${call.service}.${call.method} failed outside its implementation`, error);
      result = err(appError('internal', `${call.service}.${call.method} failed: ${errorText(error)}`));
    }
    // Cancelled or closed meanwhile: that call was answered (or cannot be) already.
    if (this.pending.get(call.id) !== controller) return;
    this.pending.delete(call.id);
    this.answer(call.id, result);
  }

  /** Answers at once: the caller should not wait for an implementation that ignores its signal. */
  private cancel(id: number): void {
    const controller = this.pending.get(id);
    if (controller === undefined) return; // finished already: the result is on its way
    this.pending.delete(id);
    controller.abort();
    this.answer(id, err(appError('cancelled', 'the call was cancelled')));
  }

  private answer(id: number, result: Result<unknown>): void {
    const message: ResultMessage = { type: 'result', id, result };
    try {
      this.transport.send(message);
    } catch (error) {
      // A value the transport cannot carry (a DataView, a function) is the implementation's bug:
      // the caller still gets an answer.
      this.host.logger.warn(`result of call ${id} not sent to ${this.id}: ${errorText(error)}`);
      this.trySend({ type: 'result', id, result: err(appError('internal', `the result could not be sent: ${errorText(error)}`)) });
    }
  }

  private trySend(message: ResultMessage): void {
    try {
      this.transport.send(message);
    } catch {
      // The transport itself is gone; its close handler aborts what is left.
    }
  }

  private onTransportClosed(): void {
    for (const controller of this.pending.values()) controller.abort();
    this.pending.clear();
    for (const subscription of this.subscriptions) subscription.dispose();
    this.host.closed(this);
  }
}
