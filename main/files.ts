// Small file helpers shared by settings, the run store and the external-run index.

import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { readRegularFile, type SafeReadOptions } from './safe-read.js';

/** JSON documents the app reads (settings, manifests, job lists) are far smaller than this. */
export const MAX_JSON_BYTES = 64 * 1024 * 1024;

/**
 * Writes a whole file or nothing: the text goes to a temporary file in the same folder (so the
 * rename stays on one file system), is flushed to disk, then renamed over the target. A crash
 * mid-write leaves the old file, never half of the new one. `mode` is the new file's (0600 for
 * files that hold secrets or commands: private from the first byte; the umask can only take bits away).
 */
export async function writeFileAtomic(target: string, text: string, mode = 0o644): Promise<void> {
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(temporary, 'wx', mode);
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
  | { kind: 'ok'; value: unknown; modifiedMs: number }
  | { kind: 'missing' }
  | { kind: 'unreadable'; reason: string }
  | { kind: 'invalid'; reason: string };

/**
 * Reads and parses a JSON file, saying what went wrong instead of throwing. The file is read with
 * the safe reader (safe-read.ts): a link, a FIFO, a device or a file over `maxBytes` is
 * 'unreadable' with the reason, never followed, waited on or loaded whole.
 */
export async function readJsonFile(file: string, options: Partial<SafeReadOptions> = {}): Promise<JsonRead> {
  const read = await readRegularFile(file, { ...options, maxBytes: options.maxBytes ?? MAX_JSON_BYTES });
  if (read.kind === 'missing') return { kind: 'missing' };
  if (read.kind !== 'ok') return { kind: 'unreadable', reason: read.reason };
  const text = read.bytes.toString('utf8');
  try {
    return { kind: 'ok', value: JSON.parse(text), modifiedMs: read.modifiedMs };
  } catch (error) {
    const why = text.trim() === '' ? 'the file is empty' : errorMessage(error);
    return { kind: 'invalid', reason: why };
  }
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
