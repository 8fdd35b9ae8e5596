// Headers every response carries, and the few pages the server writes itself.

import type { ServerResponse } from 'node:http';
import { BASE_SECURITY_HEADERS, policyConnectingTo } from '../../main/shell/security-headers.js';

/**
 * Strict, yet enough for a Vite-built React app with WebGL, workers and a WebSocket to itself:
 * connect-src names this server's own ws origins only (the two Host names it answers to), never
 * another port of 127.0.0.1, where other local services may listen.
 */
export function contentSecurityPolicy(port: number): string {
  return policyConnectingTo(`'self' ws://127.0.0.1:${port} ws://localhost:${port}`);
}

/** The headers every answer carries (BASE_SECURITY_HEADERS), with the CSP of this server's port. */
export function applySecurityHeaders(response: ServerResponse, port: number): void {
  for (const [name, value] of Object.entries(BASE_SECURITY_HEADERS)) response.setHeader(name, value);
  response.setHeader('Content-Security-Policy', contentSecurityPolicy(port));
}

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title: string, paragraphs: readonly string[]): string {
  const body = paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n');
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>\n<body><h1>${escapeHtml(title)}</h1>\n${body}\n</body></html>\n`;
}

/** A short page, never cached (it describes a state that will change). */
export function sendPage(response: ServerResponse, status: number, title: string, paragraphs: readonly string[]): void {
  const html = page(title, paragraphs);
  response.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': Buffer.byteLength(html),
    'Cache-Control': 'no-store',
  });
  response.end(response.req.method === 'HEAD' ? undefined : html);
}

export const PAGES = {
  unauthorized: ['MFG Workbench: access token needed', [
    'This server only answers requests that carry its access token.',
    'Open the full address that `mfgw web` (or `npm run web`) printed when it started: it ends in ?token=...',
  ]],
  forbiddenHost: ['MFG Workbench: unexpected host', [
    'Reach this server as 127.0.0.1 or localhost with its port (for a remote machine, forward the port with ssh -L).',
  ]],
  notBuilt: ['MFG Workbench: the app is not built yet', [
    'The browser app has not been built on this machine.',
    'Run `npm run build` in the repository, then reload this page.',
  ]],
  notFound: ['Not found', ['There is no such file in the app.']],
  badRequest: ['Bad request', ['The request path is not valid.']],
  methodNotAllowed: ['Method not allowed', ['Only GET and HEAD are served here.']],
} as const satisfies Record<string, readonly [string, readonly string[]]>;
