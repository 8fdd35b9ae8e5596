// The run store on real run directories (written by mfg-solve) in temporary folders: listing with
// damaged runs, details, slices, renaming, the limits of deleting, and runs opened in place.

import { appendFileSync, cpSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appError, err, ok, type RunSummary } from '../../app/contract/index.js';
import type { Logger } from '../../app/rpc/logger.js';
import { removeDir, runMfgSolve, SEED_PRESET, tempDir } from '../testing/fixtures.js';
import { ExternalRunIndex } from './external-runs.js';
import { runIdFor } from './run-directory.js';
import { checkDeletable, runFolderName } from './run-safety.js';
import { RunStore } from './run-store.js';
import { ZarrReader } from './zarr-reader.js';

let scratch: string;
let template: string;
const warnings: string[] = [];
const logger: Logger = { warn: (message) => warnings.push(message) };

beforeAll(() => {
  scratch = tempDir('runs');
  template = path.join(scratch, 'template');
  const solved = runMfgSolve(SEED_PRESET, template);
  if (solved.status !== 0) throw new Error(`mfg-solve failed: ${solved.stderr}`);
});
afterAll(() => removeDir(scratch));

interface Setup {
  runsFolder: string;
  configDir: string;
  store: () => RunStore;
}

let folders = 0;
/** A runs folder with two good runs, three damaged ones, and things that are not runs. */
function setup(): Setup {
  folders += 1;
  const base = path.join(scratch, `case-${folders}`);
  const runsFolder = path.join(base, 'runs');
  const configDir = path.join(base, 'config');
  mkdirSync(runsFolder, { recursive: true });
  cpSync(template, path.join(runsFolder, 'good-a'), { recursive: true });
  cpSync(template, path.join(runsFolder, 'good-b'), { recursive: true });
  const manifestB = path.join(runsFolder, 'good-b', 'run.json');
  const documentB = JSON.parse(readFileSync(manifestB, 'utf8')) as Record<string, unknown>;
  writeFileSync(manifestB, JSON.stringify({ ...documentB, started_at: '2000-01-01T00:00:00.000Z' }));
  cpSync(template, path.join(runsFolder, 'corrupted'), { recursive: true });
  writeFileSync(path.join(runsFolder, 'corrupted', 'run.json'), readFileSync(manifestB, 'utf8').slice(0, 300));
  cpSync(path.join(template, 'fields.zarr'), path.join(runsFolder, 'no-manifest', 'fields.zarr'), { recursive: true });
  cpSync(template, path.join(runsFolder, 'newer-format'), { recursive: true });
  writeFileSync(path.join(runsFolder, 'newer-format', 'run.json'), JSON.stringify({ ...documentB, format_version: 2 }));
  mkdirSync(path.join(runsFolder, 'notes'));
  writeFileSync(path.join(runsFolder, 'notes', 'todo.txt'), 'not a run');
  writeFileSync(path.join(runsFolder, 'README.txt'), 'a file');
  cpSync(template, path.join(runsFolder, '.hidden'), { recursive: true });
  cpSync(template, path.join(base, 'outside-run'), { recursive: true });
  symlinkSync(path.join(base, 'outside-run'), path.join(runsFolder, 'linked'));
  const store = (): RunStore => new RunStore({ runsFolder: () => runsFolder, externals: new ExternalRunIndex(configDir, logger), zarr: new ZarrReader(), logger });
  return { runsFolder, configDir, store };
}

const byFolder = (runs: readonly RunSummary[], folder: string): RunSummary | undefined => runs.find((run) => path.basename(run.path) === folder);

