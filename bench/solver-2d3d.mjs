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
//   --big-sweeps 1                           fictitious-play sweeps of the 10^7-cell case (default 3)
//   --scale-threads 2,4,8,16                 the thread counts of the scaling run (default: --threads)
//   --out FILE                               also save the JSON document there
//   --plan DIR [options]                     write the cases and DIR/run.sh for a machine without Node
//   --collect OUT --from DIR --device NAME   the JSON document from what DIR/run.sh left in OUT
//   --write                                  also save bench/results/solver-2d3d.json
// Prints one JSON document. Measures only: never asserts a time.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

// mfg-solve's own last line, {"event":"summary", status, iterations, residual}: what is known of a
// run whose run directory did not come back from the device.
function summaryLine(text) {
  const line = (text ?? '').trim().split('\n').reverse().find((l) => l.includes('"event":"summary"'));
  if (!line) return null;
  try {
    return JSON.parse(line);
  } catch {
    return null;
  }
}

// The result of one case from the time it took and the run directory it left.
function summarise(c, seconds, exitCode, runManifest, errorText) {
  const { name, spec } = c;
  const summary = runManifest ? null : summaryLine(errorText);
  // Exit code 0 is mfg-solve's "converged" even when nothing else of the run came back.
  const fromExitCode = exitCode === 0 ? { status: 'converged', iterations: null } : null;
  const manifest = runManifest ?? (summary ? { status: summary.status, iterations: summary.iterations, residuals: { hjb: summary.residual, fp: 0 } } : fromExitCode);
  const cells = spec.domain.points.reduce((a, b) => a * b, 1);
  const cellSteps = cells * spec.time.steps;
  const iterations = manifest?.iterations ?? null;
  const result = {
    problem: name, size: { points: spec.domain.points, steps: spec.time.steps, cells, method: spec.solver.method },
    threads: c.threads, seconds, exit_code: exitCode, status: manifest?.status ?? 'failed', iterations,
    residual: manifest ? Math.max(manifest.residuals?.hjb ?? 0, manifest.residuals?.fp ?? 0) : null,
    phases_s: manifest?.timings ?? null, memory: manifest?.memory ?? null,
    ns_per_cell_step_iteration: iterations ? (seconds / (cellSteps * iterations)) * 1e9 : null,
  };
  if (c.target) Object.assign(result, { target_s: c.target, ratio_to_target: seconds / c.target });
  if (!manifest) result.error = (errorText ?? '').trim().split('\n').slice(-3).join(' ');
  console.error(`${name}: ${seconds.toFixed(1)} s, ${result.status}, ${iterations} iterations`);
  return result;
}

function readManifest(runDir) {
  try {
    return JSON.parse(readFileSync(join(runDir, 'run.json'), 'utf8'));
  } catch {
    return null;  // reported as the solver's own error
  }
}

