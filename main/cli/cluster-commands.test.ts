// mfgw cluster/submit/jobs/cancel/log in process (runMfgw with captured streams), on the local
// executor: the same generated script run by bash with the real mfg-solve, a cap, cancel.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobRecord } from '../../app/contract/index.js';
import { toDisposable } from '../../app/rpc/disposable.js';
import { ok } from '../../app/contract/index.js';
import { removeDir, SEED_PRESET, tempDir } from '../testing/fixtures.js';
import type { CliIo } from './io.js';
import { runMfgw } from './run.js';

let scratch: string;

beforeAll(() => {
  scratch = tempDir('cli-cluster');
});
afterAll(() => removeDir(scratch));

async function mfgw(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (text) => void (stdout += text), stderr: (text) => void (stderr += text),
    env: { ...process.env, MFGW_CONFIG_DIR: join(scratch, 'config'), MFGW_RUNS_DIR: join(scratch, 'runs') },
    cwd: scratch, onStopSignal: () => toDisposable(() => undefined), openUrl: async () => ok(undefined),
  };
  const code = await runMfgw(argv, io);
  return { code, stdout, stderr };
}

describe('mfgw cluster commands on the local executor', () => {
  it('adds a local profile, runs a 2-point sweep with a cap of 1 to completion, and lists it with its results', async () => {
    expect((await mfgw('cluster', 'add', 'laptop', '--scheduler', 'local')).code).toBe(0);
    const submitted = await mfgw('submit', '--cluster', 'laptop', SEED_PRESET, '--sweep', 'physics.coupling.strength=0.25,0.5', '--cap', '1', '--wait');
    expect(submitted.code, submitted.stderr).toBe(0);
    expect(submitted.stdout).toMatch(/2 completed/);
    const listed = await mfgw('jobs', '--json');
    const [job] = JSON.parse(listed.stdout) as JobRecord[];
    expect(job?.tasks.map((t) => t.state)).toEqual(['completed', 'completed']);
    for (const task of job?.tasks ?? []) expect(existsSync(join(task.localRunDir ?? '', 'fields.zarr', 'm', '0.0'))).toBe(true);
    const manifest = JSON.parse(readFileSync(join(job?.tasks[1]?.localRunDir ?? '', 'run.json'), 'utf8')) as { spec: { physics: { coupling: { strength: number } } }; cluster: { alias: string } };
    expect(manifest.spec.physics.coupling.strength).toBe(0.5);
    expect(manifest.cluster.alias).toBe('laptop');
    const runs = await mfgw('runs');
    expect(runs.stdout.match(/converged/g)?.length).toBe(2);
    const log = await mfgw('log', job?.id ?? '', '--task', '1');
    expect(log.stdout).toMatch(/mfgw: task 1 on/);
  });

  it('previews the script, and cancels a job whose edited script keeps it busy', async () => {
    const preview = await mfgw('submit', '--cluster', 'laptop', SEED_PRESET, '--preview');
    expect(preview.stdout).toMatch(/^#!\/bin\/bash\n#SBATCH --job-name=Seed_002_congestion_crowd_heading_to_x_0.7/);
    const edited = join(scratch, 'edited.sh');
    writeFileSync(edited, preview.stdout.replace('set -u\n', 'set -u\nsleep 300 & wait $! || exit 143\n'));
    const submitted = await mfgw('submit', '--cluster', 'laptop', SEED_PRESET, '--script', edited, '--json');
    expect(submitted.code, submitted.stderr).toBe(0);
    const id = (JSON.parse(submitted.stdout) as JobRecord).id;
    // That mfgw has exited; the job runs on (detached, like a cluster job) and another mfgw cancels it.
    const jobs = await mfgw('jobs', '--json');
    expect((JSON.parse(jobs.stdout) as JobRecord[]).find((j) => j.id === id)?.tasks[0]?.state).toMatch(/^(pending|running)$/);
    const cancelled = await mfgw('cancel', id, '--json');
    expect(cancelled.code, cancelled.stderr).toBe(0);
    expect((JSON.parse(cancelled.stdout) as JobRecord).tasks[0]?.state).toBe('cancelled');
  });

  it('says what it expected when arguments are wrong', async () => {
    expect((await mfgw('submit', SEED_PRESET)).stderr).toMatch(/expected --cluster ALIAS, received nothing/);
    expect((await mfgw('submit', '--cluster', 'nowhere', SEED_PRESET)).stderr).toMatch(/no cluster profile 'nowhere'; expected one of laptop/);
    expect((await mfgw('submit', '--cluster', 'laptop', SEED_PRESET, '--sweep', 'physics.coupling.strength')).stderr).toMatch(/expected --sweep PATH=V1,V2/);
    expect((await mfgw('cancel')).stderr).toMatch(/expected one JOB id, received none/);
  });
});
