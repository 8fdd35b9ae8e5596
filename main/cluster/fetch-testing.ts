// Test helpers for the fetch: a run directory with the layout mfg-solve writes (random bytes, so
// a wrong or swapped file shows), a snapshot of a folder tree to prove nothing changed in it, and
// a transport wrapper that replaces one answer (a hostile tar stream, a connection cut mid-way).

import { randomBytes } from 'node:crypto';
import { lstatSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { ok, type Result } from '../../app/contract/index.js';
import type { ExecStream, RemoteTransport } from './transport.js';

/** run.json, convergence.csv, log.txt, fields.zarr metadata and `chunks` chunks per field, checkpoint/. */
export function writeRemoteRun(dir: string, chunks = 20): void {
  const file = (name: string, bytes: Buffer | string): void => {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), bytes);
  };
  file('run.json', JSON.stringify({ format_version: 1, status: 'converged', spec: { name: 'remote run' } }));
  file('convergence.csv', 'iteration,residual\n1,0.5\n2,0.01\n');
  file('log.txt', 'solved\n');
  file('fields.zarr/.zgroup', '{"zarr_format":2}');
  for (const field of ['u', 'm']) {
    file(`fields.zarr/${field}/.zarray`, '{"zarr_format":2}');
    for (let i = 0; i < chunks; i++) file(`fields.zarr/${field}/${i}.0`, randomBytes(800));
  }
  file('checkpoint/state.bin', randomBytes(64));
}

/** Every entry below `root` (links not followed) with its type and, for files, its bytes in hex. */
export function snapshot(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (relative: string): void => {
    for (const name of readdirSync(path.join(root, relative))) {
      const entry = path.join(relative, name);
      const info = lstatSync(path.join(root, entry));
      if (info.isDirectory()) {
        out[entry] = 'dir';
        walk(entry);
      } else out[entry] = info.isFile() ? readFileSync(path.join(root, entry)).toString('hex') : 'other';
    }
  };
  walk('');
  return out;
}

/** A stream that yields `bytes`, then fails as a dropped connection would (or hangs, when `hang`). */
export function cutStream(bytes: Buffer, hang = false): Readable {
  const stream = new PassThrough();
  stream.write(bytes);
  if (!hang) setImmediate(() => stream.destroy(new Error('connection reset by peer')));
  return stream;
}

/** An ExecStream that yields `stdout` and ends with `code`. */
export function fakeExec(stdout: Readable, code: number | null = 0): ExecStream {
  const done = new Promise<Result<{ code: number | null; stderr: string }>>((resolve) => {
    stdout.once('close', () => resolve(ok({ code, stderr: '' })));
  });
  return { stdout, done, abort: () => stdout.destroy() };
}

/** The transport with execStream answered by `answer` for commands it matches (undefined: the real one). */
export function replacingStream(real: RemoteTransport, answer: (command: string, stdin: string | Buffer | undefined) => Promise<Result<ExecStream>> | undefined): RemoteTransport {
  return {
    exec: (c, i) => real.exec(c, i),
    execStream: (c, i) => answer(c, i) ?? real.execStream(c, i),
    writeFile: (p, d, m) => real.writeFile(p, d, m), readTail: (p, b) => real.readTail(p, b),
    listFiles: (d) => real.listFiles(d), download: (r, l) => real.download(r, l), upload: (l, r) => real.upload(l, r),
    get connected() { return real.connected; }, close: () => real.close(),
  };
}
