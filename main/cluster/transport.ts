// What the cluster code needs from a connection, whatever carries it (ssh2 in process, the system
// ssh binary, or this machine for the local executor): run one command line (built with
// shellCommand), with its output buffered (capped) or as a stream, and move single files. Every
// transport answers with values; `details.kind` tells the failures apart for the UI and the CLI.
// What a remote sends back is data to check (remote-listing.ts, fetch-run.ts), never a path to use.

import type { Readable } from 'node:stream';
import { appError, err, type AppError, type HostKeyReport, type Result } from '../../app/contract/index.js';

/** A buffered command's output beyond this is a hostile or broken remote, not an answer. */
export const MAX_EXEC_OUTPUT_BYTES = 64 * 1024 * 1024;
/** The end of a streamed command's stderr that is kept for messages. */
export const MAX_STDERR_BYTES = 64 * 1024;

export interface ExecResult {
  /** null when the remote side died by a signal or the channel closed without a status. */
  code: number | null;
  stdout: string;
  stderr: string;
}

export type RemoteEntryType = 'file' | 'directory' | 'link' | 'other';

export interface RemoteEntry {
  /** Relative to the listed directory, '/' separated, exactly as the remote named it (unchecked). */
  path: string;
  size: number;
  /** The entry itself, links not followed: a link or a FIFO is listed as such, to be refused. */
  type: RemoteEntryType;
}

/** A command whose stdout is read as it comes (a tar stream), with its end as a value. */
export interface ExecStream {
  readonly stdout: Readable;
  /** When the command ended: its exit status (null: a signal, or no status) and the end of its stderr. */
  readonly done: Promise<Result<{ code: number | null; stderr: string }>>;
  /** Stops the command: closes the channel (ssh2) or ends the ssh process (OpenSSH). */
  abort(): void;
}

export interface RemoteTransport {
  /** Runs a command and buffers its output (at most MAX_EXEC_OUTPUT_BYTES, else an error). */
  exec(command: string, stdin?: string): Promise<Result<ExecResult>>;
  /** Runs a command and hands its stdout over as a stream; `stdin` is written and closed. */
  execStream(command: string, stdin?: string | Buffer): Promise<Result<ExecStream>>;
  writeFile(remotePath: string, data: string | Buffer, mode?: number): Promise<Result<void>>;
  /** Up to `maxBytes` from the end of a file (a log tail); an absent file reads as empty. */
  readTail(remotePath: string, maxBytes: number): Promise<Result<string>>;
  /** Every entry below a directory, recursively, links not followed (for the per-file fallback). */
  listFiles(remoteDir: string): Promise<Result<RemoteEntry[]>>;
  /** Copies one file; the caller writes to a temporary name and renames (resumable transfers). */
  download(remotePath: string, localPath: string): Promise<Result<void>>;
  upload(localPath: string, remotePath: string): Promise<Result<void>>;
  readonly connected: boolean;
  close(): void;
}

export type ConnectionFailure = 'host_key_unknown' | 'host_key_changed' | 'unreachable' | 'auth_failed' | 'protocol';

export function connectionError(kind: ConnectionFailure, message: string, hostKey?: HostKeyReport): AppError {
  const code = kind === 'unreachable' || kind === 'protocol' ? 'io' : 'unauthorized';
  return appError(code, message, hostKey === undefined ? { kind } : { kind, hostKey });
}

export function failureKind(error: AppError): ConnectionFailure | undefined {
  const details = error.details as { kind?: unknown } | undefined;
  const kind = details?.kind;
  return typeof kind === 'string' ? (kind as ConnectionFailure) : undefined;
}

/** Appends to a bounded tail: the last `max` bytes are kept. */
export function keepTail(kept: Buffer, chunk: Buffer, max: number = MAX_STDERR_BYTES): Buffer {
  // Buffer (not Buffer<ArrayBuffer>): callers start from Buffer.alloc(0) and keep what this returns.
  const joined = Buffer.concat([kept, chunk]);
  return joined.length > max ? joined.subarray(joined.length - max) : joined;
}

export function outputTooLarge(what: string): Result<never> {
  return err(appError('io', `${what} answered more than ${MAX_EXEC_OUTPUT_BYTES} bytes; the command was stopped (a broken or hostile remote?)`));
}

export function notConnected(what: string): Result<never> {
  return err(appError('io', `${what}: the connection is closed; connect again`, { kind: 'unreachable' }));
}
