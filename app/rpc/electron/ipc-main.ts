// The main process's side of the Electron IPC transport: one transport per window document.
// Like VS Code's validated ipcMain, it accepts a message only from the main frame of its own
// window, and only while that frame shows a page of the app's own origin (`trustedOrigin`): a
// subframe (an embedded page), another window, or a foreign page that got into the window despite
// the navigation guards gets nothing through.

import type { IpcMain, IpcMainEvent, WebContents } from 'electron';
import type { Disposable } from '../disposable.js';
import { consoleLogger, type Logger } from '../logger.js';
import type { RpcMessage } from '../protocol.js';
import { TransportClosedError, TransportEvents, type Transport } from '../transport.js';
import { RPC_CHANNEL } from './bridge.js';

export type IpcMainPort = Pick<IpcMain, 'on' | 'removeListener'>;
export type WindowContents = Pick<WebContents, 'id' | 'mainFrame' | 'send' | 'isDestroyed' | 'on' | 'removeListener'>;

export interface IpcMainTransportOptions {
  ipcMain: IpcMainPort;
  webContents: WindowContents;
  channel?: string;
  logger?: Logger;
  /** The app's origin ("app://renderer"); when given, the sending frame's URL must be of it. */
  trustedOrigin?: string;
}

/** `url` is `origin` itself or a path below it: "app://renderer.evil" or "app://renderer@x" are not. */
export function isOfOrigin(url: string, origin: string): boolean {
  return url === origin || url.startsWith(`${origin}/`);
}

/** `senderFrame` is null once the sending document is gone, so late messages of a page are refused too. */
export function isFromMainFrame(event: Pick<IpcMainEvent, 'senderFrame'>, contents: Pick<WebContents, 'mainFrame'>): boolean {
  const frame = event.senderFrame;
  const main = contents.mainFrame;
  return frame !== null && frame.parent === null && frame.processId === main.processId && frame.routingId === main.routingId;
}

/**
 * A transport for the document now loaded in `webContents`. It closes when the window is destroyed,
 * its renderer dies, or the main frame navigates to a new document (that page's calls end with it;
 * serveWindow connects the next one).
 */
export function createIpcMainTransport(options: IpcMainTransportOptions): Transport {
  const { ipcMain, webContents: contents } = options;
  const channel = options.channel ?? RPC_CHANNEL;
  const logger = options.logger ?? consoleLogger;
  const events = new TransportEvents(logger);
  const onIpc = (event: IpcMainEvent, message: unknown): void => {
    if (event.sender.id !== contents.id) return; // another window's transport takes it
    if (!isFromMainFrame(event, contents)) {
      logger.warn(`rejected an IPC message to window ${contents.id}: it did not come from the window's main frame`);
      return;
    }
    const url = event.senderFrame?.url ?? '';
    if (options.trustedOrigin !== undefined && !isOfOrigin(url, options.trustedOrigin)) {
      logger.warn(`rejected an IPC message to window ${contents.id}: it came from ${JSON.stringify(url.slice(0, 200))}, not from the app (${options.trustedOrigin})`);
      return;
    }
    events.deliver(message);
  };
  const onDestroyed = (): void => finish('the window was closed');
  const onGone = (): void => finish('the renderer process ended');
  const onNavigated = (): void => finish('the window loaded a new page');
  function finish(reason: string): void {
    if (!events.closed(reason)) return;
    ipcMain.removeListener(channel, onIpc);
    contents.removeListener('destroyed', onDestroyed);
    contents.removeListener('render-process-gone', onGone);
    contents.removeListener('did-navigate', onNavigated);
  }
  ipcMain.on(channel, onIpc);
  contents.on('destroyed', onDestroyed);
  contents.on('render-process-gone', onGone);
  contents.on('did-navigate', onNavigated);
  return {
    send(message: RpcMessage) {
      events.assertOpen();
      if (contents.isDestroyed()) {
        finish('the window was closed');
        throw new TransportClosedError('the window was closed');
      }
      contents.send(channel, message);
    },
    onMessage: (listener): Disposable => events.onMessage(listener),
    onClose: (listener): Disposable => events.onClose(listener),
    close: () => finish('closed by this side'),
  };
}

export interface ConnectionTarget {
  connect(transport: Transport, options?: { connectionId?: string }): Disposable;
}

/**
 * Serves a window for its whole life: connects each new document to `server` (RpcServer), so a
 * reload starts a fresh connection and the old page's running calls are aborted.
 */
export function serveWindow(server: ConnectionTarget, options: IpcMainTransportOptions): Disposable {
  const contents = options.webContents;
  let stopped = false;
  let current: Disposable | undefined;
  // Registered before any transport's listener, so a closing window is known before they react.
  const onDestroyed = (): void => {
    stopped = true;
  };
  contents.on('destroyed', onDestroyed);
  const open = (): void => {
    const transport = createIpcMainTransport(options);
    current = server.connect(transport, { connectionId: `window-${contents.id}` });
    transport.onClose(() => {
      if (!stopped && !contents.isDestroyed()) open();
    });
  };
  open();
  return {
    dispose() {
      if (stopped) return;
      stopped = true;
      contents.removeListener('destroyed', onDestroyed);
      current?.dispose();
    },
  };
}
