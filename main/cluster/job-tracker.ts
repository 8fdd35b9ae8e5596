// Tracking: per cluster, one status query per poll cycle for all its active jobs, on a timer that
// backs off (x2 per failed or silent answer, up to x16) and stops when nothing is active. Completed
// tasks are fetched into the runs folder as they finish. Every change is persisted first.

import { isFinalJobState, ok, type JobRecord, type JobTask, type Result } from '../../app/contract/index.js';
import type { Logger } from '../../app/rpc/logger.js';
import type { JobExecutor } from './executor.js';
import type { JsonListStore } from './json-store.js';
import type { TaskUpdate } from './slurm-status.js';

export interface JobTrackerOptions {
  jobs: JsonListStore<JobRecord>;
  logger: Logger;
  executorFor: (alias: string) => Result<JobExecutor>;
  pollSeconds: (alias: string) => number;
  onChange: () => void;
  fetch: (job: JobRecord, task: number) => Promise<Result<string>>;
}

const MAX_BACKOFF = 16;

export function needsAttention(job: JobRecord): boolean {
  return job.schedulerId !== undefined && job.tasks.some((task) => !isFinalJobState(task.state) || (task.state === 'completed' && task.localRunDir === undefined));
}

/** Every task final, and every completed one home. */
export function finishedJob(job: JobRecord): boolean {
  return job.tasks.every((task) => isFinalJobState(task.state) && (task.state !== 'completed' || task.localRunDir !== undefined));
}

export class JobTracker {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly failures = new Map<string, number>();
  private disposed = false;

  constructor(private readonly options: JobTrackerOptions) {}

  /** After a restart: every cluster with unfinished jobs is tracked again. */
  resume(): void {
    for (const alias of new Set(this.options.jobs.list().filter(needsAttention).map((job) => job.cluster))) this.track(alias);
  }

  track(alias: string): void {
    if (this.disposed || this.timers.has(alias)) return;
    const backoff = 2 ** Math.min(this.failures.get(alias) ?? 0, Math.log2(MAX_BACKOFF));
    const timer = setTimeout(() => {
      this.timers.delete(alias);
      void this.pollNow(alias).then(() => {
        if (this.options.jobs.list().some((job) => job.cluster === alias && needsAttention(job))) this.track(alias);
      });
    }, this.options.pollSeconds(alias) * 1000 * backoff);
    timer.unref();
    this.timers.set(alias, timer);
  }

  /** One poll cycle now (joins a cycle already running for this cluster). */
  pollNow(alias: string): Promise<void> {
    const running = this.inFlight.get(alias);
    if (running !== undefined) return running;
    const cycle = this.cycle(alias).finally(() => this.inFlight.delete(alias));
    this.inFlight.set(alias, cycle);
    return cycle;
  }

  private async cycle(alias: string): Promise<void> {
    const active = this.options.jobs.list().filter((job) => job.cluster === alias && needsAttention(job));
    if (active.length === 0) return;
    const executor = this.options.executorFor(alias);
    if (!executor.ok) return;
    const answer = await executor.value.poll(active);
    const now = new Date().toISOString();
    if (!answer.ok) {
      this.failures.set(alias, (this.failures.get(alias) ?? 0) + 1);
      for (const job of active) await this.options.jobs.put({ ...job, problem: `status query failed: ${answer.error.message}`, updatedAt: now });
      this.options.onChange();
      return;
    }
    this.failures.set(alias, answer.value.schedulerSilent ? (this.failures.get(alias) ?? 0) + 1 : 0);
    for (const job of active) {
      const updates = answer.value.updates.get(job.id) ?? [];
      const problem = answer.value.schedulerMessage;
      const next: JobRecord = { ...job, tasks: job.tasks.map((task) => merge(task, updates[task.index])), updatedAt: now };
      if (problem === undefined) delete next.problem;
      else next.problem = `the scheduler said: ${problem}`;
      await this.options.jobs.put(next);
      await this.fetchCompleted(next, false);
    }
    this.options.onChange();
  }

  /** Fetches completed tasks not yet home (all completed ones when `again`: resumes partial copies). */
  async fetchCompleted(job: JobRecord, again: boolean): Promise<Result<JobRecord>> {
    let current = job;
    for (const task of job.tasks) {
      if (task.state !== 'completed' || (task.localRunDir !== undefined && !again)) continue;
      const fetched = await this.options.fetch(current, task.index);
      if (!fetched.ok) {
        this.options.logger.warn(`could not fetch task ${task.index} of ${job.id}: ${fetched.error.message}`);
        current = { ...current, problem: `fetching task ${task.index}: ${fetched.error.message}` };
        continue;
      }
      current = { ...current, tasks: current.tasks.map((t) => (t.index === task.index ? { ...t, localRunDir: fetched.value } : t)) };
    }
    if (current !== job) {
      await this.options.jobs.put(current);
      this.options.onChange();
    }
    return ok(current);
  }

  dispose(): void {
    this.disposed = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}

/** A final task stays final unless the scheduler says it runs again (requeue). */
function merge(task: JobTask, update: TaskUpdate | undefined): JobTask {
  if (update === undefined) return task;
  if (update.state === 'unknown' && isFinalJobState(task.state)) return task;
  const next: JobTask = { ...task, state: update.state };
  delete next.reason;
  if (update.reason !== undefined) next.reason = update.reason;
  if (update.exitCode !== undefined) next.exitCode = update.exitCode;
  if (update.node !== undefined) next.node = update.node;
  if (next.state !== 'completed') delete next.localRunDir;
  return next;
}
