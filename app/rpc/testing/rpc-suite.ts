// The behaviour every transport must give the RPC: run by memory.test.ts, websocket.test.ts and
// electron/ipc.test.ts against their own harness.

import { afterEach, beforeEach, describe, expect, expectTypeOf, it, vi } from 'vitest';
import { defaultSpec, type Result } from '../../contract/index.js';
import type { ServiceProxy } from '../service.js';
import { DemoService } from './demo-service.js';
import type { HarnessFactory, Link, RpcHarness } from './harnesses.js';

type Demo = ServiceProxy<typeof DemoService>;

export interface SuiteOptions {
  /** Whether the server's end can close the connection so that the client notices (not IPC: the
   * page cannot outlive the main process, and a closing window takes the page with it). */
  serverCanClose: boolean;
}

/** What every test of the suite works with; filled in again before each test. */
interface SuiteContext {
  harness: RpcHarness;
  link: Link;
  demo: Demo;
}

export function describeRpcSuite(transport: string, createHarness: HarnessFactory, options: SuiteOptions): void {
  describe(`RPC over ${transport}`, () => {
    const context = {} as SuiteContext;
    beforeEach(async () => {
      context.harness = await createHarness();
      context.link = await context.harness.connect();
      context.demo = context.link.client.proxy(DemoService);
    });
    afterEach(async () => {
      await context.harness.dispose();
    });
    describe('calls', () => callTests(context));
    describe('events', () => eventTests(context));
    describe('cancellation, closing and malformed input', () => lifecycleTests(context, options));
    describe('typed arrays', () => binaryTests(context));
  });
}

