// The desktop shell serves the built renderer through its own `app://` scheme rather than file://
// (Electron's security checklist: a custom protocol gives the page a real origin and lets every
// response carry a CSP). This is the part that can be tested without Electron: which file a
// request gets, with which headers, and nothing outside the renderer folder.

import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { BASE_SECURITY_HEADERS, policyConnectingTo } from './security-headers.js';
import { contentTypeFor, resolveStaticPath } from './static-paths.js';

export const APP_SCHEME = 'app';
export const APP_HOST = 'renderer';
/** The origin IPC messages must come from (app/rpc/electron/ipc-main.ts checks the sending frame's URL). */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_URL = `${APP_ORIGIN}/index.html`;

/** Browser mode's policy, but the page talks to the main process over IPC: no sockets at all. */
export const ELECTRON_CONTENT_SECURITY_POLICY = policyConnectingTo("'self'");

export const ELECTRON_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': ELECTRON_CONTENT_SECURITY_POLICY,
  ...BASE_SECURITY_HEADERS,
};

export interface AppFileResponse {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array;
}

function textResponse(status: number, text: string): AppFileResponse {
  return { status, headers: { ...ELECTRON_SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' }, body: new TextEncoder().encode(text) };
}

/** Answers `app://renderer/<path>` from `root`; other hosts, "..", links out and folders are refused. */
export async function readAppFile(root: string, requestUrl: string): Promise<AppFileResponse> {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return textResponse(400, 'Bad request');
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return textResponse(404, 'Not found');
  const resolved = resolveStaticPath(root, url.pathname);
  if (!resolved.ok) return textResponse(400, 'Bad request');
  try {
    const [realRoot, real] = await Promise.all([realpath(root), realpath(resolved.file)]);
    const relative = path.relative(realRoot, real);
    if (relative.startsWith('..') || path.isAbsolute(relative) || !(await stat(real)).isFile()) return textResponse(404, 'Not found');
    return { status: 200, headers: { ...ELECTRON_SECURITY_HEADERS, 'Content-Type': contentTypeFor(real), 'Cache-Control': 'no-cache' }, body: await readFile(real) };
  } catch {
    return textResponse(404, 'Not found: the renderer may not be built (npm run build:renderer)');
  }
}
