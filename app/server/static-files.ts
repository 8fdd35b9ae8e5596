// Serves the built renderer from one directory and nothing outside it: no "..", no encoded
// separators, no symlinks that lead out, no absolute paths.

import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import { contentTypeFor, resolveStaticPath } from '../../main/shell/static-paths.js';
import { PAGES, sendPage } from './responses.js';

async function isDirectory(candidate: string): Promise<boolean> {
  try {
    return (await stat(candidate)).isDirectory();
  } catch {
    return false;
  }
}

/** The file's real path when it is a regular file inside the real root; undefined otherwise. */
async function existingFileInside(root: string, file: string): Promise<{ real: string; size: number } | undefined> {
  try {
    const [realRoot, real] = await Promise.all([realpath(root), realpath(file)]);
    const relative = path.relative(realRoot, real);
    if (relative.startsWith('..') || path.isAbsolute(relative)) return undefined; // a symlink out
    const info = await stat(real);
    return info.isFile() ? { real, size: info.size } : undefined;
  } catch {
    return undefined;
  }
}

/** Answers a GET or HEAD for an app file (the caller has checked host, method and token). */
export async function serveStatic(response: ServerResponse, staticDir: string, rawPath: string): Promise<void> {
  if (!(await isDirectory(staticDir))) return sendPage(response, 503, ...PAGES.notBuilt);
  const resolved = resolveStaticPath(staticDir, rawPath);
  if (!resolved.ok) return sendPage(response, resolved.status, ...PAGES.badRequest);
  const found = await existingFileInside(staticDir, resolved.file);
  if (found === undefined) return sendPage(response, 404, ...PAGES.notFound);
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