describe('RunStore.list', () => {
  it('lists run directories, damaged ones with their problem, and nothing else', async () => {
    const { store } = setup();
    const runs = await store().list();
    expect(runs.map((run) => path.basename(run.path)).sort()).toEqual(['corrupted', 'good-a', 'good-b', 'newer-format', 'no-manifest']);
    const good = byFolder(runs, 'good-a');
    expect(good).toMatchObject({ status: 'converged', external: false, name: expect.stringMatching(/Seed 002/) });
    expect(good?.keyParameters).toMatchObject({ method: 'newton', points: '100', steps: 100, viscosity: 0.01 });
    expect(good?.iterations).toBeGreaterThan(0);
    expect(good?.problem).toBeUndefined();
    expect(byFolder(runs, 'corrupted')).toMatchObject({ status: 'damaged', name: 'corrupted', startedAt: null, problem: expect.stringMatching(/run\.json is not valid JSON/) });
    expect(byFolder(runs, 'no-manifest')?.problem).toMatch(/run\.json is missing/);
    expect(byFolder(runs, 'newer-format')?.problem).toMatch(/format_version: expected 1 \(a newer version needs a newer MFG Workbench\)/);
    // Newest first: good-b was started in 2000, damaged runs have no start time.
    expect(runs.findIndex((run) => run === good)).toBeLessThan(runs.findIndex((run) => path.basename(run.path) === 'good-b'));
    expect(runs.slice(-3).every((run) => run.status === 'damaged')).toBe(true);
  });

  it('gives a run the same id in every session', async () => {
    const { store } = setup();
    const first = await store().list();
    const second = await store().list();
    expect(first.map((run) => run.runId)).toEqual(second.map((run) => run.runId));
    expect(new Set(first.map((run) => run.runId)).size).toBe(first.length);
  });

  it('lists nothing for a runs folder that does not exist yet', async () => {
    const store = new RunStore({ runsFolder: () => path.join(scratch, 'nope'), externals: new ExternalRunIndex(path.join(scratch, 'nope-config'), logger), zarr: new ZarrReader(), logger });
    expect(await store.list()).toEqual([]);
  });
});

describe('RunStore.open and readField', () => {
  it('opens a run with its manifest, convergence history, times and grid', async () => {
    const { store } = setup();
    const runs = store();
    const good = byFolder(await runs.list(), 'good-a') as RunSummary;
    const details = await runs.open(good.runId);
    if (!details.ok) throw new Error(details.error.message);
    expect(details.value.manifest.status).toBe('converged');
    expect(details.value.convergence).toHaveLength(good.iterations as number);
    expect(details.value.times).toHaveLength(101);
    expect(details.value.times[100]).toBe(1);
    expect(details.value.grid.points).toEqual([100]);
    const slice = await runs.readField(good.runId, 'm', [100, 101]);
    expect(slice.ok && slice.value.shape).toEqual([1, 100]);
    expect(slice.ok && slice.value.levels).toEqual([100, 101]);
    const all = await runs.readField(good.runId, 'u');
    expect(all.ok && all.value.shape).toEqual([101, 100]);
  });

  it('lists the fields the run stores, and reads no other name, whatever it is', async () => {
    const { store, runsFolder } = setup();
    const runs = store();
    const good = byFolder(await runs.list(), 'good-a') as RunSummary;
    const details = await runs.open(good.runId);
    if (!details.ok) throw new Error(details.error.message);
    // Time-dependent arrays only: the coordinates t and x are not fields.
    expect(details.value.fields.map(({ name, dims, shape }) => ({ name, dims, shape }))).toEqual([
      { name: 'm', dims: ['t', 'x'], shape: [101, 100] },
      { name: 'u', dims: ['t', 'x'], shape: [101, 100] },
    ]);
    expect(details.value.fields[0]?.longName).toBe('density m(t, x)');
    // A name the run does not list is refused before any file is opened, even when a file of that name exists.
    writeFileSync(path.join(runsFolder, 'good-a', 'fields.zarr', 'secret'), 'not an array');
    for (const name of ['secret', 't', '../run.json', 'u/../../run.json', 'rho_c']) {
      const refused = await runs.readField(good.runId, name);
      expect(!refused.ok && refused.error).toMatchObject({ code: 'not_found', message: expect.stringContaining('it stores m, u') });
    }
  });

  it('drops a half-written last line of convergence.csv, and refuses to open a damaged run', async () => {
    const { store, runsFolder } = setup();
    appendFileSync(path.join(runsFolder, 'good-a', 'convergence.csv'), '99,newt');
    const runs = store();
    const listed = await runs.list();
    const good = byFolder(listed, 'good-a') as RunSummary;
    const details = await runs.open(good.runId);
    expect(details.ok && details.value.convergence).toHaveLength(good.iterations as number);
    const damaged = await runs.open((byFolder(listed, 'corrupted') as RunSummary).runId);
    expect(!damaged.ok && damaged.error.message).toMatch(/cannot be opened: run\.json is not valid JSON/);
    const unknown = await runs.open('run-unknown');
    expect(!unknown.ok && unknown.error.code).toBe('not_found');
  });
});

