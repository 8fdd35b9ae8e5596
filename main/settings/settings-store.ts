// The user's settings: one JSON file in the config folder, validated with the contract's
// SettingsSchema. A file that cannot be read as settings is never a crash: it is kept aside
// (settings.json.corrupt-<timestamp>) so nothing the user wrote is lost, the fields that were still
// valid are kept, the rest take their defaults, and a warning says what happened.
//
// A runs folder given on the command line (`mfgw web --runs DIR`) is a session override: it is
// what get() reports and what the run store uses, but it is never written to the file.

import { mkdir, rename, stat } from 'node:fs/promises';
import path from 'node:path';
import { appError, err, ok, SettingsPatchSchema, SettingsSchema, describeReceived, type Result, type Settings } from '../../app/contract/index.js';
import { Emitter, type Disposable } from '../../app/rpc/disposable.js';
import type { Logger } from '../../app/rpc/logger.js';
import { errorMessage, readJsonFile, writeFileAtomic } from '../files.js';
import { expandHome } from '../paths.js';
import { defaultRunsFolder } from './config-dir.js';

export const SETTINGS_FILE = 'settings.json';

export interface SettingsStoreOptions {
  configDir: string;
  /** Used for this session only, never persisted. */
  runsFolderOverride?: string;
  env?: NodeJS.ProcessEnv;
  logger: Logger;
  /** For the name of a file kept aside; default: now. */
  now?: () => Date;
}

type Persisted = Omit<Settings, 'version'>;
type SettingsKey = keyof Persisted;

export function defaultSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  return { version: 1, runsFolder: defaultRunsFolder(env), colormap: 'viridis', playbackFps: 24, liveSolve: true };
}

export class SettingsStore {
  private persisted: Settings;
  private override: string | undefined;
  private writes: Promise<unknown> = Promise.resolve();
  private readonly changed: Emitter<Settings>;
  /** What loading had to repair, in words (also sent to the logger). */
  readonly warnings: readonly string[];

  private constructor(private readonly options: SettingsStoreOptions, loaded: Settings, warnings: string[]) {
    this.persisted = loaded;
    this.override = options.runsFolderOverride === undefined ? undefined : expandHome(options.runsFolderOverride);
    this.warnings = warnings;
    this.changed = new Emitter(options.logger, 'settings changes');
  }

  static async open(options: SettingsStoreOptions): Promise<SettingsStore> {
    const { settings, warnings } = await loadSettings(options);
    for (const warning of warnings) options.logger.warn(warning);
    return new SettingsStore(options, settings, warnings);
  }

  get file(): string {
    return path.join(this.options.configDir, SETTINGS_FILE);
  }

  get(): Settings {
    return this.override === undefined ? { ...this.persisted } : { ...this.persisted, runsFolder: this.override };
  }

  /** The runs folder as an absolute path. */
  runsFolder(): string {
    return expandHome(this.get().runsFolder);
  }

  onDidChange(listener: (settings: Settings) => void): Disposable {
    return this.changed.listen(listener);
  }

  /** Applies a patch; updates are written one after another, each atomically. */
  update(patch: unknown): Promise<Result<Settings>> {
    const next = this.writes.then(() => this.applyPatch(patch));
    this.writes = next;
    return next;
  }

  private async applyPatch(patch: unknown): Promise<Result<Settings>> {
    const parsed = SettingsPatchSchema.safeParse(patch);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue === undefined ? '' : `${issue.path.map(String).join('.')}: `;
      return err(appError('bad_input', `settings not changed: ${where}${issue?.message ?? 'invalid patch'}`));
    }
    const changes = { ...parsed.data };
    if (changes.runsFolder !== undefined) {
      const folder = await checkRunsFolder(changes.runsFolder);
      if (!folder.ok) return folder;
      changes.runsFolder = folder.value;
      if (this.override !== undefined) {
        this.override = folder.value; // a session override stays a session override
        delete changes.runsFolder;
      }
    }
    const candidate: Settings = { ...this.persisted, ...changes };
    try {
      await mkdir(this.options.configDir, { recursive: true });
      await writeFileAtomic(this.file, `${JSON.stringify(candidate, null, 2)}\n`);
    } catch (error) {
      return err(appError('io', `could not save the settings to ${this.file}: ${errorMessage(error)}. Check that the folder is writable.`));
    }
    this.persisted = candidate;
    const current = this.get();
    this.changed.fire(current);
    return ok(current);
  }
}

