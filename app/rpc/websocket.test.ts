import { describe, expect, it, vi } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import type { AddressInfo } from 'node:net';
import { encodeFrame } from './codec.js';
import { RecordingLogger, webSocketHarness } from './testing/harnesses.js';
import { describeRpcSuite } from './testing/rpc-suite.js';
import { connectWebSocket, rpcSocketUrl } from './websocket.js';
import { createNodeWebSocketTransport } from './websocket-node.js';

describeRpcSuite('a WebSocket on 127.0.0.1', webSocketHarness(), { serverCanClose: true });

async function listen(): Promise<{ wss: WebSocketServer; url: string }> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => wss.once('listening', resolve));
  return { wss, url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}` };
}

const close = (wss: WebSocketServer): Promise<void> => new Promise((resolve) => {
  for (const socket of wss.clients) socket.terminate();
  wss.close(() => resolve());
});

describe('WebSocket transports', () => {
  it('drop text frames and frames that do not decode, and keep the connection', async () => {
    const { wss, url } = await listen();
    const log = new RecordingLogger();
    const received: unknown[] = [];
    wss.on('connection', (socket) => createNodeWebSocketTransport(socket, { logger: log }).onMessage((m) => received.push(m)));
    const socket = new WebSocket(url);
    await new Promise((resolve) => socket.once('open', resolve));
    socket.send('{"type":"cancel","id":1}');
    socket.send(new Uint8Array([1, 2, 3]));
    socket.send(new Uint8Array([255, 255, 255, 255, 0, 0]));
    socket.send(encodeFrame({ type: 'cancel', id: 2 }));
    await vi.waitFor(() => expect(received).toEqual([{ type: 'cancel', id: 2 }]));
    expect(log.messages).toHaveLength(3);
    expect(log.messages[0]).toMatch(/text WebSocket frame/);
    socket.close();
    await close(wss);
  });

  it('the client adapter drops what the server should never send', async () => {
    const { wss, url } = await listen();
    wss.on('connection', (socket) => {
      socket.send('hello');
      socket.send(new Uint8Array([9, 0, 0, 0, 1]));
      socket.send(encodeFrame({ type: 'event', service: 's', event: 'onDidX', payload: 1 }));
    });
    const log = new RecordingLogger();
    const connected = await connectWebSocket(url, { createSocket: (target) => new WebSocket(target), logger: log });
    if (!connected.ok) throw new Error(connected.error.message);
    const received: unknown[] = [];
    connected.value.onMessage((message) => received.push(message));
    await vi.waitFor(() => expect(received).toHaveLength(1));
    expect(log.messages).toEqual([
      'dropped a text WebSocket frame: the protocol uses binary frames only',
      expect.stringMatching(/^dropped a WebSocket frame: malformed frame: header of 9 bytes/),
    ]);
    connected.value.close();
    await close(wss);
  });

  it('connectWebSocket resolves with io when nothing listens', async () => {
    const { wss, url } = await listen();
    await close(wss);
    const result = await connectWebSocket(url, { createSocket: (target) => new WebSocket(target) });
    expect(result).toMatchObject({ ok: false, error: { code: 'io' } });
  });

  it('rpcSocketUrl derives the socket address from the page address', () => {
    expect(rpcSocketUrl('http://127.0.0.1:4173/index.html?x=1#top')).toBe('ws://127.0.0.1:4173/rpc');
    expect(rpcSocketUrl('https://example.test/app/')).toBe('wss://example.test/rpc');
  });
});
