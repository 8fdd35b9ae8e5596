#!/usr/bin/env node
// 2D and 3D solves at growing sizes with mfg-solve, the targets of the scale issue beside them:
//   2D 1000^2 x 100 steps to 1e-6 <= 60 s (with 250^2 and 500^2 for the growth), 3D 128^3 x 50 steps
//   <= 120 s, 3D 215^3 within 8 GB, thread scaling 1 -> 2 threads >= 1.8x on the 2D problem.
// Each case reports wall seconds, iterations, per-phase times (HJB, FP, linear solves, Newton),
// estimated and peak memory, and seconds per cell-step per outer iteration (the cost that should not
// grow with size). The machine's memory bandwidth (STREAM triad) and what the hot kernels achieve are
// measured in the same run by mfg-stream, so the distance to the hardware limit is visible.
//
//   node bench/solver-2d3d.mjs               the sizes this 2-core machine finishes in minutes
//   node bench/solver-2d3d.mjs --full        the sizes (hours here; minutes on 16 cores)
//   node bench/solver-2d3d.mjs --threads 16  threads for the size sweep (default: all cores)
//   --sizes2d 250,500 --steps2d 100 --size3d 64 --steps3d 50 --big 215 --scale 250
//                                            choose the sizes (a device call has 10 minutes)
//   --out FILE                               also save the JSON document there
//   --write                                  also save bench/results/solver-2d3d.json
// Prints one JSON document. Measures only: never asserts a time.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { machine } from './machine.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const solver = join(root, 'build', 'native', 'mfg-solve');
const stream = join(root, 'build', 'native', 'mfg-stream');
const args = process.argv.slice(2);
const full = args.includes('--full');
const threadsArg = args.indexOf('--threads');
const threads = threadsArg >= 0 ? Number(args[threadsArg + 1]) : cpus().length;
function option(name, fallback) {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
}

// The 2D problem: a crowd crossing a room with two costly hills toward a target (as the landscape
// preset), to a residual of 1e-6 as the issue asks.
function spec2d(n, steps) {
  return {
    version: 1, model: 'mfg', name: `bench 2D ${n}^2`,
    domain: { lower: [0, 0], upper: [1, 1], points: [n, n] },
    time: { horizon: 1, steps },
    physics: {
      viscosity: 0.02, coupling: { kind: 'congestion', strength: 0.5, exponent: 1 },
      potential: '3*exp(-30*((x-0.35)^2 + (y-0.7)^2)) + 3*exp(-30*((x-0.7)^2 + (y-0.35)^2))',
      terminal_cost: '3*((x-0.8)^2 + (y-0.8)^2)', initial_density: 'exp(-60*((x-0.2)^2 + (y-0.2)^2))',
    },
    solver: { method: 'newton', tolerance: 1e-6 },
    output: { store_every: steps, precision: 'float32' },
  };
}

// The 3D problem: around a central ball toward a corner (as the 3D preset).
function spec3d(n, steps, solverPart) {
  return {
    version: 1, model: 'mfg', name: `bench 3D ${n}^3`,
    domain: { lower: [0, 0, 0], upper: [1, 1, 1], points: [n, n, n], obstacle: '(x-0.5)^2 + (y-0.5)^2 + (z-0.5)^2 < 0.04' },
    time: { horizon: 1, steps },
    physics: {
      viscosity: 0.02, coupling: { kind: 'congestion', strength: 0.5, exponent: 1 },
      terminal_cost: '3*((x-0.85)^2 + (y-0.85)^2 + (z-0.85)^2)', initial_density: 'exp(-60*((x-0.2)^2 + (y-0.2)^2 + (z-0.2)^2))',
    },
    solver: solverPart ?? { method: 'newton', tolerance: 1e-6 },
    output: { store_every: steps, precision: 'float32' },
  };
}

