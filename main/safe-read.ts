// The one way the services read a file that someone else may have made (a run directory, a config
// file): the file is opened without following a link in its last component (O_NOFOLLOW) and without
// blocking (O_NONBLOCK, so a FIFO named run.json answers at once instead of holding one of Node's
// four file I/O threads forever), then checked on the open handle: a regular file, really inside
// the directory it must be in (the opened file's own path, so a link in a folder above it is seen
// too), no bigger than the caller's cap and, where the format implies it, exactly that size. Only
// then is it read, and a file that shrinks while read is refused rather than returned short.

import { constants, type Stats } from 'node:fs';
import { open, readlink, realpath, type FileHandle } from 'node:fs/promises';
import { isInside } from './safe-path.js';

export interface SafeReadOptions {
  /** The most bytes accepted: a bigger file is refused before anything is read. */
  maxBytes: number;
  /** The exact size the format implies (a zarr chunk): any other size is refused before reading. */
  exactBytes?: number;
  /** A directory the file must really be inside (links anywhere on the way are resolved). */
  within?: string;
  /**
   * Follow a link in the last component: only for files the user named themselves (a spec given to
   * mfgw, a settings file a dotfile manager links); never inside run directories. Default false.
   */
  followLinks?: boolean;
}

export type SafeRead =
  | { kind: 'ok'; bytes: Buffer; modifiedMs: number }
  | { kind: 'missing' }
  /** Not a file the caller may read: a link, a FIFO, a device, a folder, too big, the wrong size, outside. */
  | { kind: 'refused'; reason: string }
  | { kind: 'unreadable'; reason: string };

const errorMessage = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** O_NOFOLLOW and O_NONBLOCK where the platform has them (Windows has neither, nor FIFOs or links of this kind). */
export const SAFE_OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

export function describeFileType(info: Stats): string {
  if (info.isDirectory()) return 'a directory';
  if (info.isFIFO()) return 'a FIFO (named pipe)';
  if (info.isCharacterDevice()) return 'a character device';
  if (info.isBlockDevice()) return 'a block device';
  if (info.isSocket()) return 'a socket';
  if (info.isSymbolicLink()) return 'a symbolic link';
  return info.isFile() ? 'a regular file' : 'not a regular file';
}

function openFailure(error: unknown): SafeRead {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'missing' };
  if (code === 'ELOOP') return { kind: 'refused', reason: 'it is a symbolic link, and links are never followed here' };
  if (code === 'ENXIO' || code === 'EOPNOTSUPP') return { kind: 'refused', reason: 'it is a socket or a device, not a regular file' };
  return { kind: 'unreadable', reason: errorMessage(error) };
}

/** The path of the file the handle has open (Linux: /proc; elsewhere the name resolved now). */
async function openedPath(handle: FileHandle, file: string): Promise<string | undefined> {
  if (process.platform === 'linux') {
    const linked = await readlink(`/proc/self/fd/${handle.fd}`).catch(() => undefined);
    if (linked !== undefined) return linked;
  }
  return realpath(file).catch(() => undefined);
}

async function checkOpened(handle: FileHandle, file: string, options: SafeReadOptions): Promise<SafeRead | Stats> {
  const info = await handle.stat();
  if (!info.isFile()) return { kind: 'refused', reason: `it is ${describeFileType(info)}, not a regular file` };
  if (options.within !== undefined) {
    const [root, actual] = await Promise.all([realpath(options.within).catch(() => undefined), openedPath(handle, file)]);
    if (root === undefined || actual === undefined || !isInside(root, actual)) {
      return { kind: 'refused', reason: `it is not inside ${options.within} (a link on the way leads to ${actual ?? 'an unknown place'})` };
    }
  }
  if (options.exactBytes !== undefined && info.size !== options.exactBytes) {
    return { kind: 'refused', reason: `it has ${info.size} bytes, expected exactly ${options.exactBytes}` };
  }
  if (info.size > options.maxBytes) return { kind: 'refused', reason: `it has ${info.size} bytes, more than the ${options.maxBytes} accepted here` };
  return info;
}

/** Reads a whole regular file under the rules above; never throws, never blocks on a FIFO. */
export async function readRegularFile(file: string, options: SafeReadOptions): Promise<SafeRead> {
  let handle: FileHandle;
  try {
    handle = await open(file, options.followLinks === true ? constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) : SAFE_OPEN_FLAGS);
  } catch (error) {
    return openFailure(error);
  }
  try {
    const checked = await checkOpened(handle, file, options);
    if ('kind' in checked) return checked;
    const size = checked.size;
    const bytes = Buffer.allocUnsafe(size);
    let offset = 0;
    while (offset < size) {
      const { bytesRead } = await handle.read(bytes, offset, size - offset, offset);
      if (bytesRead === 0) break;
      offset += bytesRead;
    }
    if (offset < size) return { kind: 'refused', reason: `it shrank while being read (expected ${size} bytes, read ${offset})` };
    return { kind: 'ok', bytes, modifiedMs: checked.mtimeMs };
  } catch (error) {
    return { kind: 'unreadable', reason: errorMessage(error) };
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/** The outcome as a sentence about `file` (for messages that say what was found and what to do). */
export function describeRefusal(file: string, read: Exclude<SafeRead, { kind: 'ok' }>): string {
  if (read.kind === 'missing') return `${file} does not exist`;
  if (read.kind === 'refused') return `${file} was not read: ${read.reason}`;
  return `${file} could not be read (${read.reason})`;
}
