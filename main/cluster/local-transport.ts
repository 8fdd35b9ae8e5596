// This machine as a RemoteTransport: commands run by /bin/sh, files moved by Node. The local
// executor fetches its run directories through it, so a job folder on this machine gets exactly
// the checks (listing, stream, extraction) a cluster's does; tests use it to feed the real remote
// commands (find, sha256sum, tar) hostile file names without an sshd.

import { spawn } from 'node:child_process';
import { copyFile, lstat, mkdir, open, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { appError, err, ok, type Result } from '../../app/contract/index.js';
import { errorMessage } from '../files.js';
import {
  keepTail, MAX_EXEC_OUTPUT_BYTES, outputTooLarge, type ExecResult, type ExecStream, type RemoteEntry, type RemoteEntryType, type RemoteTransport,
} from './transport.js';

export class LocalTransport implements RemoteTransport {
  readonly connected = true;

  /** `env`: the commands' environment (a test narrows PATH to take tools away). */
  constructor(private readonly env: NodeJS.ProcessEnv = process.env) {}

  execStream(command: string, stdin?: string | Buffer): Promise<Result<ExecStream>> {
    const child = spawn('/bin/sh', ['-c', command], { stdio: ['pipe', 'pipe', 'pipe'], env: this.env });
    let stderr: Buffer = Buffer.alloc(0);
    child.stderr.on('data', (chunk: Buffer) => (stderr = keepTail(stderr, chunk)));
    child.stdin.on('error', () => undefined);
    child.stdin.end(stdin);
    const done = new Promise<Result<{ code: number | null; stderr: string }>>((resolve) => {
      child.once('error', (error) => resolve(err(appError('io', `could not run /bin/sh: ${error.message}`))));
      child.once('close', (code) => resolve(ok({ code, stderr: stderr.toString('utf8') })));
    });
    return Promise.resolve(ok({ stdout: child.stdout, done, abort: () => void child.kill('SIGTERM') }));
  }

  async exec(command: string, stdin?: string): Promise<Result<ExecResult>> {
    const started = await this.execStream(command, stdin);
    if (!started.ok) return started;
    const chunks: Buffer[] = [];
    let bytes = 0;
    for await (const chunk of started.value.stdout as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      if (bytes > MAX_EXEC_OUTPUT_BYTES) {
        started.value.abort();
        return outputTooLarge('the local command');
      }
      chunks.push(chunk);
    }
    const done = await started.value.done;
    return done.ok ? ok({ code: done.value.code, stdout: Buffer.concat(chunks).toString('utf8'), stderr: done.value.stderr }) : done;
  }

  async writeFile(path: string, data: string | Buffer, mode = 0o644): Promise<Result<void>> {
    return writeFile(path, data, { mode }).then(() => ok(undefined), (error: unknown) => err(appError('io', `could not write ${path}: ${errorMessage(error)}`)));
  }

  async readTail(path: string, maxBytes: number): Promise<Result<string>> {
    const handle = await open(path, 'r').catch(() => undefined);
    if (handle === undefined) return ok('');
    try {
      const { size } = await handle.stat();
      const length = Math.min(size, maxBytes);
      const buffer = Buffer.alloc(length);
      const { bytesRead } = await handle.read(buffer, 0, length, size - length);
      return ok(buffer.subarray(0, bytesRead).toString('utf8'));
    } finally {
      await handle.close();
    }
  }

  async listFiles(root: string): Promise<Result<RemoteEntry[]>> {
    const entries: RemoteEntry[] = [];
    const walk = async (relative: string): Promise<void> => {
      for (const name of await readdir(relative === '' ? root : join(root, relative))) {
        const path = relative === '' ? name : `${relative}/${name}`;
        const info = await lstat(join(root, path));
        const type: RemoteEntryType = info.isSymbolicLink() ? 'link' : info.isDirectory() ? 'directory' : info.isFile() ? 'file' : 'other';
        entries.push({ path, size: info.size, type });
        if (type === 'directory') await walk(path);
      }
    };
    try {
      await walk('');
      return ok(entries);
    } catch (error) {
      return err(appError('not_found', `could not list ${root}: ${errorMessage(error)}`));
    }
  }

  async download(from: string, to: string): Promise<Result<void>> {
    const partial = `${to}.part`;
    try {
      await mkdir(dirname(to), { recursive: true });
      await copyFile(from, partial);
      await rename(partial, to);
      return ok(undefined);
    } catch (error) {
      await rm(partial, { force: true });
      return err(appError('io', `could not copy ${from}: ${errorMessage(error)}`));
    }
  }

  async upload(from: string, to: string): Promise<Result<void>> {
    return copyFile(from, to).then(() => ok(undefined), (error: unknown) => err(appError('io', `could not copy to ${to}: ${errorMessage(error)}`)));
  }

  close(): void {
    // Nothing is held open.
  }
}
