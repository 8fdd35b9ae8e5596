// The embedded default: the same job directory and the same generated SLURM script, run on this
// machine. A detached `xargs -P <cap>` plays the scheduler: it runs `bash job.sh` once per task with
// SLURM_ARRAY_TASK_ID set, at most <cap> at a time, in its own process group, so jobs outlive the
// app (or the mfgw command) that submitted them, exactly as on a cluster. States come from the same
// sentinel files and logs; cancel signals the process group (the scripts forward TERM to mfg-solve).

import { spawn } from 'node:child_process';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { appError, err, ok, type JobRecord, type Result } from '../../app/contract/index.js';
import { errorMessage } from '../files.js';
import type { FetchOptions, FetchProgress, JobExecutor } from './executor.js';
import { fetchRunDirectory } from './fetch-run.js';
import { LocalTransport } from './local-transport.js';
import { solverExecutable } from './local-solver.js';
import { stateFromExitCode, type StatusAnswer, type TaskUpdate } from './slurm-status.js';
import type { TaskSpec } from './sweep.js';

const PID_FILE = 'executor.pid';

export class LocalExecutor implements JobExecutor {
  readonly kind = 'local';
  readonly schedulerCommands = 0;

  /** `maxParallel`: tasks of one job running at once when the job names no cap. */
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
    return this.launch(job, tasks.map((task) => task.index));
  }

  /** Starts the detached runner for `indices`; answers its process group id as the job's id. */
  private async launch(job: JobRecord, indices: readonly number[]): Promise<Result<string>> {
    const cap = String(job.concurrency ?? this.maxParallel);
    // Fixed code; the task index arrives as "$0" from xargs, never spliced into the command text.
    const runner = spawn('xargs', ['-P', cap, '-n', '1', 'sh', '-c', 'SLURM_ARRAY_TASK_ID="$0" exec bash job.sh'], {
      cwd: job.remoteDir, detached: true, stdio: ['pipe', 'ignore', 'ignore'], env: this.env,
    });
    const started = await new Promise<Result<number>>((resolve) => {
      runner.once('error', (error) => resolve(err(appError('io', `could not start xargs for the local executor: ${error.message}`))));
      runner.once('spawn', () => resolve(ok(runner.pid ?? 0)));
    });
    if (!started.ok) return started;
    runner.stdin?.end(`${indices.join('\n')}\n`);
    runner.unref();
    await writeFile(join(job.remoteDir, PID_FILE), `${started.value}\n`);
    return ok(`local-${started.value}`);
  }

  private async runnerAlive(job: JobRecord): Promise<boolean> {
    const pid = Number((await readFile(join(job.remoteDir, PID_FILE), 'utf8').catch(() => '')).trim());
    if (!Number.isInteger(pid) || pid <= 0) return false;
    try {
      process.kill(-pid, 0);
      return true;
    } catch {
      return false;
    }
  }

  async poll(jobs: readonly JobRecord[]): Promise<Result<StatusAnswer>> {
    const updates = new Map<string, TaskUpdate[]>();
    for (const job of jobs) {
      const alive = await this.runnerAlive(job);
      const tasks: TaskUpdate[] = [];
      for (let index = 0; index < job.tasks.length; index++) tasks.push(await this.taskState(job, index, alive));
      updates.set(job.id, tasks);
    }
    return ok({ updates, schedulerSilent: false });
  }

  private async taskState(job: JobRecord, index: number, alive: boolean): Promise<TaskUpdate> {
    const sentinel = await readFile(join(job.remoteDir, 'status', `task-${index}.exit`), 'utf8').catch(() => undefined);
    const [code, node] = sentinel?.trim().split(' ') ?? [];
    if (code !== undefined && /^\d+$/.test(code)) return { index, ...stateFromExitCode(Number(code)), exitCode: Number(code), ...(node ? { node } : {}) };
    if (!alive) return { index, state: 'unknown', reason: 'the local runner is gone and the task wrote no sentinel (machine restarted?); requeue it' };
    const started = await stat(join(job.remoteDir, 'logs', `task-${index}.log`)).then(() => true, () => false);
    return started ? { index, state: 'running', node: 'localhost' } : { index, state: 'pending', reason: 'waiting for a free slot (concurrency cap)' };
  }

  async cancel(job: JobRecord): Promise<Result<void>> {
    const pid = Number((await readFile(join(job.remoteDir, PID_FILE), 'utf8').catch(() => '')).trim());
    try {
      if (Number.isInteger(pid) && pid > 0) process.kill(-pid, 'SIGTERM');
    } catch {
      // Already gone: nothing runs; the tasks without a sentinel are marked below.
    }
    // The scripts write their own sentinels as mfg-solve stops; give them the time a scheduler's
    // KillWait would, then record every task still without one as cancelled (mfg-solve's exit 5).
    for (let waited = 0; waited < 100 && (await this.runnerAlive(job)); waited++) await new Promise((resolve) => setTimeout(resolve, 100));
    for (let index = 0; index < job.tasks.length; index++) {
      const file = join(job.remoteDir, 'status', `task-${index}.exit`);
      if (!(await stat(file).then(() => true, () => false))) await writeFile(file, '5 localhost\n');
    }
    return ok(undefined);
  }

  async requeue(job: JobRecord): Promise<Result<void>> {
    if (await this.runnerAlive(job)) return err(appError('bad_input', `${job.id} is still running here: cancel it first, or wait`));
    const again: number[] = [];
    for (let index = 0; index < job.tasks.length; index++) {
      const state = await this.taskState(job, index, false);
      if (state.state === 'completed') continue;
      await rm(join(job.remoteDir, 'status', `task-${index}.exit`), { force: true });
      again.push(index);
    }
    if (again.length === 0) return ok(undefined);
    const launched = await this.launch(job, again);
    return launched.ok ? ok(undefined) : launched;
  }

  async tail(job: JobRecord, task: number, maxBytes: number): Promise<Result<string>> {
    const text = await readFile(join(job.remoteDir, 'logs', `task-${task}.log`)).catch(() => Buffer.alloc(0));
    return ok(text.subarray(Math.max(0, text.length - maxBytes)).toString('utf8'));
  }

  /** The same checked, verified, resumable copy as from a cluster (the job script may be the user's edit). */
  fetch(job: JobRecord, task: number, localDir: string, options: FetchOptions = {}): Promise<Result<FetchProgress>> {
    return fetchRunDirectory(new LocalTransport(this.env), join(job.remoteDir, 'runs', `task-${task}`), localDir, options);
  }

  dispose(): void {
    // Jobs run on after the app closes, as on a cluster; nothing to stop.
  }
}
