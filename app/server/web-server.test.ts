import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { z } from 'zod';
import { ok } from '../contract/index.js';
import { RpcClient } from '../rpc/client.js';
import { silentLogger } from '../rpc/logger.js';
import { RpcServer } from '../rpc/server.js';
import { defineService } from '../rpc/service.js';
import { Float64ArraySchema } from '../rpc/typed-arrays.js';
import { connectWebSocket } from '../rpc/websocket.js';
import { contentSecurityPolicy } from './responses.js';
import { startWebServer, type WebServer } from './web-server.js';

const Math2 = defineService('math', {
  methods: { scale: { params: z.tuple([Float64ArraySchema, z.number()]), result: Float64ArraySchema } },
  events: {},
});

let root: string;
let staticDir: string;

beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'mfgw-web-'));
  staticDir = path.join(root, 'renderer');
  mkdirSync(path.join(staticDir, 'assets'), { recursive: true });
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>MFG Workbench</title>');
  writeFileSync(path.join(staticDir, 'assets', 'app.js'), 'console.log(1);');
  writeFileSync(path.join(staticDir, 'assets', 'style.css'), 'body{}');
  writeFileSync(path.join(root, 'secret.txt'), 'TOP SECRET');
  symlinkSync(path.join(root, 'secret.txt'), path.join(staticDir, 'assets', 'link.txt'));
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

function get(port: number, target: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path: target, method, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

type Opened = { ok: true; socket: WebSocket } | { ok: false; status: number };

function openSocket(url: string, options: { origin?: string; headers?: Record<string, string> }): Promise<Opened> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url, options);
    socket.once('open', () => resolve({ ok: true, socket }));
    socket.once('unexpected-response', (req, res) => {
      resolve({ ok: false, status: res.statusCode ?? 0 });
      req.destroy();
    });
    socket.once('error', () => resolve({ ok: false, status: -1 }));
  });
}

