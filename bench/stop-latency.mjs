#!/usr/bin/env node
// Stop latency (issue 14): how long the native solve takes to end after cancel() on the 3D preset
// (corner-target-3d, 20^3 cells x 20 steps, Newton with continuation on coarse grids), through the
// Node-API addon exactly as the app's solver host calls it. The solve is cancelled at several
// moments (so every phase is hit: warm-up sweeps, continuation stages, Newton's Krylov solves);
// each sample records the phase of the last progress record before the cancel.
// Baseline in the same run: the median time between two progress records (one outer iteration,
// what a solver that checks the flag only between iterations would need at worst on average).
//
//   node bench/stop-latency.mjs [--fractions 0.05,0.2,...] [--preset corner-target-3d] [--points N] [--steps K]
//                               [--threads N] [--write]   (--write appends the document to bench/results/stop-latency.json)
// Prints one JSON document. Measures only: never asserts a time.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { machine, median } from './machine.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
function option(name, fallback) {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
}
const addonPath = [join(root, 'build', 'native', 'mfg_native.node'), join(root, 'build', 'native', 'Release', 'mfg_native.node')].find(existsSync);
if (addonPath === undefined) {
  console.error('bench/stop-latency: the addon is not built (npm ci builds it into build/native)');
  process.exit(1);
}
const addon = createRequire(import.meta.url)(addonPath);
const preset = option('preset', 'corner-target-3d');
// --points N --steps K: the preset on a finer grid (where one outer iteration takes seconds).
const presetSpec = JSON.parse(readFileSync(join(root, 'assets', 'presets', `${preset}.json`), 'utf8'));
const points = option('points', undefined);
const steps = option('steps', undefined);
if (points !== undefined) presetSpec.domain.points = presetSpec.domain.points.map(() => Number(points));
if (steps !== undefined) presetSpec.time.steps = Number(steps);
const specJson = JSON.stringify(presetSpec);
// When to cancel, as fractions of the uncancelled solve's duration measured first in the same run
// (the machine's load changes the durations from run to run, not which phase each fraction hits).
const fractions = option('fractions', '0.05,0.2,0.35,0.5,0.65,0.8,0.95').split(',').map(Number);
const threads = option('threads', undefined);

/** One solve, cancelled `delay` seconds after it starts (or left to finish when delay is Infinity). */
function solveOnce(delay) {
  return new Promise((resolve) => {
    const records = [];
    const started = performance.now();
    const task = addon.solve(specJson, {
      onIteration: (record) => records.push({ at: (performance.now() - started) / 1000, phase: record.phase, iteration: record.iteration }),
      ...(threads === undefined ? {} : { threads: Number(threads) }),
    });
    let cancelledAt;
    const timer = Number.isFinite(delay) ? setTimeout(() => { cancelledAt = (performance.now() - started) / 1000; task.cancel(); }, delay * 1000) : undefined;
    task.done.then((result) => {
      clearTimeout(timer);
      const ended = (performance.now() - started) / 1000;
      const status = result.ok ? result.value.status : `error: ${result.error?.message}`;
      const before = cancelledAt === undefined ? undefined : records.filter((r) => r.at <= cancelledAt).at(-1);
      resolve({ delay, status, ended, cancelledAt, phase: before?.phase ?? 'setup', records });
    });
  });
}

const full = await solveOnce(Infinity);
const gaps = full.records.slice(1).map((r, i) => r.at - (full.records[i]?.at ?? 0));
const samples = [];
for (const fraction of fractions) {
  const run = await solveOnce(fraction * full.ended);
  const latency = run.cancelledAt === undefined ? null : run.ended - run.cancelledAt;
  samples.push({ cancelled_after_s: round(run.cancelledAt), phase: run.phase, status: run.status, latency_s: round(latency) });
}
const latencies = samples.map((s) => s.latency_s).filter((v) => v !== null);
const baseline = median(gaps);
const document = {
  benchmark: 'stop-latency',
  problem: `${preset} (${JSON.parse(specJson).domain.points.join('x')} cells x ${JSON.parse(specJson).time.steps} steps)`,
  size: JSON.parse(specJson).domain.points.reduce((a, b) => a * b, 1) * JSON.parse(specJson).time.steps,
  machine: machine(),
  full_solve: { seconds: round(full.ended), status: full.status, iterations: full.records.length },
  baseline: { what: 'median seconds between two progress records (one outer iteration)', seconds: round(baseline), longest_s: round(Math.max(...gaps)) },
  samples,
  seconds: round(Math.max(...latencies)),
  median_latency_s: round(median(latencies)),
  ratio: round(Math.max(...latencies) / baseline),
  note: 'seconds: the longest time from cancel() to the end of the solve over the samples; ratio: that over the baseline',
};
const text = JSON.stringify(document, null, 2);
console.log(text);
if (args.includes('--write')) {
  const file = join(root, 'bench', 'results', 'stop-latency.json');
  const previous = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : [];
  writeFileSync(file, `${JSON.stringify([...previous, document], null, 2)}\n`);
}

function round(value) {
  return value === undefined || value === null ? null : Math.round(value * 1000) / 1000;
}
