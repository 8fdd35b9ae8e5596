// `mfgw web --open` without the token on a command line: `xdg-open URL` (and the browser it
// starts) show their arguments to every local user in `ps`, and whoever holds the token can run
// commands as this user (docs/security.md). So the browser is given a file:// address of a small
// page that only this user can read (mode 0600 in a 0700 folder of the config directory); the page
// forwards to the tokenised address, which the server trades for a cookie and takes out of the
// address bar. Jupyter opens its servers the same way. The page is removed when the server stops.

import { randomBytes } from 'node:crypto';
import { chmod, lstat, mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { appError, err, ok, type Result } from '../../app/contract/index.js';
import { errorMessage } from '../files.js';

export interface LaunchPage {
  /** The page's file:// address: safe to show and to pass on a command line. */
  url: string;
  file: string;
  remove(): Promise<void>;
}

const escapeAttribute = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A private folder: made 0700, or tightened to 0700 if it is ours; a link there is refused. */
async function privateFolder(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const info = await lstat(dir);
  if (info.isSymbolicLink() || !info.isDirectory()) throw new Error(`${dir} is not a plain folder`);
  if ((info.mode & 0o077) !== 0) await chmod(dir, 0o700);
}

/** Writes the forwarding page for `serverUrl` (which carries the token) into `runtimeDir`. */
export async function writeLaunchPage(runtimeDir: string, serverUrl: string): Promise<Result<LaunchPage>> {
  const file = path.join(runtimeDir, `open-${randomBytes(8).toString('hex')}.html`);
  const target = escapeAttribute(serverUrl);
  const html = `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=${target}">` +
    `<title>MFG Workbench</title></head>\n<body><p>Opening <a href="${target}">MFG Workbench</a>…</p></body></html>\n`;
  try {
    await privateFolder(runtimeDir);
    await writeFile(file, html, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    return err(appError('io', `could not write the page that opens the browser (${file}): ${errorMessage(error)}`));
  }
  return ok({ url: pathToFileURL(file).href, file, remove: () => rm(file, { force: true }) });
}