describe('RunStore.rename', () => {
  it('rewrites spec.name in run.json, keeps everything else, and tells listeners', async () => {
    const { store, runsFolder } = setup();
    const runs = store();
    const changes: RunSummary[][] = [];
    runs.onDidChangeRuns((list) => changes.push(list));
    const good = byFolder(await runs.list(), 'good-a') as RunSummary;
    const file = path.join(runsFolder, 'good-a', 'run.json');
    const before = JSON.parse(readFileSync(file, 'utf8')) as { spec: Record<string, unknown> } & Record<string, unknown>;
    const renamed = await runs.rename(good.runId, '  Congestion, lambda 0.5  ');
    expect(renamed.ok && renamed.value).toMatchObject({ runId: good.runId, name: 'Congestion, lambda 0.5', path: good.path });
    const after = JSON.parse(readFileSync(file, 'utf8')) as { spec: Record<string, unknown> } & Record<string, unknown>;
    expect(after).toEqual({ ...before, spec: { ...before.spec, name: 'Congestion, lambda 0.5' } });
    expect(changes).toHaveLength(1);
    expect(byFolder(changes[0] as RunSummary[], 'good-a')?.name).toBe('Congestion, lambda 0.5');
  });

  it('refuses an empty name and a damaged run', async () => {
    const { store } = setup();
    const runs = store();
    const listed = await runs.list();
    const empty = await runs.rename((byFolder(listed, 'good-a') as RunSummary).runId, '   ');
    expect(!empty.ok && empty.error.message).toBe('expected a name of 1 to 200 characters, received "   "');
    const damaged = await runs.rename((byFolder(listed, 'corrupted') as RunSummary).runId, 'x');
    expect(!damaged.ok && damaged.error.message).toMatch(/cannot rename: run\.json is damaged/);
  });
});

describe('RunStore.remove and the limits of deleting', () => {
  it('deletes a run directory of the runs folder, damaged ones included', async () => {
    const { store, runsFolder } = setup();
    const runs = store();
    const listed = await runs.list();
    for (const folder of ['good-a', 'corrupted', 'no-manifest']) {
      expect(await runs.remove((byFolder(listed, folder) as RunSummary).runId)).toEqual({ ok: true, value: { removed: true } });
      expect(existsSync(path.join(runsFolder, folder))).toBe(false);
    }
    expect((await runs.list()).map((run) => path.basename(run.path)).sort()).toEqual(['good-b', 'newer-format']);
    const again = await runs.remove((byFolder(listed, 'good-a') as RunSummary).runId);
    expect(!again.ok && again.error.code).toBe('not_found');
  });

  it('refuses to delete anything but a run directory directly inside the runs folder', async () => {
    const { runsFolder } = setup();
    const base = path.dirname(runsFolder);
    mkdirSync(path.join(runsFolder, 'group', 'nested'), { recursive: true });
    cpSync(template, path.join(runsFolder, 'group', 'nested-run'), { recursive: true });
    const cases: [string, RegExp][] = [
      [path.join(base, 'outside-run'), /only run directories directly inside the runs folder/],
      [path.join(runsFolder, 'linked'), /it is a link/],
      [path.join(runsFolder, 'notes'), /neither run\.json nor fields\.zarr, so it is not a run directory \(found: todo\.txt\)/],
      [path.join(runsFolder, 'README.txt'), /not a directory/],
      [runsFolder, /only run directories directly inside/],
      [path.join(runsFolder, 'group', 'nested-run'), /only run directories directly inside/],
      [path.join(runsFolder, 'good-a', '..', '..', 'outside-run'), /only run directories directly inside/],
      [path.join(runsFolder, 'missing'), /not a directory/],
    ];
    for (const [target, why] of cases) {
      const checked = await checkDeletable(runsFolder, target);
      expect(checked.ok, target).toBe(false);
      expect(!checked.ok && checked.error.message, target).toMatch(why);
    }
    expect(existsSync(path.join(base, 'outside-run', 'run.json'))).toBe(true);
    expect((await checkDeletable(runsFolder, path.join(runsFolder, 'good-a'))).ok).toBe(true);
  });
});

