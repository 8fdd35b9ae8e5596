// Clusters (issue 6): cluster profiles, job descriptions (one spec or a sweep), scheduler job states
// and the records the app keeps of submitted jobs. Data only; main/cluster turns a description into
// batch scripts and remote commands, always quoting values (never interpolating them into code).

import { z } from 'zod';
import { expecting, oneOf } from './received.js';

/** One line, no control characters: values that end up inside `#SBATCH` / `#PBS` / `#$` lines. */
const directiveValue = z.string(expecting('a string'))
  .min(1, expecting('a non-empty string'))
  .max(200, expecting('at most 200 characters'))
  .regex(/^[^\p{Cc}]+$/u, expecting('one line without control characters (newlines would start a new script line)'));

const positive = z.int(expecting('an integer >= 1')).positive(expecting('an integer >= 1'));

export const ALIAS_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
export const ClusterAlias = z.string(expecting('a string'))
  .regex(ALIAS_PATTERN, expecting('a cluster alias: letters, digits, ".", "_" or "-" (at most 64, starting with a letter or digit)'));

export const SCHEDULERS = ['slurm', 'pbs', 'sge', 'local'] as const;
export const SchedulerKind = z.enum(SCHEDULERS, expecting(oneOf(SCHEDULERS)));
export type SchedulerKind = z.infer<typeof SchedulerKind>;

export const TRANSPORTS = ['ssh2', 'openssh'] as const;

/** SLURM-style time limits: minutes, MM:SS, HH:MM:SS or D-HH[:MM[:SS]]. */
const TIME_PATTERN = /^(?:\d+|\d+:\d{2}|\d+:\d{2}:\d{2}|\d+-\d{1,2}(?::\d{2}(?::\d{2})?)?)$/;
/** Memory as the schedulers write it: a number and an optional K/M/G/T unit. */
const MEMORY_PATTERN = /^\d+[KMGT]?$/;

export const ResourcesSchema = z.object({
  partition: directiveValue.optional(),
  account: directiveValue.optional(),
  qos: directiveValue.optional(),
  time: z.string(expecting('a string')).regex(TIME_PATTERN, expecting("a time limit such as '30', '01:30:00' or '1-12:00:00'")).optional(),
  nodes: positive.optional(),
  ntasks: positive.optional(),
  cpusPerTask: positive.optional(),
  mem: z.string(expecting('a string')).regex(MEMORY_PATTERN, expecting("memory such as '2000M' or '4G'")).optional(),
  gpus: positive.optional(),
  constraint: directiveValue.optional(),
  /** Whole directive bodies ("--mail-type=END"), written after the scheduler's prefix. */
  extraDirectives: z.array(directiveValue, expecting('an array of strings')).max(50).default([]),
  /** Seconds before the time limit at which the job gets USR1 (checkpoint, then requeue). */
  signalSeconds: z.int(expecting('an integer from 10 to 86400')).min(10).max(86400).default(120),
}, expecting('an object of scheduler resources'));
export type Resources = z.output<typeof ResourcesSchema>;

/** How the solver is found on the cluster: an existing executable, or built from shipped sources. */
export const RemoteSolverSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('path'), path: z.string().min(1).max(4096) }),
  z.object({ kind: z.literal('build') }),
], expecting("{ kind: 'path', path } or { kind: 'build' }"));
export type RemoteSolver = z.output<typeof RemoteSolverSchema>;

