// Where a fetched run is put together before it becomes a run: `.<name>.fetching/` next to its
// destination (the runs folder lists no dot-folders, so a half fetch never looks like a run).
// Files are written under fresh names in `.<name>.partial/`, hashed as they arrive, and moved into
// the stage only when size and sha256 match the remote's manifest: everything in the stage is
// complete and verified, so a fetch that broke off resumes from it. Folders are made one segment
// at a time and checked to be real folders; files are created exclusively and never through a
// link (O_EXCL | O_NOFOLLOW). When every file is there, a marker with the manifest's digest is
// written and the stage replaces the destination with renames.

import { createHash, randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { lstat, mkdir, open, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { appError, err, ok, type Result } from '../../app/contract/index.js';
import { errorMessage, readJsonFile } from '../files.js';
import { SAFE_OPEN_FLAGS } from '../safe-read.js';
import { checkRelativePath } from '../safe-path.js';
import type { ManifestFile, RemoteRunManifest } from './fetch-manifest.js';

/** In a fetched run directory: which remote manifest it is a complete, verified copy of. */
export const FETCH_MARKER = '.mfgw-fetch.json';

const CREATE_FLAGS = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);

const fail = (what: string, error: unknown): Result<never> => err(appError('io', `${what}: ${errorMessage(error)}`));

/** sha256 of a regular file, read without following a link. */
export async function sha256OfFile(file: string): Promise<string> {
  const handle = await open(file, SAFE_OPEN_FLAGS);
  try {
    const hash = createHash('sha256');
    for await (const chunk of handle.createReadStream({ autoClose: false }) as AsyncIterable<Buffer>) hash.update(chunk);
    return hash.digest('hex');
  } finally {
    await handle.close();
  }
}

/** A real folder at `dir` (made if missing); a link, file or FIFO there is removed first. */
async function plainDirectory(dir: string): Promise<void> {
  const found = await lstat(dir).catch(() => undefined);
  if (found !== undefined && (found.isSymbolicLink() || !found.isDirectory())) await rm(dir, { force: true });
  await mkdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EEXIST') throw error;
  });
  const made = await lstat(dir);
  if (made.isSymbolicLink() || !made.isDirectory()) throw new Error(`${dir} is not a plain folder`);
}

export class FetchStage {
  private partials = 0;

  private constructor(readonly dir: string, readonly partialDir: string, readonly target: string) {}

  /** Opens (or resumes) the stage of `target`; the partial folder always starts empty. */
  static async open(target: string): Promise<Result<FetchStage>> {
    const parent = path.dirname(target);
    const name = path.basename(target);
    const stage = new FetchStage(path.join(parent, `.${name}.fetching`), path.join(parent, `.${name}.partial`), target);
    try {
      await mkdir(parent, { recursive: true });
      await plainDirectory(stage.dir);
      await rm(stage.partialDir, { recursive: true, force: true });
      await plainDirectory(stage.partialDir);
      return ok(stage);
    } catch (error) {
      return fail(`could not prepare ${stage.dir} for the fetch`, error);
    }
  }

  /**
   * Keeps what an earlier attempt verified and still matches the manifest (same size and, where
   * the remote hashed, same sha256); removes everything else (links, FIFOs, stale files).
   */
  async keepVerified(files: readonly ManifestFile[]): Promise<Result<{ missing: ManifestFile[]; kept: number }>> {
    const wanted = new Map(files.map((file) => [file.path, file]));
    const kept = new Set<string>();
    const walk = async (relative: string): Promise<void> => {
      for (const entry of await readdir(path.join(this.dir, relative), { withFileTypes: true })) {
        const name = relative === '' ? entry.name : `${relative}/${entry.name}`;
        const full = path.join(this.dir, name);
        if (entry.isDirectory()) {
          await walk(name);
          continue;
        }
        const file = wanted.get(name);
        const info = await lstat(full);
        const good = file !== undefined && info.isFile() && info.size === file.size && (file.sha256 === undefined || (await sha256OfFile(full)) === file.sha256);
        if (good) kept.add(name);
        else await rm(full, { force: true });
      }
    };
    try {
      await walk('');
    } catch (error) {
      return fail(`could not check what ${this.dir} already holds`, error);
    }
    return ok({ missing: files.filter((file) => !kept.has(file.path)), kept: kept.size });
  }

