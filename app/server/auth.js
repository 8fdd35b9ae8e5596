// Who may use the browser-mode server: whoever holds the token printed at start (as Jupyter does),
// from a page this server served. The Host and Origin checks stop DNS rebinding and cross-site
// WebSocket hijacking; the token stops other local users and other local web pages.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
const TOKEN_BYTES = 32;
const TOKEN_FORMAT = /^[A-Za-z0-9_-]{16,512}$/;
export function generateToken() {
    return randomBytes(TOKEN_BYTES).toString('base64url');
}
/** A token given by the caller must be safe in a URL and a cookie, and not trivially guessable. */
export function checkTokenFormat(token) {
    if (!TOKEN_FORMAT.test(token)) {
        throw new Error('the token must be 16 to 512 characters of A-Z, a-z, 0-9, "-" or "_"');
    }
}
/** Constant time whatever the lengths: both sides are hashed to 32 bytes before comparing. */
export function tokensEqual(candidate, expected) {
    const digest = (text) => createHash('sha256').update(text, 'utf8').digest();
    return timingSafeEqual(digest(candidate), digest(expected));
}
/** One cookie per port: two servers on 127.0.0.1 (cookies ignore ports) do not overwrite each other. */
export function cookieName(port) {
    return `mfgw_token_${port}`;
}
export function authCookie(port, token) {
    return `${cookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`;
}
export function readCookie(header, name) {
    for (const part of (header ?? '').split(';')) {
        const separator = part.indexOf('=');
        if (separator > 0 && part.slice(0, separator).trim() === name)
            return part.slice(separator + 1).trim();
    }
    return undefined;
}
/** Splits the request target; undefined for anything but origin-form ("/path?query"). */
export function parseRequestTarget(url) {
    if (url === undefined || !url.startsWith('/'))
        return undefined;
    const mark = url.indexOf('?');
    return mark < 0
        ? { rawPath: url, query: new URLSearchParams() }
        : { rawPath: url.slice(0, mark), query: new URLSearchParams(url.slice(mark + 1)) };
}
/** Where a valid token came from, or undefined when the request carries none that matches. */
export function findValidToken(request, query, port, token) {
    const fromQuery = query.get('token');
    if (fromQuery !== null && tokensEqual(fromQuery, token))
        return 'query';
    const fromCookie = readCookie(request.headers.cookie, cookieName(port));
    if (fromCookie !== undefined && tokensEqual(fromCookie, token))
        return 'cookie';
    return undefined;
}
/** The Host header must name this server by its loopback address or "localhost" (DNS rebinding). */
export function isAllowedHost(host, port) {
    const value = (host ?? '').toLowerCase();
    return value === `127.0.0.1:${port}` || value === `localhost:${port}`;
}
/** A WebSocket may only be opened by a page of this very origin (the Host already checked). */
export function isOwnOrigin(origin, host) {
    return origin !== undefined && host !== undefined && origin.toLowerCase() === `http://${host.toLowerCase()}`;
}
//# sourceMappingURL=auth.js.map