export const ClusterProfileSchema = z.object({
  version: z.literal(1).default(1),
  alias: ClusterAlias,
  /** The ~/.ssh/config host alias (or a host name): resolved with `ssh -G` where OpenSSH exists. */
  host: directiveValue,
  /** Overrides of what ~/.ssh/config says. */
  user: directiveValue.optional(),
  port: z.int().min(1).max(65535).optional(),
  identityFile: z.string().min(1).max(4096).optional(),
  knownHostsFile: z.string().min(1).max(4096).optional(),
  /** An OpenSSH client config to resolve `host` with instead of ~/.ssh/config (`ssh -F`). */
  sshConfigFile: z.string().min(1).max(4096).optional(),
  transport: z.enum(TRANSPORTS, expecting(oneOf(TRANSPORTS))).default('ssh2'),
  scheduler: SchedulerKind.default('slurm'),
  /** Remote work directory: job scripts, specs, run directories and sentinel files live below it. */
  workDir: z.string(expecting('a remote directory path')).min(1).max(4096),
  solver: RemoteSolverSchema.default({ kind: 'build' }),
  /** Written as `module load NAME` lines, each name quoted. */
  modules: z.array(z.string().min(1).max(200)).max(50).default([]),
  environment: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, expecting('an environment variable name')), z.string().max(4096)).default({}),
  defaults: ResourcesSchema.default({ extraDirectives: [], signalSeconds: 120 }),
  /** Seconds between status queries while jobs are active; failures back off up to 16x this. */
  pollSeconds: z.number().min(1).max(3600).default(15),
}, expecting('a cluster profile object'));
export type ClusterProfile = z.output<typeof ClusterProfileSchema>;
export type ClusterProfileInput = z.input<typeof ClusterProfileSchema>;

/** A dotted path into the spec ("physics.coupling.strength"); array indices as numbers ("domain.points.0"). */
export const SpecPath = z.string(expecting('a dotted spec path such as physics.coupling.strength'))
  .regex(/^[A-Za-z_][A-Za-z0-9_]*(?:\.(?:[A-Za-z_][A-Za-z0-9_]*|\d+))*$/, expecting('a dotted spec path such as physics.coupling.strength'));
const SweepValue = z.union([z.number(), z.string(), z.boolean()], expecting('a number, a string or true/false'));

export const SweepSchema = z.discriminatedUnion('kind', [
  /** Every combination of the axes' values (the first axis varies slowest). */
  z.object({ kind: z.literal('grid'), axes: z.array(z.object({ path: SpecPath, values: z.array(SweepValue).min(1).max(10_000) })).min(1).max(8) }),
  /** Explicit points, each a set of path = value assignments. */
  z.object({ kind: z.literal('list'), points: z.array(z.record(SpecPath, SweepValue)).min(1).max(10_000) }),
], expecting("a sweep { kind: 'grid', axes } or { kind: 'list', points }"));
export type Sweep = z.output<typeof SweepSchema>;

export const MAX_SWEEP_TASKS = 10_000;

export const JobDescriptionSchema = z.object({
  /** A name for people; scheduler directives get a sanitised copy, the remote side gets it as data. */
  name: z.string(expecting('a string')).min(1, expecting('a non-empty name')).max(200, expecting('a name of at most 200 characters')),
  /** The spec (validated with MfgSpecSchema by the service; sweeps are applied to it). */
  spec: z.unknown(),
  sweep: SweepSchema.optional(),
  /** Array concurrency cap (`%N`); absent: no cap. */
  concurrency: positive.optional(),
  /** Merged over the profile's defaults. */
  resources: ResourcesSchema.partial().optional(),
}, expecting('a job description object'));
export type JobDescription = z.output<typeof JobDescriptionSchema>;
export type JobDescriptionInput = z.input<typeof JobDescriptionSchema>;

/**
 * Every state SLURM reports, plus the local executor's. `unknown`: the scheduler gave no answer
 * (an empty reply, a lost connection); ask again, never read it as failed.
 */
export const JOB_STATES = [
  'submitting', 'pending', 'configuring', 'running', 'completing', 'suspended', 'requeued', 'resizing',
  'completed', 'failed', 'cancelled', 'timeout', 'preempted', 'out_of_memory', 'node_fail', 'boot_fail',
  'deadline', 'unknown',
] as const;
export const JobState = z.enum(JOB_STATES, expecting(oneOf(JOB_STATES)));
export type JobState = z.infer<typeof JobState>;

