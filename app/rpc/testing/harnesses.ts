// One RpcServer with the demo service, reachable over each transport, so the same suite
// (rpc-suite.ts) runs over all of them.

import { WebSocket, WebSocketServer } from 'ws';
import type { AddressInfo } from 'node:net';
import { RpcClient } from '../client.js';
import { encodeFrame } from '../codec.js';
import { serveWindow } from '../electron/ipc-main.js';
import { createIpcRendererTransport } from '../electron/ipc-renderer.js';
import { RPC_CHANNEL } from '../electron/bridge.js';
import type { Logger } from '../logger.js';
import { createMemoryTransportPair } from '../memory.js';
import { RpcServer } from '../server.js';
import { connectWebSocket } from '../websocket.js';
import { createNodeWebSocketTransport } from '../websocket-node.js';
import { createDemoImplementation, DemoService, type DemoProbe } from './demo-service.js';
import { StandInIpcMain, StandInWindow } from './ipc-stand-in.js';

export class RecordingLogger implements Logger {
  readonly messages: string[] = [];

  warn(message: string): void {
    this.messages.push(message);
  }
}

/** One client connected to the harness's server, with raw access to both ends of its channel. */
export interface Link {
  client: RpcClient;
  clientLog: RecordingLogger;
  sendRawToServer(raw: unknown): void;
  sendRawToClient(raw: unknown): void;
  /** Closes the connection from the server's end; absent where the client cannot notice (IPC). */
  closeFromServer?: () => void;
}

export interface RpcHarness {
  server: RpcServer;
  serverLog: RecordingLogger;
  probe: DemoProbe;
  connect(): Promise<Link>;
  dispose(): Promise<void>;
}

export type HarnessFactory = () => Promise<RpcHarness>;

function demoServer(): { server: RpcServer; serverLog: RecordingLogger; probe: DemoProbe } {
  const serverLog = new RecordingLogger();
  const server = new RpcServer({ logger: serverLog });
  const { implementation, probe } = createDemoImplementation();
  server.register(DemoService, implementation);
  return { server, serverLog, probe };
}

export function memoryHarness(copy: 'clone' | 'frame'): HarnessFactory {
  return async () => {
    const base = demoServer();
    const clients: RpcClient[] = [];
    return {
      ...base,
      connect: async () => {
        const pair = createMemoryTransportPair({ copy });
        base.server.connect(pair.server);
        const clientLog = new RecordingLogger();
        const client = new RpcClient(pair.client, { logger: clientLog });
        clients.push(client);
        return {
          client, clientLog,
          sendRawToServer: (raw) => pair.server.inject(raw),
          sendRawToClient: (raw) => pair.client.inject(raw),
          closeFromServer: () => pair.server.close(),
        };
      },
      dispose: async () => clients.forEach((client) => client.close()),
    };
  };
}

/** A real WebSocket on 127.0.0.1: `ws` on the server, the standard-API adapter on the client. */
export function webSocketHarness(): HarnessFactory {
  return async () => {
    const base = demoServer();
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => wss.once('listening', resolve));
    wss.on('connection', (socket) => base.server.connect(createNodeWebSocketTransport(socket, { logger: base.serverLog })));
    const url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`;
    const clients: RpcClient[] = [];
    return {
      ...base,
      connect: async () => {
        const serverSocket = new Promise<WebSocket>((resolve) => wss.once('connection', resolve));
        let clientSocket: WebSocket | undefined;
        const clientLog = new RecordingLogger();
        const connected = await connectWebSocket(url, {
          createSocket: (target) => (clientSocket = new WebSocket(target)),
          logger: clientLog,
        });
        if (!connected.ok) throw new Error(connected.error.message);
        const serverEnd = await serverSocket;
        const client = new RpcClient(connected.value, { logger: clientLog });
        clients.push(client);
        return {
          client, clientLog,
          sendRawToServer: (raw) => clientSocket?.send(encodeFrame(raw)),
          sendRawToClient: (raw) => serverEnd.send(encodeFrame(raw)),
          closeFromServer: () => serverEnd.close(),
        };
      },
      dispose: async () => {
        clients.forEach((client) => client.close());
        for (const socket of wss.clients) socket.terminate();
        await new Promise<void>((resolve) => wss.close(() => resolve()));
      },
    };
  };
}

/** Electron IPC through the in-process stand-in: each connection is a window with its preload bridge. */
export function ipcHarness(): HarnessFactory {
  return async () => {
    const base = demoServer();
    const ipcMain = new StandInIpcMain();
    const windows: StandInWindow[] = [];
    return {
      ...base,
      connect: async () => {
        const window = new StandInWindow(ipcMain);
        windows.push(window);
        serveWindow(base.server, { ipcMain: ipcMain.port, webContents: window.webContents, logger: base.serverLog });
        const bridge = window.bridge();
        const clientLog = new RecordingLogger();
        const client = new RpcClient(createIpcRendererTransport(bridge, { logger: clientLog }), { logger: clientLog });
        return {
          client, clientLog,
          sendRawToServer: (raw) => bridge.send(raw),
          sendRawToClient: (raw) => window.webContents.send(RPC_CHANNEL, raw),
        };
      },
      dispose: async () => windows.forEach((window) => window.destroy()),
    };
  };
}
