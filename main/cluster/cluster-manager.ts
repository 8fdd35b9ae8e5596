// The cluster service: profiles, connections, jobs. Jobs are persisted in the config folder
// (clusters/jobs.json) before and after every change, so tracking resumes after a restart; the
// tracker (job-tracker.ts) polls each cluster with one status query per cycle.

import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import {
  appError, ClusterProfileSchema, err, JobDescriptionSchema, JobRecordSchema, ok, ResourcesSchema,
  type ClusterInfo, type ClusterProfile, type ConnectionStatus, type JobDescription, type JobRecord, type Result,
} from '../../app/contract/index.js';
import { Emitter } from '../../app/rpc/disposable.js';
import type { Logger } from '../../app/rpc/logger.js';
import { ConnectionPool } from './connections.js';
import type { JobExecutor } from './executor.js';
import { JsonListStore } from './json-store.js';
import { LocalExecutor } from './local-executor.js';
import { fetchTask } from './results.js';
import { batchScript } from './scripts.js';
import { SlurmExecutor } from './slurm-executor.js';
import { expandTasks, type TaskSpec } from './sweep.js';
import { JobTracker } from './job-tracker.js';
import { zodIssues } from './validation.js';

export interface ClusterManagerOptions {
  configDir: string;
  runsFolder: () => string;
  logger: Logger;
  env?: NodeJS.ProcessEnv;
  sshBinary?: string;
  /** Tasks the local executor runs at once (default 1: the solver already uses every core). */
  localParallel?: number;
  /** A run directory landed in the runs folder (the run list may not be watching it yet). */
  onDidFetchRun?: (directory: string) => void;
}

export class ClusterManager {
  readonly onDidChangeJobs: Emitter<JobRecord[]>;
  readonly connections: ConnectionPool;
  readonly tracker: JobTracker;
  private readonly executors = new Map<string, JobExecutor>();

  private constructor(
    private readonly options: ClusterManagerOptions,
    private readonly profileStore: JsonListStore<ClusterProfile>,
    readonly jobStore: JsonListStore<JobRecord>,
  ) {
    this.onDidChangeJobs = new Emitter(options.logger, 'clusters.onDidChangeJobs');
    this.connections = new ConnectionPool(options.logger, options.sshBinary);
    this.tracker = new JobTracker({
      jobs: jobStore, logger: options.logger,
      executorFor: (alias) => this.executorByAlias(alias),
      pollSeconds: (alias) => this.profileStore.get(alias)?.pollSeconds ?? 15,
      onChange: () => this.onDidChangeJobs.fire(this.jobs()),
      fetch: (job, task) => this.fetchOne(job, task),
    });
  }

  static async open(options: ClusterManagerOptions): Promise<ClusterManager> {
    const dir = join(options.configDir, 'clusters');
    const profiles = new JsonListStore(join(dir, 'profiles.json'), ClusterProfileSchema, (p) => p.alias, options.logger);
    const jobs = new JsonListStore(join(dir, 'jobs.json'), JobRecordSchema, (j) => j.id, options.logger);
    await Promise.all([profiles.load(), jobs.load()]);
    const manager = new ClusterManager(options, profiles, jobs);
    manager.tracker.resume();
    return manager;
  }

  profiles(): ClusterProfile[] {
    return this.profileStore.list();
  }

  profile(alias: string): Result<ClusterProfile> {
    const found = this.profileStore.get(alias);
    if (found !== undefined) return ok(found);
    const known = this.profiles().map((p) => p.alias);
    return err(appError('not_found', `no cluster profile '${alias}'; ${known.length === 0 ? 'none is defined yet: add one first' : `expected one of ${known.join(', ')}`}`));
  }

  async saveProfile(input: unknown): Promise<Result<ClusterProfile>> {
    const parsed = ClusterProfileSchema.safeParse(input);
    if (!parsed.success) return err(appError('bad_input', `the cluster profile is invalid: ${zodIssues(parsed.error)}`, { issues: parsed.error.issues }));
    await this.profileStore.put(parsed.data);
    this.executors.get(parsed.data.alias)?.dispose();
    this.executors.delete(parsed.data.alias);
    this.connections.drop(parsed.data.alias);
    return ok(parsed.data);
  }

