// mfg-solve as users and scripts see it: exit codes, JSON progress lines, the run directory (read
// back by zarr-python and xarray), SIGINT, bad input. Runs the real executable built by
// `npm run build:native`.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HANG_GUARD_MS } from '../../main/testing/hang-guard.js';

const root = join(import.meta.dirname, '..', '..');
const solver = join(root, 'build', 'native', 'mfg-solve');
const seed = join(root, 'assets', 'presets', 'seed-002-congestion.json');
const python = '/usr/bin/python3';

const scratch = () => mkdtempSync(join(tmpdir(), 'mfg-cli-'));

function solve(args: string[], input?: string) {
  const r = spawnSync(solver, args, { encoding: 'utf8', input, timeout: HANG_GUARD_MS });
  const lines = r.stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, lines };
}

// The seed spec as loosely typed JSON: each test patches one part of it.
type SpecJson = { physics: Record<string, unknown>; domain: Record<string, unknown>; time: Record<string, unknown>; [key: string]: unknown };

function writeSpec(dir: string, patch: (spec: SpecJson) => void): string {
  const spec = JSON.parse(readFileSync(seed, 'utf8')) as SpecJson;
  patch(spec);
  const path = join(dir, 'spec.json');
  writeFileSync(path, JSON.stringify(spec));
  return path;
}

function hasPythonZarr(): boolean {
  return spawnSync(python, ['-c', 'import zarr, xarray'], { encoding: 'utf8' }).status === 0;
}

