#!/usr/bin/env node
// The native step of `npm test`: builds when the build is missing or older than the sources (so
// `npm test` on a fresh clone after `npm ci` just works), checks that every header the build used
// is one a fresh machine has (native/scripts/header-check.mjs), then runs build/native/mfg-tests.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkBuildHeaders, describeForeign, foreignHeaders } from './header-check.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const buildDir = join(root, 'build', 'native');
const tests = join(buildDir, 'mfg-tests');

function dpkgAvailable() {
  return spawnSync('dpkg', ['--version'], { stdio: 'ignore' }).status === 0;
}

/** The check must be able to fail: a header from a package .ci/run does not install is reported. */
function selfCheck() {
  const fake = '/usr/include/fake-unlisted-package/fake.hpp';
  const found = foreignHeaders([join(root, 'native', 'core', 'grid.hpp'), fake], {
    roots: [root], isAllowedPackage: (name) => name === 'libc6-dev', ownerOf: () => new Map([[fake, 'fake-unlisted-package']]),
  });
  if (found.length !== 1 || found[0].path !== fake) throw new Error(`the header check did not catch a fake header from an unlisted package: ${JSON.stringify(found)}`);
  console.log(`header check: self-test caught ${describeForeign(found[0])}`);
}

function checkHeaders() {
  if (!dpkgAvailable()) {
    const message = 'header check: dpkg not found (not Debian): cannot tell which packages provided the headers';
    if (process.env.CI !== undefined) throw new Error(message);
    console.warn(`*** SKIPPING ${message} ***`);
    return;
  }
  selfCheck();
  const { headers, foreign } = checkBuildHeaders({ root, buildDir, ciScript: readFileSync(join(root, '.ci', 'run'), 'utf8') });
  if (foreign.length > 0) {
    console.error(`header check: the native build used ${foreign.length} header(s) a fresh machine lacks:`);
    for (const entry of foreign.slice(0, 40)) console.error(`  ${describeForeign(entry)}`);
    process.exit(1);
  }
  console.log(`header check: all ${headers} headers the build used come from the repository, the build folder, the toolchain or packages .ci/run installs`);
}

const build = spawnSync(process.execPath, [join(root, 'native', 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
if (!existsSync(tests)) {
  console.error(`${tests} was not built: the native build is configured without tests (MFG_BUILD_TESTS=OFF?).`);
  console.error('Delete build/native and run npm run build:native.');
  process.exit(1);
}
checkHeaders();
const run = spawnSync(tests, process.argv.slice(2), { cwd: root, stdio: 'inherit' });
process.exit(run.status ?? 1);
