import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { ok } from '../contract/index.js';
import { RpcClient } from './client.js';
import { silentLogger } from './logger.js';
import { createMemoryTransportPair } from './memory.js';
import { RpcServer } from './server.js';
import { defineService } from './service.js';

const Echo = defineService('echo', {
  methods: {
    options: { params: z.tuple([z.object({ signal: z.string() }).optional()]), result: z.string() },
    anything: { params: z.tuple([z.unknown()]), result: z.unknown() },
    slow: { params: z.tuple([]), result: z.string() },
    unsendable: { params: z.tuple([]), result: z.unknown() },
    explodingSchema: { params: z.tuple([z.string().refine(() => { throw new Error('refine threw'); })]), result: z.string() },
  },
  events: {},
});

function connected(copy: 'clone' | 'frame' = 'frame') {
  const server = new RpcServer({ logger: silentLogger });
  let finishSlow: () => void = () => {};
  server.register(Echo, {
    options: async (value) => ok(value === undefined ? 'none' : `got ${value.signal}`),
    anything: async (value) => ok(value),
    slow: () => new Promise((resolve) => { finishSlow = () => resolve(ok('late')); }),
    unsendable: async () => ok({ callback: () => 1 }),
    explodingSchema: async (text) => ok(text),
  });
  const pair = createMemoryTransportPair({ copy });
  server.connect(pair.server);
  const client = new RpcClient(pair.client, { logger: silentLogger });
  return { server, client, pair, echo: client.proxy(Echo), finishSlow: () => finishSlow() };
}

describe('RpcClient', () => {
  it('tells a params object from the trailing call options by position, not by shape', async () => {
    const { echo } = connected();
    expect(await echo.options({ signal: 'a string field' })).toEqual({ ok: true, value: 'got a string field' });
    expect(await echo.options(undefined, { signal: new AbortController().signal })).toEqual({ ok: true, value: 'none' });
    expect(await echo.options()).toEqual({ ok: true, value: 'none' });
  });

  it('answers a value the wire cannot carry with bad_input, without sending it', async () => {
    const { echo, pair } = connected();
    const send = vi.spyOn(pair.client, 'send');
    const result = await echo.anything({ when: 1n });
    expect(result).toMatchObject({ ok: false, error: { code: 'bad_input', message: expect.stringMatching(/cannot send a bigint at params\.0\.when/) } });
    expect(send).toHaveBeenCalledTimes(1); // it threw inside send, before anything left
  });

  it.each(['clone', 'frame'] as const)('gets internal when the result cannot cross the transport (%s)', async (copy) => {
    const { echo } = connected(copy);
    const result = await echo.unsendable();
    expect(result).toMatchObject({ ok: false, error: { code: 'internal', message: expect.stringMatching(/^the result could not be sent: /) } });
  });

  it('answers with internal when a schema itself throws', async () => {
    const { echo } = connected();
    expect(await echo.explodingSchema('x')).toEqual({ ok: false, error: { code: 'internal', message: 'echo.explodingSchema failed: refine threw' } });
  });

  it('ignores the late answer of a call it cancelled, without counting it as malformed', async () => {
    const { echo, client, finishSlow } = connected();
    const controller = new AbortController();
    const call = echo.slow({ signal: controller.signal });
    await Promise.resolve();
    controller.abort();
    expect(await call).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    finishSlow();
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(client.droppedMessages).toBe(0);
  });

  it('a second cancel or an abort after the answer changes nothing', async () => {
    const { echo } = connected();
    const controller = new AbortController();
    expect(await echo.options(undefined, { signal: controller.signal })).toEqual({ ok: true, value: 'none' });
    controller.abort();
    expect(await echo.options()).toEqual({ ok: true, value: 'none' });
  });
});
