import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Logger } from '../../app/rpc/logger.js';
import { removeDir, tempDir } from '../testing/fixtures.js';
import { configDirectory, defaultRunsFolder } from './config-dir.js';
import { SETTINGS_FILE, SettingsStore } from './settings-store.js';

let configDir: string;
let warnings: string[];
const logger: Logger = { warn: (message) => warnings.push(message) };
const env = { MFGW_RUNS_DIR: '/tmp/mfgw-default-runs' };

beforeEach(() => {
  configDir = tempDir('settings');
  warnings = [];
});
afterEach(() => removeDir(configDir));

const open = (extra: { runsFolderOverride?: string } = {}): Promise<SettingsStore> => SettingsStore.open({ configDir, env, logger, ...extra });

describe('SettingsStore', () => {
  it('starts from the defaults and keeps changes across a restart', async () => {
    const first = await open();
    expect(first.get()).toEqual({ version: 1, runsFolder: '/tmp/mfgw-default-runs', colormap: 'viridis', playbackFps: 24, liveSolve: true });
    const seen: unknown[] = [];
    first.onDidChange((settings) => seen.push(settings));
    const updated = await first.update({ colormap: 'magma', playbackFps: 30, runsFolder: '~/elsewhere' });
    expect(updated.ok && updated.value).toMatchObject({ colormap: 'magma', playbackFps: 30, runsFolder: path.join(homedir(), 'elsewhere') });
    expect(seen).toHaveLength(1);
    const restarted = await open();
    expect(restarted.get()).toEqual(updated.ok ? updated.value : undefined);
    expect(warnings).toEqual([]);
  });

  it('refuses invalid patches with a message and changes nothing', async () => {
    const store = await open();
    const badFps = await store.update({ playbackFps: 500 });
    expect(!badFps.ok && badFps.error.code).toBe('bad_input');
    expect(!badFps.ok && badFps.error.message).toMatch(/playbackFps/);
    const relative = await store.update({ runsFolder: 'runs' });
    expect(!relative.ok && relative.error.message).toBe('runsFolder: expected an absolute folder path (or one starting with ~/), received "runs"');
    const file = path.join(configDir, 'not-a-folder.txt');
    writeFileSync(file, 'a file');
    const onFile = await store.update({ runsFolder: file });
    expect(!onFile.ok && onFile.error.message).toBe(`runsFolder: ${file} is a file, not a folder: expected a folder for the runs (an existing one, or a path that does not exist yet: it is created on the first save)`);
    expect(existsSync(path.join(configDir, SETTINGS_FILE))).toBe(false);
  });

  it('keeps a file that is not JSON aside and starts from the defaults, with a warning', async () => {
    writeFileSync(path.join(configDir, SETTINGS_FILE), '{"version": 1, "colormap": "magm');
    const store = await open({});
    expect(store.get().colormap).toBe('viridis');
    const kept = readdirSync(configDir).filter((name) => name.startsWith(`${SETTINGS_FILE}.corrupt-`));
    expect(kept).toHaveLength(1);
    expect(readFileSync(path.join(configDir, kept[0] as string), 'utf8')).toBe('{"version": 1, "colormap": "magm');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/not valid JSON/);
    expect(warnings[0]).toMatch(/kept as .*settings\.json\.corrupt-/);
    // The repaired file is valid again: the next start has nothing to warn about.
    warnings = [];
    await open();
    expect(warnings).toEqual([]);
  });

  it('keeps the fields that are still valid when others are not', async () => {
    writeFileSync(path.join(configDir, SETTINGS_FILE), JSON.stringify({ version: 1, runsFolder: '/data/runs', colormap: 'jet', playbackFps: 12, liveSolve: 'yes' }));
    const store = await open();
    expect(store.get()).toEqual({ version: 1, runsFolder: '/data/runs', colormap: 'viridis', playbackFps: 12, liveSolve: true });
    expect(warnings[0]).toMatch(/default values: colormap, liveSolve/);
  });

  it('uses a session override of the runs folder without writing it', async () => {
    const store = await open({ runsFolderOverride: '/tmp/session-runs' });
    expect(store.runsFolder()).toBe('/tmp/session-runs');
    await store.update({ liveSolve: false, runsFolder: '/tmp/other-session-runs' });
    expect(store.runsFolder()).toBe('/tmp/other-session-runs');
    const saved = JSON.parse(readFileSync(path.join(configDir, SETTINGS_FILE), 'utf8')) as Record<string, unknown>;
    expect(saved).toMatchObject({ liveSolve: false, runsFolder: '/tmp/mfgw-default-runs' });
  });

  it('reports an unwritable config folder as an io error', async () => {
    const file = path.join(configDir, 'not-a-folder');
    writeFileSync(file, '');
    const store = await SettingsStore.open({ configDir: path.join(file, 'config'), env, logger });
    const result = await store.update({ colormap: 'cividis' });
    expect(!result.ok && result.error.code).toBe('io');
    expect(store.get().colormap).toBe('viridis');
  });
});

describe('config and runs folders', () => {
  it('follow MFGW_CONFIG_DIR, then XDG_CONFIG_HOME, then ~/.config', () => {
    expect(configDirectory({ MFGW_CONFIG_DIR: '/a/b' })).toBe('/a/b');
    expect(configDirectory({ XDG_CONFIG_HOME: '/x' })).toBe('/x/mfg-workbench');
    expect(configDirectory({ XDG_CONFIG_HOME: 'relative' })).toBe(path.join(homedir(), '.config', 'mfg-workbench'));
    expect(configDirectory({})).toBe(path.join(homedir(), '.config', 'mfg-workbench'));
    expect(defaultRunsFolder({})).toBe(path.join(homedir(), 'mfg-runs'));
    expect(defaultRunsFolder({ MFGW_RUNS_DIR: '/r' })).toBe('/r');
  });
});
