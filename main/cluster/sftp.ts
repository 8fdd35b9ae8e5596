// SFTP operations as values (ssh2's callbacks wrapped once). Downloads go to a temporary name and
// are renamed when complete, so an interrupted transfer never leaves a file that looks whole.

import { mkdir, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { SFTPWrapper } from 'ssh2';
import { appError, err, ok, type Result } from '../../app/contract/index.js';
import type { RemoteEntry } from './transport.js';

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

function readdir(sftp: SFTPWrapper, dir: string) {
  return new Promise<Result<{ filename: string; isDirectory: boolean; isFile: boolean; size: number }[]>>((resolve) => {
    sftp.readdir(dir, (error, list) => {
      if (error) return resolve(sftpError(`could not list ${dir}`, error));
      resolve(ok(list.map((entry) => ({ filename: entry.filename, isDirectory: entry.attrs.isDirectory(), isFile: entry.attrs.isFile(), size: entry.attrs.size }))));
    });
  });
}

export async function sftpListFiles(sftp: SFTPWrapper, root: string): Promise<Result<RemoteEntry[]>> {
  const files: RemoteEntry[] = [];
  const pending = [''];
  while (pending.length > 0) {
    const relative = pending.shift() as string;
    const listed = await readdir(sftp, relative === '' ? root : `${root}/${relative}`);
    if (!listed.ok) return listed;
    for (const entry of listed.value) {
      const path = relative === '' ? entry.filename : `${relative}/${entry.filename}`;
      if (entry.isDirectory) pending.push(path);
      else if (entry.isFile) files.push({ path, size: entry.size });
    }
  }
  return ok(files);
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
