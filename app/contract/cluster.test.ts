import { describe, expect, it } from 'vitest';
import { ClusterProfileSchema, isFinalJobState, JobDescriptionSchema, JOB_STATES, ResourcesSchema, SweepSchema } from './cluster.js';

const messages = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }): string[] =>
  result.error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`) ?? [];

describe('cluster profiles', () => {
  it('fills defaults: ssh2, SLURM, build the solver, poll every 15 s, USR1 120 s before the limit', () => {
    const profile = ClusterProfileSchema.parse({ alias: 'hpc', host: 'login.example.org', workDir: '/scratch/me' });
    expect(profile).toMatchObject({ transport: 'ssh2', scheduler: 'slurm', solver: { kind: 'build' }, pollSeconds: 15, defaults: { signalSeconds: 120, extraDirectives: [] } });
  });

  it('says what it expected for a bad alias, scheduler or directive', () => {
    const result = ClusterProfileSchema.safeParse({
      alias: '-rf', host: 'h', workDir: '/w', scheduler: 'lsf',
      defaults: { partition: 'debug\n#SBATCH --uid=0', time: '90 minutes', mem: '4 GB' },
    });
    expect(messages(result)).toEqual([
      expect.stringMatching(/^alias: expected a cluster alias: letters, digits.*received "-rf"$/),
      expect.stringMatching(/^scheduler: expected one of 'slurm', 'pbs', 'sge', 'local', received "lsf"$/),
      expect.stringMatching(/^defaults.partition: expected one line without control characters/),
      expect.stringMatching(/^defaults.time: expected a time limit such as '30', '01:30:00' or '1-12:00:00', received "90 minutes"$/),
      expect.stringMatching(/^defaults.mem: expected memory such as '2000M' or '4G', received "4 GB"$/),
    ]);
  });
});

describe('job descriptions and sweeps', () => {
  it('accepts SLURM time formats', () => {
    for (const time of ['30', '30:00', '01:30:00', '2-00', '2-12:00', '2-12:00:00']) expect(ResourcesSchema.safeParse({ time }).success, time).toBe(true);
  });

  it('refuses sweep paths that are not dotted spec paths, and empty grids', () => {
    expect(SweepSchema.safeParse({ kind: 'grid', axes: [{ path: 'physics..x', values: [1] }] }).success).toBe(false);
    expect(SweepSchema.safeParse({ kind: 'grid', axes: [{ path: 'domain.points.0', values: [] }] }).success).toBe(false);
    expect(SweepSchema.safeParse({ kind: 'list', points: [{ 'physics.viscosity': 0.1 }] }).success).toBe(true);
  });

  it('needs a name of at most 200 characters', () => {
    expect(messages(JobDescriptionSchema.safeParse({ name: 'x'.repeat(201), spec: {} }))[0]).toMatch(/^name: expected a name of at most 200 characters/);
  });
});

describe('job states', () => {
  it('treats unknown and the running states as not final', () => {
    const final = JOB_STATES.filter(isFinalJobState);
    expect(final).toEqual(['completed', 'failed', 'cancelled', 'timeout', 'preempted', 'out_of_memory', 'node_fail', 'boot_fail', 'deadline']);
  });
});
