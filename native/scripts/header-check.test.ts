// The header check of the native step (native/scripts/test.mjs): it reads real dependency records
// and real dpkg answers, and fails for a header a fresh machine would not have.

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module script without types (native/scripts is not TypeScript)
import * as check from './header-check.mjs';

interface Foreign { path: string; package: string | undefined }
interface HeaderCheck {
  buildHeaders(dir: string): string[];
  makeDependencies(text: string): string[];
  ciPackages(script: string): string[];
  packageFilter(packages: string[], dependsOf?: (name: string) => string[]): (name: string | undefined) => boolean;
  foreignHeaders(headers: string[], options: { roots: string[]; isAllowedPackage: (name: string | undefined) => boolean }): Foreign[];
  describeForeign(entry: Foreign): string;
}
const { buildHeaders, makeDependencies, ciPackages, packageFilter, foreignHeaders, describeForeign } = check as HeaderCheck;

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const ciScript = readFileSync(path.join(ROOT, '.ci', 'run'), 'utf8');
const hasDpkg = spawnSync('dpkg', ['--version'], { stdio: 'ignore' }).status === 0;
const scratch = mkdtempSync(path.join(tmpdir(), 'mfgw-headers-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the header check', () => {
  it('reads make-style dependency records, continuations, escaped spaces and comments included', () => {
    const text = '# CMAKE generated file: DO NOT EDIT!\nx.o: /src/x.cpp /usr/include/stdio.h \\\n /opt/my\\ lib/a.h\n/src/x.cpp:\n';
    expect(makeDependencies(text)).toEqual(['/src/x.cpp', '/usr/include/stdio.h', '/opt/my lib/a.h']);
  });

  it('knows what .ci/run installs, and it is not the packages the build once relied on by accident', () => {
    const packages = ciPackages(ciScript);
    expect(packages).toEqual(expect.arrayContaining(['cmake', 'g++', 'ninja-build', 'chromium', 'ffmpeg']));
    expect(packages).not.toContain('nlohmann-json3-dev');
    expect(packages).not.toContain('doctest-dev');
    expect(() => ciPackages('#!/bin/sh\nnpm test\n')).toThrow(/no apt_packages/);
  });

  it('accepts a package that a listed one depends on, and nothing else', () => {
    const depends = (name: string): string[] => ({ ffmpeg: ['libavcodec59'], libavcodec59: ['libc6'] } as Record<string, string[]>)[name] ?? [];
    const allowed = packageFilter(['ffmpeg'], depends);
    expect([allowed('ffmpeg'), allowed('libc6'), allowed('nlohmann-json3-dev'), allowed(undefined)]).toEqual([true, true, false, false]);
  });

  it.skipIf(!hasDpkg)('fails a real build that took a header from outside the repository', () => {
    // A header only this machine has (as if copied into a system folder by hand), compiled for
    // real with the dependency file CMake's Makefile generator asks for (-MD -MF obj.o.d).
    const include = path.join(scratch, 'hand-installed', 'include');
    mkdirSync(path.join(include, 'fakejson'), { recursive: true });
    writeFileSync(path.join(include, 'fakejson', 'json.hpp'), 'inline int fake_json() { return 42; }\n');
    const build = path.join(scratch, 'build');
    mkdirSync(build);
    writeFileSync(path.join(build, 'use.cpp'), '#include <fakejson/json.hpp>\n#include <vector>\nint main() { return fake_json() - 42; }\n');
    const compiled = spawnSync('g++', ['-std=c++17', '-MD', '-isystem', include, '-MF', 'use.cpp.o.d', '-c', 'use.cpp', '-o', 'use.cpp.o'], { cwd: build, encoding: 'utf8' });
    expect(compiled.status, compiled.stderr).toBe(0);

    const headers = buildHeaders(build);
    expect(headers).toContain(path.join(include, 'fakejson', 'json.hpp'));
    const isAllowedPackage = packageFilter(['libc6-dev', 'libstdc++-12-dev', 'libgcc-12-dev', 'linux-libc-dev', ...ciPackages(ciScript)]);
    const foreign = foreignHeaders(headers, { roots: [ROOT, build], isAllowedPackage });
    expect(foreign).toEqual([{ path: path.join(include, 'fakejson', 'json.hpp'), package: undefined }]);
    expect(describeForeign(foreign[0] as Foreign)).toMatch(/in no Debian package .*vendor it in native\/third_party/);
  });

  const nodeHeader = '/usr/include/node/node_api.h';
  const owner = hasDpkg ? spawnSync('dpkg', ['-S', nodeHeader], { encoding: 'utf8' }).stdout.split(':')[0] : '';
  it.skipIf(owner === '' || ciPackages(ciScript).includes(owner ?? ''))('names the Debian package of a header .ci/run does not install', () => {
    // Debian's Node.js headers are on this machine but not installed by .ci/run (the addon takes
    // node-api-headers from node_modules): a build that used them is refused, with the package named.
    const isAllowedPackage = packageFilter(['libc6-dev', ...ciPackages(ciScript)]);
    const foreign = foreignHeaders([nodeHeader, path.join(ROOT, 'native', 'core', 'grid.hpp')], { roots: [ROOT], isAllowedPackage });
    expect(foreign).toEqual([{ path: nodeHeader, package: owner }]);
    expect(describeForeign(foreign[0] as Foreign)).toContain(`add ${owner} to .ci/run's apt_packages`);
  });
});
