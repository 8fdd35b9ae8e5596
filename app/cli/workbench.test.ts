// End to end over a real WebSocket: createWorkbench + app/server's startWebServer + an RpcClient,
// as the browser renderer reaches the services (here, where the composition root meets both). Real solver host process, real files.

import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import {
  AppService, FieldsService, PresetsService, RunsService, SettingsService, SolverService,
  type Progress, type RunSummary,
} from '../contract/index.js';
import { RpcClient } from '../rpc/client.js';
import { createMemoryTransportPair } from '../rpc/memory.js';
import { silentLogger } from '../rpc/logger.js';
import { connectWebSocket } from '../rpc/websocket.js';
import { startWebServer, type WebServer } from '../server/index.js';
import { createWorkbench, type Workbench } from '../../main/services.js';
import { ensureCompiled, removeDir, runMfgSolve, SEED_PRESET, seedSpec, slowSpec, tempDir } from '../../main/testing/fixtures.js';

let scratch: string;
let workbench: Workbench;
let server: WebServer;
let client: RpcClient;

async function connect(): Promise<RpcClient> {
  const connected = await connectWebSocket(`ws://127.0.0.1:${server.port}/rpc?token=${server.token}`, {
    createSocket: (url) => new WebSocket(url, { origin: server.origin }),
    logger: silentLogger,
  });
  if (!connected.ok) throw new Error(connected.error.message);
  return new RpcClient(connected.value, { logger: silentLogger });
}

beforeAll(async () => {
  ensureCompiled();
  scratch = tempDir('services');
  const staticDir = path.join(scratch, 'renderer');
  mkdirSync(staticDir);
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>MFG Workbench</title>');
  workbench = await createWorkbench({ shell: 'browser', configDir: path.join(scratch, 'config'), runsDir: path.join(scratch, 'runs'), logger: silentLogger });
  server = await startWebServer({ staticDir, rpcServer: workbench.rpcServer, logger: silentLogger });
  client = await connect();
});

afterAll(async () => {
  client?.close();
  await server?.close();
  workbench?.dispose();
  removeDir(scratch);
});

