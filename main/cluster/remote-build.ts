// The solver on the cluster: the profile's existing `mfg-solve`, or one built there from the
// sources this app ships (native/, as a tarball), with the cluster's cmake and compiler, once per
// source hash: `<workDir>/solver/<hash>/build/mfg-solve`. A failed build answers with the end of
// its build log.

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { appError, err, ok, type ClusterProfile, type Result } from '../../app/contract/index.js';
import { solverSourcesDirectory } from '../paths.js';
import { shellAnd, shellCommand, shellQuote } from './quote.js';
import type { RemoteTransport } from './transport.js';

/** What a remote build needs: the core, the CLI, models, I/O, the bandwidth benchmark (mfg-stream) and the vendored libraries (not the tests, not the addon). */
export const SHIPPED = ['CMakeLists.txt', 'core', 'cli', 'io', 'models', 'third_party', 'bench'];

/** `sourceRoot`: the shipped native/ folder (tests pass a small project of the same shape). */
export async function remoteSolver(profile: ClusterProfile, transport: RemoteTransport, sourceRoot = solverSourcesDirectory()): Promise<Result<string>> {
  if (profile.solver.kind === 'path') {
    const path = profile.solver.path;
    const found = await transport.exec(shellCommand(['test', '-x', path]));
    if (!found.ok) return found;
    if (found.value.code !== 0) return err(appError('not_found', `the solver ${path} on ${profile.alias} is missing or not executable: fix solver.path in the profile, or use { kind: 'build' }`));
    return ok(path);
  }
  return buildOnCluster(profile, transport, sourceRoot);
}

export function nativeSourceFiles(root = solverSourcesDirectory()): string[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.push(relative(root, path));
    }
  };
  for (const entry of SHIPPED) {
    const path = join(root, entry);
    if (statSync(path, { throwIfNoEntry: false })?.isDirectory()) walk(path);
    else if (statSync(path, { throwIfNoEntry: false })?.isFile()) files.push(entry);
  }
  return files;
}

export function sourceHash(root = solverSourcesDirectory()): string {
  const hash = createHash('sha256');
  for (const file of nativeSourceFiles(root)) hash.update(file).update('\0').update(readFileSync(join(root, file))).update('\0');
  return hash.digest('hex').slice(0, 16);
}

async function buildOnCluster(profile: ClusterProfile, transport: RemoteTransport, root: string): Promise<Result<string>> {
  const dir = `${profile.workDir}/solver/${sourceHash(root)}`;
  const executable = `${dir}/build/mfg-solve`;
  const cached = await transport.exec(shellCommand(['test', '-x', executable]));
  if (cached.ok && cached.value.code === 0) return ok(executable);
  const scratch = await mkdtemp(join(tmpdir(), 'mfgw-native-'));
  try {
    const tarball = join(scratch, 'native.tar.gz');
    const tar = spawnSync('tar', ['-czf', tarball, '-C', root, '--', ...nativeSourceFiles(root)], { encoding: 'utf8' });
    if (tar.status !== 0) return err(appError('io', `could not pack the solver sources: ${tar.stderr}`));
    const made = await transport.exec(shellCommand(['mkdir', '-p', '--', `${dir}/src`]));
    if (!made.ok) return made;
    const uploaded = await transport.upload(tarball, `${dir}/native.tar.gz`);
    if (!uploaded.ok) return uploaded;
    const modules = profile.modules.map((name) => `module load ${shellQuote(name)} && `).join('');
    const build = shellAnd([
      ['cd', '--', dir],
      ['tar', '-xzf', 'native.tar.gz', '-C', 'src'],
      ['cmake', '-S', 'src', '-B', 'build', '-DCMAKE_BUILD_TYPE=Release', '-DMFG_BUILD_TESTS=OFF'],
      ['cmake', '--build', 'build', '--target', 'mfg-solve', '-j', '4'],
    ]);
    const log = `${dir}/build.log`;
    const ran = await transport.exec(`{ ${modules}${build}; } > ${shellQuote(log)} 2>&1`);
    if (!ran.ok) return ran;
    if (ran.value.code !== 0) {
      const tail = await transport.readTail(log, 4000);
      return err(appError('solver_failed', `building mfg-solve on ${profile.alias} failed (exit ${ran.value.code}); the build log (${log}) ends with:\n${tail.ok ? tail.value : '(unreadable)'}`, { buildLog: log }));
    }
    return ok(executable);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
