import { describe, expect, it } from 'vitest';
import { parseManifest } from './manifest.js';
import { defaultSpec } from './spec.js';

/** The example of docs/run-directory.md, with a real spec. */
function exampleManifest(): Record<string, unknown> {
  return {
    format: 'mfg-run',
    format_version: 1,
    status: 'converged',
    message: 'converged in 6 iterations (residual 3.1e-13 <= tolerance 1e-10)',
    spec: defaultSpec(),
    grid: {
      dimension: 1, points: [100], lower: [0], upper: [1], spacing: [0.01],
      cell_centres: true, time_levels: 101, stored_levels: 101, store_every: 1,
    },
    solver: {
      name: 'mfg-solve', version: '0.1.0', git: 'abc1234', compiler: 'GNU 12.2.0',
      build_type: 'Release', openmp: true, cuda: false, mpi: false,
    },
    host: { hostname: 'node01', os: 'Linux 6.1 x86_64' },
    backend: 'openmp', threads: 2, ranks: 1,
    started_at: '2026-11-22T19:00:00.000Z', finished_at: '2026-11-22T19:00:00.010Z',
    iterations: 6,
    residuals: { hjb: 1e-14, fp: 3e-13, change: 1e-12 },
    mass: { initial: 1.0, final: 1.0, max_relative_drift: 2e-16, min_density: 1e-20 },
    timings: { total_s: 0.01, hjb_s: 0.003, fp_s: 0.002, linear_s: 0.004, newton_s: 0.006, output_s: 0.001 },
  };
}

function issuePaths(json: unknown): string[] {
  const result = parseManifest(json);
  return result.ok ? [] : result.issues.map((issue) => issue.path);
}

describe('parseManifest', () => {
  it('reads the documented example', () => {
    const result = parseManifest(exampleManifest());
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.manifest.status).toBe('converged');
      expect(result.manifest.spec).toEqual(defaultSpec());
      expect(result.manifest.grid?.stored_levels).toBe(101);
    }
  });

  it('keeps keys it does not know, at the top and inside sections (a newer solver wrote them)', () => {
    const json = exampleManifest();
    json.energy = { kinetic: 0.3 };
    (json.timings as Record<string, unknown>).io_wait_s = 0.5;
    const result = parseManifest(json);
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.manifest.energy).toEqual({ kinetic: 0.3 });
      expect(result.manifest.timings?.io_wait_s).toBe(0.5);
    }
  });

  it('reads a manifest written before the solve started', () => {
    const result = parseManifest({ format: 'mfg-run', format_version: 1, status: 'running', spec: defaultSpec() });
    expect(result).toMatchObject({ ok: true, manifest: { status: 'running', message: '' } });
  });

  it('accepts null residuals and mass (NaN written by a diverged run)', () => {
    const json = { ...exampleManifest(), status: 'diverged', residuals: { hjb: null, fp: null, change: null } };
    expect(parseManifest(json).ok).toBe(true);
  });

  it('refuses a manifest without a status, or with an unknown one', () => {
    const { status: _dropped, ...withoutStatus } = exampleManifest();
    expect(parseManifest(withoutStatus)).toEqual({
      ok: false,
      issues: [{ path: 'status', message: "expected one of 'running', 'converged', 'not_converged', 'diverged', 'cancelled', 'interrupted', 'failed', received nothing" }],
    });
    expect(issuePaths({ ...exampleManifest(), status: 'done' })).toEqual(['status']);
  });

  it('refuses other formats, newer versions and broken required keys', () => {
    expect(issuePaths({ ...exampleManifest(), format: 'zarr' })).toEqual(['format']);
    expect(issuePaths({ ...exampleManifest(), format_version: 2 })).toEqual(['format_version']);
    expect(issuePaths({ ...exampleManifest(), spec: undefined })).toEqual(['spec']);
    expect(issuePaths({ ...exampleManifest(), spec: { ...defaultSpec(), time: { steps: 0, horizon: 1 } } }))
      .toEqual(['spec.time.steps']);
    expect(issuePaths([])).toEqual(['']);
  });

  it('checks the optional keys it knows when they are present', () => {
    expect(issuePaths({ ...exampleManifest(), threads: 0 })).toEqual(['threads']);
    expect(issuePaths({ ...exampleManifest(), started_at: 'yesterday' })).toEqual(['started_at']);
    expect(issuePaths({ ...exampleManifest(), grid: { dimension: 1 } })).toContain('grid.points');
  });

  it('suggests the right key for a typo inside the recorded spec', () => {
    const json = { ...exampleManifest(), spec: { ...defaultSpec(), solver: { ...defaultSpec().solver, tolerence: 1 } } };
    const result = parseManifest(json);
    expect(!result.ok && result.issues[0]?.message).toBe("unknown key 'tolerence' in spec.solver; did you mean 'tolerance'?");
  });
});
