import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ResourcesSchema } from '../../app/contract/index.js';
import { batchScript, schedulerJobName, type ScriptRequest } from './scripts.js';
import { solverExecutable } from './local-solver.js';

const golden = join(import.meta.dirname, 'golden');
const update = process.env.UPDATE_GOLDEN === '1';

const sweepRequest: ScriptRequest = {
  name: "congestion sweep; $(touch /tmp/pwned) it's",
  tasks: 4,
  concurrency: 2,
  solver: '/opt/mfg workbench/bin/mfg-solve',
  modules: ['gcc/12.2', 'cmake'],
  environment: { OMP_PROC_BIND: 'close', NOTE: 'a "quoted" $value' },
  resources: ResourcesSchema.parse({
    partition: 'compute', account: 'proj-42', qos: 'normal', time: '1-02:30:00', nodes: 1, ntasks: 1,
    cpusPerTask: 4, mem: '8G', gpus: 1, constraint: 'skylake&ib', extraDirectives: ['--mail-type=END'], signalSeconds: 300,
  }),
};
const singleRequest: ScriptRequest = { name: 'seed 002', tasks: 1, solver: 'mfg-solve', modules: [], environment: {}, resources: ResourcesSchema.parse({}) };

describe('batch scripts match their golden files (UPDATE_GOLDEN=1 rewrites them)', () => {
  const cases = (['slurm', 'pbs', 'sge'] as const).flatMap((scheduler) => [
    [`${scheduler}-sweep.sh`, scheduler, sweepRequest] as const,
    [`${scheduler}-single.sh`, scheduler, singleRequest] as const,
  ]);
  it.each(cases)('%s', (file, scheduler, request) => {
    const script = batchScript(scheduler, request);
    if (update) writeFileSync(join(golden, file), script);
    expect(script).toBe(readFileSync(join(golden, file), 'utf8'));
    expect(spawnSync('bash', ['-n'], { input: script }).status).toBe(0);
  });
});

describe('schedulerJobName', () => {
  it('keeps a safe word of any name', () => {
    expect(schedulerJobName("a b; $(x) 'q'\nz")).toBe('a_b_x_q_z');
    expect(schedulerJobName('$$$')).toBe('mfgw-job');
  });
});

describe('the SLURM script run by plain bash (no scheduler: task 0)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mfgw-script-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('solves task 0, writes its log and a sentinel with exit status 0, and resumes on a second run', () => {
    mkdirSync(join(dir, 'specs'));
    writeFileSync(join(dir, 'specs', 'task-0.json'), readFileSync(join(import.meta.dirname, '../../assets/presets/seed-002-congestion.json')));
    const script = batchScript('slurm', { ...singleRequest, solver: solverExecutable() });
    writeFileSync(join(dir, 'job.sh'), script);
    const first = spawnSync('bash', ['job.sh'], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
    expect(first.status, readFileSync(join(dir, 'logs', 'task-0.log'), 'utf8')).toBe(0);
    expect(readFileSync(join(dir, 'status', 'task-0.exit'), 'utf8')).toMatch(/^0 \S+\n$/);
    expect(existsSync(join(dir, 'runs', 'task-0', 'fields.zarr', 'm', '0.0'))).toBe(true);
    const second = spawnSync('bash', ['job.sh'], { cwd: dir, encoding: 'utf8' });
    expect(second.status).toBe(0);
    expect(readFileSync(join(dir, 'logs', 'task-0.log'), 'utf8')).toMatch(/--resume runs\/task-0/);
  });
});
