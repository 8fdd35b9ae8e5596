#!/usr/bin/env node
// Benchmark of the 1D solver (issue 2): the seed 002 problem at several grid sizes, solved to a
// residual of 1e-10 on one core, with per-phase times. The baseline, measured in the same run on the
// same grid, is the seed's own method: damped Picard (alpha = 0.5) for 50 iterations, which does not
// converge on this problem (its final residual is reported). Times are the solver's own (run.json
// timings.total_s), medians of several runs. Prints one JSON document; `--write` also saves it to
// bench/results/solver-1d.json.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { machine, median } from './machine.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const solver = join(root, 'build', 'native', 'mfg-solve');
const seed = JSON.parse(readFileSync(join(root, 'assets', 'presets', 'seed-002-congestion.json'), 'utf8'));
const work = mkdtempSync(join(tmpdir(), 'mfg-bench-'));

const SIZES = [
  { points: 100, repeats: 15, target_s: 0.01 },
  { points: 200, repeats: 7 },
  { points: 400, repeats: 5 },
  { points: 1000, repeats: 3, target_s: 1.0 },
];

function run(spec, name) {
  const specPath = join(work, `${name}.json`);
  const out = join(work, name);
  writeFileSync(specPath, JSON.stringify(spec));
  const r = spawnSync(solver, [specPath, '--out', out, '--threads', '1', '--quiet', '--force'], { encoding: 'utf8' });
  if (r.status !== 0 && r.status !== 3) throw new Error(`mfg-solve failed (${r.status}): ${r.stderr}`);
  return JSON.parse(readFileSync(join(out, 'run.json'), 'utf8'));
}

function measure(spec, name, repeats) {
  const runs = Array.from({ length: repeats }, () => run(spec, name));
  const last = runs.at(-1);
  const phase = (key) => median(runs.map((m) => m.timings[key]));
  return {
    seconds: median(runs.map((m) => m.timings.total_s)),
    status: last.status,
    iterations: last.iterations,
    residual: Math.max(last.residuals.hjb ?? Infinity, last.residuals.fp ?? Infinity),
    phases_s: { hjb: phase('hjb_s'), fp: phase('fp_s'), linear: phase('linear_s'), newton: phase('newton_s') },
  };
}

function sized(points, solverSettings) {
  return { ...seed, domain: { ...seed.domain, points: [points] }, time: { ...seed.time, steps: points }, solver: { ...seed.solver, ...solverSettings } };
}

const results = SIZES.map(({ points, repeats, target_s }) => {
  const ours = measure(sized(points, { method: 'newton', tolerance: 1e-10 }), `newton-${points}`, repeats);
  const baseline = measure(sized(points, { method: 'picard', relaxation: 0.5, max_iterations: 50 }), `picard-${points}`, repeats);
  return {
    problem: 'seed 002 (congestion, nu = 0.01, lambda = 0.5, T = 1)',
    size: `${points} x ${points} (points x time steps)`,
    method: 'newton (default settings) to residual 1e-10, 1 thread',
    ...ours,
    target_s: target_s ?? null,
    baseline: { name: 'seed method: damped Picard alpha = 0.5, 50 iterations, 1 thread', ...baseline },
    ratio: ours.seconds / baseline.seconds,
  };
});

const document = { benchmark: 'solver-1d', machine: machine(), results };
console.log(JSON.stringify(document, null, 2));
if (process.argv.includes('--write')) writeFileSync(join(root, 'bench', 'results', 'solver-1d.json'), JSON.stringify(document, null, 2) + '\n');
