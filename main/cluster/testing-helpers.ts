// Helpers shared by the cluster tests and the benchmark: a profile for the loopback cluster, waiting
// for jobs by driving poll cycles, and comparing a fetched run's fields with a local mfg-solve run.

import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ClusterProfileInput, type JobRecord, type MfgSpec } from '../../app/contract/index.js';
import { runMfgSolve } from '../testing/fixtures.js';
import type { LoopbackCluster } from '../testing/loopback-cluster.js';
import type { ClusterManager } from './cluster-manager.js';
import { finishedJob } from './job-tracker.js';

export function loopbackProfile(cluster: LoopbackCluster, alias = 'loop', overrides: Partial<ClusterProfileInput> = {}): ClusterProfileInput {
  return {
    alias, host: '127.0.0.1', port: cluster.sshPort, user: cluster.user, identityFile: cluster.clientKey,
    knownHostsFile: cluster.knownHosts, workDir: cluster.workDir, solver: { kind: 'path', path: cluster.solver },
    pollSeconds: 1, ...overrides,
  };
}


/** Drives poll cycles until `done` holds; gives up after `seconds` (a hang, not a speed check). */
export async function waitForJob(manager: ClusterManager, id: string, done: (job: JobRecord) => boolean = finishedJob, seconds = 120): Promise<{ job: JobRecord; statesSeen: Set<string> }> {
  const deadline = Date.now() + seconds * 1000;
  const statesSeen = new Set<string>();
  for (;;) {
    const job = manager.job(id);
    if (!job.ok) throw new Error(job.error.message);
    for (const task of job.value.tasks) statesSeen.add(task.state);
    if (done(job.value)) return { job: job.value, statesSeen };
    if (Date.now() > deadline) throw new Error(`job ${id} did not finish in ${seconds} s: ${JSON.stringify(job.value, null, 1)}`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await manager.tracker.pollNow(job.value.cluster);
  }
}

/** Every chunk and metadata file of fields.zarr, by relative path. */
export function zarrFiles(runDir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (relative: string): void => {
    for (const entry of readdirSync(join(runDir, 'fields.zarr', relative), { withFileTypes: true })) {
      const path = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else files.set(path, readFileSync(join(runDir, 'fields.zarr', path)));
    }
  };
  walk('');
  return files;
}

/** Solves `spec` here with mfg-solve and answers its run directory. */
export function solveLocally(spec: MfgSpec, scratch: string, name: string): string {
  const specFile = join(scratch, `${name}.json`);
  writeFileSync(specFile, JSON.stringify(spec));
  const out = join(scratch, name);
  const result = runMfgSolve(specFile, out);
  if (result.status !== 0) throw new Error(`local mfg-solve failed: ${result.stderr}`);
  return out;
}

/** Chunk files hold the field values: equal bytes mean identical fields (group attributes hold no numbers that differ). */
export function differingChunks(a: string, b: string): string[] {
  const left = zarrFiles(a);
  const right = zarrFiles(b);
  const chunk = (path: string): boolean => /^(u|m)\/\d/.test(path);
  const paths = new Set([...left.keys(), ...right.keys()].filter(chunk));
  return [...paths].filter((path) => !(left.get(path)?.equals(right.get(path) ?? Buffer.alloc(0)) ?? false));
}
