// What the cluster code needs from a connection, whatever carries it (ssh2 in process, or the
// system ssh binary): run one command line (built with shellCommand), move files over SFTP. Both
// transports answer with values; `details.kind` tells the failures apart for the UI and the CLI.

import { appError, err, type AppError, type HostKeyReport, type Result } from '../../app/contract/index.js';

export interface ExecResult {
  /** null when the remote side died by a signal or the channel closed without a status. */
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RemoteEntry {
  /** Relative to the listed directory, '/' separated. */
  path: string;
  size: number;
}

export interface RemoteTransport {
  exec(command: string, stdin?: string): Promise<Result<ExecResult>>;
  writeFile(remotePath: string, data: string | Buffer, mode?: number): Promise<Result<void>>;
  /** Up to `maxBytes` from the end of a file (a log tail); an absent file reads as empty. */
  readTail(remotePath: string, maxBytes: number): Promise<Result<string>>;
  /** Every regular file below a directory, recursively. */
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

export function notConnected(what: string): Result<never> {
  return err(appError('io', `${what}: the connection is closed; connect again`, { kind: 'unreachable' }));
}
