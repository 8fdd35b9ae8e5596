// Checkpoints and --resume as a cluster job sees them: kill -9 at random moments (several times in a
// row, in 1D and 2D), resume each time, and the final fields are bitwise those of a run that was
// never interrupted, with the same iteration count. SIGUSR1 writes a checkpoint and exits with 6
// (status `interrupted`), and the run resumes from it. Runs the real executable.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const solver = join(root, 'build', 'native', 'mfg-solve');

// A random seed per test run, printed, so a failure names the kill points that caused it.
const seed = Number(process.env.MFG_CHECKPOINT_SEED ?? Math.floor(Math.random() * 2 ** 31));
console.log(`checkpoint tests: kill points drawn with MFG_CHECKPOINT_SEED=${seed}`);
let state = seed;
function randomInt(below: number): number {
  state = (Math.imul(state, 1103515245) + 12345) >>> 0;
  return Math.floor((state / 2 ** 32) * below);
}

const spec1d = {
  version: 1, model: 'mfg',
  domain: { lower: [0], upper: [1], points: [200], boundary: [{ lower: 'wall', upper: 'wall' }] },
  // Big enough that a run takes ~0.2 s: the kill lands while it still iterates.
  time: { horizon: 1, steps: 100 },
  physics: {
    viscosity: 0.01, coupling: { kind: 'congestion', strength: 0.5, exponent: 1 },
    terminal_cost: '0.5*(x-0.7)^2', initial_density: 'exp(-50*(x-0.3)^2)',
  },
  solver: { method: 'newton', tolerance: 1e-10, checkpoint: { every_iterations: 1 } },
};

const spec2d = {
  version: 1, model: 'mfg',
  domain: {
    lower: [0, 0], upper: [1, 1], points: [20, 16],
    boundary: [{ lower: 'wall', upper: 'exit' }, { lower: 'wall', upper: 'wall' }],
    obstacle: '(x-0.6)^2+(y-0.5)^2 < 0.01',
  },
  time: { horizon: 1, steps: 16 },
  physics: {
    viscosity: 0.02, coupling: { kind: 'congestion', strength: 0.5, exponent: 1 },
    exit_cost: '0', terminal_cost: '2*(1-x)', initial_density: 'exp(-30*((x-0.3)^2+(y-0.5)^2))',
  },
  solver: { method: 'newton', tolerance: 1e-10, checkpoint: { every_iterations: 1 } },
};

// 64 x 64: Newton's continuation stages run on 16 x 16 and 32 x 32 grids (coarse_grid.hpp), so the
// first kill (within the first third of the iterations) lands in a coarse stage, whose checkpoint
// holds a coarse state.
const spec2dCoarse = {
  ...spec2d,
  domain: { ...spec2d.domain, points: [64, 64] },
  // Big enough that a run takes ~2 s: the kill lands while it still iterates.
  time: { horizon: 1, steps: 24 },
  solver: { method: 'newton', tolerance: 1e-8, checkpoint: { every_iterations: 1 } },
};

// Fictitious play stops at its iteration cap here (status not_converged): the resume path of the
// fixed-point methods must reproduce that run too, sweep for sweep.
const spec1dFictitious = {
  ...spec1d,
  solver: { method: 'fictitious_play', tolerance: 1e-10, max_iterations: 40, checkpoint: { every_iterations: 2 } },
};

const scratch = () => mkdtempSync(join(tmpdir(), 'mfg-checkpoint-'));

interface Outcome { code: number | null; signal: NodeJS.Signals | null; iterations: number }

/** Runs mfg-solve; with `stopAfter`, sends `signal` once that many iteration lines were printed. */
function run(args: string[], stopAfter?: number, signal: NodeJS.Signals = 'SIGKILL'): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(solver, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let iterations = 0;
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (!line.includes('"event":"iteration"')) return;
      iterations += 1;
      if (iterations === stopAfter) child.kill(signal);
    });
    child.on('error', reject);
    child.on('close', (code, sig) => resolve({ code, signal: sig, iterations }));
  });
}

/** Hashes of every chunk of u and m: equal hashes mean bitwise-equal fields. */
function fieldChunks(runDir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of ['u', 'm']) {
    const dir = join(runDir, 'fields.zarr', name);
    for (const file of readdirSync(dir).filter((f) => !f.startsWith('.')).sort()) {
      out[`${name}/${file}`] = createHash('sha256').update(readFileSync(join(dir, file))).digest('hex');
    }
  }
  return out;
}

