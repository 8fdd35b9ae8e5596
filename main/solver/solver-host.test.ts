// The solver host against the real addon in a real child process: solves, progress, slices,
// cancellation, the queue, warm starts, the solution limit, saving, and a killed host process.

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { IterationRecord } from '../../app/contract/index.js';
import { silentLogger } from '../../app/rpc/logger.js';
import { ensureCompiled, removeDir, seedSpec, slowSpec, tempDir } from '../testing/fixtures.js';
import { forkLauncher } from './launcher.js';
import { SolverHost } from './solver-host.js';

let host: SolverHost;
let scratch: string;

beforeAll(() => {
  ensureCompiled();
  scratch = tempDir('host');
});
afterAll(() => removeDir(scratch));
afterEach(() => host?.dispose());

function newHost(maxSolutions = 8): SolverHost {
  host = new SolverHost({ launcher: forkLauncher({ onStderr: () => {} }), logger: silentLogger, maxSolutions });
  return host;
}

/** Resolves once `count` progress records arrived. */
function progressAfter(count: number): { records: IterationRecord[]; reached: Promise<void>; onProgress: (record: IterationRecord) => void } {
  const records: IterationRecord[] = [];
  let reach: () => void = () => {};
  const reached = new Promise<void>((resolve) => (reach = resolve));
  return { records, reached, onProgress: (record) => {
    records.push(record);
    if (records.length === count) reach();
  } };
}