  async removeProfile(alias: string): Promise<Result<{ removed: boolean }>> {
    this.connections.drop(alias);
    return ok({ removed: await this.profileStore.remove(alias) });
  }

  async connect(alias: string): Promise<Result<ConnectionStatus>> {
    const profile = this.profile(alias);
    if (!profile.ok) return profile;
    if (profile.value.scheduler === 'local') return ok({ cluster: alias, connected: true, message: 'the local executor needs no connection' });
    return ok(await this.connections.status(profile.value));
  }

  async acceptHostKey(alias: string, fingerprint: string): Promise<Result<ConnectionStatus>> {
    const profile = this.profile(alias);
    return profile.ok ? this.connections.accept(profile.value, fingerprint) : profile;
  }

  async detect(alias: string): Promise<Result<ClusterInfo>> {
    const executor = this.executorByAlias(alias);
    if (!executor.ok) return executor;
    if (!(executor.value instanceof SlurmExecutor)) return err(appError('unsupported', `${alias} runs jobs on this machine: there is no scheduler to detect`));
    return executor.value.detect();
  }

  executorByAlias(alias: string): Result<JobExecutor> {
    const profile = this.profile(alias);
    if (!profile.ok) return profile;
    const existing = this.executors.get(alias);
    if (existing !== undefined) return ok(existing);
    const { scheduler } = profile.value;
    if (scheduler === 'pbs' || scheduler === 'sge') {
      return err(appError('unsupported', `${alias} uses ${scheduler}: scripts can be previewed, but submission is implemented for SLURM and the local executor only`));
    }
    const executor = scheduler === 'local'
      ? new LocalExecutor(this.options.localParallel ?? 1, this.options.env)
      : new SlurmExecutor(profile.value, () => this.connections.transport(profile.value));
    this.executors.set(alias, executor);
    return ok(executor);
  }

  private prepare(alias: string, input: JobDescription, solver: string): Result<{ profile: ClusterProfile; tasks: TaskSpec[]; script: string }> {
    const description = JobDescriptionSchema.safeParse(input);
    if (!description.success) return err(appError('bad_input', `the job description is invalid: ${zodIssues(description.error)}`));
    const profile = this.profile(alias);
    if (!profile.ok) return profile;
    const tasks = expandTasks(description.data.spec, description.data.sweep);
    if (!tasks.ok) return tasks;
    const resources = ResourcesSchema.parse({ ...profile.value.defaults, ...description.data.resources });
    const scheduler = profile.value.scheduler === 'local' ? 'slurm' : profile.value.scheduler;
    const script = batchScript(scheduler, {
      name: description.data.name, tasks: tasks.value.length, concurrency: description.data.concurrency, resources,
      solver, modules: profile.value.modules, environment: profile.value.environment,
    });
    return ok({ profile: profile.value, tasks: tasks.value, script });
  }

  /** The script a job would get; the solver path is the configured one, or a placeholder until built. */
  async preview(alias: string, description: JobDescription): Promise<Result<{ script: string; tasks: number }>> {
    const profile = this.profile(alias);
    if (!profile.ok) return profile;
    const solver = profile.value.scheduler === 'local' ? (await new LocalExecutor(1, this.options.env).solverPath())
      : ok(profile.value.solver.kind === 'path' ? profile.value.solver.path : `${profile.value.workDir}/solver/<source hash>/build/mfg-solve`);
    if (!solver.ok) return solver;
    const prepared = this.prepare(alias, description, solver.value);
    return prepared.ok ? ok({ script: prepared.value.script, tasks: prepared.value.tasks.length }) : prepared;
  }