function manifest(runDir: string): { status: string; iterations: number } {
  return JSON.parse(readFileSync(join(runDir, 'run.json'), 'utf8')) as { status: string; iterations: number };
}

function csvIterations(runDir: string): number[] {
  const lines = readFileSync(join(runDir, 'convergence.csv'), 'utf8').trim().split('\n').slice(1);
  return lines.map((line) => Number(line.split(',')[0]));
}

async function reference(spec: object, exitCode: number): Promise<string> {
  const dir = scratch();
  const specPath = join(dir, 'spec.json');
  writeFileSync(specPath, JSON.stringify(spec));
  const out = join(dir, 'run');
  const done = await run([specPath, '--out', out, '--threads', '1']);
  expect(done.code, 'the uninterrupted run ends as expected').toBe(exitCode);
  return out;
}

/** Kills the run `kills` times at random iteration lines, resuming after each, then lets it finish. */
async function interruptedRun(spec: object, total: number, kills: number, exitCode: number): Promise<string> {
  const dir = scratch();
  const specPath = join(dir, 'spec.json');
  writeFileSync(specPath, JSON.stringify(spec));
  const out = join(dir, 'run');
  let args = [specPath, '--out', out, '--threads', '1'];
  for (let k = 0; k < kills; k += 1) {
    const at = 1 + randomInt(Math.max(1, Math.floor(total / kills) - 1));
    const killed = await run(args, at);
    expect(killed.signal, `kill ${k + 1} after ${at} iteration lines`).toBe('SIGKILL');
    args = ['--resume', out, '--threads', '1'];
  }
  const finished = await run(args);
  expect(finished.code, 'the resumed run ends as the uninterrupted one').toBe(exitCode);
  return out;
}

async function expectResumesIdentically(spec: object, kills: number, exitCode = 0): Promise<void> {
  const clean = await reference(spec, exitCode);
  const total = manifest(clean).iterations;
  expect(total).toBeGreaterThan(kills + 1);
  const resumed = await interruptedRun(spec, total, kills, exitCode);
  expect(manifest(resumed)).toMatchObject({ status: manifest(clean).status, iterations: total });
  expect(csvIterations(resumed)).toEqual(csvIterations(clean));
  expect(fieldChunks(resumed)).toEqual(fieldChunks(clean));
  if (exitCode === 0) expect(readdirSync(resumed), 'a converged run drops its checkpoint').not.toContain('checkpoint');
}

describe('checkpoints and --resume', () => {
  it('1D Newton: three kill -9 at random iterations, resumed each time, ends bitwise identical', async () => {
    await expectResumesIdentically(spec1d, 3);
  });

  it('1D fictitious play up to its iteration cap: three kill -9, resumed, ends bitwise identical', async () => {
    await expectResumesIdentically(spec1dFictitious, 3, 3);
  });

  it('2D with an exit and an obstacle: three kill -9, resumed, ends bitwise identical', async () => {
    await expectResumesIdentically(spec2d, 3);
  });

  it('2D through coarse-grid stages: three kill -9 (the first in a coarse stage), resumed, ends bitwise identical', async () => {
    await expectResumesIdentically(spec2dCoarse, 3);
  });

  it('SIGUSR1 writes a checkpoint, exits 6 as interrupted, and the run resumes to the same answer', async () => {
    const clean = await reference(spec1d, 0);
    const dir = scratch();
    const specPath = join(dir, 'spec.json');
    writeFileSync(specPath, JSON.stringify({ ...spec1d, solver: { ...spec1d.solver, checkpoint: { every_iterations: 0 } } }));
    const out = join(dir, 'run');
    const stopped = await run([specPath, '--out', out, '--threads', '1'], 2, 'SIGUSR1');
    expect(stopped.code).toBe(6);
    expect(manifest(out).status).toBe('interrupted');
    expect(readdirSync(join(out, 'checkpoint')).length).toBeGreaterThan(0);
    const finished = await run(['--resume', out, '--threads', '1']);
    expect(finished.code).toBe(0);
    expect(manifest(out).iterations).toBe(manifest(clean).iterations);
    expect(fieldChunks(out)).toEqual(fieldChunks(clean));
  });

  it('refuses --resume of a folder that is not a run directory, with a message that says so', () => {
    const r = spawnSync(solver, ['--resume', scratch()], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr + r.stdout).toMatch(/not a run directory/);
  });
});
