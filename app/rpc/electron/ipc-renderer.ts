// The renderer's side of the Electron IPC transport, over the preload bridge. Structured clone
// carries typed arrays as they are, so no codec is involved.

import type { Disposable } from '../disposable.js';
import { consoleLogger, type Logger } from '../logger.js';
import type { RpcMessage } from '../protocol.js';
import { TransportEvents, type Transport } from '../transport.js';
import type { PreloadBridge } from './bridge.js';

export interface IpcRendererTransportOptions {
  logger?: Logger;
}

/** The page cannot see the main process go away; its transport closes only when the page closes it. */
export function createIpcRendererTransport(bridge: PreloadBridge, options: IpcRendererTransportOptions = {}): Transport {
  const events = new TransportEvents(options.logger ?? consoleLogger);
  const unsubscribe = bridge.onMessage((message) => events.deliver(message));
  return {
    send(message: RpcMessage) {
      events.assertOpen();
      bridge.send(message);
    },
    onMessage: (listener): Disposable => events.onMessage(listener),
    onClose: (listener): Disposable => events.onClose(listener),
    close() {
      if (events.closed('closed by this side')) unsubscribe();
    },
  };
}
