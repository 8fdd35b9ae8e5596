import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { WORKSPACE_FORMAT, type Workspace } from '../../app/contract/index.js';
import { removeDir, seedSpec, tempDir } from '../testing/fixtures.js';
import { WORKSPACE_FILE, WorkspaceStore } from './workspace-store.js';

const scratch = tempDir('workspace');
afterAll(() => removeDir(scratch));

const workspace = (name: string): Workspace => ({
  format: WORKSPACE_FORMAT, version: 1, saved: '2026-12-02T00:00:00.000Z', spec: { ...seedSpec(), name }, presetId: 'seed-002-congestion',
  display: { map: { field: 'u' }, volume: {} }, sidebarTab: 'runs',
});

describe('WorkspaceStore', () => {
  const warnings: string[] = [];
  const logger = { warn: (message: string) => { warnings.push(message); } };

  it('keeps the last of several saves across stores (a restart), in a JSON file of the config folder', async () => {
    const configDir = path.join(scratch, 'a');
    const store = new WorkspaceStore({ configDir, logger, env: {} });
    expect(await store.get()).toEqual({ ok: true, value: null });
    await Promise.all([store.save(workspace('first')), store.save(workspace('second'))]);
    const again = new WorkspaceStore({ configDir, logger, env: {} });
    expect(await again.get()).toEqual({ ok: true, value: workspace('second') });
    expect(JSON.parse(readFileSync(path.join(configDir, WORKSPACE_FILE), 'utf8')).format).toBe(WORKSPACE_FORMAT);
  });

  it('starts afresh from a file that is not a workspace, saying why, and keeps none when MFGW_WORKSPACE=off', async () => {
    const configDir = path.join(scratch, 'b');
    mkdirSync(configDir, { recursive: true });
    writeFileSync(path.join(configDir, WORKSPACE_FILE), '{"format": "something else"}');
    expect(await new WorkspaceStore({ configDir, logger, env: {} }).get()).toEqual({ ok: true, value: null });
    expect(warnings.at(-1)).toMatch(/is not a workspace of this version/);
    writeFileSync(path.join(configDir, WORKSPACE_FILE), '{ not json');
    expect(await new WorkspaceStore({ configDir, logger, env: {} }).get()).toEqual({ ok: true, value: null });
    const off = new WorkspaceStore({ configDir: path.join(scratch, 'c'), logger, env: { MFGW_WORKSPACE: 'off' } });
    expect(await off.save(workspace('x'))).toEqual({ ok: true, value: { saved: false } });
    expect(await off.get()).toEqual({ ok: true, value: null });
  });
});
