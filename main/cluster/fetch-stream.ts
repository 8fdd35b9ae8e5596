// A run's files as one tar stream over the existing connection (one remote command, however many
// files), instead of one SFTP round trip per file. The remote tar gets the exact list of files to
// send (NUL-separated, each "./"-prefixed so no name reads as an option) and archives only those,
// without recursion. Every member is checked BEFORE a byte of it is written: a regular file (no
// links, hard links, devices, FIFOs, folders), a safe relative name that was asked for and not
// sent before, the size the manifest gave; it is written into the stage's partial folder, hashed
// on the way, and placed only when the sha256 matches. Nothing from the stream ever names a path.

import { createHash } from 'node:crypto';
import tarStream from 'tar-stream';
import { appError, err, ok, type Result } from '../../app/contract/index.js';
import { errorMessage } from '../files.js';
import { escapedName, relativePathProblem } from '../safe-path.js';
import { endOf, EXIT_NO_DIRECTORY, EXIT_NO_TOOLS, type ManifestFile } from './fetch-manifest.js';
import type { FetchStage } from './fetch-stage.js';
import { shellCommand } from './quote.js';
import type { ExecStream, RemoteTransport } from './transport.js';

const TAR_SCRIPT = 'cd -- "$1" || exit 66; command -v tar >/dev/null 2>&1 || exit 67; exec tar -c -f - --no-recursion --null -T -';

export type StreamOutcome = { kind: 'done'; files: number; bytes: number } | { kind: 'no-tar' };

interface TarHeader { name: string; type?: string | null; size?: number | null }

/** The manifest entry a tar member stands for, or why the member is refused. */
export function checkMember(header: TarHeader, wanted: ReadonlyMap<string, ManifestFile>, from: string): Result<ManifestFile> {
  const name = header.name.startsWith('./') ? header.name.slice(2) : header.name;
  const refuse = (why: string): Result<ManifestFile> => err(appError('bad_input', `refused the member ${escapedName(header.name)} of the stream from ${from}: ${why}; nothing of it was written`));
  if (header.type !== 'file') return refuse(`it is a ${header.type ?? 'member of unknown type'}, and only regular files are fetched (no links, devices or FIFOs)`);
  const problem = relativePathProblem(name);
  if (problem !== undefined) return refuse(problem);
  const file = wanted.get(name);
  if (file === undefined) return refuse('it was not asked for (or was sent twice)');
  if (header.size !== file.size) return refuse(`it has ${String(header.size)} bytes, the listing said ${file.size}`);
  return ok(file);
}

/** Writes one member into a fresh partial file, hashing it; places it when it matches the manifest. */
async function writeMember(stage: FetchStage, file: ManifestFile, body: AsyncIterable<Buffer>): Promise<Result<void>> {
  const { file: partial, handle } = await stage.createPartial();
  const hash = createHash('sha256');
  let bytes = 0;
  try {
    for await (const chunk of body) {
      hash.update(chunk);
      bytes += chunk.length;
      await handle.write(chunk);
    }
  } finally {
    await handle.close();
  }
  const sha256 = hash.digest('hex');
  if (bytes !== file.size || (file.sha256 !== undefined && sha256 !== file.sha256)) {
    return err(appError('io', `${file.path} arrived with ${bytes} bytes and sha256 ${sha256}; the cluster's manifest says ${file.size} bytes and ${file.sha256 ?? 'no hash'} (did it change during the fetch?): fetch again`));
  }
  return stage.place(partial, file);
}

/** Aborts the command when nothing arrives for `idleMs`; `stalled` says whether it fired. */
function watchdog(exec: ExecStream, idleMs: number, onStall: () => void): { stop(): void; stalled(): boolean } {
  let fired = false;
  let timer: NodeJS.Timeout | undefined;
  const arm = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => { fired = true; exec.abort(); onStall(); }, idleMs);
  };
  exec.stdout.on('data', arm);
  arm();
  return { stop: () => { clearTimeout(timer); exec.stdout.off('data', arm); }, stalled: () => fired };
}

async function extractInto(exec: ExecStream, stage: FetchStage, wanted: Map<string, ManifestFile>, from: string, idleMs: number): Promise<Result<{ files: number; bytes: number }>> {
  const extract = tarStream.extract();
  const guard = watchdog(exec, idleMs, () => extract.destroy(new Error(`nothing arrived for ${idleMs / 1000} s`)));
  exec.stdout.on('error', (error: Error) => extract.destroy(error));
  exec.stdout.pipe(extract);
  let files = 0;
  let bytes = 0;
  try {
    for await (const entry of extract) {
      const file = checkMember(entry.header, wanted, from);
      if (!file.ok) return file;
      wanted.delete(file.value.path);
      const written = await writeMember(stage, file.value, entry as AsyncIterable<Buffer>);
      if (!written.ok) return written;
      files++;
      bytes += file.value.size;
    }
    return ok({ files, bytes });
  } catch (error) {
    const why = guard.stalled() ? `nothing arrived for ${idleMs / 1000} s (the connection or the remote hangs)` : errorMessage(error);
    return err(appError('io', `the stream from ${from} broke off after ${files} files: ${why}; fetch again to resume`, { kind: 'unreachable' }));
  } finally {
    guard.stop();
  }
}

/** Streams `files` of `remoteRun` into the stage; 'no-tar' when the remote has no tar (use SFTP). */
export async function streamFiles(transport: RemoteTransport, remoteRun: string, files: readonly ManifestFile[], stage: FetchStage, idleMs: number): Promise<Result<StreamOutcome>> {
  const from = `${remoteRun} on the cluster`;
  const list = Buffer.from(files.map((file) => `./${file.path}\0`).join(''), 'utf8');
  const started = await transport.execStream(shellCommand(['sh', '-c', TAR_SCRIPT, 'mfgw-tar', remoteRun]), list);
  if (!started.ok) return started;
  const exec = started.value;
  const wanted = new Map(files.map((file) => [file.path, file]));
  const extracted = await extractInto(exec, stage, wanted, from, idleMs);
  if (!extracted.ok) exec.abort();
  const done = await endOf(exec, idleMs, `tar on ${from}`);
  if (done.ok && done.value.code === EXIT_NO_TOOLS && extracted.ok && extracted.value.files === 0) return ok({ kind: 'no-tar' });
  if (!extracted.ok) return extracted;
  if (!done.ok) return done;
  const { code, stderr } = done.value;
  if (code === EXIT_NO_DIRECTORY) return err(appError('not_found', `the run directory ${remoteRun} does not exist on the cluster (${stderr.trim()})`));
  if (code !== 0) return err(appError('io', `tar on the cluster failed (exit ${code ?? 'by signal'}) after ${extracted.value.files} files: ${stderr.trim().slice(0, 500)}; fetch again to resume`));
  if (wanted.size > 0) {
    const missing = [...wanted.keys()];
    return err(appError('io', `the stream from ${from} ended without ${missing.length} of the ${files.length} files (${missing.slice(0, 3).map(escapedName).join(', ')}...): fetch again to resume`));
  }
  return ok({ kind: 'done', ...extracted.value });
}
