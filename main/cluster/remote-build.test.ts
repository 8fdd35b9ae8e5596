// What a cluster builds: exactly the files the app ships (nativeSourceFiles), unpacked in an empty
// folder and built with plain cmake and make, as remoteSolver does over SSH. Nothing may come from
// this machine but the compiler: the build's headers are checked as the native step checks its own.

import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repositoryRoot } from '../paths.js';
import { nativeSourceFiles } from './remote-build.js';
// @ts-expect-error: a plain ES module script without types (native/scripts is not TypeScript)
import * as headerCheck from '../../native/scripts/header-check.mjs';

const { checkBuildHeaders } = headerCheck as { checkBuildHeaders(options: { root: string; buildDir: string; ciScript: string }): { headers: number; foreign: unknown[] } };
const hasCmake = spawnSync('cmake', ['--version'], { stdio: 'ignore' }).status === 0;
const scratch = mkdtempSync(path.join(tmpdir(), 'mfgw-shipped-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe.skipIf(!hasCmake && process.env.CI === undefined)('the solver sources the app ships to clusters', () => {
  it('build mfg-solve with plain cmake in an empty folder, with only vendored headers besides the toolchain', () => {
    const native = path.join(repositoryRoot(), 'native');
    const source = path.join(scratch, 'src');
    for (const file of nativeSourceFiles(native)) {
      mkdirSync(path.dirname(path.join(source, file)), { recursive: true });
      copyFileSync(path.join(native, file), path.join(source, file));
    }
    const build = path.join(scratch, 'build');
    // Debug: the same sources and include paths as Release, compiled faster (this test checks what builds, not speed).
    const configured = spawnSync('cmake', ['-S', source, '-B', build, '-G', 'Unix Makefiles', '-DCMAKE_BUILD_TYPE=Debug', '-DMFG_BUILD_TESTS=OFF'], { encoding: 'utf8' });
    expect(configured.status, configured.stdout + configured.stderr).toBe(0);
    const built = spawnSync('cmake', ['--build', build, '--target', 'mfg-solve', 'mfg-stream', '-j', '2'], { encoding: 'utf8' });
    expect(built.status, built.stdout.slice(-4000) + built.stderr.slice(-4000)).toBe(0);

    const version = spawnSync(path.join(build, 'mfg-solve'), ['--version'], { encoding: 'utf8' });
    expect(version.status, version.stderr).toBe(0);
    const checked = checkBuildHeaders({ root: scratch, buildDir: build, ciScript: readFileSync(path.join(repositoryRoot(), '.ci', 'run'), 'utf8') });
    expect(checked.headers).toBeGreaterThan(100);
    expect(checked.foreign, JSON.stringify(checked.foreign)).toEqual([]);
  });
});
