// Small file helpers shared by settings, the run store and the external-run index.

import { randomBytes } from 'node:crypto';
import { open, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';

/**
 * Writes a whole file or nothing: the text goes to a temporary file in the same folder (so the
 * rename stays on one file system), is flushed to disk, then renamed over the target. A crash
 * mid-write leaves the old file, never half of the new one.
 */
export async function writeFileAtomic(target: string, text: string): Promise<void> {
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(temporary, 'wx', 0o644);
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

export type JsonRead =
  | { kind: 'ok'; value: unknown }
  | { kind: 'missing' }
  | { kind: 'unreadable'; reason: string }
  | { kind: 'invalid'; reason: string };

/** Reads and parses a JSON file, saying what went wrong instead of throwing. */
export async function readJsonFile(file: string): Promise<JsonRead> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { kind: 'missing' };
    return { kind: 'unreadable', reason: errorMessage(error) };
  }
  try {
    return { kind: 'ok', value: JSON.parse(text) };
  } catch (error) {
    const why = text.trim() === '' ? 'the file is empty' : errorMessage(error);
    return { kind: 'invalid', reason: why };
  }
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