describe('startWebServer', () => {
  let server: WebServer;
  let rpcServer: RpcServer;
  let cookie: string;

  beforeAll(async () => {
    rpcServer = new RpcServer({ logger: silentLogger });
    rpcServer.register(Math2, { scale: async (values, factor) => ok(values.map((v) => v * factor)) });
    server = await startWebServer({ staticDir, rpcServer, logger: silentLogger });
    const login = await get(server.port, `/?token=${server.token}`);
    cookie = (login.headers['set-cookie']?.[0] ?? '').split(';')[0] ?? '';
  });

  afterAll(async () => server.close());

  it('listens on 127.0.0.1 with a random 32-byte token in the address it prints', () => {
    expect(server.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${server.token}`);
  });

  it('refuses requests without the token or with a wrong one, with the security headers', async () => {
    for (const target of ['/', '/index.html', '/assets/app.js', '/?token=wrong', `/?token=${server.token}x`]) {
      const answer = await get(server.port, target);
      expect(answer.status, target).toBe(401);
      expect(answer.body).toContain('?token=');
      expect(answer.headers['content-security-policy']).toBe(contentSecurityPolicy(server.port));
    }
    expect((await get(server.port, '/', { Cookie: `mfgw_token_${server.port}=nope` })).status).toBe(401);
    expect((await get(server.port, '/', { Cookie: `mfgw_token_1=${server.token}` })).status).toBe(401); // another port's cookie
  });

  it('trades the token for a strict HttpOnly cookie and redirects to /', async () => {
    const login = await get(server.port, `/?token=${server.token}`);
    expect(login.status).toBe(302);
    expect(login.headers.location).toBe('/');
    expect(login.headers['set-cookie']).toEqual([`mfgw_token_${server.port}=${server.token}; HttpOnly; SameSite=Strict; Path=/`]);
    const index = await get(server.port, '/', { Cookie: `theme=dark; ${cookie}` });
    expect(index.status).toBe(200);
    expect(index.body).toContain('MFG Workbench');
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(index.headers['cache-control']).toBe('no-store');
    expect(index.headers['content-security-policy']).toBe(contentSecurityPolicy(server.port));
    // The page may open sockets to this server only, not to any other port of 127.0.0.1.
    const connect = /connect-src ([^;]*)/.exec(String(index.headers['content-security-policy']))?.[1];
    expect(connect).toBe(`'self' ws://127.0.0.1:${server.port} ws://localhost:${server.port}`);
    expect(index.headers['x-content-type-options']).toBe('nosniff');
    expect(index.headers['referrer-policy']).toBe('no-referrer');
  });

  it('serves app files with their content types, to the cookie or to ?token= for scripts', async () => {
    const script = await get(server.port, '/assets/app.js', { Cookie: cookie });
    expect([script.status, script.headers['content-type'], script.body]).toEqual([200, 'text/javascript; charset=utf-8', 'console.log(1);']);
    const style = await get(server.port, `/assets/style.css?token=${server.token}`);
    expect([style.status, style.headers['content-type']]).toEqual([200, 'text/css; charset=utf-8']);
    const head = await get(server.port, '/assets/app.js', { Cookie: cookie }, 'HEAD');
    expect([head.status, head.headers['content-length'], head.body]).toEqual([200, '15', '']);
    expect((await get(server.port, '/missing.js', { Cookie: cookie })).status).toBe(404);
    expect((await get(server.port, '/assets', { Cookie: cookie })).status).toBe(404);
    expect((await get(server.port, '/', { Cookie: cookie }, 'POST')).status).toBe(405);
  });

  it('never serves a file outside the static directory', async () => {
    const attempts = [
      '/../secret.txt', '/assets/../../secret.txt', '/%2e%2e/secret.txt', '/%2E%2E%2Fsecret.txt', '/..%2fsecret.txt',
      '/assets/..%2f..%2fsecret.txt', '/assets/%2e%2e/%2e%2e/secret.txt', '/..%5csecret.txt', '/%252e%252e/secret.txt',
      `/${root.replace(/^\//, '')}/secret.txt`, `//${root}/secret.txt`, `/%2f${encodeURIComponent(root.slice(1))}%2fsecret.txt`,
      '/assets/link.txt', '/%00index.html', '/%E0%A4%A',
    ];
    for (const target of attempts) {
      const answer = await get(server.port, target, { Cookie: cookie });
      expect([400, 404], target).toContain(answer.status);
      expect(answer.body).not.toContain('TOP SECRET');
    }
  });

  it('checks the Host header against DNS rebinding', async () => {
    const evil = await get(server.port, `/?token=${server.token}`, { Host: `evil.example:${server.port}` });
    expect(evil.status).toBe(403);
    expect(evil.headers['content-security-policy']).toBe(contentSecurityPolicy(server.port));
    expect((await get(server.port, '/', { Host: `127.0.0.1:${server.port + 1}`, Cookie: cookie })).status).toBe(403);
    expect((await get(server.port, '/', { Host: `localhost:${server.port}`, Cookie: cookie })).status).toBe(200);
  });

  it('accepts a WebSocket on /rpc only with the token, its own Origin and Host', async () => {
    const url = `ws://127.0.0.1:${server.port}/rpc`;
    const origin = server.origin;
    expect(await openSocket(url, { origin })).toEqual({ ok: false, status: 401 });
    expect(await openSocket(`${url}?token=wrong`, { origin })).toEqual({ ok: false, status: 401 });
    expect(await openSocket(url, { headers: { Cookie: cookie } })).toEqual({ ok: false, status: 403 });
    expect(await openSocket(url, { origin: 'http://evil.example', headers: { Cookie: cookie } })).toEqual({ ok: false, status: 403 });
    expect(await openSocket(url, { origin: `http://localhost:${server.port}`, headers: { Cookie: cookie } })).toEqual({ ok: false, status: 403 });
    expect(await openSocket(url, { origin, headers: { Cookie: cookie, Host: `evil.example:${server.port}` } })).toEqual({ ok: false, status: 403 });
    expect(await openSocket(`ws://127.0.0.1:${server.port}/other`, { origin, headers: { Cookie: cookie } })).toEqual({ ok: false, status: 404 });
    const scripted = await openSocket(`${url}?token=${server.token}`, { origin });
    expect(scripted.ok).toBe(true);
    if (scripted.ok) scripted.socket.close();
  });

  it('round-trips an RPC call, typed arrays included, over the authenticated socket', async () => {
    const connected = await connectWebSocket(`ws://127.0.0.1:${server.port}/rpc`, {
      createSocket: (url) => new WebSocket(url, { origin: server.origin, headers: { Cookie: cookie } }),
      logger: silentLogger,
    });
    if (!connected.ok) throw new Error(connected.error.message);
    const client = new RpcClient(connected.value, { logger: silentLogger });
    const result = await client.proxy(Math2).scale(new Float64Array([1, 2, 3]), 2);
    expect(result).toEqual({ ok: true, value: new Float64Array([2, 4, 6]) });
    client.close();
  });
});

describe('startWebServer, life cycle and options', () => {
  const rpcServer = new RpcServer({ logger: silentLogger });
  let server: WebServer | undefined;

  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('answers 503 with build instructions when the renderer is not built', async () => {
    server = await startWebServer({ staticDir: path.join(root, 'not-built'), rpcServer, token: 'a-fixed-token-for-tests' });
    const answer = await get(server.port, '/?token=a-fixed-token-for-tests');
    expect(answer.status).toBe(302);
    const page = await get(server.port, '/', { Cookie: `mfgw_token_${server.port}=a-fixed-token-for-tests` });
    expect(page.status).toBe(503);
    expect(page.body).toContain('npm run build');
    expect(page.headers['cache-control']).toBe('no-store');
  });

  it('close() ends open sockets and releases the port', async () => {
    server = await startWebServer({ staticDir, rpcServer });
    const { port, origin, token } = server;
    const opened = await openSocket(`ws://127.0.0.1:${port}/rpc?token=${token}`, { origin });
    if (!opened.ok) throw new Error('the socket did not open');
    const closed = new Promise((resolve) => opened.socket.once('close', resolve));
    await server.close();
    server = undefined;
    await closed;
    const probe = createNetServer();
    await new Promise<void>((resolve, reject) => {
      probe.once('error', reject);
      probe.listen(port, '127.0.0.1', () => resolve());
    });
    await new Promise((resolve) => probe.close(resolve));
  });

  it('refuses other hosts, weak tokens and a port in use', async () => {
    await expect(startWebServer({ staticDir, rpcServer, host: '0.0.0.0' as '127.0.0.1' })).rejects.toThrow(/127\.0\.0\.1 only/);
    await expect(startWebServer({ staticDir, rpcServer, token: 'short' })).rejects.toThrow(/16 to 512 characters/);
    server = await startWebServer({ staticDir, rpcServer });
    await expect(startWebServer({ staticDir, rpcServer, port: server.port })).rejects.toThrow(/port is in use/);
    const other = await startWebServer({ staticDir, rpcServer });
    expect(other.token).not.toBe(server.token);
    await other.close();
  });
});
