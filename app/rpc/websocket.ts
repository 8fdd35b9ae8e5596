// WebSocket transport over the standard WebSocket API: the browser's in browser mode (and the `ws`
// client in Node tests, which implements the same interface). One binary frame per message
// (codec.ts); text frames are not part of the protocol.

import { appError, err, ok, type Result } from '../contract/index.js';
import { decodeFrame, encodeFrame } from './codec.js';
import type { Disposable } from './disposable.js';
import { consoleLogger, type Logger } from './logger.js';
import type { RpcMessage } from './protocol.js';
import { TransportClosedError, TransportEvents, type Transport } from './transport.js';

/** The part of the WebSocket interface this adapter uses (the DOM's WebSocket and `ws` both fit). */
export interface WebSocketLike {
  binaryType: string;
  readonly readyState: number;
  send(data: Uint8Array): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  addEventListener(type: 'open' | 'close' | 'error', listener: (event: unknown) => void): void;
  removeEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  removeEventListener(type: 'open' | 'close' | 'error', listener: (event: unknown) => void): void;
}

export interface WebSocketTransportOptions {
  logger?: Logger;
}

const OPEN = 1;
const NORMAL_CLOSURE = 1000;

/** Wraps a socket that is open already (see connectWebSocket). */
export function createWebSocketTransport(socket: WebSocketLike, options: WebSocketTransportOptions = {}): Transport {
  const logger = options.logger ?? consoleLogger;
  const events = new TransportEvents(logger);
  socket.binaryType = 'arraybuffer';
  socket.addEventListener('message', ({ data }) => {
    const message = decodeMessage(data, logger);
    if (message !== undefined) events.deliver(message.value);
  });
  socket.addEventListener('close', (event) => events.closed(describeClose(event)));
  return {
    send(message: RpcMessage) {
      events.assertOpen();
      if (socket.readyState !== OPEN) throw new TransportClosedError('the socket is not open');
      socket.send(encodeFrame(message));
    },
    onMessage: (listener): Disposable => events.onMessage(listener),
    onClose: (listener): Disposable => events.onClose(listener),
    close() {
      if (events.closed('closed by this side')) socket.close(NORMAL_CLOSURE);
    },
  };
}

function decodeMessage(data: unknown, logger: Logger): { value: unknown } | undefined {
  const frame = data instanceof ArrayBuffer ? new Uint8Array(data) : data instanceof Uint8Array ? data : undefined;
  if (frame === undefined) {
    logger.warn(`dropped a ${typeof data === 'string' ? 'text' : 'non-binary'} WebSocket frame: the protocol uses binary frames only`);
    return undefined;
  }
  try {
    return { value: decodeFrame(frame) };
  } catch (error) {
    logger.warn(`dropped a WebSocket frame: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}

function describeClose(event: unknown): string {
  const code = typeof event === 'object' && event !== null && 'code' in event ? String(event.code) : 'unknown';
  return `the socket closed (code ${code})`;
}

export interface ConnectWebSocketOptions extends WebSocketTransportOptions {
  /** Makes the socket; default: the global WebSocket (browsers, Node >= 22). */
  createSocket?: (url: string) => WebSocketLike;
}

/** Opens a socket and resolves once it is open, or with an `io` error when it cannot open. */
export function connectWebSocket(url: string, options: ConnectWebSocketOptions = {}): Promise<Result<Transport>> {
  const create = options.createSocket ?? globalWebSocket();
  if (create === undefined) return Promise.resolve(err(appError('unsupported', 'this environment has no WebSocket')));
  let socket: WebSocketLike;
  try {
    socket = create(url);
  } catch (error) {
    return Promise.resolve(err(appError('bad_input', `cannot open ${url}: ${error instanceof Error ? error.message : String(error)}`)));
  }
  return new Promise((resolve) => {
    const settle = (result: Result<Transport>): void => {
      socket.removeEventListener('open', onOpen);
      socket.removeEventListener('close', onFail);
      socket.removeEventListener('error', onFail);
      resolve(result);
    };
    const onOpen = (): void => settle(ok(createWebSocketTransport(socket, options)));
    // Browsers do not say why (a 401 and a refused connection look alike), so the message lists both.
    const onFail = (): void => settle(err(appError('io', `could not connect to ${url}: the server is not running or refused the token`)));
    socket.addEventListener('open', onOpen);
    socket.addEventListener('close', onFail);
    socket.addEventListener('error', onFail);
  });
}

function globalWebSocket(): ((url: string) => WebSocketLike) | undefined {
  const constructor = (globalThis as { WebSocket?: new (url: string) => WebSocketLike }).WebSocket;
  return constructor === undefined ? undefined : (url) => new constructor(url);
}

/** The RPC endpoint for a page served by app/server: http://host:port/... -> ws://host:port/rpc. */
export function rpcSocketUrl(pageUrl: string, path = '/rpc'): string {
  const url = new URL(path, pageUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.hash = '';
  return url.toString();
}
