// Every preset the app offers solves under mfg-solve with the default method: converged, mass
// conserved up to what left through exits (balance to round-off), m >= 0. The room preset's crowd
// splits between its two doors. Runs the real executable on the real preset files.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HANG_GUARD_MS } from '../../main/testing/hang-guard.js';

const root = join(import.meta.dirname, '..', '..');
const solver = join(root, 'build', 'native', 'mfg-solve');
const presetsDir = join(root, 'assets', 'presets');
const presets = readdirSync(presetsDir).filter((f) => f.endsWith('.json')).sort();

interface Manifest {
  status: string;
  grid: { points: number[]; spacing: number[] };
  mass: { initial: number; final: number; exited?: number; max_relative_drift: number; min_density: number };
}

interface Solved { out: string; manifest: Manifest; stderr: string }
const solved = new Map<string, Solved>();

function solvePreset(file: string): Solved {
  const known = solved.get(file);
  if (known) return known;
  const out = join(mkdtempSync(join(tmpdir(), 'mfg-preset-')), 'run');
  const r = spawnSync(solver, [join(presetsDir, file), '--out', out, '--quiet'], { encoding: 'utf8', timeout: HANG_GUARD_MS });
  const manifest = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')) as Manifest;
  const result = { out, manifest, stderr: r.stderr };
  solved.set(file, result);
  return result;
}

/** The density at stored level `level` (fields.zarr: raw little-endian float64, one chunk per level). */
function densityAt(out: string, level: number, dims: number): Float64Array {
  const chunk = readFileSync(join(out, 'fields.zarr', 'm', [level, ...Array<number>(dims).fill(0)].join('.')));
  return new Float64Array(chunk.buffer, chunk.byteOffset, chunk.byteLength / 8);
}

describe('presets under mfg-solve', () => {
  it.each(presets)('%s converges with the default method and keeps its mass balance', (file) => {
    const { manifest, stderr } = solvePreset(file);
    expect(manifest.status, stderr).toBe('converged');
    const { initial, final, exited = 0, max_relative_drift, min_density } = manifest.mass;
    expect(Math.abs(final + exited - initial)).toBeLessThanOrEqual(1e-12);
    expect(max_relative_drift).toBeLessThanOrEqual(1e-12);
    expect(min_density).toBeGreaterThanOrEqual(0);
  });

  it('room-two-doors: most of the crowd leaves, and through both doors', () => {
    const { out, manifest } = solvePreset('room-two-doors.json');
    expect(manifest.mass.exited).toBeGreaterThan(0.99);
    const [nx, ny] = manifest.grid.points as [number, number];
    const cellArea = manifest.grid.spacing[0]! * manifest.grid.spacing[1]!;
    // A quarter of the way through, each half of the room (one door each) still holds a good share:
    // congestion splits the crowd instead of sending it all to one door.
    const m = densityAt(out, 10, 2);
    let lower = 0;
    let upper = 0;
    for (let j = 0; j < ny; j += 1) {
      for (let i = 0; i < nx; i += 1) {
        const v = Number.isFinite(m[j * nx + i]) ? m[j * nx + i]! : 0;
        if (j < ny / 2) lower += v * cellArea;
        else upper += v * cellArea;
      }
    }
    expect(lower).toBeGreaterThan(0.25);
    expect(upper).toBeGreaterThan(0.25);
  });
});
