// A finished task's run directory comes home into the runs folder as
// `<job name as words>-<job id>-task-<i>`, and its run.json gets the job's provenance (cluster,
// scheduler job id, node, modules), so it lists and opens like a local run.

import { join } from 'node:path';
import { appError, err, ok, type ClusterProfile, type JobRecord, type Result } from '../../app/contract/index.js';
import { errorMessage, readJsonFile, writeFileAtomic } from '../files.js';
import { MAX_MANIFEST_BYTES } from '../runs/run-directory.js';
import { safeJoin } from '../safe-path.js';
import type { JobExecutor } from './executor.js';

export function localRunName(job: JobRecord, task: number): string {
  const words = job.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'job';
  return `${words}-${job.id.slice(4)}-task-${task}`;
}

export async function fetchTask(executor: JobExecutor, job: JobRecord, task: number, runsFolder: string, profile: ClusterProfile | undefined): Promise<Result<string>> {
  const localDir = safeJoin(runsFolder, localRunName(job, task), `job ${job.id}`);
  if (!localDir.ok) return localDir;
  const copied = await executor.fetch(job, task, localDir.value);
  if (!copied.ok) return copied;
  const recorded = await addProvenance(localDir.value, job, task, profile);
  return recorded.ok ? ok(localDir.value) : recorded;
}

async function addProvenance(runDir: string, job: JobRecord, task: number, profile: ClusterProfile | undefined): Promise<Result<void>> {
  const manifestPath = join(runDir, 'run.json');
  try {
    const read = await readJsonFile(manifestPath, { maxBytes: MAX_MANIFEST_BYTES, within: runDir });
    if (read.kind !== 'ok' || typeof read.value !== 'object' || read.value === null || Array.isArray(read.value)) {
      return err(appError('bad_input', `the fetched run.json (${manifestPath}) is not a JSON object (${read.kind === 'ok' ? 'something else' : read.kind === 'missing' ? 'missing' : read.reason})`));
    }
    const manifest = read.value as Record<string, unknown>;
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
