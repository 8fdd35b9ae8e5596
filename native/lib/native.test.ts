// The Node-API addon through its typed wrapper: the same validation as mfg-solve, solves on a worker
// thread with progress, cancellation and warm starts, and run directories in mfg-solve's format.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { IterationRecord } from '../../app/contract/index.js';
import { loadNativeSolver, type NativeSolver } from './index.js';

const root = join(import.meta.dirname, '..', '..');
const seedText = readFileSync(join(root, 'assets', 'presets', 'seed-002-congestion.json'), 'utf8');
type SeedSpec = { domain: Record<string, unknown>; time: Record<string, unknown>; physics: Record<string, unknown> };
const seedWith = (patch: (spec: SeedSpec) => void): string => {
  const spec = JSON.parse(seedText) as SeedSpec;
  patch(spec);
  return JSON.stringify(spec);
};

let solver: NativeSolver;

beforeAll(() => {
  const loaded = loadNativeSolver();
  if (!loaded.ok) throw new Error(loaded.error.message);
  solver = loaded.value;
});

describe('native solver addon', () => {
  it('reports its capabilities', () => {
    expect(solver.capabilities()).toMatchObject({ version: expect.any(String), openmp: expect.any(Boolean), dimensions: [1, 2, 3] });
  });

  it('validates like mfg-solve: defaults filled, issues with paths', () => {
    const good = solver.validate('{"domain":{"lower":[0],"upper":[1],"points":[10]}}');
    expect(good).toMatchObject({ ok: true, spec: { solver: { method: 'newton', continuation: true } } });
    const bad = solver.validate('{"domain":{"lower":[0],"upper":[1],"points":[10]},"physics":{"viscosity":-1}}');
    expect(bad).toEqual({ ok: false, issues: [{ path: 'physics.viscosity', message: 'expected a number >= 0, received -1' }] });
  });

  it('solves the seed preset on a worker thread, reporting every iteration', async () => {
    const records: IterationRecord[] = [];
    const result = await solver.solve(seedText, { onIteration: (r) => records.push(r) }).done;
    if (!result.ok) throw new Error(result.error.message);
    const r = result.value;
    expect(r.status).toBe('converged');
    expect(records.length).toBe(r.iterations);
    expect(records.at(-1)?.residual).toBeLessThanOrEqual(1e-10);
    expect(r.u).toBeInstanceOf(Float64Array);
    expect(r.u.length).toBe(101 * 100);
    expect(r.times.length).toBe(101);
    const lastMass = r.m.subarray(100 * 100).reduce((s, v) => s + v * 0.01, 0);
    expect(Math.abs(lastMass - 1)).toBeLessThan(1e-12);
    expect(r.spec).toMatchObject({ physics: { viscosity: 0.01 } });
  });

  it('refuses bad input as a value, and formulas that cannot be evaluated on the grid', async () => {
    const syntax = await solver.solve(seedWith((s) => { s.physics.initial_density = 'exp(-50*(x-0.3)^'; })).done;
    expect(syntax).toMatchObject({ ok: false, error: { code: 'bad_input', details: { issues: [{ path: 'physics.initial_density' }] } } });
    const zeroMass = await solver.solve(seedWith((s) => { s.physics.initial_density = '0'; })).done;
    expect(zeroMass).toMatchObject({ ok: false, error: { code: 'bad_input', message: expect.stringContaining('zero mass') } });
  });

  it('cancels a running solve: status cancelled, last iterate returned', async () => {
    const big = seedWith((s) => { s.domain.points = [20000]; s.time.steps = 200; });
    const task = solver.solve(big, { onIteration: () => task.cancel() });
    const result = await task.done;
    expect(result).toMatchObject({ ok: true, value: { status: 'cancelled' } });
  });

  it('warm-starts from an earlier solution of the same grid with fewer iterations', async () => {
    const near = await solver.solve(seedWith((s) => { s.physics.viscosity = 0.012; })).done;
    if (!near.ok) throw new Error(near.error.message);
    const cold = await solver.solve(seedText).done;
    const warm = await solver.solve(seedText, { warmStart: near.value.solution }).done;
    if (!cold.ok || !warm.ok) throw new Error('solve failed');
    expect(warm.value.warmStarted).toBe(true);
    expect(warm.value.iterations).toBeLessThan(cold.value.iterations);
    let largest = 0;
    for (let i = 0; i < cold.value.m.length; i++) largest = Math.max(largest, Math.abs(cold.value.m[i]! - warm.value.m[i]!));
    expect(largest).toBeLessThan(1e-8);
  });

  it('writes the run directory of a solution in mfg-solve format, refusing non-empty directories', async () => {
    const result = await solver.solve(seedText).done;
    if (!result.ok) throw new Error(result.error.message);
    const dir = join(mkdtempSync(join(tmpdir(), 'mfg-addon-')), 'run');
    expect(solver.writeRun(dir, result.value.solution, { solverName: 'mfg-workbench (test)', provenance: { origin: 'test' } }))
      .toEqual({ ok: true, value: { path: dir } });
    const manifest = JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8'));
    expect(manifest).toMatchObject({ status: 'converged', origin: 'test', solver: { name: 'mfg-workbench (test)' } });
    expect(existsSync(join(dir, 'fields.zarr', 'm', '100.0'))).toBe(true);
    expect(solver.writeRun(dir, result.value.solution, { solverName: 'x' })).toMatchObject({ ok: false, error: { code: 'io' } });
  });

  it('runs two solves at once without interference', async () => {
    const [a, b] = await Promise.all([solver.solve(seedText).done, solver.solve(seedWith((s) => { s.physics.viscosity = 0.02; })).done]);
    expect(a).toMatchObject({ ok: true, value: { status: 'converged' } });
    expect(b).toMatchObject({ ok: true, value: { status: 'converged', spec: { physics: { viscosity: 0.02 } } } });
  });
});
