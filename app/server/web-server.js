// Browser mode: the renderer's files and the RPC on one 127.0.0.1 port, behind a token. The same
// RpcServer (the same services) as the Electron shell; only the transport differs.
import { createServer } from 'node:http';
import { WebSocketServer } from 'ws';
import { createNodeWebSocketTransport } from '../rpc/websocket-node.js';
import { authCookie, checkTokenFormat, findValidToken, generateToken, isAllowedHost, isOwnOrigin, parseRequestTarget, } from './auth.js';
import { PAGES, applySecurityHeaders, sendPage } from './responses.js';
import { serveStatic } from './static-files.js';
export const RPC_PATH = '/rpc';
/** Requests are specs and slice coordinates; the big payloads (field slices) go the other way. */
export const MAX_INCOMING_MESSAGE_BYTES = 64 * 1024 * 1024;
export async function startWebServer(options) {
    const host = options.host ?? '127.0.0.1';
    if (host !== '127.0.0.1')
        throw new Error(`the web server binds 127.0.0.1 only, not ${String(host)}`);
    const token = options.token ?? generateToken();
    checkTokenFormat(token);
    const settings = { port: 0, token, staticDir: options.staticDir };
    const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_INCOMING_MESSAGE_BYTES });
    let connections = 0;
    sockets.on('connection', (socket) => {
        connections += 1;
        const transport = createNodeWebSocketTransport(socket, { logger: options.logger });
        options.rpcServer.connect(transport, { connectionId: `browser-${connections}` });
    });
    const server = createServer((request, response) => {
        handleRequest(request, response, settings).catch((error) => {
            options.logger?.warn('a request failed', error);
            if (!response.headersSent)
                sendPage(response, 500, 'Internal error', ['The server failed to answer this request.']);
            else
                response.destroy();
        });
    });
    server.on('upgrade', (request, socket, head) => {
        const refusal = checkUpgrade(request, settings);
        if (refusal !== undefined)
            return refuseUpgrade(socket, refusal);
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
            for (const socket of sockets.clients)
                socket.terminate();
            sockets.close();
            server.closeAllConnections();
            await new Promise((resolve) => server.close(() => resolve()));
        },
    };
}
function listen(server, host, port) {
    return new Promise((resolve, reject) => {
        server.once('error', (error) => {
            const why = error.code === 'EADDRINUSE' ? 'the port is in use (pass port 0 for a free one)' : error.message;
            reject(new Error(`cannot listen on ${host}:${port}: ${why}`));
        });
        server.listen({ host, port }, () => resolve(server.address().port));
    });
}
async function handleRequest(request, response, settings) {
    applySecurityHeaders(response);
    if (!isAllowedHost(request.headers.host, settings.port))
        return sendPage(response, 403, ...PAGES.forbiddenHost);
    const target = parseRequestTarget(request.url);
    if (target === undefined)
        return sendPage(response, 400, ...PAGES.badRequest);
    if (request.method !== 'GET' && request.method !== 'HEAD') {
        response.setHeader('Allow', 'GET, HEAD');
        return sendPage(response, 405, ...PAGES.methodNotAllowed);
    }
    const source = findValidToken(request, target.query, settings.port, settings.token);
    if (source === undefined)
        return sendPage(response, 401, ...PAGES.unauthorized);
    if (source === 'query' && target.rawPath === '/') {
        // Trade the token in the address bar for a cookie, and take it out of the address bar.
        response.writeHead(302, { 'Set-Cookie': authCookie(settings.port, settings.token), Location: '/', 'Cache-Control': 'no-store' });
        response.end();
        return;
    }
    await serveStatic(response, settings.staticDir, target.rawPath);
}
function checkUpgrade(request, settings) {
    const target = parseRequestTarget(request.url);
    if (target === undefined)
        return { status: 400, reason: 'Bad Request' };
    if (target.rawPath !== RPC_PATH)
        return { status: 404, reason: 'Not Found' };
    const { host, origin } = request.headers;
    if (!isAllowedHost(host, settings.port))
        return { status: 403, reason: 'Forbidden' };
    if (!isOwnOrigin(origin, host))
        return { status: 403, reason: 'Forbidden' };
    if (findValidToken(request, target.query, settings.port, settings.token) === undefined)
        return { status: 401, reason: 'Unauthorized' };
    return undefined;
}
function refuseUpgrade(socket, refusal) {
    const body = `${refusal.status} ${refusal.reason}\n`;
    socket.once('finish', () => socket.destroy());
    socket.end(`HTTP/1.1 ${refusal.status} ${refusal.reason}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\n`
        + `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
}
//# sourceMappingURL=web-server.js.map