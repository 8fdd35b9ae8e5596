// Test helpers: the compiled JavaScript that real child processes run (the solver host, the mfgw
// executable), temporary folders, and run directories written by the real mfg-solve.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { validateSpec, type MfgSpec } from '../../app/contract/index.js';
import { repositoryRoot } from '../paths.js';

export const ROOT = repositoryRoot();
export const MFG_SOLVE = path.join(ROOT, 'build', 'native', 'mfg-solve');
export const MFGW = path.join(ROOT, 'build', 'ts', 'app', 'cli', 'mfgw.js');
export const SEED_PRESET = path.join(ROOT, 'assets', 'presets', 'seed-002-congestion.json');

const LOCK = path.join(ROOT, 'build', '.mfgw-test-compile.lock');

function acquireCompileLock(): void {
  mkdirSync(path.dirname(LOCK), { recursive: true });
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      mkdirSync(LOCK);
      return;
    } catch {
      if (existsSync(LOCK) && Date.now() - statSync(LOCK).mtimeMs > 180_000) rmSync(LOCK, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`waited too long for ${LOCK}; remove it if no test is running`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    }
  }
}

/**
 * Runs `work` while no other test worker compiles: tsc writes build/ts, and two tsc processes at
 * once (or a tsc while a child process loads from build/ts) would see half-written files.
 */
export async function withCompileLock<T>(work: () => Promise<T>): Promise<T> {
  acquireCompileLock();
  try {
    return await work();
  } finally {
    rmdirSync(LOCK);
  }
}

/**
 * Compiles the mfgw executable (app/cli, with main/ and what they reference) with `tsc -b`, once
 * at a time across vitest's workers. Errors in main/ or app/cli fail the test run; errors in
 * other projects are theirs (tsc still emits).
 */
export function ensureCompiled(): void {
  acquireCompileLock();
  try {
    const tsc = spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-b', 'app/cli'], { cwd: ROOT, encoding: 'utf8' });
    const ours = tsc.stdout.split('\n').filter((line) => line.startsWith('main/') || line.startsWith('app/cli/'));
    if (ours.length > 0) throw new Error(`main/ or app/cli does not compile:\n${ours.join('\n')}`);
    if (!existsSync(MFGW)) throw new Error(`tsc -b app/cli did not produce ${MFGW}:\n${tsc.stdout}${tsc.stderr}`);
  } finally {
    rmdirSync(LOCK);
  }
}

export function tempDir(prefix: string): string {
  return mkdtempSync(path.join(tmpdir(), `mfgw-${prefix}-`));
}

/** Accepts undefined, so an afterAll still runs cleanly when its beforeAll failed. */
export function removeDir(directory: string | undefined): void {
  if (directory !== undefined) rmSync(directory, { recursive: true, force: true });
}

export function seedSpec(): MfgSpec {
  const checked = validateSpec(JSON.parse(readFileSync(SEED_PRESET, 'utf8')));
  if (!checked.ok) throw new Error(`the seed preset does not validate: ${JSON.stringify(checked.issues)}`);
  return checked.spec;
}

/** A spec that takes long enough to cancel or kill mid-solve (fine grid, slow method). */
export function slowSpec(): MfgSpec {
  const spec = seedSpec();
  return {
    ...spec,
    name: 'slow',
    domain: { ...spec.domain, points: [800] },
    time: { ...spec.time, steps: 800 },
    solver: { ...spec.solver, method: 'fictitious_play', max_iterations: 100_000, tolerance: 1e-15 },
  };
}

/** Runs the real mfg-solve; returns its exit status and output. */
export function runMfgSolve(specFile: string, out: string, extra: readonly string[] = []): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(MFG_SOLVE, [specFile, '--out', out, '--quiet', ...extra], { encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
