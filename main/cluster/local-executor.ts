// The embedded default: the same job directory and the same generated SLURM script, run by bash on
// this machine with SLURM_ARRAY_TASK_ID set per task, a concurrency cap and cancel. A sweep runs
// on a laptop exactly as on a cluster (sentinels, logs, resume from checkpoints), and results are
// fetched the same way (a copy instead of SFTP).

import { spawn, type ChildProcess } from 'node:child_process';
import { cp, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { appError, err, ok, type JobRecord, type Result } from '../../app/contract/index.js';
import { errorMessage } from '../files.js';
import type { FetchProgress, JobExecutor } from './executor.js';
import { solverExecutable } from './local-solver.js';
import { stateFromExitCode, type StatusAnswer, type TaskUpdate } from './slurm-status.js';
import type { TaskSpec } from './sweep.js';

interface QueuedTask { job: JobRecord; index: number; cap: number }

export class LocalExecutor implements JobExecutor {
  readonly kind = 'local';
  readonly schedulerCommands = 0;
  private readonly queue: QueuedTask[] = [];
  private readonly running = new Map<string, ChildProcess>();

  /** `maxParallel`: tasks running at once across all local jobs (a job's own cap may be lower). */
  constructor(private readonly maxParallel = 1, private readonly env: NodeJS.ProcessEnv = process.env) {}

  solverPath(): Promise<Result<string>> {
    return Promise.resolve(ok(solverExecutable(this.env)));
  }

  async submit(job: JobRecord, tasks: readonly TaskSpec[], script: string): Promise<Result<string>> {
    try {
      for (const sub of ['specs', 'status', 'logs', 'runs']) await mkdir(join(job.remoteDir, sub), { recursive: true });
      for (const task of tasks) await writeFile(join(job.remoteDir, 'specs', `task-${task.index}.json`), `${JSON.stringify(task.spec, null, 2)}\n`);
      await writeFile(join(job.remoteDir, 'job.sh'), script, { mode: 0o755 });
    } catch (error) {
      return err(appError('io', `could not write the job directory ${job.remoteDir}: ${errorMessage(error)}`));
    }
    for (const task of tasks) this.queue.push({ job, index: task.index, cap: job.concurrency ?? Number.POSITIVE_INFINITY });
    this.startQueued();
    return ok(`local-${job.id.slice(4)}`);
  }

  private runningFor(jobId: string): number {
    return [...this.running.keys()].filter((key) => key.startsWith(`${jobId}:`)).length;
  }

  private startQueued(): void {
    for (let i = 0; i < this.queue.length && this.running.size < this.maxParallel;) {
      const next = this.queue[i] as QueuedTask;
      if (this.runningFor(next.job.id) >= next.cap) {
        i++;
        continue;
      }
      this.queue.splice(i, 1);
      const key = `${next.job.id}:${next.index}`;
      const child = spawn('bash', ['job.sh'], { cwd: next.job.remoteDir, stdio: 'ignore', env: { ...this.env, SLURM_ARRAY_TASK_ID: String(next.index) } });
      this.running.set(key, child);
      const finished = (): void => {
        this.running.delete(key);
        this.startQueued();
      };
      child.once('exit', finished);
      child.once('error', finished);
    }
  }

  async poll(jobs: readonly JobRecord[]): Promise<Result<StatusAnswer>> {
    const updates = new Map<string, TaskUpdate[]>();
    for (const job of jobs) {
      const tasks: TaskUpdate[] = [];
      for (let index = 0; index < job.tasks.length; index++) tasks.push(await this.taskState(job, index));
      updates.set(job.id, tasks);
    }
    return ok({ updates, schedulerSilent: false });
  }

  private async taskState(job: JobRecord, index: number): Promise<TaskUpdate> {
    const sentinel = await readFile(join(job.remoteDir, 'status', `task-${index}.exit`), 'utf8').catch(() => undefined);
    const [code, node] = sentinel?.trim().split(' ') ?? [];
    if (code !== undefined && /^\d+$/.test(code)) return { index, ...stateFromExitCode(Number(code)), exitCode: Number(code), ...(node ? { node } : {}) };
    if (this.running.has(`${job.id}:${index}`)) return { index, state: 'running', node: 'localhost' };
    if (this.queue.some((task) => task.job.id === job.id && task.index === index)) return { index, state: 'pending', reason: 'waiting for a free slot (concurrency cap)' };
    return { index, state: 'unknown', reason: 'not running here and no sentinel: the app was closed while it ran; requeue it' };
  }

  async cancel(job: JobRecord): Promise<Result<void>> {
    for (let i = this.queue.length - 1; i >= 0; i--) {
      const queued = this.queue[i] as QueuedTask;
      if (queued.job.id !== job.id) continue;
      this.queue.splice(i, 1);
      // A queued task never ran: its sentinel says "cancelled" (mfg-solve's exit 5) like a stopped one.
      await writeFile(join(job.remoteDir, 'status', `task-${queued.index}.exit`), '5 localhost\n');
    }
    for (const [key, child] of this.running) if (key.startsWith(`${job.id}:`)) child.kill('SIGTERM');
    return ok(undefined);
  }

  async requeue(job: JobRecord): Promise<Result<void>> {
    for (let index = 0; index < job.tasks.length; index++) {
      if (this.running.has(`${job.id}:${index}`)) continue;
      const state = await this.taskState(job, index);
      if (state.state === 'completed') continue;
      this.queue.push({ job, index, cap: job.concurrency ?? Number.POSITIVE_INFINITY });
    }
    this.startQueued();
    return ok(undefined);
  }

  async tail(job: JobRecord, task: number, maxBytes: number): Promise<Result<string>> {
    const text = await readFile(join(job.remoteDir, 'logs', `task-${task}.log`)).catch(() => Buffer.alloc(0));
    return ok(text.subarray(Math.max(0, text.length - maxBytes)).toString('utf8'));
  }

  async fetch(job: JobRecord, task: number, localDir: string): Promise<Result<FetchProgress>> {
    const source = join(job.remoteDir, 'runs', `task-${task}`);
    try {
      await cp(source, localDir, { recursive: true, filter: (path) => !path.startsWith(join(source, 'checkpoint')) });
      const size = await stat(join(localDir, 'run.json')).then((s) => s.size);
      return ok({ files: 1, bytes: size, skipped: 0 });
    } catch (error) {
      return err(appError('io', `could not copy ${source} into the runs folder: ${errorMessage(error)}`));
    }
  }

  dispose(): void {
    this.queue.length = 0;
    for (const child of this.running.values()) child.kill('SIGTERM');
  }
}
