// What a remote run directory holds, asked once per fetch: every entry NUL-separated with its type
// and size, then the sha256 of every regular file, computed on the remote (find, xargs,
// sha256sum: GNU tools every Linux cluster has). The listing is checked (remote-listing.ts) before
// anything else happens; the hashes are what each fetched file is verified against, and their
// digest tells a complete earlier fetch from a stale one. A remote without these tools answers
// exit 67 and the fetch falls back to SFTP's listing (sizes only).

import { createHash } from 'node:crypto';
import { appError, err, ok, type Result } from '../../app/contract/index.js';
import { shellCommand } from './quote.js';
import { checkRemoteListing, FIND_RECORD_FORMAT, parseFindRecords } from './remote-listing.js';
import { MAX_EXEC_OUTPUT_BYTES, type ExecStream, type RemoteEntry, type RemoteTransport } from './transport.js';

export interface ManifestFile {
  /** Checked: a plain relative path (safe-path.ts). */
  path: string;
  size: number;
  /** Hex sha256 computed on the remote; absent when the remote could not hash (SFTP fallback). */
  sha256?: string;
}

export interface RemoteRunManifest {
  files: ManifestFile[];
  hashed: boolean;
  /** sha256 of the sorted "hash size path" lines: equal digests, equal run directories. */
  digest: string;
}

/** Exit statuses of the fixed remote scripts (chosen to be unlike tar's, find's and the shell's own). */
export const EXIT_NO_DIRECTORY = 66;
export const EXIT_NO_TOOLS = 67;
const EXIT_HASH_FAILED = 68;

/** $1 is the run directory; checkpoint/ is never fetched, so it is not listed either. */
const MANIFEST_SCRIPT = [
  'cd -- "$1" || exit 66',
  'command -v sha256sum >/dev/null 2>&1 || exit 67',
  `find . -mindepth 1 -path ./checkpoint -prune -o -printf "${FIND_RECORD_FORMAT}" || exit 67`,
  'printf "\\0"',
  'find . -path ./checkpoint -prune -o -type f -print0 | xargs -0 -r sha256sum -- || exit 68',
].join('; ');

export function digestOf(files: readonly ManifestFile[]): string {
  const lines = files.map((file) => `${file.sha256 ?? '-'} ${file.size} ${file.path}\n`).sort();
  return createHash('sha256').update(lines.join('')).digest('hex');
}

/** A stream's whole stdout (at most `maxBytes`), giving up when nothing arrives for `idleMs`. */
export async function collectStdout(exec: ExecStream, maxBytes: number, idleMs: number, what: string): Promise<Result<Buffer>> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  let stalled = false;
  let timer: NodeJS.Timeout | undefined;
  const arm = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => { stalled = true; exec.abort(); exec.stdout.destroy(); }, idleMs);
  };
  arm();
  try {
    for await (const chunk of exec.stdout as AsyncIterable<Buffer>) {
      arm();
      bytes += chunk.length;
      if (bytes > maxBytes) {
        exec.abort();
        return err(appError('io', `${what} answered more than ${maxBytes} bytes; stopped (a broken or hostile remote?)`));
      }
      chunks.push(chunk);
    }
  } catch (error) {
    if (!stalled) return err(appError('io', `${what} broke off: ${(error as Error).message}`, { kind: 'unreachable' }));
  } finally {
    clearTimeout(timer);
  }
  if (stalled) return err(appError('io', `${what} sent nothing for ${idleMs / 1000} s; stopped (the connection or the remote hangs): try again`, { kind: 'unreachable' }));
  return ok(Buffer.concat(chunks));
}

/** The command's end, or an error when it does not come within `idleMs` after its output did. */
export async function endOf(exec: ExecStream, idleMs: number, what: string): Promise<Result<{ code: number | null; stderr: string }>> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<Result<never>>((resolve) => {
    timer = setTimeout(() => {
      exec.abort();
      resolve(err(appError('io', `${what} sent its output but did not end within ${idleMs / 1000} s; stopped`, { kind: 'unreachable' })));
    }, idleMs);
  });
  try {
    return await Promise.race([exec.done, late]);
  } finally {
    clearTimeout(timer);
  }
}

function parseHashes(text: string, from: string): Result<Map<string, string>> {
  const hashes = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const match = /^([0-9a-f]{64}) [ *]\.\/(.+)$/u.exec(line);
    if (match === null) return err(appError('io', `expected "sha256  ./path" lines from ${from}, received ${JSON.stringify(line.slice(0, 200))}`));
    hashes.set(match[2] as string, match[1] as string);
  }
  return ok(hashes);
}

function withoutCheckpoint(entries: readonly RemoteEntry[]): RemoteEntry[] {
  return entries.filter((entry) => entry.path !== 'checkpoint' && !entry.path.startsWith('checkpoint/'));
}

/** The listing and hashes of `remoteRun`, checked; 'no-tools' when the remote cannot produce them. */
export async function remoteManifest(transport: RemoteTransport, remoteRun: string, idleMs: number): Promise<Result<RemoteRunManifest | 'no-tools'>> {
  const from = `${remoteRun} on the cluster`;
  const started = await transport.execStream(shellCommand(['sh', '-c', MANIFEST_SCRIPT, 'mfgw-manifest', remoteRun]));
  if (!started.ok) return started;
  const output = await collectStdout(started.value, MAX_EXEC_OUTPUT_BYTES, idleMs, `listing ${from}`);
  const done = await endOf(started.value, idleMs, `listing ${from}`);
  if (!output.ok) return output;
  if (!done.ok) return done;
  const { code, stderr } = done.value;
  if (code === EXIT_NO_DIRECTORY) return err(appError('not_found', `the run directory ${remoteRun} does not exist on the cluster (${stderr.trim()})`));
  if (code === EXIT_NO_TOOLS) return ok('no-tools');
  if (code !== 0) {
    const why = code === EXIT_HASH_FAILED ? 'hashing its files failed (a file vanished or is unreadable)' : `exit ${code ?? 'by signal'}`;
    return err(appError('io', `listing ${from} failed: ${why}: ${stderr.trim().slice(0, 500)}`));
  }
  const records = parseFindRecords(output.value, from);
  if (!records.ok) return records;
  const files = checkRemoteListing(withoutCheckpoint(records.value.entries), from);
  if (!files.ok) return files;
  const hashes = parseHashes(records.value.rest.toString('utf8'), from);
  if (!hashes.ok) return hashes;
  const manifest: ManifestFile[] = [];
  for (const file of files.value) {
    const sha256 = hashes.value.get(file.path);
    if (sha256 === undefined) return err(appError('io', `${from} listed ${JSON.stringify(file.path)} but sent no hash for it (did the run change during the fetch?): fetch again`));
    manifest.push({ path: file.path, size: file.size, sha256 });
  }
  return ok({ files: manifest, hashed: true, digest: digestOf(manifest) });
}

/** The fallback: the transport's own listing (SFTP's readdir, or find over OpenSSH), sizes only. */
export async function listedManifest(transport: RemoteTransport, remoteRun: string): Promise<Result<RemoteRunManifest>> {
  const listed = await transport.listFiles(remoteRun);
  if (!listed.ok) return listed;
  const files = checkRemoteListing(withoutCheckpoint(listed.value), `${remoteRun} on the cluster`);
  if (!files.ok) return files;
  const manifest = files.value.map((file) => ({ path: file.path, size: file.size }));
  return ok({ files: manifest, hashed: false, digest: digestOf(manifest) });
}
