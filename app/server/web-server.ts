// Browser mode: the renderer's files and the RPC on one 127.0.0.1 port, behind a token. The same
// RpcServer (the same services) as the Electron shell; only the transport differs.

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { Logger } from '../rpc/logger.js';
import type { RpcServer } from '../rpc/server.js';
import { createNodeWebSocketTransport } from '../rpc/websocket-node.js';
import {
  authCookie, checkTokenFormat, findValidToken, generateToken, isAllowedHost, isOwnOrigin, parseRequestTarget,
} from './auth.js';
import { PAGES, applySecurityHeaders, sendPage } from './responses.js';
import { serveStatic } from './static-files.js';

export const RPC_PATH = '/rpc';
/** Requests are specs and slice coordinates; the big payloads (field slices) go the other way. */
export const MAX_INCOMING_MESSAGE_BYTES = 64 * 1024 * 1024;

export interface WebServerOptions {
  /** Loopback only: the token is the only lock, so the server is never reachable from the network. */
  host?: '127.0.0.1';
  /** 0 (default) picks a free port. */
  port?: number;
  /** The built renderer (index.html and its assets); may not exist yet. */
  staticDir: string;
  rpcServer: RpcServer;
  /** Default: 32 random bytes, base64url. */
  token?: string;
  logger?: Logger;
}

export interface WebServer {
  /** The address to open: it carries the token, which the server trades for a cookie. */
  url: string;
  /** http://127.0.0.1:<port> */
  origin: string;
  port: number;
  token: string;
  /** Stops listening, closes every socket (running calls are aborted) and frees the port. */
  close(): Promise<void>;
}

interface Settings {
  port: number;
  token: string;
  staticDir: string;
}

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const host = options.host ?? '127.0.0.1';
  if (host !== '127.0.0.1') throw new Error(`the web server binds 127.0.0.1 only, not ${String(host)}`);
  const token = options.token ?? generateToken();
  checkTokenFormat(token);
  const settings: Settings = { port: 0, token, staticDir: options.staticDir };
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_INCOMING_MESSAGE_BYTES });
  let connections = 0;
  sockets.on('connection', (socket) => {
    connections += 1;
    const transport = createNodeWebSocketTransport(socket, { logger: options.logger });
    options.rpcServer.connect(transport, { connectionId: `browser-${connections}` });
  });
  const server = createServer((request, response) => {
    handleRequest(request, response, settings).catch((error: unknown) => {
      options.logger?.warn('a request failed', error);
      if (!response.headersSent) sendPage(response, 500, 'Internal error', ['The server failed to answer this request.']);
      else response.destroy();
    });
  });
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const refusal = checkUpgrade(request, settings);
    if (refusal !== undefined) return refuseUpgrade(socket, refusal);
    sockets.handleUpgrade(request, socket, head, (ws) => sockets.emit('connection', ws, request));
  });
  settings.port = await listen(server, host, options.port ?? 0);
  const origin = `http://${host}:${settings.port}`;
  return {
    url: `${origin}/?token=${token}`,
    origin,
    port: settings.port,
    token,
    close: async () => {
      for (const socket of sockets.clients) socket.terminate();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function listen(server: ReturnType<typeof createServer>, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      const why = error.code === 'EADDRINUSE' ? 'the port is in use (pass port 0 for a free one)' : error.message;
      reject(new Error(`cannot listen on ${host}:${port}: ${why}`));
    });
    server.listen({ host, port }, () => resolve((server.address() as AddressInfo).port));
  });
}

async function handleRequest(request: IncomingMessage, response: ServerResponse, settings: Settings): Promise<void> {
  applySecurityHeaders(response, settings.port);
  if (!isAllowedHost(request.headers.host, settings.port)) return sendPage(response, 403, ...PAGES.forbiddenHost);
  const target = parseRequestTarget(request.url);
  if (target === undefined) return sendPage(response, 400, ...PAGES.badRequest);
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.setHeader('Allow', 'GET, HEAD');
    return sendPage(response, 405, ...PAGES.methodNotAllowed);
  }
  const source = findValidToken(request, target.query, settings.port, settings.token);
  if (source === undefined) return sendPage(response, 401, ...PAGES.unauthorized);
  if (source === 'query' && target.rawPath === '/') {
    // Trade the token in the address bar for a cookie, and take it out of the address bar.
    response.writeHead(302, { 'Set-Cookie': authCookie(settings.port, settings.token), Location: '/', 'Cache-Control': 'no-store' });
    response.end();
    return;
  }
  await serveStatic(response, settings.staticDir, target.rawPath);
}

interface Refusal {
  status: 401 | 403 | 404 | 400;
  reason: string;
}

function checkUpgrade(request: IncomingMessage, settings: Settings): Refusal | undefined {
  const target = parseRequestTarget(request.url);
  if (target === undefined) return { status: 400, reason: 'Bad Request' };
  if (target.rawPath !== RPC_PATH) return { status: 404, reason: 'Not Found' };
  const { host, origin } = request.headers;
  if (!isAllowedHost(host, settings.port)) return { status: 403, reason: 'Forbidden' };
  if (!isOwnOrigin(origin, host)) return { status: 403, reason: 'Forbidden' };
  if (findValidToken(request, target.query, settings.port, settings.token) === undefined) return { status: 401, reason: 'Unauthorized' };
  return undefined;
}

function refuseUpgrade(socket: Duplex, refusal: Refusal): void {
  const body = `${refusal.status} ${refusal.reason}\n`;
  socket.once('finish', () => socket.destroy());
  socket.end(
    `HTTP/1.1 ${refusal.status} ${refusal.reason}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\n`
    + `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}
