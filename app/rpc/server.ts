// The serving end of the RPC: services are registered once and reached over any number of
// connections (Electron windows, browser tabs, scripts), each a Transport.

import type { z } from 'zod';
import { appError, err, ok, type Result } from '../contract/index.js';
import { toDisposable, type Disposable } from './disposable.js';
import { dispatchCall, type Registration } from './dispatch.js';
import { describeParamIssue, formatParamIssue, toParamIssues } from './issues.js';
import { consoleLogger, type Logger } from './logger.js';
import type { EventMessage } from './protocol.js';
import { ServerConnection } from './server-connection.js';
import { checkServiceDefinition, type EventPayload, type ServiceDefinition, type ServiceImplementation } from './service.js';
import type { Transport } from './transport.js';

export interface RpcServerOptions {
  logger?: Logger;
}

export interface ConnectOptions {
  /** Passed to implementations as `context.connectionId`; default "connection-<n>". */
  connectionId?: string;
}

export class RpcServer {
  private readonly registrations = new Map<string, Registration>();
  private readonly connections = new Set<ServerConnection>();
  private readonly logger: Logger;
  private connectionsMade = 0;
  private dropped = 0;

  constructor(options: RpcServerOptions = {}) {
    this.logger = options.logger ?? consoleLogger;
  }

  /** Messages dropped because they were malformed or out of protocol. */
  get droppedMessages(): number {
    return this.dropped;
  }

  get connectionCount(): number {
    return this.connections.size;
  }

  /** Throws on a setup bug (a name taken twice, a method without implementation). */
  register<D extends ServiceDefinition>(definition: D, implementation: ServiceImplementation<D>): Disposable {
    checkServiceDefinition(definition);
    if (this.registrations.has(definition.name)) throw new Error(`service '${definition.name}' is registered already`);
    for (const method of Object.keys(definition.methods)) {
      if (typeof Reflect.get(implementation, method) !== 'function') {
        throw new Error(`service '${definition.name}': the implementation has no method '${method}'`);
      }
    }
    const registration: Registration = { definition, implementation };
    this.registrations.set(definition.name, registration);
    return toDisposable(() => {
      if (this.registrations.get(definition.name) === registration) this.registrations.delete(definition.name);
    });
  }

  /** Serves one connection until its transport closes; disposing closes the transport. */
  connect(transport: Transport, options: ConnectOptions = {}): Disposable {
    this.connectionsMade += 1;
    const id = options.connectionId ?? `connection-${this.connectionsMade}`;
    const connection = new ServerConnection(id, transport, {
      dispatch: (call, context) => dispatchCall(this.registrations, call, context, this.logger),
      drop: (reason, connectionId) => {
        this.dropped += 1;
        this.logger.warn(`dropped a message from ${connectionId}: ${reason}`);
      },
      closed: (closed) => this.connections.delete(closed),
      logger: this.logger,
    });
    this.connections.add(connection);
    return toDisposable(() => connection.close());
  }

  /** Sends an event to every connection, after checking the payload against the event's schema. */
  emit<D extends ServiceDefinition, E extends keyof D['events'] & string>(
    definition: D, event: E, payload: EventPayload<D, E>,
  ): Result<void> {
    const events: Readonly<Record<string, z.ZodType>> = definition.events;
    const schema = Object.hasOwn(events, event) ? events[event] : undefined;
    if (schema === undefined) return err(appError('not_found', `service '${definition.name}' has no event '${event}'`));
    const parsed = schema.safeParse(payload, { error: describeParamIssue });
    if (!parsed.success) {
      const issue = toParamIssues(parsed.error)[0];
      const message = `event ${definition.name}.${event} not sent: ${issue === undefined ? 'invalid payload' : formatParamIssue(issue)}`;
      this.logger.warn(message);
      return err(appError('bad_input', message, { issues: toParamIssues(parsed.error) }));
    }
    const message: EventMessage = { type: 'event', service: definition.name, event, payload: parsed.data };
    for (const connection of this.connections) connection.sendEvent(message);
    return ok(undefined);
  }

  /** Closes every connection; their running calls are aborted. Registrations stay. */
  close(): void {
    for (const connection of [...this.connections]) connection.close();
  }
}
