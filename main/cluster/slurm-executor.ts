// SLURM over a RemoteTransport. Every remote command is an argument vector passed through
// shellCommand; the job directory is `<workDir>/jobs/<job id>` and the script only names paths
// relative to it (script-body.ts). Accounting is detected once per connection: `sacct` when it
// works, else `squeue` plus the sentinel files the job script writes.

import { appError, err, ok, type ClusterInfo, type ClusterProfile, type JobRecord, type Result } from '../../app/contract/index.js';
import type { FetchOptions, FetchProgress, JobExecutor } from './executor.js';
import { fetchRunDirectory } from './fetch-run.js';
import { shellAnd, shellCommand } from './quote.js';
import { remoteSolver } from './remote-build.js';
import { parseStatus, statusCommand, type StatusAnswer } from './slurm-status.js';
import type { TaskSpec } from './sweep.js';
import type { RemoteTransport } from './transport.js';

export type TransportSource = () => Promise<Result<RemoteTransport>>;

export class SlurmExecutor implements JobExecutor {
  readonly kind = 'slurm';
  schedulerCommands = 0;
  private sacct: boolean | undefined;
  private solver: Promise<Result<string>> | undefined;

  constructor(private readonly profile: ClusterProfile, private readonly transport: TransportSource, private readonly fetchOptions: FetchOptions = {}) {}

  private async run(argvOrCommand: readonly string[] | string, what: string, schedulerCalls = 1): Promise<Result<string>> {
    const transport = await this.transport();
    if (!transport.ok) return transport;
    this.schedulerCommands += schedulerCalls;
    const command = typeof argvOrCommand === 'string' ? argvOrCommand : shellCommand(argvOrCommand);
    const result = await transport.value.exec(command);
    if (!result.ok) return result;
    if (result.value.code !== 0) {
      return err(appError('io', `${what} failed on ${this.profile.alias} (exit ${result.value.code ?? 'by signal'}): ${(result.value.stderr || result.value.stdout).trim().slice(0, 500)}`));
    }
    return ok(result.value.stdout);
  }

  solverPath(): Promise<Result<string>> {
    if (this.solver === undefined) {
      this.solver = this.transport().then((transport) => transport.ok ? remoteSolver(this.profile, transport.value) : transport);
      // A failed build is not cached: the next submission tries again (after the user fixed it).
      void this.solver.then((found) => { if (!found.ok) this.solver = undefined; });
    }
    return this.solver;
  }

  async submit(job: JobRecord, tasks: readonly TaskSpec[], script: string): Promise<Result<string>> {
    const transport = await this.transport();
    if (!transport.ok) return transport;
    const dir = job.remoteDir;
    const made = await this.run(['mkdir', '-p', '--', `${dir}/specs`, `${dir}/status`, `${dir}/logs`, `${dir}/runs`], `creating ${dir}`, 0);
    if (!made.ok) return made;
    for (const task of tasks) {
      const written = await transport.value.writeFile(`${dir}/specs/task-${task.index}.json`, `${JSON.stringify(task.spec, null, 2)}\n`);
      if (!written.ok) return written;
    }
    const wrote = await transport.value.writeFile(`${dir}/job.sh`, script, 0o755);
    if (!wrote.ok) return wrote;
    const submitted = await this.run(shellAnd([['cd', '--', dir], ['sbatch', '--parsable', 'job.sh']]), 'sbatch');
    if (!submitted.ok) return submitted;
    const id = /^(\d+)/.exec(submitted.value.trim());
    if (id === null) return err(appError('io', `expected sbatch --parsable to print a job id, received ${JSON.stringify(submitted.value.slice(0, 200))}`));
    return ok(id[1] as string);
  }

  /** How states are read: known after the first poll. */
  get accounting(): 'sacct' | 'squeue+sentinels' | 'not yet probed' {
    return this.sacct === undefined ? 'not yet probed' : this.sacct ? 'sacct' : 'squeue+sentinels';
  }

