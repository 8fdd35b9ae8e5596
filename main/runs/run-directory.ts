// One run directory on disk (docs/run-directory.md): is this a run directory, what does its
// run.json say, and a summary for lists. A damaged run.json is described, never thrown.

import { createHash } from 'node:crypto';
import { lstat, readdir } from 'node:fs/promises';
import path from 'node:path';
import { formatSpecIssue, parseManifest, type RunManifest, type RunSummary } from '../../app/contract/index.js';
import { errorMessage, readJsonFile, writeFileAtomic } from '../files.js';

export const MANIFEST_FILE = 'run.json';
export const FIELDS_FOLDER = 'fields.zarr';
/** A manifest is the spec plus provenance: kilobytes. Anything near this is not one. */
export const MAX_MANIFEST_BYTES = 16 * 1024 * 1024;

/** Stable for a path: the same directory has the same id in every session and every window. */
export function runIdFor(directory: string): string {
  return `run-${createHash('sha256').update(path.resolve(directory)).digest('hex').slice(0, 20)}`;
}

/** A run directory holds run.json or fields.zarr (a run that failed early may have only one). */
export async function looksLikeRunDirectory(directory: string): Promise<boolean> {
  try {
    const entries = new Set(await readdir(directory));
    return entries.has(MANIFEST_FILE) || entries.has(FIELDS_FOLDER);
  } catch {
    return false;
  }
}

/** True for a real directory; a symbolic link is not followed (it could lead anywhere). */
export async function isPlainDirectory(target: string): Promise<boolean> {
  try {
    return (await lstat(target)).isDirectory();
  } catch {
    return false;
  }
}

export type ManifestRead = { ok: true; manifest: RunManifest } | { ok: false; problem: string };

/** run.json, read as data: no link followed, a regular file inside the run directory, at most MAX_MANIFEST_BYTES. */
export async function readManifest(directory: string): Promise<ManifestRead> {
  const file = path.join(directory, MANIFEST_FILE);
  const read = await readJsonFile(file, { maxBytes: MAX_MANIFEST_BYTES, within: directory });
  switch (read.kind) {
    case 'missing':
      return { ok: false, problem: `${MANIFEST_FILE} is missing: the solver that wrote this run stopped before it wrote its manifest` };
    case 'unreadable':
      return { ok: false, problem: `${MANIFEST_FILE} could not be read (${read.reason})` };
    case 'invalid':
      return { ok: false, problem: `${MANIFEST_FILE} is not valid JSON (${read.reason}): the file is corrupted or was cut short` };
    case 'ok': {
      const parsed = parseManifest(read.value);
      if (parsed.ok) return { ok: true, manifest: parsed.manifest };
      const shown = parsed.issues.slice(0, 3).map(formatSpecIssue).join('; ');
      const more = parsed.issues.length > 3 ? ` (and ${parsed.issues.length - 3} more)` : '';
      return { ok: false, problem: `${MANIFEST_FILE} is not a valid run manifest: ${shown}${more}` };
    }
  }
}

/** A few parameters that tell runs of one model apart in a list. */
export function keyParameters(manifest: RunManifest): RunSummary['keyParameters'] {
  const spec = manifest.spec;
  return {
    method: spec.solver.method,
    points: spec.domain.points.join('x'),
    steps: spec.time.steps,
    viscosity: spec.physics.viscosity,
    coupling: spec.physics.coupling.kind,
    strength: spec.physics.coupling.strength,
  };
}

export async function summarizeRun(directory: string, external: boolean): Promise<RunSummary> {
  const base = { runId: runIdFor(directory), path: directory, external };
  if (!(await isPlainDirectory(directory))) {
    return { ...base, name: path.basename(directory), status: 'damaged', startedAt: null, finishedAt: null, keyParameters: {},
      iterations: null, problem: 'the directory no longer exists (it was moved or deleted); remove it from the list' };
  }
  const read = await readManifest(directory);
  if (!read.ok) {
    return { ...base, name: path.basename(directory), status: 'damaged', startedAt: null, finishedAt: null, keyParameters: {},
      iterations: null, problem: read.problem };
  }
  const { manifest } = read;
  return {
    ...base,
    name: manifest.spec.name,
    status: manifest.status,
    startedAt: manifest.started_at ?? null,
    finishedAt: manifest.finished_at ?? null,
    keyParameters: keyParameters(manifest),
    iterations: manifest.iterations ?? null,
  };
}

/**
 * A run's name is its spec's `name` in run.json (what every tool that reads the run shows). The
 * manifest is rewritten whole and atomically; the directory keeps its name, so paths held by
 * scripts and notebooks stay valid. Keys this app does not know are kept as they were.
 */
export async function writeRunName(directory: string, name: string): Promise<{ ok: true } | { ok: false; problem: string }> {
  const file = path.join(directory, MANIFEST_FILE);
  const read = await readJsonFile(file, { maxBytes: MAX_MANIFEST_BYTES, within: directory });
  if (read.kind !== 'ok') return { ok: false, problem: `cannot rename: ${MANIFEST_FILE} ${read.kind === 'missing' ? 'is missing' : `is damaged (${read.reason})`}` };
  const checked = parseManifest(read.value);
  if (!checked.ok) return { ok: false, problem: `cannot rename: ${MANIFEST_FILE} is not a valid run manifest (${checked.issues.map(formatSpecIssue)[0] ?? ''})` };
  const document = read.value as { spec: Record<string, unknown> };
  document.spec.name = name;
  try {
    await writeFileAtomic(file, `${JSON.stringify(document, null, 2)}\n`);
    return { ok: true };
  } catch (error) {
    return { ok: false, problem: `cannot rename: writing ${file} failed (${errorMessage(error)})` };
  }
}
