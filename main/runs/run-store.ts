// The runs the app knows: every run directory inside the runs folder (from settings), plus run
// directories opened in place elsewhere (external-runs.json). Listing never fails because of one
// run: a directory whose run.json is missing or corrupted is listed as `damaged` with its problem.

import { mkdir, realpath, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import {
  appError, err, ok, parseConvergenceCsv, describeReceived,
  type ConvergenceRow, type FieldSlice, type Result, type RunDetails, type RunSummary,
} from '../../app/contract/index.js';
import { Emitter, type Disposable } from '../../app/rpc/disposable.js';
import type { Logger } from '../../app/rpc/logger.js';
import { errorMessage } from '../files.js';
import { expandHome } from '../paths.js';
import { readRegularFile } from '../safe-read.js';
import type { ExternalRunIndex } from './external-runs.js';
import { findField, listRunFields } from './run-fields.js';
import { FIELDS_FOLDER, looksLikeRunDirectory, readManifest, runIdFor, summarizeRun, writeRunName } from './run-directory.js';
import { deleteRunDirectory, runFolderName } from './run-safety.js';
import { scanRunsFolder } from './scan.js';
import type { ZarrReader } from './zarr-reader.js';

export interface RunStoreOptions {
  runsFolder: () => string;
  externals: ExternalRunIndex;
  zarr: ZarrReader;
  logger: Logger;
  now?: () => Date;
}

interface Located {
  path: string;
  external: boolean;
}

/** One row per iteration, ~100 bytes each: far more than any solve writes. */
const MAX_CONVERGENCE_BYTES = 64 * 1024 * 1024;

/** Writes a run directory into the (new, empty) folder it is given. */
export type RunWriter = (directory: string) => Promise<Result<unknown>>;

export class RunStore {
  private known = new Map<string, Located>();
  private readonly changed: Emitter<RunSummary[]>;

  constructor(private readonly options: RunStoreOptions) {
    this.changed = new Emitter(options.logger, 'run list changes');
  }

  get runsFolder(): string {
    return this.options.runsFolder();
  }

  onDidChangeRuns(listener: (runs: RunSummary[]) => void): Disposable {
    return this.changed.listen(listener);
  }

  /** Newest first (runs without a start time last), then by name. */
  async list(): Promise<RunSummary[]> {
    const located = await this.scan();
    const runs = await Promise.all([...located.values()].map((entry) => summarizeRun(entry.path, entry.external)));
    return runs.sort((a, b) => (b.startedAt ?? '').localeCompare(a.startedAt ?? '') || a.name.localeCompare(b.name));
  }

  /** Sends the fresh list to listeners (after a change made here or elsewhere). */
  async notifyChanged(): Promise<RunSummary[]> {
    const runs = await this.list();
    this.changed.fire(runs);
    return runs;
  }

  async summary(runId: string): Promise<Result<RunSummary>> {
    const located = await this.locate(runId);
    return located.ok ? ok(await summarizeRun(located.value.path, located.value.external)) : located;
  }

  async open(runId: string): Promise<Result<RunDetails>> {
    const located = await this.locate(runId);
    if (!located.ok) return located;
    const { path: directory, external } = located.value;
    const summary = await summarizeRun(directory, external);
    const read = await readManifest(directory);
    if (!read.ok) return err(appError('bad_input', `the run '${summary.name}' cannot be opened: ${read.problem}`, { path: directory }));
    const grid = read.manifest.grid;
    if (grid === undefined) return err(appError('bad_input', `the run '${summary.name}' cannot be opened: run.json has no "grid" section`));
    const times = await this.readTimes(directory);
    if (!times.ok) return times;
    const convergence = await this.readConvergence(directory);
    const fields = await listRunFields(path.join(directory, FIELDS_FOLDER));
    if (!fields.ok) return fields;
    return ok({ summary, manifest: read.manifest, convergence, times: times.value, grid, fields: fields.value });
  }

  /** A slice of a field the run lists (run-fields.ts); any other name is refused before a file is opened. */
  async readField(runId: string, field: string, levels?: readonly [number, number]): Promise<Result<FieldSlice>> {
    const located = await this.locate(runId);
    if (!located.ok) return located;
    const zarrDirectory = path.join(located.value.path, FIELDS_FOLDER);
    const listed = await listRunFields(zarrDirectory);
    if (!listed.ok) return listed;
    const found = findField(listed.value, field, path.basename(located.value.path));
    if (!found.ok) return found;
    const info = await this.options.zarr.openArray(path.join(zarrDirectory, found.value.name), located.value.path);
    if (!info.ok) return info;
    const [start, end] = levels ?? [0, info.value.shape[0] ?? 0];
    const values = await this.options.zarr.readLevels(info.value, start, end);
    if (!values.ok) return values;
    return ok({ field, levels: [start, end], shape: [end - start, ...info.value.shape.slice(1)], values: values.value });
  }

  async rename(runId: string, name: string): Promise<Result<RunSummary>> {
    const trimmed = name.trim();
    if (trimmed === '' || trimmed.length > 200) {
      return err(appError('bad_input', `expected a name of 1 to 200 characters, received ${describeReceived(name)}`));
    }
    const located = await this.locate(runId);
    if (!located.ok) return located;
    const written = await writeRunName(located.value.path, trimmed);
    if (!written.ok) return err(appError('bad_input', written.problem, { path: located.value.path }));
    await this.notifyChanged();
    return ok(await summarizeRun(located.value.path, located.value.external));
  }

  /** Deletes a run directory of the runs folder; an external run is only forgotten. */
  async remove(runId: string): Promise<Result<{ removed: boolean }>> {
    const located = await this.locate(runId);
    if (!located.ok) return located;
    const { path: directory, external } = located.value;
    if (external) {
      await this.options.externals.remove(directory);
    } else {
      const deleted = await deleteRunDirectory(this.runsFolder, directory);
      if (!deleted.ok) return deleted;
    }
    this.known.delete(runId);
    this.options.zarr.forget(directory + path.sep);
    await this.notifyChanged();
    return ok({ removed: true });
  }

  /** Opens a run directory produced elsewhere, in place; one inside the runs folder is just listed. */
  async openDirectory(input: string): Promise<Result<RunSummary>> {
    const trimmed = input.trim();
    if (!(path.isAbsolute(trimmed) || trimmed === '~' || trimmed.startsWith('~/'))) {
      return err(appError('bad_input', `expected an absolute path to a run directory, received ${describeReceived(input)}`));
    }
    let directory: string;
    try {
      directory = await realpath(expandHome(trimmed));
    } catch {
      return err(appError('not_found', `${trimmed} does not exist: check the path`));
    }
    if (!(await stat(directory)).isDirectory()) return err(appError('bad_input', `${trimmed} is a file: expected a run directory`));
    if (!(await looksLikeRunDirectory(directory))) {
      return err(appError('bad_input', `${trimmed} is not a run directory: expected a folder with run.json or fields.zarr, as mfg-solve writes`));
    }
    const inside = await this.isInsideRunsFolder(directory);
    if (!inside) await this.options.externals.add(directory);
    this.known.set(runIdFor(directory), { path: directory, external: !inside });
    await this.notifyChanged();
    return ok(await summarizeRun(directory, !inside));
  }

  /**
   * Creates a new run directory in the runs folder and has `write` fill it; a write that fails
   * leaves nothing behind. `name`, when given, replaces the spec's name afterwards.
   */
  async save(suggestedName: string, write: RunWriter, name?: string): Promise<Result<RunSummary>> {
    const created = await this.createRunDirectory(name ?? suggestedName);
    if (!created.ok) return created;
    const directory = created.value;
    const written = await write(directory);
    if (!written.ok) {
      await rm(directory, { recursive: true, force: true });
      return written;
    }
    if (name !== undefined) {
      const renamed = await writeRunName(directory, name.trim());
      if (!renamed.ok) this.options.logger.warn(`saved ${directory}, but ${renamed.problem}`);
    }
    this.known.set(runIdFor(directory), { path: directory, external: false });
    await this.notifyChanged();
    return ok(await summarizeRun(directory, false));
  }

  private async createRunDirectory(name: string): Promise<Result<string>> {
    let folder = this.runsFolder;
    try {
      await mkdir(folder, { recursive: true });
      folder = await realpath(folder); // ids are made from real paths (see scan.ts)
    } catch (error) {
      return err(appError('io', `could not create the runs folder ${folder}: ${errorMessage(error)}; choose another in the settings`));
    }
    const base = runFolderName(name, this.options.now?.() ?? new Date());
    for (let attempt = 1; attempt <= 100; attempt++) {
      const candidate = path.join(folder, attempt === 1 ? base : `${base}-${attempt}`);
      try {
        await mkdir(candidate); // fails if it exists: two saves in one second get different folders
        return ok(candidate);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') return err(appError('io', `could not create ${candidate}: ${errorMessage(error)}`));
      }
    }
    return err(appError('io', `could not find a free folder name for '${base}' in ${folder}`));
  }

  private async scan(): Promise<Map<string, Located>> {
    const located = new Map<string, Located>();
    for (const directory of await scanRunsFolder(this.runsFolder)) located.set(runIdFor(directory), { path: directory, external: false });
    for (const directory of await this.options.externals.list()) {
      const id = runIdFor(directory);
      if (!located.has(id)) located.set(id, { path: directory, external: true });
    }
    this.known = located;
    return located;
  }

  private async locate(runId: string): Promise<Result<Located>> {
    const entry = this.known.get(runId) ?? (await this.scan()).get(runId);
    if (entry !== undefined) return ok(entry);
    return err(appError('not_found', `no run with id '${runId}': it was removed, or the runs folder changed; refresh the list of runs`));
  }

  private async isInsideRunsFolder(directory: string): Promise<boolean> {
    try {
      return path.dirname(directory) === (await realpath(this.runsFolder));
    } catch {
      return false;
    }
  }

  private async readTimes(directory: string): Promise<Result<Float64Array<ArrayBuffer>>> {
    const info = await this.options.zarr.openArray(path.join(directory, FIELDS_FOLDER, 't'), directory);
    if (!info.ok) return info.error.code === 'not_found' ? ok(new Float64Array(0)) : info;
    const values = await this.options.zarr.readLevels(info.value, 0, info.value.shape[0] ?? 0);
    if (!values.ok) return values;
    return ok(values.value instanceof Float64Array ? values.value : Float64Array.from(values.value));
  }

  /** A run still being written may end in half a line: that line is dropped, not the whole history. */
  private async readConvergence(directory: string): Promise<ConvergenceRow[]> {
    const file = path.join(directory, 'convergence.csv');
    const read = await readRegularFile(file, { maxBytes: MAX_CONVERGENCE_BYTES, within: directory });
    if (read.kind !== 'ok') {
      if (read.kind !== 'missing') this.options.logger.warn(`${file} was not read (${read.reason}); the run opens without its convergence history`);
      return [];
    }
    const text = read.bytes.toString('utf8');
    const parsed = parseConvergenceCsv(text);
    if (parsed.ok) return parsed.rows;
    const withoutLast = parseConvergenceCsv(text.replace(/\n[^\n]*\n?$/, '\n'));
    if (withoutLast.ok) return withoutLast.rows;
    this.options.logger.warn(`${file} is damaged (${parsed.issues[0]?.message ?? 'unreadable'}); the run opens without its convergence history`);
    return [];
  }
}
