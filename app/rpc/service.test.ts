import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { ok, type Result } from '../contract/index.js';
import type { Disposable } from './disposable.js';
import { RpcServer } from './server.js';
import { defineService, type CallContext, type CallOptions, type ServiceImplementation, type ServiceProxy } from './service.js';
import { silentLogger } from './logger.js';
import { RpcClient } from './client.js';
import { createMemoryTransportPair } from './memory.js';

const Runs = defineService('runs', {
  methods: {
    start: { params: z.tuple([z.string(), z.number().default(4)]), result: z.object({ id: z.string() }) },
    list: { params: z.tuple([]), result: z.array(z.string()) },
  },
  events: { onDidFinish: z.object({ id: z.string(), seconds: z.number().transform((s) => s * 1000) }) },
});

describe('defineService', () => {
  // The expectTypeOf lines are checked by `tsc -p app/rpc`; the expect lines at run time.
  it('types the proxy from the schemas: inputs for arguments, outputs for results and events', () => {
    const proxy = new RpcClient(createMemoryTransportPair().client, { logger: silentLogger }).proxy(Runs);
    expect(Object.keys(proxy)).toEqual(['start', 'list', 'onDidFinish']);
    expect(Object.isFrozen(proxy)).toBe(true);
    type Proxy = ServiceProxy<typeof Runs>;
    expectTypeOf(proxy).toEqualTypeOf<Proxy>();
    expectTypeOf<Proxy['start']>().parameters.toEqualTypeOf<[string, (number | undefined)?, CallOptions?]>();
    expectTypeOf<Proxy['start']>().returns.toEqualTypeOf<Promise<Result<{ id: string }>>>();
    expectTypeOf<Proxy['list']>().parameters.toEqualTypeOf<[CallOptions?]>();
    expectTypeOf<Proxy['onDidFinish']>().parameters.toEqualTypeOf<[(payload: { id: string; seconds: number }) => void]>();
    expectTypeOf<Proxy['onDidFinish']>().returns.toEqualTypeOf<Disposable>();
  });

  it('types implementations with parsed arguments (defaults filled) and the call context', () => {
    type Implementation = ServiceImplementation<typeof Runs>;
    expectTypeOf<Parameters<Implementation['start']>>().toEqualTypeOf<[string, number, CallContext]>();
    const implementation: Implementation = { start: async (name, threads) => ok({ id: `${name}-${threads}` }), list: () => ok([]) };
    expect(new RpcServer({ logger: silentLogger }).register(Runs, implementation)).toHaveProperty('dispose');
  });

  it('refuses names that would break the proxy or the conventions', () => {
    const tuple = z.tuple([]);
    const method = { params: tuple, result: z.null() };
    expect(() => defineService('Runs', { methods: {}, events: {} })).toThrow(/lowerCamelCase/);
    expect(() => defineService('runs', { methods: { then: method }, events: {} })).toThrow(/'then'/);
    expect(() => defineService('runs', { methods: { onStart: method }, events: {} })).toThrow(/starting with 'on'/);
    expect(() => defineService('runs', { methods: {}, events: { onDidfinish: z.null() } })).toThrow(/onDidSomething/);
    expect(() => defineService('runs', { methods: {}, events: { onProgress: z.null() } as never })).toThrow(/onDidSomething/);
    const withRest = { params: z.tuple([z.string()], z.string()), result: z.null() };
    expect(() => defineService('runs', { methods: { go: withRest as never }, events: {} })).toThrow(/without a rest element/);
    const notTuple = { params: z.array(z.string()), result: z.null() };
    expect(() => defineService('runs', { methods: { go: notTuple as never }, events: {} })).toThrow(/z\.tuple/);
  });

  it('a server refuses a name registered twice and an implementation with a method missing', () => {
    const server = new RpcServer({ logger: silentLogger });
    const implementation: ServiceImplementation<typeof Runs> = { start: async () => ok({ id: 'a' }), list: async () => ok([]) };
    const registration = server.register(Runs, implementation);
    expect(() => server.register(Runs, implementation)).toThrow(/registered already/);
    registration.dispose();
    expect(() => server.register(Runs, implementation)).not.toThrow();
    const other = new RpcServer({ logger: silentLogger });
    expect(() => other.register(Runs, { start: implementation.start } as never)).toThrow(/no method 'list'/);
  });

  it('a plain object that satisfies the shape works as a definition (the contract needs no rpc import)', async () => {
    const plain = { name: 'plain', methods: { ping: { params: z.tuple([]), result: z.literal('pong') } }, events: {} };
    const server = new RpcServer({ logger: silentLogger });
    expect(() => server.register(plain, { ping: async () => ok('pong' as const) })).not.toThrow();
    const invalid = { name: 'bad name', methods: {}, events: {} };
    expect(() => server.register(invalid, {})).toThrow(/lowerCamelCase/);
  });

  it('emit refuses an event the definition does not have', () => {
    const server = new RpcServer({ logger: silentLogger });
    expect(server.emit(Runs, 'onDidNothing' as 'onDidFinish', { id: 'x', seconds: 1 })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});