describe('runs opened in place (external)', () => {
  it('are listed, remembered across sessions, and only forgotten on remove', async () => {
    const { store, runsFolder, configDir } = setup();
    const outside = path.join(path.dirname(runsFolder), 'outside-run');
    const runs = store();
    const opened = await runs.openDirectory(outside);
    expect(opened.ok && opened.value).toMatchObject({ external: true, status: 'converged', path: outside, runId: runIdFor(outside) });
    const later = store();
    const listed = await later.list();
    expect(listed.find((run) => run.external)?.path).toBe(outside);
    expect(JSON.parse(readFileSync(path.join(configDir, 'external-runs.json'), 'utf8'))).toEqual({ version: 1, paths: [outside] });
    expect(await later.remove(runIdFor(outside))).toEqual({ ok: true, value: { removed: true } });
    expect(existsSync(path.join(outside, 'run.json'))).toBe(true);
    expect((await later.list()).some((run) => run.external)).toBe(false);
  });

  it('a run opened from inside the runs folder stays a normal run', async () => {
    const { store, runsFolder, configDir } = setup();
    const opened = await store().openDirectory(path.join(runsFolder, 'good-a'));
    expect(opened.ok && opened.value.external).toBe(false);
    expect(existsSync(path.join(configDir, 'external-runs.json'))).toBe(false);
  });

  it('refuses what is not a run directory, with a message that says so', async () => {
    const { store, runsFolder } = setup();
    const runs = store();
    const cases: [string, RegExp][] = [
      ['relative/run', /expected an absolute path to a run directory, received "relative\/run"/],
      [path.join(runsFolder, 'missing'), /does not exist/],
      [path.join(runsFolder, 'notes'), /is not a run directory: expected a folder with run\.json or fields\.zarr/],
      [path.join(runsFolder, 'README.txt'), /is a file: expected a run directory/],
    ];
    for (const [input, why] of cases) {
      const opened = await runs.openDirectory(input);
      expect(!opened.ok && opened.error.message, input).toMatch(why);
    }
  });

  it('an opened run that disappeared is listed as damaged, so it can be forgotten', async () => {
    const { store, runsFolder } = setup();
    const moving = path.join(path.dirname(runsFolder), 'moving-run');
    cpSync(template, moving, { recursive: true });
    const runs = store();
    await runs.openDirectory(moving);
    removeDir(moving);
    const gone = (await runs.list()).find((run) => run.external);
    expect(gone).toMatchObject({ status: 'damaged', problem: expect.stringMatching(/no longer exists/) });
    expect((await runs.remove(gone?.runId as string)).ok).toBe(true);
  });
});

describe('RunStore.save', () => {
  it('creates a new folder named after the run, lets the writer fill it, and lists it', async () => {
    const { store, runsFolder } = setup();
    const runs = store();
    const saved = await runs.save('Seed 002: congestion', async (directory) => {
      cpSync(template, directory, { recursive: true });
      return ok(undefined);
    }, 'My run');
    if (!saved.ok) throw new Error(saved.error.message);
    expect(path.dirname(saved.value.path)).toBe(runsFolder);
    expect(path.basename(saved.value.path)).toMatch(/^my-run-\d{8}-\d{6}$/);
    expect(saved.value.name).toBe('My run');
    const second = await runs.save('x', async (directory) => {
      cpSync(template, directory, { recursive: true });
      return ok(undefined);
    }, 'My run');
    expect(second.ok && second.value.path).not.toBe(saved.value.path);
  });

  it('leaves nothing behind when the writer fails', async () => {
    const { store, runsFolder } = setup();
    const before = (await store().list()).length;
    const failed = await store().save('doomed', async () => err(appError('solver_failed', 'the host crashed')));
    expect(failed).toEqual({ ok: false, error: { code: 'solver_failed', message: 'the host crashed' } });
    expect((await store().list()).length).toBe(before);
    expect(existsSync(runsFolder)).toBe(true);
  });

  it('names folders from the run name and a UTC time stamp', () => {
    const now = new Date('2026-11-22T19:00:05.123Z');
    expect(runFolderName('Seed 002: congestion, target x = 0.7', now)).toBe('seed-002-congestion-target-x-0-7-20261122-190005');
    expect(runFolderName('../../etc', now)).toBe('etc-20261122-190005');
    expect(runFolderName('???', now)).toBe('run-20261122-190005');
  });
});
