// Electron cannot run here: these tests drive the adapters through the in-process stand-in
// (testing/ipc-stand-in.ts) for ipcMain, webContents and ipcRenderer.

import { describe, expect, it, vi } from 'vitest';
import { RpcClient } from '../client.js';
import { RpcServer } from '../server.js';
import { TransportClosedError } from '../transport.js';
import { createDemoImplementation, DemoService } from '../testing/demo-service.js';
import { ipcHarness, RecordingLogger } from '../testing/harnesses.js';
import { StandInIpcMain, StandInWindow } from '../testing/ipc-stand-in.js';
import { describeRpcSuite } from '../testing/rpc-suite.js';
import { BRIDGE_KEY, RPC_CHANNEL, findPreloadBridge } from './bridge.js';
import { createIpcMainTransport, isOfOrigin, serveWindow } from './ipc-main.js';
import { createIpcRendererTransport } from './ipc-renderer.js';

describeRpcSuite('Electron IPC (stand-in)', ipcHarness(), { serverCanClose: false });

function setup() {
  const log = new RecordingLogger();
  const server = new RpcServer({ logger: log });
  const demo = createDemoImplementation();
  server.register(DemoService, demo.implementation);
  const ipcMain = new StandInIpcMain();
  const open = (window: StandInWindow) => serveWindow(server, { ipcMain: ipcMain.port, webContents: window.webContents, logger: log });
  const clientOf = (bridge: ReturnType<StandInWindow['bridge']>) =>
    new RpcClient(createIpcRendererTransport(bridge, { logger: log }), { logger: log }).proxy(DemoService);
  return { log, server, probe: demo.probe, ipcMain, open, clientOf };
}

describe('Electron IPC adapters', () => {
  it('accept messages only from the main frame of their own window', async () => {
    const { log, server, ipcMain, open, clientOf } = setup();
    const first = new StandInWindow(ipcMain);
    const second = new StandInWindow(ipcMain);
    open(first);
    open(second);
    const fromSubframe = clientOf(first.subframeBridge());
    const pending = fromSubframe.add(1, 2);
    await vi.waitFor(() => expect(log.messages).toEqual([
      `rejected an IPC message to window ${first.id}: it did not come from the window's main frame`,
    ]));
    expect(await clientOf(first.bridge()).whoAmI()).toEqual({ ok: true, value: `window-${first.id}` });
    expect(await clientOf(second.bridge()).whoAmI()).toEqual({ ok: true, value: `window-${second.id}` });
    expect(server.droppedMessages).toBe(0);
    void pending; // never answered: the subframe's call went nowhere
  });

  it('accept messages only from a page of the app\'s own origin, when one is given', async () => {
    const log = new RecordingLogger();
    const server = new RpcServer({ logger: log });
    server.register(DemoService, createDemoImplementation().implementation);
    const ipcMain = new StandInIpcMain();
    const window = new StandInWindow(ipcMain);
    serveWindow(server, { ipcMain: ipcMain.port, webContents: window.webContents, logger: log, trustedOrigin: 'app://renderer' });
    const client = (bridge: ReturnType<StandInWindow['bridge']>) => new RpcClient(createIpcRendererTransport(bridge, { logger: log }), { logger: log }).proxy(DemoService);
    expect(await client(window.bridge()).add(1, 2)).toEqual({ ok: true, value: 3 });
    for (const foreign of ['https://evil.example/', 'app://renderer.evil/index.html', 'app://renderer@evil/', 'file:///etc/passwd', 'app://other/index.html']) {
      window.navigate(foreign);
      void client(window.bridge()).add(1, 1);
      await vi.waitFor(() => expect(log.messages.at(-1)).toBe(`rejected an IPC message to window ${window.id}: it came from ${JSON.stringify(foreign)}, not from the app (app://renderer)`));
    }
    window.navigate();
    expect(await client(window.bridge()).add(2, 2)).toEqual({ ok: true, value: 4 });
    expect(isOfOrigin('app://renderer/index.html', 'app://renderer')).toBe(true);
    expect(isOfOrigin('app://renderer', 'app://renderer')).toBe(true);
    expect(isOfOrigin('app://rendererx/', 'app://renderer')).toBe(false);
    window.destroy();
  });

  it('a new page gets a new connection; the old page\'s calls are aborted and its late messages refused', async () => {
    const { log, server, probe, ipcMain, open, clientOf } = setup();
    const window = new StandInWindow(ipcMain);
    open(window);
    const oldPage = window.bridge();
    void clientOf(oldPage).waitForCancel();
    await probe.started;
    window.navigate();
    expect(await probe.aborted).toBe(true);
    expect(server.connectionCount).toBe(1);
    expect(await clientOf(window.bridge()).add(2, 2)).toEqual({ ok: true, value: 4 });
    oldPage.send({ type: 'call', id: 7, service: 'demo', method: 'add', params: [1, 1] });
    await vi.waitFor(() => expect(log.messages.some((m) => m.startsWith('rejected an IPC message'))).toBe(true));
  });

  it('reconnects after a renderer crash and stops when the window is destroyed', async () => {
    const { server, ipcMain, open, clientOf } = setup();
    const window = new StandInWindow(ipcMain);
    open(window);
    window.crash();
    expect(await clientOf(window.bridge()).add(1, 1)).toEqual({ ok: true, value: 2 });
    window.destroy();
    expect(server.connectionCount).toBe(0);
    expect(ipcMain.listeners.count(RPC_CHANNEL)).toBe(0);
    expect(window.contentsListeners.count('did-navigate')).toBe(0);
  });

  it('serveWindow can be disposed; the transport then refuses to send', () => {
    const { server, ipcMain, open } = setup();
    const window = new StandInWindow(ipcMain);
    open(window).dispose();
    expect(server.connectionCount).toBe(0);
    expect(ipcMain.listeners.count(RPC_CHANNEL)).toBe(0);
    const transport = createIpcMainTransport({ ipcMain: ipcMain.port, webContents: window.webContents });
    window.destroy();
    expect(() => transport.send({ type: 'cancel', id: 1 })).toThrow(TransportClosedError);
  });

  it('the preload bridge hands the page messages, never the IPC event, and unsubscribes', async () => {
    const ipcMain = new StandInIpcMain();
    const window = new StandInWindow(ipcMain);
    const bridge = window.bridge();
    const received: unknown[][] = [];
    const unsubscribe = bridge.onMessage((...args: unknown[]) => received.push(args));
    window.webContents.send(RPC_CHANNEL, { hello: 1 });
    await vi.waitFor(() => expect(received).toEqual([[{ hello: 1 }]]));
    unsubscribe();
    window.webContents.send(RPC_CHANNEL, { hello: 2 });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(received).toHaveLength(1);
  });

  it('findPreloadBridge finds window.mfgw only when it has the bridge\'s shape', () => {
    expect(findPreloadBridge({})).toBeUndefined();
    expect(findPreloadBridge({ [BRIDGE_KEY]: { send: 1, onMessage: () => () => {} } })).toBeUndefined();
    const sent: unknown[] = [];
    let unsubscribed = false;
    const exposed = { send: (message: unknown) => sent.push(message), onMessage: () => () => { unsubscribed = true; } };
    const bridge = findPreloadBridge({ [BRIDGE_KEY]: exposed });
    bridge?.send('x');
    bridge?.onMessage(() => {})();
    expect(sent).toEqual(['x']);
    expect(unsubscribed).toBe(true);
  });
});
