// A finished task's run directory comes home into the runs folder as
// `<job name as words>-<job id>-task-<i>`, and its run.json gets the job's provenance (cluster,
// scheduler job id, node, modules), so it lists and opens like a local run.

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { appError, err, ok, type ClusterProfile, type JobRecord, type Result } from '../../app/contract/index.js';
import { errorMessage, writeFileAtomic } from '../files.js';
import type { JobExecutor } from './executor.js';

export function localRunName(job: JobRecord, task: number): string {
  const words = job.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'job';
  return `${words}-${job.id.slice(4)}-task-${task}`;
}

export async function fetchTask(executor: JobExecutor, job: JobRecord, task: number, runsFolder: string, profile: ClusterProfile | undefined): Promise<Result<string>> {
  const localDir = join(runsFolder, localRunName(job, task));
  const copied = await executor.fetch(job, task, localDir);
  if (!copied.ok) return copied;
  const recorded = await addProvenance(join(localDir, 'run.json'), job, task, profile);
  return recorded.ok ? ok(localDir) : recorded;
}

async function addProvenance(manifestPath: string, job: JobRecord, task: number, profile: ClusterProfile | undefined): Promise<Result<void>> {
  try {
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as Record<string, unknown>;
    const info = job.tasks[task];
    manifest.job_id = job.schedulerId === undefined ? job.id : job.tasks.length > 1 ? `${job.schedulerId}_${task}` : job.schedulerId;
    manifest.cluster = {
      alias: job.cluster, scheduler: job.scheduler, job: job.id, scheduler_job_id: job.schedulerId ?? null, task,
      node: info?.node ?? null, parameters: info?.parameters ?? {}, modules: profile?.modules ?? [], remote_dir: `${job.remoteDir}/runs/task-${task}`,
    };
    await writeFileAtomic(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
    return ok(undefined);
  } catch (error) {
    return err(appError('io', `the fetched run.json (${manifestPath}) could not be updated with the job's provenance: ${errorMessage(error)}`));
  }
}
