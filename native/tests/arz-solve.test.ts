// arz-solve as users and scripts see it: every ARZ preset runs into a run directory (read back by
// zarr-python and xarray where they are installed), detectors.csv and signals.csv, exit codes,
// bad input named by field, and SIGINT -> cancelled. Runs the real executable.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const solver = join(root, 'build', 'native', 'arz-solve');
const presetsDir = join(root, 'assets', 'presets', 'arz');
const presets = readdirSync(presetsDir).filter((f) => f.endsWith('.json')).sort();
const python = '/usr/bin/python3';

interface Spec {
  time: { horizon: number; output_interval?: number };
  [key: string]: unknown;
}

interface Manifest {
  status: string;
  model: string;
  time: { reached_s: number; levels: number };
  network: { segments: { id: string; cells: number }[]; classes: string[] };
}

const scratch = () => mkdtempSync(join(tmpdir(), 'arz-solve-'));

function run(args: string[]) {
  const r = spawnSync(solver, args, { encoding: 'utf8', timeout: 120_000 });
  const lines = r.stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
  return { code: r.status, stderr: r.stderr, lines };
}

function shortened(file: string, horizon: number): string {
  const spec = JSON.parse(readFileSync(join(presetsDir, file), 'utf8')) as Spec;
  spec.time.horizon = Math.min(spec.time.horizon, horizon);
  spec.time.output_interval = Math.min(spec.time.output_interval ?? 60, spec.time.horizon);
  const path = join(scratch(), 'spec.json');
  writeFileSync(path, JSON.stringify(spec));
  return path;
}

function hasPythonZarr(): boolean {
  return spawnSync(python, ['-c', 'import zarr, xarray'], { encoding: 'utf8' }).status === 0;
}

describe('arz-solve', () => {
  it('exists (built by npm run build:native)', () => {
    expect(existsSync(solver), `${solver} is missing: run npm run build:native`).toBe(true);
  });

  it.each(presets)('%s runs into a complete run directory', (file) => {
    const out = join(scratch(), 'run');
    const r = run([shortened(file, 120), '--out', out, '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    const manifest = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')) as Manifest;
    expect(manifest.status).toBe('done');
    expect(manifest.model).toBe('arz');
    for (const seg of manifest.network.segments)
      for (const cls of manifest.network.classes) {
        const zarray = JSON.parse(readFileSync(join(out, 'fields.zarr', `density.${cls}.${seg.id}`, '.zarray'), 'utf8')) as { shape: number[] };
        expect(zarray.shape).toEqual([manifest.time.levels, seg.cells]);
      }
    expect(readFileSync(join(out, 'detectors.csv'), 'utf8').split('\n')[0]).toBe(
      'detector,segment,position_m,class,start_s,end_s,flow_veh_h,density_veh_km,speed_km_h,occupancy',
    );
    expect(readFileSync(join(out, 'signals.csv'), 'utf8').startsWith('time_s,junction,phase,phase_name,stage\n')).toBe(true);
  });

  it('writes fields.zarr that xarray reads, with densities in veh/km and a signal log', () => {
    if (!hasPythonZarr()) {
      const message = `${python} with zarr and xarray is missing (Debian: apt-get install python3-zarr python3-xarray; .ci/run installs them)`;
      if (process.env.CI) throw new Error(message);
      console.warn(`skipped: ${message}`);
      return;
    }
    const out = join(scratch(), 'run');
    expect(run([shortened('arz-seed-corridor.json', 300), '--out', out, '--quiet']).code).toBe(0);
    const script = [
      'import xarray as xr',
      `ds = xr.open_zarr(${JSON.stringify(join(out, 'fields.zarr'))})`,
      'rho = ds["density.cars.upstream"]',
      'print(rho.dims, rho.sizes["t"], float(ds["t"][-1]), float(rho.isel(t=0).mean()), ds["density.cars.upstream"].attrs["units"])',
    ].join('\n');
    const r = spawnSync(python, ['-c', script], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe("('t', 'x.upstream') 31 300.0 20.0 veh/km");
    const signals = readFileSync(join(out, 'signals.csv'), 'utf8').trim().split('\n');
    expect(signals[1]).toBe('0,signal,0,"arterial",green');
    expect(signals[2]).toBe('40,signal,0,"arterial",yellow');
  });

  it('refuses bad input with exit code 2, naming the field', () => {
    const dir = scratch();
    const spec = join(dir, 'spec.json');
    writeFileSync(spec, JSON.stringify({ model: 'arz', classes: [{ name: 'cars' }], segments: [{ length: 1000, cells: 40, initial: { cars: { density: '400' } } }], time: { horizon: 60 } }));
    const r = run([spec, '--out', join(dir, 'run')]);
    expect(r.code).toBe(2);
    const error = r.lines.find((l) => l.event === 'error') as { issues: { path: string; message: string }[] };
    expect(error.issues[0]?.path).toBe('segments.0.initial');
    expect(error.issues[0]?.message).toMatch(/above the jam density 250 veh\/km/);
    expect(run([spec]).code).toBe(2);  // no --out
  });

  it('--check validates and reports warnings (the seed pressure constants make rho_jam no bound)', () => {
    const dir = scratch();
    const spec = JSON.parse(readFileSync(join(presetsDir, 'arz-seed-corridor.json'), 'utf8')) as { classes: Record<string, unknown>[] };
    for (const c of spec.classes) delete c.K;
    writeFileSync(join(dir, 'spec.json'), JSON.stringify(spec));
    const r = run([join(dir, 'spec.json'), '--check']);
    expect(r.code).toBe(0);
    const valid = r.lines.find((l) => l.event === 'valid') as { warnings: { path: string }[] };
    expect(valid.warnings.map((w) => w.path)).toEqual(['classes.0.K', 'classes.1.K']);
  });

  it('stops on SIGINT with status cancelled and exit code 5, keeping what it computed', async () => {
    const dir = scratch();
    const spec = JSON.parse(readFileSync(join(presetsDir, 'arz-grid-4-signals.json'), 'utf8')) as Spec;
    spec.time = { horizon: 1e6, output_interval: 10 };
    writeFileSync(join(dir, 'spec.json'), JSON.stringify(spec));
    const out = join(dir, 'run');
    const child = spawn(solver, [join(dir, 'spec.json'), '--out', out], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    const code = await new Promise<number | null>((resolve) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        if (stdout.includes('"event":"progress"') && !child.killed) child.kill('SIGINT');
      });
      child.on('exit', resolve);
    });
    expect(code).toBe(5);
    const manifest = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')) as Manifest;
    expect(manifest.status).toBe('cancelled');
    expect(manifest.time.reached_s).toBeGreaterThan(0);
  });
});
