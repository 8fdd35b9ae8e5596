// The server's side of a WebSocket connection, over the `ws` package (Node only). Same frames as
// websocket.ts; uses ws's own events to tell text from binary and to report send errors.

import type { RawData, WebSocket } from 'ws';
import { decodeFrame, encodeFrame } from './codec.js';
import { consoleLogger, type Logger } from './logger.js';
import type { RpcMessage } from './protocol.js';
import { TransportClosedError, TransportEvents, type Transport } from './transport.js';

export interface NodeWebSocketTransportOptions {
  logger?: Logger;
}

const NORMAL_CLOSURE = 1000;

function toFrame(data: RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  return data instanceof ArrayBuffer ? new Uint8Array(data) : data;
}

export function createNodeWebSocketTransport(socket: WebSocket, options: NodeWebSocketTransportOptions = {}): Transport {
  const logger = options.logger ?? consoleLogger;
  const events = new TransportEvents(logger);
  socket.binaryType = 'nodebuffer';
  socket.on('message', (data: RawData, isBinary: boolean) => {
    if (!isBinary) {
      logger.warn('dropped a text WebSocket frame: the protocol uses binary frames only');
      return;
    }
    let message: unknown;
    try {
      message = decodeFrame(toFrame(data));
    } catch (error) {
      logger.warn(`dropped a WebSocket frame: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    events.deliver(message);
  });
  socket.on('close', (code: number) => events.closed(`the socket closed (code ${code})`));
  // An 'error' is always followed by 'close'; without a listener ws would throw it.
  socket.on('error', (error: Error) => logger.warn(`WebSocket error: ${error.message}`));
  return {
    send(message: RpcMessage) {
      events.assertOpen();
      if (socket.readyState !== socket.OPEN) throw new TransportClosedError('the socket is not open');
      socket.send(encodeFrame(message), { binary: true }, (error) => {
        if (error) logger.warn(`a WebSocket send failed: ${error.message}`);
      });
    },
    onMessage: (listener) => events.onMessage(listener),
    onClose: (listener) => events.onClose(listener),
    close() {
      if (events.closed('closed by this side')) socket.close(NORMAL_CLOSURE);
    },
  };
}
