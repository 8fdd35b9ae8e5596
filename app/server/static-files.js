// Serves the built renderer from one directory and nothing outside it: no "..", no encoded
// separators, no symlinks that lead out, no absolute paths.
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { PAGES, sendPage } from './responses.js';
export const CONTENT_TYPES = {
    '.html': 'text/html; charset=utf-8',
    '.js': 'text/javascript; charset=utf-8',
    '.mjs': 'text/javascript; charset=utf-8',
    '.css': 'text/css; charset=utf-8',
    '.json': 'application/json; charset=utf-8',
    '.map': 'application/json; charset=utf-8',
    '.txt': 'text/plain; charset=utf-8',
    '.svg': 'image/svg+xml',
    '.png': 'image/png',
    '.jpg': 'image/jpeg',
    '.jpeg': 'image/jpeg',
    '.gif': 'image/gif',
    '.webp': 'image/webp',
    '.ico': 'image/x-icon',
    '.woff': 'font/woff',
    '.woff2': 'font/woff2',
    '.ttf': 'font/ttf',
    '.otf': 'font/otf',
    '.wasm': 'application/wasm',
    '.webmanifest': 'application/manifest+json',
};
export function contentTypeFor(file) {
    return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}
/**
 * Maps a raw request path to a file under `root`. The path is decoded once; any ".." segment, NUL
 * or backslash after decoding is refused outright rather than normalised away, so "%2e%2e" and
 * "..%2f" cannot climb out. "/" is index.html.
 */
export function resolveStaticPath(root, rawPath) {
    let decoded;
    try {
        decoded = decodeURIComponent(rawPath);
    }
    catch {
        return { ok: false, status: 400 };
    }
    if (decoded.includes('\0') || decoded.includes('\\'))
        return { ok: false, status: 400 };
    const segments = decoded.split('/').filter((segment) => segment !== '' && segment !== '.');
    if (segments.includes('..'))
        return { ok: false, status: 400 };
    const file = path.join(root, ...(segments.length === 0 ? ['index.html'] : segments));
    const relative = path.relative(root, file);
    if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative))
        return { ok: false, status: 400 };
    return { ok: true, file };
}
async function isDirectory(candidate) {
    try {
        return (await stat(candidate)).isDirectory();
    }
    catch {
        return false;
    }
}
/** The file's real path when it is a regular file inside the real root; undefined otherwise. */
async function existingFileInside(root, file) {
    try {
        const [realRoot, real] = await Promise.all([realpath(root), realpath(file)]);
        const relative = path.relative(realRoot, real);
        if (relative.startsWith('..') || path.isAbsolute(relative))
            return undefined; // a symlink out
        const info = await stat(real);
        return info.isFile() ? { real, size: info.size } : undefined;
    }
    catch {
        return undefined;
    }
}
/** Answers a GET or HEAD for an app file (the caller has checked host, method and token). */
export async function serveStatic(response, staticDir, rawPath) {
    if (!(await isDirectory(staticDir)))
        return sendPage(response, 503, ...PAGES.notBuilt);
    const resolved = resolveStaticPath(staticDir, rawPath);
    if (!resolved.ok)
        return sendPage(response, resolved.status, ...PAGES.badRequest);
    const found = await existingFileInside(staticDir, resolved.file);
    if (found === undefined)
        return sendPage(response, 404, ...PAGES.notFound);
    // HTML names no hashed assets of its own: always fetch it fresh, so a rebuild shows at once.
    const isHtml = path.extname(found.real).toLowerCase() === '.html';
    response.writeHead(200, {
        'Content-Type': contentTypeFor(found.real),
        'Content-Length': found.size,
        'Cache-Control': isHtml ? 'no-store' : 'no-cache',
    });
    if (response.req.method === 'HEAD') {
        response.end();
        return;
    }
    const stream = createReadStream(found.real);
    stream.on('error', () => response.destroy());
    stream.pipe(response);
}
//# sourceMappingURL=static-files.js.map