import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { corpusWithMarker } from './injection-corpus.js';
import { parseStatus, slurmState, statusCommand, type TrackedJob } from './slurm-status.js';

const scratch = mkdtempSync(join(tmpdir(), 'mfgw-status-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('slurmState', () => {
  it('maps every SLURM spelling, including sacct decorations', () => {
    expect(slurmState('CANCELLED by 1000')).toBe('cancelled');
    expect(slurmState('OUT_OF_MEMORY')).toBe('out_of_memory');
    expect(slurmState('NODE_FAIL')).toBe('node_fail');
    expect(slurmState('REQUEUE_HOLD')).toBe('requeued');
    expect(slurmState('PREEMPTED')).toBe('preempted');
    expect(slurmState('')).toBe('unknown');
  });
});

describe('parseStatus', () => {
  const jobs: TrackedJob[] = [
    { id: 'job-a', schedulerId: '41', remoteDir: '/w/a', taskCount: 1 },
    { id: 'job-b', schedulerId: '42', remoteDir: '/w/b', taskCount: 4 },
  ];

  it('merges squeue lines (pending with reason, running) and sentinels', () => {
    const output = [
      '41|RUNNING|None|node7',
      '42_2|PENDING|Resources|',
      '42_3|PENDING|JobArrayTaskLimit|',
      '42_1|TIMEOUT|TimeLimit|node3',
      '@@mfgw query-exit 0',
      '@@mfgw sentinel 1 task-0.exit 0 node2',
      '@@mfgw sentinel 1 task-1.exit 5 node3',
    ].join('\n');
    const answer = parseStatus(output, jobs, false);
    expect(answer.schedulerSilent).toBe(false);
    expect(answer.updates.get('job-a')).toEqual([{ index: 0, state: 'running', node: 'node7' }]);
    expect(answer.updates.get('job-b')?.map((t) => [t.state, t.reason])).toEqual([
      ['completed', undefined], ['timeout', 'TimeLimit'], ['pending', 'Resources'], ['pending', 'JobArrayTaskLimit'],
    ]);
  });

  it('reads sacct lines (states with "by", exit codes)', () => {
    const output = ['41|CANCELLED by 1000|0:15|node1|None', '42_0|OUT_OF_MEMORY|0:125|node2|', '@@mfgw query-exit 0'].join('\n');
    const answer = parseStatus(output, jobs, true);
    expect(answer.updates.get('job-a')?.[0]?.state).toBe('cancelled');
    expect(answer.updates.get('job-b')?.[0]).toMatchObject({ state: 'out_of_memory', node: 'node2', exitCode: 0 });
  });

  it('calls an empty or failed answer unknown, never failed', () => {
    for (const output of ['', 'slurm_load_jobs error: Socket timed out\n@@mfgw query-exit 1']) {
      const answer = parseStatus(output, jobs, false);
      expect(answer.schedulerSilent).toBe(true);
      expect([...answer.updates.values()].flat().every((t) => t.state === 'unknown')).toBe(true);
    }
  });
});

describe('statusCommand in a real shell', () => {
  it('lists sentinels of job directories whose names are injection strings, and runs none of them', () => {
    const marker = join(scratch, 'pwned');
    const jobs = corpusWithMarker(marker).filter((name) => name !== '' && !name.includes('/')).slice(0, 8).map((name, i): TrackedJob => {
      const remoteDir = join(scratch, `job ${name}`);
      mkdirSync(join(remoteDir, 'status'), { recursive: true });
      writeFileSync(join(remoteDir, 'status', 'task-0.exit'), `${i} host${i}\n`);
      return { id: `job-${i}`, schedulerId: String(100 + i), remoteDir, taskCount: 1 };
    });
    // No squeue on this PATH: the query fails, the sentinels still answer.
    const result = spawnSync('sh', ['-c', statusCommand(jobs, false)], { encoding: 'utf8', env: { PATH: '/usr/bin:/bin' } });
    const answer = parseStatus(result.stdout, jobs, false);
    expect(answer.schedulerSilent).toBe(true);
    expect(jobs.map((job) => answer.updates.get(job.id)?.[0]?.exitCode)).toEqual(jobs.map((_, i) => i));
    expect(existsSync(marker)).toBe(false);
  });
});
