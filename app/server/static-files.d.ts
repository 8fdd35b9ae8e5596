import type { ServerResponse } from 'node:http';
export declare const CONTENT_TYPES: Readonly<Record<string, string>>;
export declare function contentTypeFor(file: string): string;
export type StaticPath = {
    ok: true;
    file: string;
} | {
    ok: false;
    status: 400;
};
/**
 * Maps a raw request path to a file under `root`. The path is decoded once; any ".." segment, NUL
 * or backslash after decoding is refused outright rather than normalised away, so "%2e%2e" and
 * "..%2f" cannot climb out. "/" is index.html.
 */
export declare function resolveStaticPath(root: string, rawPath: string): StaticPath;
/** Answers a GET or HEAD for an app file (the caller has checked host, method and token). */
export declare function serveStatic(response: ServerResponse, staticDir: string, rawPath: string): Promise<void>;