  async submit(alias: string, description: JobDescription, editedScript?: string): Promise<Result<JobRecord>> {
    const executor = this.executorByAlias(alias);
    if (!executor.ok) return executor;
    const solver = await executor.value.solverPath();
    if (!solver.ok) return solver;
    const prepared = this.prepare(alias, description, solver.value);
    if (!prepared.ok) return prepared;
    const { profile, tasks } = prepared.value;
    const id = `job-${new Date().toISOString().slice(0, 10).replaceAll('-', '')}-${randomBytes(4).toString('hex')}`;
    const base = profile.scheduler === 'local' ? join(this.options.configDir, 'local-jobs') : `${profile.workDir}/jobs`;
    const now = new Date().toISOString();
    let job: JobRecord = {
      version: 1, id, cluster: alias, scheduler: profile.scheduler, name: description.name, remoteDir: `${base}/${id}`,
      ...(description.concurrency === undefined ? {} : { concurrency: description.concurrency }),
      submittedAt: now, updatedAt: now,
      tasks: tasks.map((task) => ({ index: task.index, state: 'submitting' as const, parameters: task.parameters })),
    };
    await this.jobStore.put(job); // recorded before sbatch, so a crash in between leaves a trace
    const submitted = await executor.value.submit(job, tasks, editedScript ?? prepared.value.script);
    job = submitted.ok
      ? { ...job, schedulerId: submitted.value, tasks: job.tasks.map((t) => ({ ...t, state: 'pending' as const })) }
      : { ...job, problem: submitted.error.message, tasks: job.tasks.map((t) => ({ ...t, state: 'failed' as const, reason: 'submission failed' })) };
    await this.jobStore.put({ ...job, updatedAt: new Date().toISOString() });
    this.onDidChangeJobs.fire(this.jobs());
    if (!submitted.ok) return submitted;
    this.tracker.track(alias);
    return ok(job);
  }

  jobs(): JobRecord[] {
    return this.jobStore.list().sort((a, b) => b.submittedAt.localeCompare(a.submittedAt));
  }

  job(id: string): Result<JobRecord> {
    const found = this.jobStore.get(id);
    return found === undefined ? err(appError('not_found', `no job '${id}': mfgw jobs lists them`)) : ok(found);
  }

  async cancel(id: string): Promise<Result<JobRecord>> {
    return this.onJob(id, async (job, executor) => executor.cancel(job));
  }

  async requeue(id: string): Promise<Result<JobRecord>> {
    return this.onJob(id, async (job, executor) => executor.requeue(job));
  }

  private async onJob(id: string, action: (job: JobRecord, executor: JobExecutor) => Promise<Result<void>>): Promise<Result<JobRecord>> {
    const job = this.job(id);
    if (!job.ok) return job;
    const executor = this.executorByAlias(job.value.cluster);
    if (!executor.ok) return executor;
    const done = await action(job.value, executor.value);
    if (!done.ok) return done;
    this.tracker.track(job.value.cluster);
    await this.tracker.pollNow(job.value.cluster);
    return this.job(id);
  }

  async tail(id: string, task: number, bytes: number): Promise<Result<{ text: string }>> {
    const job = this.job(id);
    if (!job.ok) return job;
    const executor = this.executorByAlias(job.value.cluster);
    if (!executor.ok) return executor;
    const text = await executor.value.tail(job.value, task, bytes);
    return text.ok ? ok({ text: text.value }) : text;
  }

  private async fetchOne(job: JobRecord, task: number): Promise<Result<string>> {
    const executor = this.executorByAlias(job.cluster);
    if (!executor.ok) return executor;
    const fetched = await fetchTask(executor.value, job, task, this.options.runsFolder(), this.profileStore.get(job.cluster));
    if (fetched.ok) this.options.onDidFetchRun?.(fetched.value);
    return fetched;
  }

  /** Brings every completed task's run directory home (already fetched files are skipped). */
  async fetch(id: string): Promise<Result<JobRecord>> {
    const job = this.job(id);
    if (!job.ok) return job;
    return this.tracker.fetchCompleted(job.value, true);
  }

  dispose(): void {
    this.tracker.dispose();
    for (const executor of this.executors.values()) executor.dispose();
    this.connections.dispose();
    this.onDidChangeJobs.clear();
  }
}
