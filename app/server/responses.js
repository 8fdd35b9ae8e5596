// Headers every response carries, and the few pages the server writes itself.
/** Strict, yet enough for a Vite-built React app with WebGL, workers and a WebSocket to itself. */
export const CONTENT_SECURITY_POLICY = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "connect-src 'self' ws://127.0.0.1:* ws://localhost:*",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
].join('; ');
export const SECURITY_HEADERS = {
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
};
export function applySecurityHeaders(response) {
    for (const [name, value] of Object.entries(SECURITY_HEADERS))
        response.setHeader(name, value);
}
const escapeHtml = (text) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
function page(title, paragraphs) {
    const body = paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n');
    return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>\n<body><h1>${escapeHtml(title)}</h1>\n${body}\n</body></html>\n`;
}
/** A short page, never cached (it describes a state that will change). */
export function sendPage(response, status, title, paragraphs) {
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
};
//# sourceMappingURL=responses.js.map