/** Why `folder` cannot be the runs folder (it exists and is not a folder), or undefined. */
export async function runsFolderProblem(folder: string): Promise<string | undefined> {
  const info = await stat(folder).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? undefined : error));
  if (info instanceof Error) return `${folder} cannot be used as the runs folder: ${info.message}`;
  if (info !== undefined && !info.isDirectory()) {
    return `${folder} is a file, not a folder: expected a folder for the runs (an existing one, or a path that does not exist yet: it is created on the first save)`;
  }
  return undefined;
}

async function checkRunsFolder(value: string): Promise<Result<string>> {
  const trimmed = value.trim();
  if (trimmed === '' || !(path.isAbsolute(trimmed) || trimmed === '~' || trimmed.startsWith('~/'))) {
    return err(appError('bad_input', `runsFolder: expected an absolute folder path (or one starting with ~/), received ${describeReceived(value)}`));
  }
  const folder = expandHome(trimmed);
  const problem = await runsFolderProblem(folder);
  return problem === undefined ? ok(folder) : err(appError('bad_input', `runsFolder: ${problem}`));
}

interface Loaded {
  settings: Settings;
  warnings: string[];
}

async function loadSettings(options: SettingsStoreOptions): Promise<Loaded> {
  const defaults = defaultSettings(options.env);
  const file = path.join(options.configDir, SETTINGS_FILE);
  const read = await readJsonFile(file, { followLinks: true }); // dotfile managers link config files
  if (read.kind === 'missing') return { settings: defaults, warnings: [] };
  if (read.kind === 'unreadable') {
    return { settings: defaults, warnings: [`could not read ${file} (${read.reason}); using the default settings for this session`] };
  }
  if (read.kind === 'ok') {
    const parsed = SettingsSchema.safeParse(read.value);
    if (parsed.success) return { settings: parsed.data, warnings: [] };
  }
  const { settings, reset } = salvage(read.kind === 'ok' ? read.value : undefined, defaults);
  const why = read.kind === 'invalid' ? `it is not valid JSON (${read.reason})` : `invalid fields: ${reset.join(', ')}`;
  const aside = await keepAside(file, options.now?.() ?? new Date());
  const kept = aside.ok ? `the file was kept as ${aside.value}` : `it could not be kept aside (${aside.error.message})`;
  const warnings = [`${file} was damaged (${why}); ${kept}; these settings now have their default values: ${reset.join(', ')}`];
  try {
    await writeFileAtomic(file, `${JSON.stringify(settings, null, 2)}\n`);
  } catch (error) {
    warnings.push(`could not write repaired settings to ${file}: ${errorMessage(error)}`);
  }
  return { settings, warnings };
}

/** Keeps each field that is still valid on its own; the others take their defaults. */
function salvage(value: unknown, defaults: Settings): { settings: Settings; reset: SettingsKey[] } {
  const settings: Settings = { ...defaults };
  const reset: SettingsKey[] = [];
  const record = typeof value === 'object' && value !== null && !Array.isArray(value) ? value : {};
  for (const key of Object.keys(SettingsSchema.shape) as (keyof Settings)[]) {
    if (key === 'version') continue;
    const field = SettingsSchema.shape[key].safeParse(Reflect.get(record, key));
    if (field.success) Reflect.set(settings, key, field.data);
    else reset.push(key);
  }
  return { settings, reset };
}

async function keepAside(file: string, now: Date): Promise<Result<string>> {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const target = `${file}.corrupt-${stamp}`;
  try {
    await rename(file, target);
    return ok(target);
  } catch (error) {
    return err(appError('io', errorMessage(error)));
  }
}
