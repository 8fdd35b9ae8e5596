// Brings one run directory home, whatever the transport: the remote's manifest (fetch-manifest.ts:
// listing and hashes, checked), nothing to do when the destination already is a verified copy of
// it, else the stage (fetch-stage.ts) keeps what an interrupted attempt completed and the rest
// comes as one tar stream (fetch-stream.ts). Where the remote has no tar, or cannot hash, files
// come one by one through the transport's download (SFTP with ssh2, cat with OpenSSH), checked
// the same way. The destination appears, complete, only at the end.

import { lstat } from 'node:fs/promises';
import { appError, err, ok, type Result } from '../../app/contract/index.js';
import { errorMessage } from '../files.js';
import { fetchOrder, type FetchOptions, type FetchProgress } from './executor.js';
import { listedManifest, remoteManifest, type ManifestFile, type RemoteRunManifest } from './fetch-manifest.js';
import { alreadyFetched, FetchStage, sha256OfFile } from './fetch-stage.js';
import { streamFiles } from './fetch-stream.js';
import type { RemoteTransport } from './transport.js';

const DEFAULT_IDLE_MS = 5 * 60_000;

/** Files one by one through `download`, each verified before it is placed. */
async function fetchEach(transport: RemoteTransport, remoteRun: string, files: readonly ManifestFile[], stage: FetchStage): Promise<Result<{ files: number; bytes: number }>> {
  let bytes = 0;
  for (const [index, file] of files.entries()) {
    const partial = stage.partialName();
    const copied = await transport.download(`${remoteRun}/${file.path}`, partial);
    if (!copied.ok) return err(appError(copied.error.code, `${copied.error.message} (after ${index} of ${files.length} files; fetch again to resume)`, copied.error.details));
    try {
      const info = await lstat(partial);
      const sha256 = file.sha256 === undefined ? undefined : await sha256OfFile(partial);
      if (!info.isFile() || info.size !== file.size || sha256 !== file.sha256) {
        return err(appError('io', `${file.path} arrived with ${info.size} bytes${sha256 === undefined ? '' : ` and sha256 ${sha256}`}; the cluster listed ${file.size} bytes${file.sha256 === undefined ? '' : ` and ${file.sha256}`}: fetch again`));
      }
    } catch (error) {
      return err(appError('io', `could not check the downloaded ${file.path}: ${errorMessage(error)}`));
    }
    const placed = await stage.place(partial, file);
    if (!placed.ok) return placed;
    bytes += file.size;
  }
  return ok({ files: files.length, bytes });
}

async function manifestOf(transport: RemoteTransport, remoteRun: string, idleMs: number): Promise<Result<RemoteRunManifest>> {
  const hashed = await remoteManifest(transport, remoteRun, idleMs);
  if (!hashed.ok) return hashed;
  return hashed.value === 'no-tools' ? listedManifest(transport, remoteRun) : ok(hashed.value);
}

type Copied = Result<{ files: number; bytes: number; method: 'tar' | 'per-file' }>;

/** The missing files, by one tar stream where the remote has tar and hashes, else one by one. */
async function copyMissing(transport: RemoteTransport, remoteRun: string, missing: readonly ManifestFile[], stage: FetchStage, hashed: boolean, options: FetchOptions, idleMs: number): Promise<Copied> {
  if (missing.length === 0) return ok({ files: 0, bytes: 0, method: 'tar' });
  if (hashed && options.perFile !== true) {
    const streamed = await streamFiles(transport, remoteRun, missing, stage, idleMs);
    if (!streamed.ok) return streamed;
    if (streamed.value.kind === 'done') return ok({ files: streamed.value.files, bytes: streamed.value.bytes, method: 'tar' });
  }
  const each = await fetchEach(transport, remoteRun, missing, stage);
  return each.ok ? ok({ ...each.value, method: 'per-file' }) : each;
}

/** Copies `remoteRun` (checkpoint/ excepted) to `localDir`; never writes outside `localDir`'s stage. */
export async function fetchRunDirectory(transport: RemoteTransport, remoteRun: string, localDir: string, options: FetchOptions = {}): Promise<Result<FetchProgress>> {
  const idleMs = options.idleMs ?? DEFAULT_IDLE_MS;
  const manifest = await manifestOf(transport, remoteRun, idleMs);
  if (!manifest.ok) return manifest;
  if (await alreadyFetched(localDir, manifest.value)) return ok({ files: 0, bytes: 0, skipped: manifest.value.files.length, method: 'up to date' });
  const stage = await FetchStage.open(localDir);
  if (!stage.ok) return stage;
  const kept = await stage.value.keepVerified(manifest.value.files);
  if (!kept.ok) return kept;
  const order = new Map(fetchOrder(kept.value.missing.map((file) => file.path)).map((path, index) => [path, index]));
  const missing = [...kept.value.missing].sort((a, b) => (order.get(a.path) ?? 0) - (order.get(b.path) ?? 0));
  const copied = await copyMissing(transport, remoteRun, missing, stage.value, manifest.value.hashed, options, idleMs);
  if (!copied.ok) {
    await stage.value.abandon();
    return copied;
  }
  const committed = await stage.value.commit(manifest.value, remoteRun, copied.value.method);
  if (!committed.ok) return committed;
  return ok({ files: copied.value.files, bytes: copied.value.bytes, skipped: kept.value.kept, method: copied.value.method });
}
