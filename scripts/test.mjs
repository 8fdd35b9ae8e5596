#!/usr/bin/env node
// `npm test`: every test of the project, in order, with real parts (the native solver, Chromium,
// sshd, SLURM, MPI and ffmpeg are started by the tests themselves). Runs every step even after a
// failure and exits non-zero if any step failed, with a summary at the end.
//
//   npm test                 all steps
//   npm test -- native unit  only the named steps (native, types, lint, unit, python, e2e)
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { toolVersions } from './tool-versions.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

// OpenMP threads that wait for each other sleep instead of spinning: on a loaded machine (two cores
// shared with builds and browsers) a spinning thread burns the time slice its partner needs, and
// the thread tests' many barriers then take minutes. Results do not depend on it (bitwise), only speed.
process.env.OMP_WAIT_POLICY ??= 'PASSIVE';
const bin = (name) => join(root, 'node_modules', '.bin', name);

const steps = [
  { name: 'native', what: 'native solver tests (doctest)', command: process.execPath, args: [join(root, 'native', 'scripts', 'test.mjs')] },
  { name: 'types', what: 'TypeScript type-check (solution, journeys, CLI tests)', command: process.execPath, args: [join(root, 'scripts', 'typecheck.mjs')] },
  { name: 'lint', what: 'ESLint, including the layer rules', command: bin('eslint'), args: ['.', '--max-warnings', '0'] },
  { name: 'unit', what: 'unit and integration tests (vitest)', command: bin('vitest'), args: ['run'] },
  { name: 'python', what: 'Python package mfgw (pytest: ARZ binding, RL environments, baselines, PPO)', command: 'python3', args: ['-m', 'pytest', '-q', join(root, 'python', 'tests')] },
  { name: 'e2e', what: 'journeys in Chromium (vitest + playwright-core)', command: bin('vitest'), args: ['run', '--config', 'e2e/vitest.config.ts'], optionalConfig: 'e2e/vitest.config.ts' },
];

function runStep(step) {
  if (step.optionalConfig && !existsSync(join(root, step.optionalConfig))) {
    console.log(`\n== ${step.name}: no ${step.optionalConfig} yet, nothing to run`);
    return { ...step, ok: true, seconds: 0 };
  }
  console.log(`\n== ${step.name}: ${step.what}`);
  const start = Date.now();
  const result = spawnSync(step.command, step.args, { cwd: root, stdio: 'inherit', env: process.env });
  const ok = !result.error && result.status === 0;
  if (result.error) console.error(`could not start ${step.command}: ${result.error.message}`);
  return { ...step, ok, seconds: (Date.now() - start) / 1000 };
}

const selected = process.argv.slice(2);
const unknown = selected.filter((name) => !steps.some((s) => s.name === name));
if (unknown.length > 0) {
  console.error(`unknown step(s): ${unknown.join(', ')}; steps are ${steps.map((s) => s.name).join(', ')}`);
  process.exit(2);
}
// The versions that make machines differ (an encoder's colour range, a browser's WebCodecs),
// printed first so that a difference between two runs' logs is visible.
console.log('== tools on this machine');
for (const { tool, version } of toolVersions()) console.log(`${tool.padEnd(10)} ${version}`);
const results = steps.filter((s) => selected.length === 0 || selected.includes(s.name)).map(runStep);
console.log('\n== summary');
for (const r of results) console.log(`${r.ok ? 'pass' : 'FAIL'}  ${r.name.padEnd(7)} ${r.seconds.toFixed(1).padStart(6)} s  ${r.what}`);
process.exit(results.every((r) => r.ok) ? 0 : 1);
