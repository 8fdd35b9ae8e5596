#!/usr/bin/env node
// Builds the native core into build/native: the mfg-solve executable, the Node-API addon
// (mfg_native.node) and the native tests. Run by `npm install`/`npm ci` (postinstall) and by
// `npm run build:native`. Needs cmake and a C++17 compiler; OpenMP is used when the compiler has it.
//
// Without cmake-js (e.g. a production install) it falls back to plain cmake, which builds everything
// except the addon. Set MFG_SKIP_NATIVE_BUILD=1 to skip (the app then reports the solver as missing).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const out = join(root, 'build', 'native');
const parallel = String(Math.max(1, cpus().length));

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.error) return { ok: false, message: `${command} could not be started: ${result.error.message}` };
  return { ok: result.status === 0, message: `${command} exited with code ${result.status}` };
}

function buildWithCmakeJs() {
  const cli = join(root, 'node_modules', 'cmake-js', 'bin', 'cmake-js');
  return run(process.execPath, [cli, 'build', '--directory', 'native', '--out', out, '--parallel', parallel, '--log-level', 'warn']);
}

function buildWithCmake() {
  const configured = run('cmake', ['-S', join(root, 'native'), '-B', out, '-DCMAKE_BUILD_TYPE=Release']);
  if (!configured.ok) return configured;
  return run('cmake', ['--build', out, '--parallel', parallel]);
}

function main() {
  if (process.env.MFG_SKIP_NATIVE_BUILD === '1') {
    console.log('native build skipped (MFG_SKIP_NATIVE_BUILD=1)');
    return 0;
  }
  const hasCmakeJs = existsSync(join(root, 'node_modules', 'cmake-js', 'bin', 'cmake-js'));
  if (!hasCmakeJs) console.warn('cmake-js is not installed: building mfg-solve and the tests with cmake, without the Node-API addon');
  const result = hasCmakeJs ? buildWithCmakeJs() : buildWithCmake();
  if (result.ok) return 0;
  console.error(`\nThe native build failed (${result.message}).`);
  console.error('It needs cmake (>= 3.18) and a C++17 compiler: on Debian/Ubuntu `apt-get install cmake g++`.');
  console.error('Retry with `npm run build:native`; see README.md, "Building the solver".');
  return 1;
}

process.exit(main());
