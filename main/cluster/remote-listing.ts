// What a remote says is in a run directory, read as untrusted data. Listings travel NUL-separated
// (`find -printf '%y %s %P\0'`): a file name may hold any byte but NUL and '/', so a newline in a
// name cannot start a new record, as it did when listings were split on lines. Every entry is then
// checked here, before anything is fetched: plain relative names only (safe-path.ts), regular
// files and folders only (a link, a FIFO or a device is refused, never followed or created).

import { appError, err, ok, type Result } from '../../app/contract/index.js';
import { escapedName, relativePathProblem } from '../safe-path.js';
import type { RemoteEntry, RemoteEntryType } from './transport.js';

/** find's -printf format for one record: type letter, size in bytes, path below the start. */
export const FIND_RECORD_FORMAT = '%y %s %P\\0';

const FIND_TYPES: Readonly<Record<string, RemoteEntryType>> = { f: 'file', d: 'directory', l: 'link' };

const utf8 = new TextDecoder('utf-8', { fatal: true });

export interface FindRecords {
  entries: RemoteEntry[];
  /** What follows the first empty record (the manifest's hash lines), or nothing. */
  rest: Buffer;
}

/** Splits `find -printf '%y %s %P\0'` output; an empty record ends the listing. */
export function parseFindRecords(bytes: Buffer, from: string): Result<FindRecords> {
  const entries: RemoteEntry[] = [];
  let start = 0;
  while (start < bytes.length) {
    const end = bytes.indexOf(0, start);
    if (end < 0) return err(appError('io', `the listing from ${from} was cut short (a record without its NUL end): fetch again`));
    const record = bytes.subarray(start, end);
    start = end + 1;
    if (record.length === 0) return ok({ entries, rest: bytes.subarray(start) });
    let text: string;
    try {
      text = utf8.decode(record);
    } catch {
      return err(appError('bad_input', `refused a name from ${from}: it is not valid UTF-8 (${JSON.stringify(record.toString('latin1'))}); nothing was written`));
    }
    const match = /^([a-zA-Z]) (\d+) ([^]*)$/u.exec(text);
    if (match === null) return err(appError('io', `expected a listing record "<type> <size> <path>" from ${from}, received ${escapedName(text.slice(0, 200))}`));
    const [, letter = '', size = '', path = ''] = match;
    entries.push({ path, size: Number(size), type: FIND_TYPES[letter] ?? 'other' });
  }
  return ok({ entries, rest: Buffer.alloc(0) });
}

function typeProblem(entry: RemoteEntry): string | undefined {
  if (entry.type === 'link') return 'it is a symbolic link (links are never fetched: one could point anywhere)';
  if (entry.type === 'other') return 'it is not a regular file or folder (a FIFO, a socket or a device)';
  if (!Number.isSafeInteger(entry.size) || entry.size < 0) return `its size ${String(entry.size)} is not a number of bytes`;
  return undefined;
}

/**
 * The regular files of a listing, or the first entry that makes the whole listing untrustworthy:
 * a run the solver wrote has no such entry, so nothing of it is fetched (no partial, silent copy).
 */
export function checkRemoteListing(entries: readonly RemoteEntry[], from: string): Result<RemoteEntry[]> {
  for (const entry of entries) {
    const problem = relativePathProblem(entry.path) ?? typeProblem(entry);
    if (problem !== undefined) return err(appError('bad_input', `refused the entry ${escapedName(entry.path)} listed by ${from}: ${problem}; nothing was fetched`));
  }
  return ok(entries.filter((entry) => entry.type === 'file'));
}
