#!/usr/bin/env node
// Runs the native tests (build/native/mfg-tests). Builds first when the build is missing or older
// than the sources, so `npm test` on a fresh clone after `npm ci` just works.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const tests = join(root, 'build', 'native', 'mfg-tests');

const build = spawnSync(process.execPath, [join(root, 'native', 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
if (!existsSync(tests)) {
  console.error('build/native/mfg-tests was not built: the native tests need doctest.');
  console.error('Install it (Debian/Ubuntu: apt-get install doctest-dev; .ci/run does this) and run npm run build:native.');
  process.exit(1);
}
const run = spawnSync(tests, process.argv.slice(2), { cwd: root, stdio: 'inherit' });
process.exit(run.status ?? 1);