function runCase(c) {
  const dir = mkdtempSync(join(tmpdir(), 'mfg-bench-'));
  const specPath = join(dir, 'spec.json');
  writeFileSync(specPath, JSON.stringify(c.spec));
  const out = join(dir, 'run');
  const start = process.hrtime.bigint();
  const r = spawnSync(solver, [specPath, '--out', out, '--threads', String(c.threads), '--quiet'], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const manifest = readManifest(out);
  rmSync(dir, { recursive: true, force: true });
  return summarise(c, seconds, r.status, manifest, r.stderr || r.stdout);
}

function bandwidth(nThreads) {
  const r = spawnSync(stream, ['--cells', '16000000', '--repeat', '5'], { encoding: 'utf8', env: { ...process.env, OMP_NUM_THREADS: String(nThreads) } });
  if (r.status !== 0) return { error: `mfg-stream failed: ${r.stderr.trim()}` };
  return JSON.parse(r.stdout);
}

// The cases of this invocation, in order; `scaling: true` marks the thread-scaling runs.
function plannedCases() {
  const cases = [];
  const sizes2d = option('sizes2d', full ? '250,500,1000' : '64,128').split(',').filter(Boolean).map(Number);
  const steps2d = Number(option('steps2d', full ? 100 : 50));
  for (const n of sizes2d) cases.push({ name: `2D ${n}^2 x ${steps2d}`, spec: spec2d(n, steps2d), threads, target: n === 1000 && steps2d === 100 ? 60 : undefined });
  const n3 = Number(option('size3d', full ? 128 : 32));
  const steps3 = Number(option('steps3d', full ? 50 : 20));
  if (n3 > 0) cases.push({ name: `3D ${n3}^3 x ${steps3}`, spec: spec3d(n3, steps3), threads, target: n3 === 128 && steps3 === 50 ? 120 : undefined });
  // 10^7 cells: the fixed-point method (no Newton space-time Krylov basis) with 10 time steps, a few
  // sweeps, to see the memory and the time per sweep; the 8 GB budget is the target.
  const big = Number(option('big', full ? 215 : 96));
  const sweeps = Number(option('big-sweeps', 3));
  if (big > 0) cases.push({ name: `3D ${big}^3 x 10, ${sweeps} fictitious-play sweep${sweeps > 1 ? 's' : ''} (memory)`, spec: spec3d(big, 10, { method: 'fictitious_play', tolerance: 1e-12, max_iterations: sweeps }), threads });
  // Thread scaling on the 2D problem: 1 thread is the baseline measured in this run, then each
  // count of --scale-threads (default: --threads).
  const scaleN = Number(option('scale', full ? 250 : 96));
  const scaleThreads = option('scale-threads', String(threads)).split(',').filter(Boolean).map(Number);
  if (scaleN > 0)
    for (const t of [1, ...scaleThreads.filter((x) => x > 1)])
      cases.push({ name: `2D ${scaleN}^2 x 50, ${t} thread${t > 1 ? 's' : ''}`, spec: spec2d(scaleN, 50), threads: t, scaling: true });
  return cases;
}

function scalingOf(results, cases) {
  const runs = results.filter((_, i) => cases[i].scaling);
  if (runs.length < 2) return null;
  const [one, ...rest] = runs;
  const points = rest.map((r) => ({ threads: r.threads, seconds: r.seconds, speedup: one.seconds / r.seconds, efficiency: one.seconds / r.seconds / r.threads }));
  return { problem: one.problem.replace(/, 1 thread$/, ''), baseline_threads: 1, baseline_s: one.seconds, points, target_speedup_2_threads: 1.8 };
}

// --plan DIR: the cases as spec files and a shell script that runs them where Node is not installed
// (the lent GPU machine): `sh DIR/run.sh SOLVER STREAM OUT` leaves times, run.json and mfg-stream
// output under OUT, and --collect OUT turns them into the same JSON document as a local run.
function plan(dir) {
  const cases = plannedCases();
  mkdirSync(dir, { recursive: true });
  const lines = ['#!/bin/sh', '# Written by bench/solver-2d3d.mjs --plan: runs the cases, then --collect reads OUT.', 'set -u', 'solver=$1; stream=$2; out=$3', 'mkdir -p "$out"',
    '{ nproc; lscpu; free -b; uname -a; } > "$out/machine.txt" 2>&1',
    `OMP_NUM_THREADS=1 "$stream" --cells 16000000 --repeat 5 > "$out/bandwidth-1.json"`,
    `OMP_NUM_THREADS=${threads} "$stream" --cells 16000000 --repeat 5 > "$out/bandwidth-all.json"`];
  cases.forEach((c, i) => {
    writeFileSync(join(dir, `case-${i}.json`), JSON.stringify(c.spec));
    lines.push(`start=$(date +%s.%N); "$solver" "$(dirname "$0")/case-${i}.json" --out "$out/run-${i}" --threads ${c.threads} --quiet > "$out/stdout-${i}.txt" 2>&1; code=$?; end=$(date +%s.%N)`,
      `echo "$start $end $code" > "$out/time-${i}.txt"; rm -rf "$out/run-${i}/fields.zarr"`);
  });
  writeFileSync(join(dir, 'cases.json'), JSON.stringify({ threads, full, cases }, null, 2));
  writeFileSync(join(dir, 'run.sh'), `${lines.join('\n')}\n`);
  console.log(`wrote ${cases.length} cases and ${join(dir, 'run.sh')}`);
}

function collectOne(dir, planDir) {
  const { cases } = JSON.parse(readFileSync(join(planDir, 'cases.json'), 'utf8'));
  const results = cases.map((c, i) => {
    let times = null;
    try {
      times = readFileSync(join(dir, `time-${i}.txt`), 'utf8').trim().split(/\s+/).map(Number);
    } catch {
      // the case never ran (the device call ended first)
    }
    if (!times) return { problem: c.name, status: 'not run' };
    let stdout = '';
    try {
      stdout = readFileSync(join(dir, `stdout-${i}.txt`), 'utf8');
    } catch {
      // nothing printed
    }
    return summarise(c, times[1] - times[0], times[2], readManifest(join(dir, `run-${i}`)), stdout);
  });
  const readJson = (name) => {
    try {
      return JSON.parse(readFileSync(join(dir, name), 'utf8'));
    } catch {
      return { error: `${name} missing` };
    }
  };
  return {
    machine: { device: option('device', 'unknown'), description: readFileSync(join(dir, 'machine.txt'), 'utf8').split('\n').filter((l) => /^\d+$|Model name|Core\(s\)|Mem:|Linux/.test(l)).map((l) => l.trim()), date: new Date().toISOString() },
    bandwidth: { one_thread: readJson('bandwidth-1.json'), all_threads: readJson('bandwidth-all.json') },
    cases: results.filter((_, i) => !cases[i].scaling), scaling: scalingOf(results, cases),
  };
}

// Several device calls (comma-separated OUT and plan folders, in the same order) make one document;
// the machine and bandwidth are the first call's, every call's thread scaling is listed.
function collect(dirs, planDirs) {
  const parts = dirs.split(',').map((dir, i) => collectOne(dir, planDirs.split(',')[i]));
  return {
    benchmark: 'solver-2d3d', machine: parts[0].machine, full, bandwidth: parts[0].bandwidth,
    cases: parts.flatMap((p) => p.cases), scaling: parts.map((p) => p.scaling).filter(Boolean),
  };
}

function runHere() {
  const cases = plannedCases();
  const results = cases.map(runCase);
  return {
    benchmark: 'solver-2d3d', machine: machine(), full,
    bandwidth: { one_thread: bandwidth(1), all_threads: bandwidth(threads) },
    cases: results.filter((_, i) => !cases[i].scaling), scaling: scalingOf(results, cases),
  };
}

// --plan writes the cases for another machine; otherwise the document is measured here or collected.
function main() {
  const planDir = option('plan', '');
  if (planDir) return plan(planDir);
  const collectDir = option('collect', '');
  const doc = collectDir ? collect(collectDir, option('from', '')) : runHere();
  const text = JSON.stringify(doc, null, 2);
  console.log(text);
  const outFile = option('out', '');
  if (outFile) writeFileSync(outFile, `${text}\n`);
  if (args.includes('--write')) writeFileSync(join(root, 'bench', 'results', full ? 'solver-2d3d-full.json' : 'solver-2d3d.json'), `${text}\n`);
}

main();