function runCase(name, spec, nThreads, targetSeconds) {
  const dir = mkdtempSync(join(tmpdir(), 'mfg-bench-'));
  const specPath = join(dir, 'spec.json');
  writeFileSync(specPath, JSON.stringify(spec));
  const out = join(dir, 'run');
  const start = process.hrtime.bigint();
  const r = spawnSync(solver, [specPath, '--out', out, '--threads', String(nThreads), '--quiet'], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  let manifest = null;
  try {
    manifest = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8'));
  } catch {
    // reported below as the solver's own error
  }
  rmSync(dir, { recursive: true, force: true });
  const cells = spec.domain.points.reduce((a, b) => a * b, 1);
  const cellSteps = cells * spec.time.steps;
  const iterations = manifest?.iterations ?? null;
  const result = {
    problem: name, size: { points: spec.domain.points, steps: spec.time.steps, cells, method: spec.solver.method },
    threads: nThreads, seconds, exit_code: r.status, status: manifest?.status ?? 'failed', iterations,
    residual: manifest ? Math.max(manifest.residuals?.hjb ?? 0, manifest.residuals?.fp ?? 0) : null,
    phases_s: manifest?.timings ?? null, memory: manifest?.memory ?? null,
    ns_per_cell_step_iteration: iterations ? (seconds / (cellSteps * iterations)) * 1e9 : null,
  };
  if (targetSeconds) Object.assign(result, { target_s: targetSeconds, ratio_to_target: seconds / targetSeconds });
  if (!manifest) result.error = (r.stderr || r.stdout || '').trim().split('\n').slice(-3).join(' ');
  console.error(`${name}: ${seconds.toFixed(1)} s, ${result.status}, ${iterations} iterations`);
  return result;
}

function bandwidth(nThreads) {
  const r = spawnSync(stream, ['--cells', '16000000', '--repeat', '5'], { encoding: 'utf8', env: { ...process.env, OMP_NUM_THREADS: String(nThreads) } });
  if (r.status !== 0) return { error: `mfg-stream failed: ${r.stderr.trim()}` };
  return JSON.parse(r.stdout);
}

const sizes2d = option('sizes2d', full ? '250,500,1000' : '64,128').split(',').filter(Boolean).map(Number);
const steps2d = Number(option('steps2d', full ? 100 : 50));
const cases = [];
for (const n of sizes2d) cases.push(runCase(`2D ${n}^2 x ${steps2d}`, spec2d(n, steps2d), threads, n === 1000 ? 60 : undefined));
const n3 = Number(option('size3d', full ? 128 : 32));
const steps3 = Number(option('steps3d', full ? 50 : 20));
if (n3 > 0) cases.push(runCase(`3D ${n3}^3 x ${steps3}`, spec3d(n3, steps3), threads, n3 === 128 && steps3 === 50 ? 120 : undefined));
// 10^7 cells: the fixed-point method (no Newton space-time Krylov basis) with 10 time steps, a few
// sweeps, to see the memory and the time per sweep; the 8 GB budget is the target.
const big = Number(option('big', full ? 215 : 96));
if (big > 0) cases.push(runCase(`3D ${big}^3 x 10, 3 fictitious-play sweeps (memory)`, spec3d(big, 10, { method: 'fictitious_play', tolerance: 1e-12, max_iterations: 3 }), threads));

// Thread scaling on the 2D problem: 1 thread is the baseline measured in this run.
const scaleN = Number(option('scale', full ? 250 : 96));
let scaling = null;
if (scaleN > 0) {
  const one = runCase(`2D ${scaleN}^2 x 50, 1 thread`, spec2d(scaleN, 50), 1);
  const many = runCase(`2D ${scaleN}^2 x 50, ${threads} threads`, spec2d(scaleN, 50), threads);
  scaling = { problem: `2D ${scaleN}^2 x 50`, baseline_threads: 1, baseline_s: one.seconds, threads, seconds: many.seconds, speedup: one.seconds / many.seconds, target_speedup_2_threads: 1.8 };
}

const doc = {
  benchmark: 'solver-2d3d', machine: machine(), full,
  bandwidth: { one_thread: bandwidth(1), all_threads: bandwidth(threads) },
  cases, scaling,
};
const text = JSON.stringify(doc, null, 2);
console.log(text);
const outFile = option('out', '');
if (outFile) writeFileSync(outFile, `${text}\n`);
if (args.includes('--write')) writeFileSync(join(root, 'bench', 'results', full ? 'solver-2d3d-full.json' : 'solver-2d3d.json'), `${text}\n`);