/** States after which a task will not run again without a requeue. */
export const FINAL_JOB_STATES: readonly JobState[] = ['completed', 'failed', 'cancelled', 'timeout', 'preempted', 'out_of_memory', 'node_fail', 'boot_fail', 'deadline'];

export function isFinalJobState(state: JobState): boolean {
  return FINAL_JOB_STATES.includes(state);
}

export const JobTaskSchema = z.object({
  index: z.int().nonnegative(),
  state: JobState,
  /** Why a pending task waits (Priority, Resources, ...), or the scheduler's reason for a failure. */
  reason: z.string().optional(),
  /** The solver's exit code (from the sentinel file or the scheduler's accounting). */
  exitCode: z.int().optional(),
  node: z.string().optional(),
  /** The parameters of this sweep point (path = value). */
  parameters: z.record(z.string(), SweepValue).default({}),
  /** Where the run directory landed in the runs folder, once fetched. */
  localRunDir: z.string().optional(),
});
export type JobTask = z.output<typeof JobTaskSchema>;

export const JobRecordSchema = z.object({
  version: z.literal(1),
  /** The app's id (also the remote job directory's name). */
  id: z.string().regex(/^job-[0-9a-z-]+$/),
  cluster: ClusterAlias,
  scheduler: SchedulerKind,
  name: z.string(),
  /** The scheduler's id (SLURM: the array job id); absent until submitted. */
  schedulerId: z.string().optional(),
  remoteDir: z.string(),
  /** The array's concurrency cap, when one was asked for. */
  concurrency: z.int().positive().optional(),
  submittedAt: z.string(),
  updatedAt: z.string(),
  tasks: z.array(JobTaskSchema),
  /** The last problem seen while tracking (kept until the next successful poll). */
  problem: z.string().optional(),
});
export type JobRecord = z.output<typeof JobRecordSchema>;

/** A host key met for the first time or changed: shown to the user, accepted only by them. */
export const HostKeyReportSchema = z.object({
  cluster: ClusterAlias,
  host: z.string(),
  port: z.int(),
  keyType: z.string(),
  /** `SHA256:` + unpadded base64, as `ssh-keygen -lf` prints it. */
  fingerprint: z.string(),
  status: z.enum(['unknown', 'changed']),
  /** What known_hosts records for the host (any key type): shown beside the new key when it changed. */
  known: z.array(z.object({ keyType: z.string(), fingerprint: z.string() })).optional(),
});
export type HostKeyReport = z.output<typeof HostKeyReportSchema>;

/** One keyboard-interactive round (2FA): answered with `answerPrompt`, never stored. */
export const AuthPromptSchema = z.object({
  promptId: z.string(),
  cluster: ClusterAlias,
  name: z.string(),
  instructions: z.string(),
  prompts: z.array(z.object({ prompt: z.string(), echo: z.boolean() })),
});
export type AuthPrompt = z.output<typeof AuthPromptSchema>;

export const ConnectionStatusSchema = z.object({
  cluster: ClusterAlias,
  connected: z.boolean(),
  /** Set when the host key needs the user's decision (unknown) or was refused (changed). */
  hostKey: HostKeyReportSchema.optional(),
  message: z.string(),
});
export type ConnectionStatus = z.output<typeof ConnectionStatusSchema>;

/** What `detect` finds on a SLURM cluster: partitions and their limits, and how states are read. */
export const ClusterInfoSchema = z.object({
  cluster: ClusterAlias,
  schedulerVersion: z.string(),
  /** `sacct` when accounting works, else squeue plus the jobs' sentinel files. */
  accounting: z.enum(['sacct', 'squeue+sentinels']),
  partitions: z.array(z.object({
    name: z.string(),
    default: z.boolean(),
    /** As SLURM writes it ("infinite", "1-00:00:00"). */
    timeLimit: z.string(),
    nodes: z.int().nonnegative(),
    cpusPerNode: z.string(),
    memoryMbPerNode: z.string(),
    available: z.boolean(),
  })),
});
export type ClusterInfo = z.output<typeof ClusterInfoSchema>;