  /** A fresh file in the partial folder (never an existing one, never through a link). */
  async createPartial(): Promise<{ file: string; handle: Awaited<ReturnType<typeof open>> }> {
    const file = path.join(this.partialDir, String(++this.partials));
    return { file, handle: await open(file, CREATE_FLAGS, 0o644) };
  }

  /** A name for a download the transport writes itself (it renames its own .part to this name). */
  partialName(): string {
    return path.join(this.partialDir, `download-${++this.partials}`);
  }

  /** Moves a verified partial file to its place in the stage, making its folders one by one. */
  async place(partial: string, file: ManifestFile): Promise<Result<void>> {
    const segments = checkRelativePath(file.path, 'the manifest');
    if (!segments.ok) return segments;
    try {
      let dir = this.dir;
      for (const segment of segments.value.slice(0, -1)) {
        dir = path.join(dir, segment);
        await plainDirectory(dir);
      }
      await rename(partial, path.join(dir, segments.value.at(-1) as string));
      return ok(undefined);
    } catch (error) {
      return fail(`could not place ${file.path} in ${this.dir}`, error);
    }
  }

  /** Writes the marker and replaces the destination (whatever was there is moved aside, then removed). */
  async commit(manifest: RemoteRunManifest, remoteDir: string, method: string): Promise<Result<void>> {
    const marker = { version: 1, remoteDir, digest: manifest.digest, hashed: manifest.hashed, files: manifest.files.length, method, fetchedAt: new Date().toISOString() };
    const aside = path.join(path.dirname(this.target), `.${path.basename(this.target)}.replaced-${randomBytes(4).toString('hex')}`);
    let moved = false;
    try {
      await writeFile(path.join(this.dir, FETCH_MARKER), `${JSON.stringify(marker, null, 2)}\n`, { flag: CREATE_FLAGS });
      if (await lstat(this.target).then(() => true, () => false)) {
        await rename(this.target, aside);
        moved = true;
      }
      await rename(this.dir, this.target);
    } catch (error) {
      if (moved) await rename(aside, this.target).catch(() => undefined);
      return fail(`could not move the fetched run into ${this.target}`, error);
    }
    await rm(aside, { recursive: true, force: true });
    await rm(this.partialDir, { recursive: true, force: true });
    return ok(undefined);
  }

  /** Leaves the stage for a later resume; only the partial files go. */
  async abandon(): Promise<void> {
    await rm(this.partialDir, { recursive: true, force: true });
  }
}

/**
 * Whether `target` already is a complete copy of this manifest: its marker names the same digest
 * and every file is there at its size (run.json excepted: the fetch adds the job's provenance).
 */
export async function alreadyFetched(target: string, manifest: RemoteRunManifest): Promise<boolean> {
  const info = await lstat(target).catch(() => undefined);
  if (info === undefined || info.isSymbolicLink() || !info.isDirectory()) return false;
  const marker = await readJsonFile(path.join(target, FETCH_MARKER), { maxBytes: 1024 * 1024, within: target });
  if (marker.kind !== 'ok' || typeof marker.value !== 'object' || marker.value === null) return false;
  if (Reflect.get(marker.value, 'version') !== 1 || Reflect.get(marker.value, 'digest') !== manifest.digest) return false;
  for (const file of manifest.files) {
    const found = await lstat(path.join(target, ...file.path.split('/'))).catch(() => undefined);
    if (found === undefined || !found.isFile() || (file.path !== 'run.json' && found.size !== file.size)) return false;
  }
  return true;
}
