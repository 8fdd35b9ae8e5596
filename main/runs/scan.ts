// Finds the run directories directly inside the runs folder. Links are not followed (a link could
// lead outside the folder, and deleting through one would delete elsewhere); folders that are not
// run directories (no run.json, no fields.zarr) are not runs and are left alone.

import { readdir, realpath } from 'node:fs/promises';
import path from 'node:path';
import { looksLikeRunDirectory } from './run-directory.js';

/**
 * Absolute paths below the runs folder's real path (so a run has the same id however the folder is
 * reached); a runs folder that does not exist yet holds no runs.
 */
export async function scanRunsFolder(configured: string): Promise<string[]> {
  let runsFolder: string;
  let entries;
  try {
    runsFolder = await realpath(configured);
    entries = await readdir(runsFolder, { withFileTypes: true });
  } catch {
    return [];
  }
  const folders = entries.filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'));
  const checks = await Promise.all(folders.map(async (entry) => {
    const directory = path.join(runsFolder, entry.name);
    return (await looksLikeRunDirectory(directory)) ? directory : undefined;
  }));
  return checks.filter((directory): directory is string => directory !== undefined);
}
