#!/usr/bin/env node
// Benchmark of the ARZ traffic model (issue 18): build/native/arz-bench on the presets of
// assets/presets/arz (the seed corridor's 60 s decision interval per scheme, one hour of the
// 4-junction grid per scheme, a batch of 256 corridors for the RL issue), with the machine described.
// The machines are shared: each result has the wall time and the thread's CPU time (what one core
// spends), medians of repeats; the load average says how busy the machine was. Prints one JSON
// document; `--write` also saves it to bench/results/arz.json; `--quick` runs fewer repeats.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { machine } from './machine.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bench = join(root, 'build', 'native', 'arz-bench');
if (!existsSync(bench)) {
  console.error(`${bench} is missing: build the native core first (npm run build:native).`);
  process.exit(1);
}

const args = [join(root, 'assets', 'presets', 'arz')];
if (process.argv.includes('--quick')) args.push('--quick');
const r = spawnSync(bench, args, { encoding: 'utf8', env: { ...process.env, OMP_NUM_THREADS: process.env.OMP_NUM_THREADS ?? '2' } });
if (r.status !== 0) {
  console.error(`arz-bench failed (${r.status}): ${r.stderr}`);
  process.exit(1);
}
const measured = JSON.parse(r.stdout);
const cpuModel = /model name\s*:\s*(.*)/.exec(existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : '')?.[1] ?? 'unknown';
const document = {
  benchmark: 'arz',
  machine: { ...machine(), cpu_model: cpuModel, nproc: measured.threads, shared: 'yes: other sessions ran builds and tests at the same time (see load_average_1m); compare cpu_seconds with the targets' },
  targets: {
    corridor_first_order_euler_s: 0.001,
    corridor_weno5z_ssprk3_s: 0.01,
    grid_one_hour_s: 1,
    seed_python: 'the seed took 42-56 s of CPU per 60 s interval (issue 18, measured on another machine with its Python code)',
  },
  results: measured.results,
};
console.log(JSON.stringify(document, null, 2));
if (process.argv.includes('--write')) writeFileSync(join(root, 'bench', 'results', 'arz.json'), JSON.stringify(document, null, 2) + '\n');
