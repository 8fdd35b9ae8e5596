// Exports appear whole or not at all: bytes go to a hidden temporary file in the target folder and
// are renamed to the final name when complete (a rename within one folder is atomic), and any
// failure or cancel removes the temporary file. The folder is created when missing; an unwritable
// one is an error that names it and says what to do.

import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { appError, err, ok, type Result } from '../../app/contract/index.js';
import { errorMessage } from '../files.js';

export interface ExportDestination {
  readonly folder: string;
  readonly fileName: string;
  readonly path: string;
}

/** A temporary name beside the final one; hidden, and marked as partial for anyone who looks. */
export function temporaryPathFor(destination: ExportDestination): string {
  return path.join(destination.folder, `.${destination.fileName}.${randomBytes(4).toString('hex')}.partial`);
}

/** Creates the folder (and its parents) when missing; says why when it cannot. */
export async function prepareFolder(folder: string): Promise<Result<void>> {
  if (!path.isAbsolute(folder)) return err(appError('bad_input', `expected an absolute export folder, received '${folder}'`));
  try {
    const existing = await stat(folder).catch(() => undefined);
    if (existing !== undefined && !existing.isDirectory()) return err(appError('io', `cannot export into ${folder}: it is a file, not a folder; choose a folder`));
    await mkdir(folder, { recursive: true });
    return ok(undefined);
  } catch (error) {
    return err(appError('io', `cannot export into ${folder}: ${errorMessage(error)}; choose a folder you can write to`));
  }
}

/** Moves a finished temporary file to its final name (replacing an older export of that name). */
export async function commitTemporary(temporary: string, destination: ExportDestination): Promise<Result<{ path: string; bytes: number }>> {
  try {
    const { size } = await stat(temporary);
    await rename(temporary, destination.path);
    return ok({ path: destination.path, bytes: size });
  } catch (error) {
    await discardTemporary(temporary);
    return err(appError('io', `could not write ${destination.path}: ${errorMessage(error)}`));
  }
}

export async function discardTemporary(temporary: string): Promise<void> {
  await rm(temporary, { force: true }).catch(() => undefined);
}

/** Writes `bytes` to the destination atomically. */
export async function writeAtomically(destination: ExportDestination, bytes: Uint8Array | string): Promise<Result<{ path: string; bytes: number }>> {
  const folder = await prepareFolder(destination.folder);
  if (!folder.ok) return folder;
  const temporary = temporaryPathFor(destination);
  try {
    await writeFile(temporary, bytes, { flag: 'wx' });
  } catch (error) {
    await discardTemporary(temporary);
    return err(appError('io', `could not write ${destination.path}: ${errorMessage(error)}; choose a folder you can write to`));
  }
  return commitTemporary(temporary, destination);
}
