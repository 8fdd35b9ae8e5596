import { describe, expect, it } from 'vitest';
import { createMemoryTransportPair } from './memory.js';
import { TransportClosedError } from './transport.js';
import { memoryHarness } from './testing/harnesses.js';
import { describeRpcSuite } from './testing/rpc-suite.js';

describeRpcSuite('the in-memory pair (structured clone)', memoryHarness('clone'), { serverCanClose: true });
describeRpcSuite('the in-memory pair (binary frames)', memoryHarness('frame'), { serverCanClose: true });

describe('createMemoryTransportPair', () => {
  it('delivers asynchronously, copies, and closes both ends once', async () => {
    const { client, server } = createMemoryTransportPair();
    const received: unknown[] = [];
    const closes: string[] = [];
    server.onMessage((message) => received.push(message));
    client.onClose((reason) => closes.push(`client: ${reason}`));
    server.onClose((reason) => closes.push(`server: ${reason}`));
    const message = { type: 'cancel' as const, id: 1 };
    client.send(message);
    message.id = 2;
    expect(received).toEqual([]);
    await Promise.resolve();
    expect(received).toEqual([{ type: 'cancel', id: 1 }]);
    client.close();
    client.close();
    await Promise.resolve();
    expect(closes).toEqual(['client: closed by this side', 'server: closed by the other side']);
    expect(() => client.send(message)).toThrow(TransportClosedError);
  });

  it('tells a listener that subscribes after the close', async () => {
    const { client } = createMemoryTransportPair();
    client.close();
    const reason = await new Promise((resolve) => client.onClose(resolve));
    expect(reason).toBe('closed by this side');
  });
});
