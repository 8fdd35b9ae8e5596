// Services as data (VS Code's ProxyChannel, with schemas): a definition names each method's
// parameters and result and each event's payload as zod schemas. The server validates what the
// untrusted side sends against them; the client's proxy and the server's implementation are typed
// from them, so neither side needs a cast.

import type { z } from 'zod';
import type { Result } from '../contract/index.js';
import type { Disposable } from './disposable.js';

/** Positional parameters: a fixed tuple (optional trailing entries allowed, no rest). */
export type ParamsSchema = z.ZodTuple<readonly z.core.SomeType[], null>;

export interface MethodSchema {
  params: ParamsSchema;
  result: z.ZodType;
}

/** Events are named onDidX (VS Code): `onDidProgress`, `onDidFinishRun`. */
export type EventName = `onDid${string}`;

export interface ServiceShape {
  methods: Record<string, MethodSchema>;
  events: Record<EventName, z.ZodType>;
}

export interface ServiceDefinition<S extends ServiceShape = ServiceShape> {
  readonly name: string;
  readonly methods: S['methods'];
  readonly events: S['events'];
}

export interface CallOptions {
  /** Aborting cancels the call: the server aborts the implementation's signal. */
  signal?: AbortSignal;
}

export interface CallContext {
  /** Aborted when the caller cancels or its connection closes. */
  signal: AbortSignal;
  /** Which connection (window, browser tab, script) made the call. */
  connectionId: string;
}

type MethodsOf<D extends ServiceDefinition> = D['methods'];
type EventsOf<D extends ServiceDefinition> = D['events'];

/** The caller's view: arguments as the schema accepts them, the result as the schema produces it. */
export type ProxyMethod<M extends MethodSchema> =
  (...args: [...z.input<M['params']>, options?: CallOptions]) => Promise<Result<z.output<M['result']>>>;

/** Events are typed through a conditional so that a `Record<EventName, ...>` index never widens them. */
type OutputOf<S> = S extends z.ZodType ? z.output<S> : never;
type InputOf<S> = S extends z.ZodType ? z.input<S> : never;

export type EventSubscription<E> = (listener: (payload: OutputOf<E>) => void) => Disposable;

export type ServiceProxy<D extends ServiceDefinition> =
  { readonly [K in keyof MethodsOf<D>]: ProxyMethod<MethodsOf<D>[K]> } &
  { readonly [K in keyof EventsOf<D>]: EventSubscription<EventsOf<D>[K]> };

/** The implementer's view: validated arguments, then the call's context. */
export type ImplementationMethod<M extends MethodSchema> =
  (...args: [...z.output<M['params']>, context: CallContext]) => Promise<Result<z.input<M['result']>>> | Result<z.input<M['result']>>;

export type ServiceImplementation<D extends ServiceDefinition> = {
  -readonly [K in keyof MethodsOf<D>]: ImplementationMethod<MethodsOf<D>[K]>;
};

export type EventPayload<D extends ServiceDefinition, E extends keyof EventsOf<D>> = InputOf<EventsOf<D>[E]>;

const SERVICE_NAME = /^[a-z][A-Za-z0-9.]*$/;
const METHOD_NAME = /^[a-z][A-Za-z0-9]*$/;
const EVENT_NAME = /^onDid[A-Z][A-Za-z0-9]*$/;
/** `then` would make the proxy look like a promise; `on...` is reserved for events. */
const RESERVED_METHOD = /^(then|on[A-Z].*|constructor|toString|valueOf|hasOwnProperty)$/;

/**
 * Checks a definition's names; a definition written as a plain object (`satisfies ServiceShape`)
 * is checked again when registered, so both routes end in the same rules.
 */
export function checkServiceDefinition(definition: ServiceDefinition): void {
  const problem = (what: string): Error => new Error(`service '${definition.name}': ${what}`);
  if (!SERVICE_NAME.test(definition.name)) throw problem('the name must be lowerCamelCase (dots allowed)');
  for (const [method, schema] of Object.entries(definition.methods)) {
    if (!METHOD_NAME.test(method) || RESERVED_METHOD.test(method)) {
      throw problem(`method '${method}' must be lowerCamelCase, not 'then' and not starting with 'on'`);
    }
    if (schema.params.def.type !== 'tuple' || schema.params.def.rest !== null) {
      throw problem(`method '${method}' must declare its params as z.tuple([...]) without a rest element`);
    }
  }
  for (const event of Object.keys(definition.events)) {
    if (!EVENT_NAME.test(event)) throw problem(`event '${event}' must be named onDidSomething`);
  }
}

/** `defineService('runs', { methods: { solve: { params: z.tuple([Spec]), result: RunId } }, events: {...} })` */
export function defineService<const S extends ServiceShape>(name: string, shape: S): ServiceDefinition<S> {
  const definition: ServiceDefinition<S> = Object.freeze({ name, methods: shape.methods, events: shape.events });
  checkServiceDefinition(definition);
  return definition;
}
