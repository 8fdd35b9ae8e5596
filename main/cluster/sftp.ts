// SFTP operations as values (ssh2's callbacks wrapped once). Downloads go to a temporary name and
// are renamed when complete, so an interrupted transfer never leaves a file that looks whole.

import { mkdir, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { SFTPWrapper } from 'ssh2';
import { appError, err, ok, type Result } from '../../app/contract/index.js';
import { escapedName, relativePathProblem } from '../safe-path.js';
import type { RemoteEntry, RemoteEntryType } from './transport.js';

const NO_SUCH_FILE = 2;

function sftpError(what: string, error: Error & { code?: unknown }): Result<never> {
  return err(appError(error.code === NO_SUCH_FILE ? 'not_found' : 'io', `${what}: ${error.message}`));
}

export function sftpWriteFile(sftp: SFTPWrapper, path: string, data: string | Buffer, mode: number): Promise<Result<void>> {
  return new Promise((resolve) => {
    sftp.writeFile(path, data, { mode }, (error) => resolve(error ? sftpError(`could not write ${path}`, error) : ok(undefined)));
  });
}

export function sftpReadTail(sftp: SFTPWrapper, path: string, maxBytes: number): Promise<Result<string>> {
  return new Promise((resolve) => {
    sftp.stat(path, (statError, stats) => {
      if (statError) return resolve((statError as { code?: unknown }).code === NO_SUCH_FILE ? ok('') : sftpError(`could not read ${path}`, statError));
      const length = Math.min(stats.size, maxBytes);
      if (length === 0) return resolve(ok(''));
      sftp.open(path, 'r', (openError, handle) => {
        if (openError) return resolve(sftpError(`could not open ${path}`, openError));
        const buffer = Buffer.alloc(length);
        sftp.read(handle, buffer, 0, length, stats.size - length, (readError, bytesRead) => {
          sftp.close(handle, () => undefined);
          resolve(readError ? sftpError(`could not read ${path}`, readError) : ok(buffer.subarray(0, bytesRead).toString('utf8')));
        });
      });
    });
  });
}

/** What SFTP's readdir says an entry is; its attributes are the entry's own (the server lstat()s). */
export interface SftpDirEntry {
  filename: string;
  attrs: { size: number; isDirectory(): boolean; isFile(): boolean; isSymbolicLink(): boolean };
}

/** The part of an SFTP session the listing needs (so a test can answer as a hostile server would). */
export type SftpLister = { readdir(dir: string, callback: (error: Error | undefined, list: SftpDirEntry[]) => void): void };

function entryType(attrs: SftpDirEntry['attrs']): RemoteEntryType {
  if (attrs.isSymbolicLink()) return 'link';
  if (attrs.isDirectory()) return 'directory';
  return attrs.isFile() ? 'file' : 'other';
}

function readdir(sftp: SftpLister, dir: string) {
  return new Promise<Result<SftpDirEntry[]>>((resolve) => {
    sftp.readdir(dir, (error, list) => resolve(error ? sftpError(`could not list ${dir}`, error) : ok(list)));
  });
}

/**
 * Every entry below `root`, breadth first. A readdir name must be one plain segment: a server that
 * answers "../x", "a/b" or a name with a newline is refused at once, before anything is listed
 * below it or written anywhere (ssh2 itself drops "." and "..").
 */
export async function sftpListFiles(sftp: SftpLister, root: string): Promise<Result<RemoteEntry[]>> {
  const entries: RemoteEntry[] = [];
  const pending = [''];
  while (pending.length > 0) {
    const relative = pending.shift() as string;
    const listed = await readdir(sftp, relative === '' ? root : `${root}/${relative}`);
    if (!listed.ok) return listed;
    for (const entry of listed.value) {
      if (entry.filename === '.' || entry.filename === '..') continue;
      const problem = entry.filename.includes('/') ? 'a directory entry cannot contain "/"' : relativePathProblem(entry.filename);
      if (problem !== undefined) {
        return err(appError('bad_input', `refused the name ${escapedName(entry.filename)} that the SFTP server listed in ${root}/${relative}: ${problem}; nothing was written`));
      }
      const path = relative === '' ? entry.filename : `${relative}/${entry.filename}`;
      const type = entryType(entry.attrs);
      entries.push({ path, size: entry.attrs.size, type });
      if (type === 'directory') pending.push(path);
    }
  }
  return ok(entries);
}

export async function sftpDownload(sftp: SFTPWrapper, remotePath: string, localPath: string): Promise<Result<void>> {
  await mkdir(dirname(localPath), { recursive: true });
  const partial = `${localPath}.part`;
  const copied = await new Promise<Result<void>>((resolve) => {
    sftp.fastGet(remotePath, partial, (error) => resolve(error ? sftpError(`could not download ${remotePath}`, error) : ok(undefined)));
  });
  if (!copied.ok) return copied;
  await rename(partial, localPath);
  return ok(undefined);
}

export function sftpUpload(sftp: SFTPWrapper, localPath: string, remotePath: string): Promise<Result<void>> {
  return new Promise((resolve) => {
    sftp.fastPut(localPath, remotePath, (error) => resolve(error ? sftpError(`could not upload to ${remotePath}`, error) : ok(undefined)));
  });
}