  /** sacct works only where accounting is on; many clusters (and the test cluster) answer "disabled". */
  private async detectSacct(): Promise<boolean> {
    if (this.sacct !== undefined) return this.sacct;
    const transport = await this.transport();
    if (!transport.ok) return false;
    this.schedulerCommands += 1;
    const probe = await transport.value.exec(shellCommand(['sacct', '-n', '-X', '-j', '1', '-o', 'JobID']));
    this.sacct = probe.ok && probe.value.code === 0 && !/disabled|error/i.test(probe.value.stderr + probe.value.stdout);
    return this.sacct;
  }

  /** Partitions and limits (sinfo), the SLURM version, and the accounting mode. */
  async detect(): Promise<Result<ClusterInfo>> {
    const accounting = await this.detectSacct();
    const listed = await this.run(shellAnd([['sinfo', '--version'], ['sinfo', '-h', '-o', '%P|%l|%D|%c|%m|%a']]), 'sinfo');
    if (!listed.ok) return listed;
    const [version = '', ...lines] = listed.value.trim().split('\n');
    return ok({
      cluster: this.profile.alias, schedulerVersion: version.trim(), accounting: accounting ? 'sacct' : 'squeue+sentinels',
      partitions: lines.map(parsePartition).filter((p) => p !== undefined),
    });
  }

  async poll(jobs: readonly JobRecord[]): Promise<Result<StatusAnswer>> {
    const tracked = jobs.filter((job) => job.schedulerId !== undefined)
      .map((job) => ({ id: job.id, schedulerId: job.schedulerId as string, remoteDir: job.remoteDir, taskCount: job.tasks.length }));
    if (tracked.length === 0) return ok({ updates: new Map(), schedulerSilent: false });
    const useSacct = await this.detectSacct();
    const transport = await this.transport();
    if (!transport.ok) return transport;
    this.schedulerCommands += 1;
    const answer = await transport.value.exec(statusCommand(tracked, useSacct));
    if (!answer.ok) return answer;
    return ok(parseStatus(answer.value.stdout, tracked, useSacct));
  }

  async cancel(job: JobRecord): Promise<Result<void>> {
    if (job.schedulerId === undefined) return err(appError('bad_input', `${job.id} was never submitted; nothing to cancel`));
    const done = await this.run(['scancel', job.schedulerId], 'scancel');
    return done.ok ? ok(undefined) : done;
  }

  async requeue(job: JobRecord): Promise<Result<void>> {
    if (job.schedulerId === undefined) return err(appError('bad_input', `${job.id} was never submitted; nothing to requeue`));
    const done = await this.run(['scontrol', 'requeue', job.schedulerId], 'scontrol requeue');
    return done.ok ? ok(undefined) : done;
  }

  async tail(job: JobRecord, task: number, maxBytes: number): Promise<Result<string>> {
    const transport = await this.transport();
    return transport.ok ? transport.value.readTail(`${job.remoteDir}/logs/task-${task}.log`, maxBytes) : transport;
  }

  async fetch(job: JobRecord, task: number, localDir: string, options: FetchOptions = {}): Promise<Result<FetchProgress>> {
    const transport = await this.transport();
    if (!transport.ok) return transport;
    return fetchRunDirectory(transport.value, `${job.remoteDir}/runs/task-${task}`, localDir, { ...this.fetchOptions, ...options });
  }

  dispose(): void {
    this.solver = undefined;
  }
}

/** One `sinfo -o '%P|%l|%D|%c|%m|%a'` line; the default partition's name ends with '*'. */
export function parsePartition(line: string): ClusterInfo['partitions'][number] | undefined {
  const [name = '', timeLimit = '', nodes = '', cpus = '', memory = '', available = ''] = line.split('|');
  if (name === '' || !/^\d+$/.test(nodes)) return undefined;
  return {
    name: name.replace(/\*$/, ''), default: name.endsWith('*'), timeLimit, nodes: Number(nodes),
    cpusPerNode: cpus, memoryMbPerNode: memory, available: available === 'up',
  };
}
