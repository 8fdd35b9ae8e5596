// Which file of the built renderer a request path names, and its content type: shared by the two
// shells that serve the renderer (browser mode's server, app/server/static-files.ts, and the
// desktop's app:// protocol, main/shell/app-files.ts), so both refuse the same paths.

import path from 'node:path';

export const CONTENT_TYPES: Readonly<Record<string, string>> = {
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

export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

export type StaticPath = { ok: true; file: string } | { ok: false; status: 400 };

/**
 * Maps a raw request path to a file under `root`. The path is decoded once; any ".." segment, NUL
 * or backslash after decoding is refused outright rather than normalised away, so "%2e%2e" and
 * "..%2f" cannot climb out. "/" is index.html.
 */
export function resolveStaticPath(root: string, rawPath: string): StaticPath {
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return { ok: false, status: 400 };
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return { ok: false, status: 400 };
  const segments = decoded.split('/').filter((segment) => segment !== '' && segment !== '.');
  if (segments.includes('..')) return { ok: false, status: 400 };
  const file = path.join(root, ...(segments.length === 0 ? ['index.html'] : segments));
  const relative = path.relative(root, file);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return { ok: false, status: 400 };
  return { ok: true, file };
}
