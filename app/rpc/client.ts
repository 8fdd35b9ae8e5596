// The calling end of the RPC. `client.proxy(definition)` gives a typed object: methods return
// Promise<Result<T>> and never reject; `onDidX(listener)` subscribes to events. Whatever happens to
// the connection, every call is answered.

import { appError, err, type Result } from '../contract/index.js';
import { Emitter, toDisposable, type Disposable } from './disposable.js';
import { UnsupportedValueError } from './codec.js';
import { consoleLogger, type Logger } from './logger.js';
import { parseClientBound, type EventMessage, type ResultMessage } from './protocol.js';
import type { CallOptions, ServiceDefinition, ServiceProxy } from './service.js';
import type { Transport } from './transport.js';

export interface RpcClientOptions {
  logger?: Logger;
}

interface PendingCall {
  readonly name: string;
  settle(result: Result<unknown>): void;
}

const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export class RpcClient {
  private readonly pending = new Map<number, PendingCall>();
  private readonly events = new Map<string, Emitter<unknown>>();
  private readonly logger: Logger;
  private nextId = 1;
  private closeReason: string | undefined;
  private dropped = 0;

  constructor(private readonly transport: Transport, options: RpcClientOptions = {}) {
    this.logger = options.logger ?? consoleLogger;
    transport.onMessage((message) => this.receive(message));
    transport.onClose((reason) => this.onTransportClosed(reason));
  }

  /** Messages dropped because they were malformed or answered no call this client made. */
  get droppedMessages(): number {
    return this.dropped;
  }

  get isClosed(): boolean {
    return this.closeReason !== undefined;
  }

  /** The typed view of one service; build it once and keep it. */
  proxy<D extends ServiceDefinition>(definition: D): ServiceProxy<D> {
    const proxy: Record<string, unknown> = {};
    for (const [method, schema] of Object.entries(definition.methods)) {
      const arity = schema.params.def.items.length;
      proxy[method] = (...args: unknown[]) => {
        const { params, options } = splitArguments(args, arity);
        return this.call(definition.name, method, params, options);
      };
    }
    for (const event of Object.keys(definition.events)) {
      proxy[event] = (listener: (payload: unknown) => void) => this.listen(definition.name, event, listener);
    }
    // The one cast of the RPC: the object was built from the definition the type describes.
    return Object.freeze(proxy) as ServiceProxy<D>;
  }

  /** The untyped call under the proxy, for tools and tests; never rejects. */
  call(service: string, method: string, params: unknown[], options: CallOptions = {}): Promise<Result<unknown>> {
    const name = `${service}.${method}`;
    if (this.closeReason !== undefined) {
      return Promise.resolve(err(appError('io', `${name} was not sent: the connection is closed (${this.closeReason})`)));
    }
    const { signal } = options;
    if (signal?.aborted === true) return Promise.resolve(err(appError('cancelled', `${name} was cancelled before it was sent`)));
    const id = this.nextId++;
    return new Promise((resolve) => {
      const onAbort = (): void => this.cancel(id);
      const settle = (result: Result<unknown>): void => {
        signal?.removeEventListener('abort', onAbort);
        resolve(result);
      };
      this.pending.set(id, { name, settle });
      signal?.addEventListener('abort', onAbort, { once: true });
      try {
        this.transport.send({ type: 'call', id, service, method, params });
      } catch (error) {
        this.pending.delete(id);
        const code = error instanceof UnsupportedValueError ? 'bad_input' : 'io';
        settle(err(appError(code, `${name} was not sent: ${errorText(error)}`)));
      }
    });
  }

  listen(service: string, event: string, listener: (payload: unknown) => void): Disposable {
    const key = `${service}\u0000${event}`;
    let emitter = this.events.get(key);
    if (emitter === undefined) {
      emitter = new Emitter(this.logger, `${service}.${event}`);
      this.events.set(key, emitter);
    }
    const subscription = emitter.listen(listener);
    return toDisposable(() => {
      subscription.dispose();
      if (emitter.size === 0 && this.events.get(key) === emitter) this.events.delete(key);
    });
  }

  /** Closes the transport; calls still waiting resolve with an `io` error. */
  close(): void {
    this.transport.close();
  }

  /** Answers the caller at once; the server aborts the implementation and its late answer is ignored. */
  private cancel(id: number): void {
    const call = this.pending.get(id);
    if (call === undefined) return;
    this.pending.delete(id);
    try {
      this.transport.send({ type: 'cancel', id });
    } catch {
      // Connection gone: the server aborts everything of this connection when it notices.
    }
    call.settle(err(appError('cancelled', `${call.name} was cancelled`)));
  }

  private receive(raw: unknown): void {
    const parsed = parseClientBound(raw);
    if (!parsed.ok) return this.drop(parsed.reason);
    if (parsed.message.type === 'event') this.deliverEvent(parsed.message);
    else this.deliverResult(parsed.message);
  }

  private deliverResult(message: ResultMessage): void {
    const call = this.pending.get(message.id);
    if (call !== undefined) {
      this.pending.delete(message.id);
      call.settle(message.result);
    } else if (message.id >= this.nextId) {
      this.drop(`a result for call ${message.id}, which was never made`);
    } // else: a call cancelled here, answered by the server too; nothing is waiting for it.
  }

  private deliverEvent(message: EventMessage): void {
    this.events.get(`${message.service}\u0000${message.event}`)?.fire(message.payload);
  }

  private drop(reason: string): void {
    this.dropped += 1;
    this.logger.warn(`dropped a message from the server: ${reason}`);
  }

  private onTransportClosed(reason: string): void {
    this.closeReason = reason;
    const calls = [...this.pending.values()];
    this.pending.clear();
    for (const call of calls) {
      call.settle(err(appError('io', `the connection closed before ${call.name} answered (${reason})`)));
    }
    for (const emitter of this.events.values()) emitter.clear();
    this.events.clear();
  }
}

/**
 * Splits `(...params, options?)`. The trailing options object is recognised by position (one more
 * argument than the method declares), never by shape, so a params object is never mistaken for it.
 * Trailing undefined parameters are dropped: JSON would turn them into null, which `.optional()`
 * rejects.
 */
function splitArguments(args: unknown[], arity: number): { params: unknown[]; options: CallOptions } {
  const params = args.slice(0, arity);
  const extra = args.length > arity ? args[arity] : undefined;
  while (params.length > 0 && params[params.length - 1] === undefined) params.pop();
  const options: CallOptions = typeof extra === 'object' && extra !== null ? (extra as CallOptions) : {};
  return { params, options };
}
