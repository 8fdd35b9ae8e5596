import type { IncomingMessage } from 'node:http';
export declare function generateToken(): string;
/** A token given by the caller must be safe in a URL and a cookie, and not trivially guessable. */
export declare function checkTokenFormat(token: string): void;
/** Constant time whatever the lengths: both sides are hashed to 32 bytes before comparing. */
export declare function tokensEqual(candidate: string, expected: string): boolean;
/** One cookie per port: two servers on 127.0.0.1 (cookies ignore ports) do not overwrite each other. */
export declare function cookieName(port: number): string;
export declare function authCookie(port: number, token: string): string;
export declare function readCookie(header: string | undefined, name: string): string | undefined;
export interface RequestTarget {
    /** The path exactly as sent, before any decoding. */
    rawPath: string;
    query: URLSearchParams;
}
/** Splits the request target; undefined for anything but origin-form ("/path?query"). */
export declare function parseRequestTarget(url: string | undefined): RequestTarget | undefined;
export type TokenSource = 'query' | 'cookie';
/** Where a valid token came from, or undefined when the request carries none that matches. */
export declare function findValidToken(request: IncomingMessage, query: URLSearchParams, port: number, token: string): TokenSource | undefined;
/** The Host header must name this server by its loopback address or "localhost" (DNS rebinding). */
export declare function isAllowedHost(host: string | undefined, port: number): boolean;
/** A WebSocket may only be opened by a page of this very origin (the Host already checked). */
export declare function isOwnOrigin(origin: string | undefined, host: string | undefined): boolean;