function callTests(context: SuiteContext): void {
  it('calls a method and returns a typed result', async () => {
    const sum = await context.demo.add(2, 3);
    expectTypeOf(sum).toEqualTypeOf<Result<number>>();
    expect(sum).toEqual({ ok: true, value: 5 });
    expect(await context.demo.greet('Ada')).toEqual({ ok: true, value: 'hello Ada' });
    expect(await context.demo.greet('Ada', { excited: true })).toEqual({ ok: true, value: 'hello Ada!' });
    expect(await context.demo.greet('Ada', undefined, {})).toEqual({ ok: true, value: 'hello Ada' });
    expect(await context.demo.whoAmI()).toMatchObject({ ok: true, value: expect.stringMatching(/\S/) });
    expect(await context.demo.reset()).toEqual({ ok: true, value: undefined }); // JSON drops the key; still answered
  });

  it('answers invalid arguments with bad_input, the path and what was expected', async () => {
    const wrongType = await context.link.client.call('demo', 'add', [2, 'three']);
    expect(wrongType).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    expect(!wrongType.ok && wrongType.error.message).toBe('invalid arguments for demo.add: 1: expected a number, received "three"');
    expect(!wrongType.ok && wrongType.error.details).toEqual({ issues: [{ path: [1], message: 'expected a number, received "three"' }] });

    const nested = await context.link.client.call('demo', 'configure', [{ solver: { tolerance: -1 } }]);
    expect(!nested.ok && nested.error.details).toEqual({
      issues: [{ path: [0, 'solver', 'tolerance'], message: 'expected a number > 0, received -1' }],
    });

    const arity = await context.link.client.call('demo', 'add', [1, 2, 3]);
    expect(!arity.ok && arity.error.message).toBe('invalid arguments for demo.add: expected at most 2 entries, received an array of 3 entries');
  });

  it('keeps the contract\'s own wording for spec errors', async () => {
    const spec = { ...defaultSpec(), physics: { ...defaultSpec().physics, viscosity: -1 } };
    const result = await context.link.client.call('demo', 'checkSpec', [spec]);
    expect(result.ok).toBe(false);
    const issues = (!result.ok && (result.error.details as { issues: { path: unknown[]; message: string }[] }).issues) || [];
    expect(issues[0]?.path).toEqual([0, 'physics', 'viscosity']);
    expect(issues[0]?.message).toMatch(/^expected .*, received -1/);
    expect(await context.demo.checkSpec({ ...defaultSpec(), name: 'ok' })).toEqual({ ok: true, value: 'ok' });
  });

  it('answers unknown services and methods with not_found', async () => {
    const service = await context.link.client.call('demos', 'add', [1, 2]);
    expect(service).toMatchObject({ ok: false, error: { code: 'not_found', message: "no service 'demos'; did you mean 'demo'?" } });
    const method = await context.link.client.call('demo', 'ad', [1, 2]);
    expect(method).toMatchObject({ ok: false, error: { code: 'not_found', message: "service 'demo' has no method 'ad'; did you mean 'add'?" } });
    const inherited = await context.link.client.call('demo', 'toString', []);
    expect(inherited).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('turns thrown errors and broken returns into values', async () => {
    expect(await context.demo.fail('throw')).toEqual({ ok: false, error: { code: 'internal', message: 'demo.fail failed: the solver exploded' } });
    expect(await context.demo.fail('throwSync')).toEqual({ ok: false, error: { code: 'internal', message: 'demo.fail failed: thrown synchronously' } });
    expect(await context.demo.fail('notResult')).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(await context.demo.fail('invalidValue')).toMatchObject({
      ok: false, error: { code: 'internal', message: 'demo.fail returned an invalid result: expected a string, received 42' },
    });
    expect(await context.demo.fail('error')).toEqual({
      ok: false, error: { code: 'solver_failed', message: 'diverged at iteration 7', details: { iteration: 7 } },
    });
    expect(context.harness.serverLog.messages.filter((m) => m.includes('threw'))).toHaveLength(2);
  });
}

function eventTests(context: SuiteContext): void {
  it('sends events to every connection, validated, until unsubscribed', async () => {
    const other = await context.harness.connect();
    const seen: number[] = [];
    const seenByOther: number[] = [];
    const subscription = context.demo.onDidTick((tick) => {
      expectTypeOf(tick).toEqualTypeOf<{ count: number }>();
      seen.push(tick.count);
    });
    other.client.proxy(DemoService).onDidTick((tick) => seenByOther.push(tick.count));

    expect(context.harness.server.emit(DemoService, 'onDidTick', { count: 1 })).toEqual({ ok: true, value: undefined });
    await vi.waitFor(() => expect(seenByOther).toEqual([1]));
    expect(seen).toEqual([1]);

    const invalid = context.harness.server.emit(DemoService, 'onDidTick', { count: -1 });
    expect(invalid).toMatchObject({ ok: false, error: { code: 'bad_input' } });

    subscription.dispose();
    context.harness.server.emit(DemoService, 'onDidTick', { count: 2 });
    await vi.waitFor(() => expect(seenByOther).toEqual([1, 2]));
    expect(seen).toEqual([1]);
  });

  it('a listener that throws does not stop the others', async () => {
    const seen: number[] = [];
    context.demo.onDidTick(() => { throw new Error('broken view'); });
    context.demo.onDidTick((tick) => seen.push(tick.count));
    context.harness.server.emit(DemoService, 'onDidTick', { count: 3 });
    await vi.waitFor(() => expect(seen).toEqual([3]));
    expect(context.link.clientLog.messages.some((m) => m.includes('demo.onDidTick'))).toBe(true);
  });
}

function lifecycleTests(context: SuiteContext, options: SuiteOptions): void {
  it('cancels: the implementation sees its signal aborted and the call resolves cancelled', async () => {
    const controller = new AbortController();
    const call = context.demo.waitForCancel({ signal: controller.signal });
    await context.harness.probe.started;
    controller.abort();
    expect(await call).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(await context.harness.probe.aborted).toBe(true);
    expect(await context.demo.add(1, 1)).toEqual({ ok: true, value: 2 }); // the connection is still usable
    expect(await context.demo.add(1, 2, { signal: AbortSignal.abort() })).toMatchObject({ ok: false, error: { code: 'cancelled' } });
  });

  it('resolves pending calls with io when the client closes, and later calls too', async () => {
    const call = context.demo.waitForCancel();
    await context.harness.probe.started;
    context.link.client.close();
    expect(await call).toMatchObject({ ok: false, error: { code: 'io' } });
    expect(await context.demo.add(1, 2)).toMatchObject({ ok: false, error: { code: 'io' } });
  });

  if (options.serverCanClose) {
    it('resolves pending calls with io when the server side closes, and aborts the implementation', async () => {
      const call = context.demo.waitForCancel();
      await context.harness.probe.started;
      context.link.closeFromServer?.();
      expect(await call).toMatchObject({ ok: false, error: { code: 'io' } });
      expect(await context.harness.probe.aborted).toBe(true);
      await vi.waitFor(() => expect(context.harness.server.connectionCount).toBe(0));
    });
  }

  it('drops malformed messages in both directions, counts them, and keeps working', async () => {
    const garbage = [null, 42, 'call', { type: 'call' }, { type: 'call', id: -1, service: 'demo', method: 'add', params: [] },
      { type: 'call', id: 1, service: 'demo', method: 'add', params: 'not an array' }, { type: 'bogus' },
      { type: 'result', id: 1, result: { ok: true, value: 1 } }];
    for (const raw of garbage) context.link.sendRawToServer(raw);
    await vi.waitFor(() => expect(context.harness.server.droppedMessages).toBe(garbage.length));
    expect(context.harness.serverLog.messages.filter((m) => m.startsWith('dropped a message'))).toHaveLength(garbage.length);

    context.link.sendRawToClient({ type: 'result', id: 999, result: { ok: true, value: 1 } });
    context.link.sendRawToClient({ type: 'result', id: 1, result: { ok: false, error: { code: 'no_such_code', message: 'x' } } });
    context.link.sendRawToClient({ type: 'call', id: 1, service: 'demo', method: 'add', params: [1, 2] });
    await vi.waitFor(() => expect(context.link.client.droppedMessages).toBe(3));
    expect(await context.demo.add(20, 22)).toEqual({ ok: true, value: 42 });
  });
}

function binaryTests(context: SuiteContext): void {
  it('round-trips typed arrays: types, sizes, values and alignment', async () => {
    for (const length of [0, 1, 7, 100_003]) {
      const f64 = Float64Array.from({ length }, (_, i) => i * 0.5 - 1e-300);
      if (length > 0) f64[0] = Number.NaN;
      const f32 = Float32Array.from({ length: length + 1 }, (_, i) => i / 3);
      const u8 = Uint8Array.from({ length: length + 3 }, (_, i) => i % 256);
      const result = await context.demo.echoArrays({ f64, f32, u8 });
      if (!result.ok) throw new Error(result.error.message);
      const { arrays } = result.value;
      expectTypeOf(arrays.f32).not.toBeAny();
      expectTypeOf(arrays.f32).toExtend<Float32Array>();
      expect(arrays.f64).toBeInstanceOf(Float64Array);
      expect(arrays.f32).toBeInstanceOf(Float32Array);
      expect(arrays.u8).toBeInstanceOf(Uint8Array);
      expect(arrays.f64).toEqual(f64);
      expect(arrays.f32).toEqual(f32);
      expect(arrays.u8).toEqual(u8);
      expect(arrays.f64.byteOffset % 8).toBe(0);
      expect(arrays.f32.byteOffset % 4).toBe(0);
    }
  });

  it('rejects a typed array of the wrong kind with bad_input', async () => {
    const result = await context.link.client.call('demo', 'echoArrays', [{ f64: new Float32Array(2), f32: new Float32Array(2), u8: new Uint8Array(1) }]);
    expect(!result.ok && result.error.message).toBe('invalid arguments for demo.echoArrays: 0.f64: expected a Float64Array, received a Float32Array of 2 entries');
  });
}