describe('mfg-solve', () => {
  it('exists (built by npm run build:native)', () => {
    expect(existsSync(solver), `${solver} is missing: run npm run build:native`).toBe(true);
  });

  it('solves the seed preset: exit 0, JSON progress, a complete run directory', () => {
    const out = join(scratch(), 'run');
    const r = solve([seed, '--out', out]);
    expect(r.code).toBe(0);
    expect(r.lines[0]).toMatchObject({ event: 'start', cells: 100, time_levels: 101 });
    expect(r.lines.filter((l) => l.event === 'iteration').length).toBeGreaterThan(3);
    expect(r.lines.at(-1)).toMatchObject({ event: 'summary', status: 'converged' });
    const manifest = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8'));
    expect(manifest).toMatchObject({ format: 'mfg-run', format_version: 1, status: 'converged', threads: expect.any(Number) });
    expect(manifest.spec.solver).toMatchObject({ method: 'newton', tolerance: 1e-10, continuation: true });
    expect(manifest.residuals.hjb).toBeLessThanOrEqual(1e-10);
    expect(manifest.mass.max_relative_drift).toBeLessThanOrEqual(1e-12);
    const csv = readFileSync(join(out, 'convergence.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).toBe('iteration,phase,residual_hjb,residual_fp,residual,change,elapsed_s,linear_iterations');
    expect(csv.length - 1).toBe(manifest.iterations);
    expect(readFileSync(join(out, 'log.txt'), 'utf8')).toContain('converged');
  });

  it('writes fields.zarr that zarr-python and xarray read, with mass 1 at every time', () => {
    if (!hasPythonZarr()) {
      const message = `${python} with zarr and xarray is missing (Debian: apt-get install python3-zarr python3-xarray; .ci/run installs them)`;
      if (process.env.CI) throw new Error(message);
      console.warn(`\n*** SKIPPED outside CI: ${message} ***\n`);
      return;
    }
    const out = join(scratch(), 'run');
    expect(solve([seed, '--out', out, '--quiet']).code).toBe(0);
    const check = spawnSync(python, ['-c', [
      'import sys, zarr, xarray as xr',
      `g = zarr.open(${JSON.stringify(join(out, 'fields.zarr'))}, mode="r")`,
      'assert g["m"].shape == (101, 100) and g["u"].shape == (101, 100), g["m"].shape',
      `ds = xr.open_zarr(${JSON.stringify(join(out, 'fields.zarr'))})`,
      'assert ds.m.dims == ("t", "x"), ds.m.dims',
      'mass = (ds.m * 0.01).sum("x").values',
      'assert abs(mass - 1).max() < 1e-12, abs(mass - 1).max()',
      'assert float(ds.t[-1]) == 1.0 and abs(float(ds.x[0]) - 0.005) < 1e-15',
      'print("ok")',
    ].join('\n')], { encoding: 'utf8' });
    expect(check.stderr).toBe('');
    expect(check.stdout.trim()).toBe('ok');
  });

  it('refuses bad input with exit 2 and names the field', () => {
    const dir = scratch();
    const spec = writeSpec(dir, (s) => { s.physics.viscosity = -1; });
    const r = solve([spec, '--out', join(dir, 'run')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('physics.viscosity: expected a number >= 0, received -1');
    expect(r.lines.at(-1)).toMatchObject({ event: 'error', code: 'bad_input', issues: [{ path: 'physics.viscosity' }] });
    expect(existsSync(join(dir, 'run'))).toBe(false);
  });

  it('refuses a missing spec file, unknown options and a missing --out with exit 2', () => {
    expect(solve(['/nonexistent/spec.json', '--out', join(scratch(), 'r')]).code).toBe(2);
    expect(solve([seed, '--out', join(scratch(), 'r'), '--bogus']).code).toBe(2);
    expect(solve([seed]).stderr).toContain('--out');
  });

  it('never overwrites a non-empty directory without --force, and --force keeps unrelated files', () => {
    const dir = scratch();
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    const refused = solve([seed, '--out', dir, '--quiet']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('not empty');
    expect(solve([seed, '--out', dir, '--quiet', '--force']).code).toBe(0);
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('mine');
  });

  it('reports not converged with exit 3 and a complete run directory', () => {
    const dir = scratch();
    const spec = writeSpec(dir, (s) => { s.solver = { method: 'picard', relaxation: 0.5, max_iterations: 20 }; });
    const r = solve([spec, '--out', join(dir, 'run'), '--quiet']);
    expect(r.code).toBe(3);
    const manifest = JSON.parse(readFileSync(join(dir, 'run', 'run.json'), 'utf8'));
    expect(manifest.status).toBe('not_converged');
    expect(manifest.iterations).toBe(20);
    expect(readFileSync(join(dir, 'run', 'convergence.csv'), 'utf8').trim().split('\n')).toHaveLength(21);
  });

  it('stops a diverging run with exit 4', () => {
    const dir = scratch();
    const spec = writeSpec(dir, (s) => { s.physics.potential = '1e307*(1+x)'; });
    const r = solve([spec, '--out', join(dir, 'run'), '--quiet']);
    expect(r.code).toBe(4);
    expect(JSON.parse(readFileSync(join(dir, 'run', 'run.json'), 'utf8')).status).toBe('diverged');
  });

  it('stops cleanly on SIGINT: exit 5, status cancelled, fields written', async () => {
    const dir = scratch();
    const spec = writeSpec(dir, (s) => {
      s.domain.points = [20000];
      s.time.steps = 400;
      s.solver = { max_iterations: 1000 };
    });
    const out = join(dir, 'run');
    const child = spawn(solver, [spec, '--out', out]);
    const code = await new Promise<number | null>((resolve) => {
      let interrupted = false;
      child.stdout.on('data', (chunk: Buffer) => {
        if (!interrupted && chunk.toString().includes('"event":"iteration"')) {
          interrupted = true;
          child.kill('SIGINT');
        }
      });
      child.on('exit', (c) => resolve(c));
    });
    expect(code).toBe(5);
    const manifest = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8'));
    expect(manifest.status).toBe('cancelled');
    const zarray = JSON.parse(readFileSync(join(out, 'fields.zarr', 'm', '.zarray'), 'utf8'));
    expect(zarray.shape).toEqual([401, 20000]);
    expect(existsSync(join(out, 'fields.zarr', 'm', '400.0'))).toBe(true);
  });

  it('--check prints the spec with every default filled in; - reads standard input', () => {
    const r = solve(['--check', '-'], JSON.stringify({ domain: { lower: [0], upper: [2], points: [50] } }));
    expect(r.code).toBe(0);
    expect(r.lines[0]).toMatchObject({
      version: 1,
      domain: { boundary: [{ lower: 'wall', upper: 'wall' }] },
      solver: { method: 'newton', continuation: true },
      output: { store_every: 1, precision: 'float64' },
    });
  });

  it('stores every k-th level and float32 when asked', () => {
    const dir = scratch();
    const spec = writeSpec(dir, (s) => { s.output = { store_every: 30, precision: 'float32' }; });
    expect(solve([spec, '--out', join(dir, 'run'), '--quiet']).code).toBe(0);
    const zarray = JSON.parse(readFileSync(join(dir, 'run', 'fields.zarr', 'u', '.zarray'), 'utf8'));
    expect(zarray).toMatchObject({ shape: [5, 100], dtype: '<f4', chunks: [1, 100] });  // levels 0, 30, 60, 90, 100
    const t = readFileSync(join(dir, 'run', 'fields.zarr', 't', '0'));
    expect(Array.from(new Float64Array(t.buffer, t.byteOffset, 5))).toEqual([0, 0.3, 0.6, 0.9, 1]);
  });

  it('refuses a run that would not fit in memory, before allocating anything, with the estimate', () => {
    const dir = scratch();
    const spec = writeSpec(dir, (s) => {
      s.domain = { lower: [0, 0, 0], upper: [1, 1, 1], points: [1000, 1000, 1000] };
      s.physics.initial_density = '1';
      s.physics.terminal_cost = '0';
      s.time = { horizon: 1, steps: 1000 };
    });
    const r = solve([spec, '--out', join(dir, 'run')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/domain\.points: this run needs at least [\d.]+ (TiB|GiB) of memory, but [\d.]+ GiB are available .*; reduce domain\.points/);
    expect(existsSync(join(dir, 'run', 'fields.zarr'))).toBe(false);
  });

  // A 2D Newton run small enough to solve in seconds, whose per-step operators fill most of 8 MiB.
  const room2d = (s: SpecJson) => {
    s.domain = { lower: [0, 0], upper: [1, 1], points: [48, 48] };
    s.time = { horizon: 1, steps: 10 };
    s.physics.terminal_cost = '(x-0.8)^2 + (y-0.7)^2';
    s.physics.initial_density = 'exp(-40*((x-0.3)^2 + (y-0.3)^2))';
    s.physics.viscosity = 0.05;
    s.solver = { method: 'newton', tolerance: 1e-8 };
  };

  it('--memory: a run that fits only by rebuilding per-step operators runs, and its fields are those of a run that kept them', () => {
    const dir = scratch();
    const spec = writeSpec(dir, room2d);
    expect(solve([spec, '--out', join(dir, 'kept'), '--quiet']).code).toBe(0);
    expect(solve([spec, '--out', join(dir, 'lean'), '--quiet', '--memory', '8M']).code).toBe(0);
    const kept = JSON.parse(readFileSync(join(dir, 'kept', 'run.json'), 'utf8'));
    const lean = JSON.parse(readFileSync(join(dir, 'lean', 'run.json'), 'utf8'));
    expect(kept.memory.newton_kept_steps).toBeUndefined();
    expect(lean.memory.newton_kept_steps).toBeGreaterThanOrEqual(0);
    expect(lean.memory.newton_kept_steps).toBeLessThan(10);
    expect(lean.memory.estimated_bytes).toBeLessThanOrEqual(0.9 * 8 * 2 ** 20);
    expect(lean.iterations).toBe(kept.iterations);
    expect(readFileSync(join(dir, 'lean', 'log.txt'), 'utf8')).toMatch(/keeps the operators of \d+ of 10 time steps/);
    for (const field of ['u', 'm'])
      for (const chunk of ['0.0.0', '1.0.0'])
        expect(readFileSync(join(dir, 'lean', 'fields.zarr', field, chunk)).equals(readFileSync(join(dir, 'kept', 'fields.zarr', field, chunk)))).toBe(true);
  });

  it('--memory: less than the run needs at least is refused with exit 2 and the numbers; an unreadable size too', () => {
    const dir = scratch();
    const spec = writeSpec(dir, room2d);
    const r = solve([spec, '--out', join(dir, 'run'), '--memory', '2M']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/domain\.points: this run needs at least [\d.]+ MiB of memory, but 2 MiB are available/);
    expect(existsSync(join(dir, 'run'))).toBe(false);
    for (const bad of ['lots', '16Q', '-4G', '100'])
      expect(solve([spec, '--out', join(dir, 'run'), '--memory', bad]).stderr).toContain(`--memory: expected a size such as 16G, 800M or 1.5T (at least 1M), received '${bad}'`);
  });

  it('--help, --version and --capabilities answer with exit 0', () => {
    expect(solve(['--help']).stdout).toContain('exit codes');
    expect(solve(['--version']).stdout).toMatch(/^mfg-solve \d+\.\d+\.\d+/);
    expect(solve(['--capabilities']).lines[0]).toMatchObject({ openmp: expect.any(Boolean), max_threads: expect.any(Number), dimensions: [1, 2, 3] });
  });
});
