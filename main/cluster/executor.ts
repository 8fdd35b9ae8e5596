// One interface for every place a job can run: the SLURM executor (over a RemoteTransport) and
// the local executor (the same job script, run by bash on this machine). The cluster manager
// drives them identically: submit, one status query per cycle for all jobs, cancel, requeue, tail,
// fetch a task's run directory into the runs folder.

import type { JobRecord, Result, SchedulerKind } from '../../app/contract/index.js';
import type { StatusAnswer } from './slurm-status.js';
import type { TaskSpec } from './sweep.js';

export interface FetchOptions {
  /** Give up when the remote sends nothing for this long (a hang, not a slow link). Default 5 min. */
  idleMs?: number;
  /** Copy file by file even where tar exists (the benchmark's baseline: how fetches were made before). */
  perFile?: boolean;
}

export interface FetchProgress {
  /** Files (and their bytes) copied by this call. */
  files: number;
  bytes: number;
  /** Files already complete and verified here (an interrupted fetch resumed, or nothing changed). */
  skipped: number;
  /** One tar stream; file by file (the remote has no tar or cannot hash); or nothing to copy. */
  method: 'tar' | 'per-file' | 'up to date';
}

export interface JobExecutor {
  readonly kind: SchedulerKind;
  /** Scheduler commands issued so far (sbatch, squeue, sacct, scancel...), for the benchmark. */
  readonly schedulerCommands: number;
  /** Writes the job directory (specs, script) and submits; answers the scheduler's id. */
  submit(job: JobRecord, tasks: readonly TaskSpec[], script: string): Promise<Result<string>>;
  poll(jobs: readonly JobRecord[]): Promise<Result<StatusAnswer>>;
  cancel(job: JobRecord): Promise<Result<void>>;
  requeue(job: JobRecord): Promise<Result<void>>;
  tail(job: JobRecord, task: number, maxBytes: number): Promise<Result<string>>;
  /** Copies a task's run directory to `localDir` (fetch-run.ts: checked, verified, resumable). */
  fetch(job: JobRecord, task: number, localDir: string, options?: FetchOptions): Promise<Result<FetchProgress>>;
  /** The remote (or local) solver executable the scripts call. */
  solverPath(): Promise<Result<string>>;
  dispose(): void;
}

/** Run directory files in the order a viewer needs them. */
export function fetchOrder(paths: readonly string[]): string[] {
  const rank = (path: string): number => path === 'run.json' ? 0 : path === 'convergence.csv' ? 1 : path === 'log.txt' ? 2
    : path.startsWith('fields.zarr/') && !/\/\d/.test(path.slice('fields.zarr/'.length)) ? 3 : path.startsWith('checkpoint/') ? 5 : 4;
  return [...paths].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b, 'en', { numeric: true }));
}