describe('the workbench over WebSocket', () => {
  it('says what this shell can do', async () => {
    const info = await client.proxy(AppService).info();
    expect(info).toEqual({ ok: true, value: { version: expect.any(String), shell: 'browser', capabilities: { revealInFolder: false, nativeDialogs: false, liveSolving: true } } });
    const capabilities = await client.proxy(SolverService).capabilities();
    expect(capabilities.ok && capabilities.value.dimensions).toContain(1);
  });

  it('solves a preset, streams progress, serves slices, saves the run and reads it back', async () => {
    const presets = await client.proxy(PresetsService).list();
    if (!presets.ok) throw new Error(presets.error.message);
    const seed = presets.value.find((preset) => preset.id === 'seed-002-congestion');
    expect(seed).toBeDefined();

    const solver = client.proxy(SolverService);
    const progress: Progress[] = [];
    const subscription = solver.onDidProgress((event) => progress.push(event));
    const solved = await solver.solve(seed?.spec, { requestId: 'e2e-1' });
    subscription.dispose();
    if (!solved.ok) throw new Error(solved.error.message);
    expect(solved.value.status).toBe('converged');
    expect(solved.value.times).toBeInstanceOf(Float64Array);
    expect(progress.filter((event) => event.requestId === 'e2e-1').map((event) => event.record.iteration))
      .toEqual(solved.value.history.map((record) => record.iteration));

    const fields = client.proxy(FieldsService);
    const live = await fields.read({ source: { kind: 'live', solutionId: solved.value.solutionId }, field: 'm' });
    if (!live.ok) throw new Error(live.error.message);
    expect(live.value.shape).toEqual([101, 100]);
    expect(live.value.values).toBeInstanceOf(Float64Array);

    const runs = client.proxy(RunsService);
    const changes: RunSummary[][] = [];
    const watching = runs.onDidChangeRuns(({ runs: list }) => changes.push(list));
    const saved = await runs.save({ solutionId: solved.value.solutionId, name: 'e2e run' });
    if (!saved.ok) throw new Error(saved.error.message);
    expect(saved.value).toMatchObject({ name: 'e2e run', status: 'converged', external: false });
    expect(path.dirname(saved.value.path)).toBe(path.join(scratch, 'runs'));
    const listed = await runs.list();
    expect(listed.ok && listed.value.map((run) => run.runId)).toContain(saved.value.runId);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(changes.at(-1)?.map((run) => run.runId)).toContain(saved.value.runId);
    watching.dispose();

    // The saved fields are the live ones, bit for bit.
    const fromRun = await fields.read({ source: { kind: 'run', runId: saved.value.runId }, field: 'm' });
    expect(fromRun.ok && Array.from(fromRun.value.values)).toEqual(Array.from(live.value.values));
    const details = await runs.open(saved.value.runId);
    expect(details.ok && details.value.convergence).toHaveLength(solved.value.iterations);
    expect(details.ok && details.value.manifest).toMatchObject({ solver: { name: 'mfg-workbench (live)' }, app: { shell: 'browser' } });

    const renamed = await runs.rename(saved.value.runId, 'renamed over rpc');
    expect(renamed.ok && renamed.value.name).toBe('renamed over rpc');
    const reveal = await runs.reveal(saved.value.runId);
    expect(!reveal.ok && reveal.error.code).toBe('unsupported');
    expect(!reveal.ok && reveal.error.message).toContain(saved.value.path);
    expect(await runs.remove(saved.value.runId)).toEqual({ ok: true, value: { removed: true } });
    expect(existsSync(saved.value.path)).toBe(false);

    expect(await solver.release(solved.value.solutionId)).toEqual({ ok: true, value: { released: true } });
    const released = await fields.read({ source: { kind: 'live', solutionId: solved.value.solutionId }, field: 'm' });
    expect(!released.ok && released.error.code).toBe('not_found');
  });

  it('notices a run directory written into the runs folder by another program', async () => {
    const runs = client.proxy(RunsService);
    const outside = path.join(scratch, 'runs', 'from-mfg-solve');
    const noticed = new Promise<RunSummary[]>((resolve) => {
      const watching = runs.onDidChangeRuns(({ runs: list }) => {
        if (!list.some((run) => run.path === outside)) return;
        watching.dispose();
        resolve(list);
      });
    });
    expect(runMfgSolve(SEED_PRESET, outside).status).toBe(0);
    const list = await noticed;
    expect(list.find((run) => run.path === outside)?.external).toBe(false);
  });

  it('refuses an invalid spec with the issues, before it reaches the solver', async () => {
    const spec = { ...seedSpec(), physics: { ...seedSpec().physics, viscosity: -1, terminal_cost: 'sinn(x)' } };
    const solved = await client.proxy(SolverService).solve(spec, { requestId: 'bad' });
    expect(!solved.ok && solved.error.code).toBe('bad_input');
    expect(!solved.ok && solved.error.message).toMatch(/physics\.viscosity/);
    expect(!solved.ok && JSON.stringify(solved.error.details)).toMatch(/did you mean 'sin'/);
  });

  it('cancels a solve when the caller aborts (latest wins)', async () => {
    const solver = client.proxy(SolverService);
    const controller = new AbortController();
    const started = new Promise<void>((resolve) => {
      const subscription = solver.onDidProgress((event) => {
        if (event.requestId !== 'older') return;
        subscription.dispose();
        resolve();
      });
    });
    const older = solver.solve(slowSpec(), { requestId: 'older' }, { signal: controller.signal });
    await started;
    controller.abort();
    const newer = await solver.solve(seedSpec(), { requestId: 'newer' });
    expect(!(await older).ok && ((await older) as { error: { code: string } }).error.code).toBe('cancelled');
    expect(newer.ok && newer.value.status).toBe('converged');
  });

  it('persists settings and tells every connection', async () => {
    const settings = client.proxy(SettingsService);
    const other = await connect();
    const heard: unknown[] = [];
    const subscription = other.proxy(SettingsService).onDidChangeSettings((value) => heard.push(value));
    const updated = await settings.update({ colormap: 'inferno' });
    expect(updated.ok && updated.value.colormap).toBe('inferno');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(heard).toEqual([updated.ok ? updated.value : undefined]);
    expect((await settings.get()).ok).toBe(true);
    const refused = await settings.update({ playbackFps: 0 });
    expect(!refused.ok && refused.error.code).toBe('bad_input');
    subscription.dispose();
    other.close();
  });

  it('reports a crashed solver host as an event, and the next solve works', async () => {
    const solver = client.proxy(SolverService);
    const restarts: string[] = [];
    const subscription = solver.onDidRestartHost(({ reason }) => restarts.push(reason));
    const started = new Promise<void>((resolve) => {
      const progress = solver.onDidProgress((event) => {
        if (event.requestId !== 'doomed') return;
        progress.dispose();
        resolve();
      });
    });
    const doomed = solver.solve(slowSpec(), { requestId: 'doomed' });
    await started;
    process.kill(workbench.solver.hostPid as number, 'SIGKILL');
    const failed = await doomed;
    expect(!failed.ok && failed.error.code).toBe('solver_failed');
    const next = await solver.solve(seedSpec(), { requestId: 'after crash' });
    expect(next.ok && next.value.status).toBe('converged');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(restarts).toHaveLength(1);
    expect(restarts[0]).toMatch(/SIGKILL/);
    subscription.dispose();
  });
});

describe('the workbench across a restart', () => {
  it('keeps settings and runs opened in place', async () => {
    const configDir = path.join(scratch, 'restart-config');
    const outside = path.join(scratch, 'restart-outside');
    expect(runMfgSolve(SEED_PRESET, outside).status).toBe(0);
    const session = async (work: (client: RpcClient) => Promise<void>): Promise<void> => {
      const bench = await createWorkbench({ shell: 'browser', configDir, runsDir: path.join(scratch, 'restart-runs'), logger: silentLogger });
      const pair = createMemoryTransportPair({ copy: 'frame' });
      bench.rpcServer.connect(pair.server);
      const memoryClient = new RpcClient(pair.client, { logger: silentLogger });
      try {
        await work(memoryClient);
      } finally {
        memoryClient.close();
        bench.dispose();
      }
    };
    await session(async (rpc) => {
      expect((await rpc.proxy(SettingsService).update({ colormap: 'cividis', playbackFps: 60 })).ok).toBe(true);
      expect((await rpc.proxy(RunsService).openDirectory(outside)).ok).toBe(true);
    });
    await session(async (rpc) => {
      const settings = await rpc.proxy(SettingsService).get();
      expect(settings.ok && settings.value).toMatchObject({ colormap: 'cividis', playbackFps: 60 });
      const runs = await rpc.proxy(RunsService).list();
      expect(runs.ok && runs.value.find((run) => run.external)?.path).toBe(outside);
    });
  });
});
