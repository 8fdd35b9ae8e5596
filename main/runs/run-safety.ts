// Deleting is the one destructive thing the app does to the user's files, so it is allowed in one
// narrow case only: a real directory (not a link) directly inside the runs folder that holds
// run.json or fields.zarr. Everything else is refused with a message that says why.

import { readdir, realpath, rm } from 'node:fs/promises';
import path from 'node:path';
import { appError, err, ok, type Result } from '../../app/contract/index.js';
import { errorMessage } from '../files.js';
import { isPlainDirectory, looksLikeRunDirectory } from './run-directory.js';

/** Resolves links so that a runs folder reached through a link is still compared correctly. */
async function resolved(target: string): Promise<string | undefined> {
  try {
    return await realpath(target);
  } catch {
    return undefined;
  }
}

/** Whether `directory` is a run directory directly inside `runsFolder` (links not followed). */
export async function checkDeletable(runsFolder: string, directory: string): Promise<Result<string>> {
  const refuse = (why: string): Result<string> => err(appError('bad_input', `refused to delete ${directory}: ${why}`));
  const root = await resolved(runsFolder);
  if (root === undefined) return refuse(`the runs folder ${runsFolder} does not exist`);
  if (!(await isPlainDirectory(directory))) return refuse('it is not a directory (or it is a link, which is never followed)');
  const parent = await resolved(path.dirname(path.resolve(directory)));
  const target = parent === undefined ? undefined : path.join(parent, path.basename(directory));
  if (target === undefined || parent !== root) {
    return refuse(`only run directories directly inside the runs folder (${root}) are deleted; this one is elsewhere`);
  }
  if (!(await looksLikeRunDirectory(target))) {
    return refuse(`it holds neither run.json nor fields.zarr, so it is not a run directory (found: ${await listing(target)})`);
  }
  return ok(target);
}

export async function deleteRunDirectory(runsFolder: string, directory: string): Promise<Result<void>> {
  const checked = await checkDeletable(runsFolder, directory);
  if (!checked.ok) return checked;
  try {
    await rm(checked.value, { recursive: true });
    return ok(undefined);
  } catch (error) {
    return err(appError('io', `could not delete ${checked.value}: ${errorMessage(error)}`));
  }
}

async function listing(directory: string): Promise<string> {
  try {
    const names = await readdir(directory);
    if (names.length === 0) return 'nothing';
    return names.slice(0, 5).join(', ') + (names.length > 5 ? `, and ${names.length - 5} more` : '');
  } catch {
    return 'nothing readable';
  }
}

/** Folder names for new runs: the name as lowercase words, then a UTC time stamp. */
export function runFolderName(name: string, now: Date): string {
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60).replace(/-+$/, '');
  const stamp = now.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
  return `${slug === '' ? 'run' : slug}-${stamp}`;
}