describe('SolverHost', () => {
  it('solves the seed preset in a child process, with progress, summary and slices', async () => {
    newHost();
    const capabilities = await host.capabilities();
    expect(capabilities.ok && capabilities.value.dimensions).toContain(1);
    const progress = progressAfter(1);
    const solved = await host.solve(seedSpec(), { requestId: 'seed', onProgress: progress.onProgress });
    if (!solved.ok) throw new Error(solved.error.message);
    const summary = solved.value;
    expect(summary.status).toBe('converged');
    expect(summary.requestId).toBe('seed');
    expect(summary.iterations).toBeGreaterThan(1);
    expect(progress.records.map((r) => r.iteration)).toEqual(summary.history.map((r) => r.iteration));
    expect(summary.times).toBeInstanceOf(Float64Array);
    expect(summary.times.length).toBe(101);
    expect(summary.spec.name).toBe(seedSpec().name);
    expect(host.hostPid).toBeTypeOf('number');

    const m = await host.readField(summary.solutionId, 'm');
    if (!m.ok) throw new Error(m.error.message);
    expect(m.value.shape).toEqual([101, 100]);
    expect(m.value.values).toBeInstanceOf(Float64Array);
    // The density keeps its mass (h * sum m = 1) at every stored level.
    for (const level of [0, 50, 100]) {
      const row = m.value.values.subarray(level * 100, (level + 1) * 100);
      expect(Array.from(row).reduce((sum, v) => sum + v, 0) * 0.01).toBeCloseTo(1, 10);
    }
    const last = await host.readField(summary.solutionId, 'u', [100, 101]);
    expect(last.ok && last.value.shape).toEqual([1, 100]);
    // u(T, x) is the terminal cost 0.5 (x - 0.7)^2 at the cell centres.
    if (last.ok) expect(last.value.values[0]).toBeCloseTo(0.5 * (0.005 - 0.7) ** 2, 12);
    const outside = await host.readField(summary.solutionId, 'u', [100, 102]);
    expect(!outside.ok && outside.error.code).toBe('bad_input');
  });

  it('cancels a running solve when the signal aborts: the summary says cancelled', async () => {
    newHost();
    const controller = new AbortController();
    const progress = progressAfter(2);
    const solving = host.solve(slowSpec(), { requestId: 'slow', signal: controller.signal, onProgress: progress.onProgress });
    await progress.reached;
    controller.abort();
    const solved = await solving;
    expect(solved.ok && solved.value.status).toBe('cancelled');
    expect(solved.ok && solved.value.iterations).toBeLessThan(100);
  });

  it('runs solves one at a time; a queued solve that is aborted never starts', async () => {
    newHost();
    const first = new AbortController();
    const progress = progressAfter(1);
    const running = host.solve(slowSpec(), { requestId: 'first', signal: first.signal, onProgress: progress.onProgress });
    const queuedController = new AbortController();
    const queuedProgress: IterationRecord[] = [];
    const queued = host.solve(seedSpec(), { requestId: 'queued', signal: queuedController.signal, onProgress: (r) => queuedProgress.push(r) });
    const third = host.solve(seedSpec(), { requestId: 'third' });
    await progress.reached;
    queuedController.abort();
    expect(await queued).toEqual({ ok: false, error: { code: 'cancelled', message: 'the solve was cancelled before it started' } });
    expect(queuedProgress).toEqual([]);
    first.abort();
    expect((await running).ok).toBe(true);
    const done = await third;
    expect(done.ok && done.value.status).toBe('converged');
  });

  it('warm-starts from an earlier solution with the same grid', async () => {
    newHost();
    const cold = await host.solve(seedSpec(), { requestId: 'cold' });
    if (!cold.ok) throw new Error(cold.error.message);
    const nudged = { ...seedSpec(), physics: { ...seedSpec().physics, viscosity: 0.011 } };
    const warm = await host.solve(nudged, { requestId: 'warm', warmStartFrom: cold.value.solutionId });
    const again = await host.solve(nudged, { requestId: 'cold again' });
    if (!warm.ok || !again.ok) throw new Error('solve failed');
    expect(warm.value.warmStarted).toBe(true);
    expect(again.value.warmStarted).toBe(false);
    expect(warm.value.status).toBe('converged');
    expect(warm.value.iterations).toBeLessThan(again.value.iterations);
    // An id the host no longer has is a cold start, not an error.
    const unknown = await host.solve(nudged, { requestId: 'unknown', warmStartFrom: 'sol-gone' });
    expect(unknown.ok && unknown.value.warmStarted).toBe(false);
  });

  it('keeps only the last N solutions and frees the older ones', async () => {
    newHost(2);
    const ids: string[] = [];
    for (const name of ['a', 'b', 'c']) {
      const solved = await host.solve({ ...seedSpec(), name }, { requestId: name });
      if (!solved.ok) throw new Error(solved.error.message);
      ids.push(solved.value.solutionId);
    }
    const oldest = await host.readField(ids[0] as string, 'u');
    expect(!oldest.ok && oldest.error.code).toBe('not_found');
    expect(!oldest.ok && oldest.error.message).toMatch(/last 2 solves/);
    expect((await host.readField(ids[2] as string, 'u')).ok).toBe(true);
    expect(await host.release(ids[1] as string)).toEqual({ ok: true, value: { released: true } });
    expect(await host.release(ids[1] as string)).toEqual({ ok: true, value: { released: false } });
    expect((await host.readField(ids[1] as string, 'u')).ok).toBe(false);
  });

  it('writes a live solution as a run directory (writeRun)', async () => {
    newHost();
    const solved = await host.solve(seedSpec(), { requestId: 'save' });
    if (!solved.ok) throw new Error(solved.error.message);
    const directory = path.join(scratch, 'saved');
    const written = await host.saveSolution(solved.value.solutionId, directory, { solverName: 'test', provenance: { test: true } });
    expect(written).toEqual({ ok: true, value: { path: directory } });
    const manifest = JSON.parse(readFileSync(path.join(directory, 'run.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest.status).toBe('converged');
    expect(manifest.test).toBe(true);
    expect(existsSync(path.join(directory, 'fields.zarr', 'm', '.zarray'))).toBe(true);
  });

  it('survives a killed host process: the running solve fails with a value, the next one works', async () => {
    newHost();
    const restarts: string[] = [];
    host.onDidRestartHost(({ reason }) => restarts.push(reason));
    const kept = await host.solve(seedSpec(), { requestId: 'before' });
    if (!kept.ok) throw new Error(kept.error.message);
    const progress = progressAfter(1);
    const running = host.solve(slowSpec(), { requestId: 'victim', onProgress: progress.onProgress });
    const waiting = host.solve(seedSpec(), { requestId: 'after' });
    await progress.reached;
    const pid = host.hostPid;
    expect(pid).toBeTypeOf('number');
    process.kill(pid as number, 'SIGKILL');
    const failed = await running;
    expect(failed.ok).toBe(false);
    if (!failed.ok) {
      expect(failed.error.code).toBe('solver_failed');
      expect(failed.error.message).toMatch(/killed by SIGKILL/);
    }
    expect(restarts).toHaveLength(1);
    // Live solutions died with the process.
    expect((await host.readField(kept.value.solutionId, 'u')).ok).toBe(false);
    // The queued solve runs on a new host process.
    const next = await waiting;
    expect(next.ok && next.value.status).toBe('converged');
    expect(host.hostPid).not.toBe(pid);
  });

  it('answers every call after dispose with a value', async () => {
    newHost();
    host.dispose();
    const solved = await host.solve(seedSpec(), { requestId: 'late' });
    expect(!solved.ok && solved.error.code).toBe('solver_failed');
  });
});

describe('SolverHost without a built host', () => {
  it('answers with what to do instead of throwing', async () => {
    host = new SolverHost({ launcher: forkLauncher({ entry: '/nonexistent/host-process.js' }), logger: silentLogger });
    const restarts: unknown[] = [];
    host.onDidRestartHost((event) => restarts.push(event));
    const solved = await host.solve(seedSpec(), { requestId: 'x' });
    expect(solved).toEqual({ ok: false, error: { code: 'solver_failed', message: expect.stringMatching(/the solver host is not built .*run `npx tsc -b`/) } });
    // The next request tries again (and answers the same way): no process, no hang.
    expect((await host.capabilities()).ok).toBe(false);
    expect(restarts).toEqual([]);
  });
});
