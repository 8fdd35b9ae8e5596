// One status query per poll cycle for all of a cluster's jobs: a single remote command that runs
// one scheduler query (sacct when accounting works, else squeue) and prints every sentinel file the
// job scripts wrote. The answer is merged task by task; a task nobody answered for is `unknown`
// ("ask again"), never failed.

import type { JobState } from '../../app/contract/index.js';
import { shellCommand, shellQuote } from './quote.js';

export interface TrackedJob {
  id: string;
  schedulerId: string;
  remoteDir: string;
  taskCount: number;
}

export interface TaskUpdate {
  index: number;
  state: JobState;
  reason?: string;
  exitCode?: number;
  node?: string;
}

const SLURM_STATES: Record<string, JobState> = {
  PENDING: 'pending', CONFIGURING: 'configuring', RUNNING: 'running', COMPLETING: 'completing', COMPLETED: 'completed',
  SUSPENDED: 'suspended', STOPPED: 'suspended', RESIZING: 'resizing', SIGNALING: 'completing', STAGE_OUT: 'completing',
  REQUEUED: 'requeued', REQUEUE_HOLD: 'requeued', REQUEUE_FED: 'requeued',
  FAILED: 'failed', SPECIAL_EXIT: 'failed', CANCELLED: 'cancelled', REVOKED: 'cancelled', TIMEOUT: 'timeout',
  PREEMPTED: 'preempted', OUT_OF_MEMORY: 'out_of_memory', NODE_FAIL: 'node_fail', BOOT_FAIL: 'boot_fail', DEADLINE: 'deadline',
};

/** "CANCELLED by 1000" and "CANCELLED+" (sacct) name the same state as "CANCELLED". */
export function slurmState(text: string): JobState {
  const word = text.trim().split(/[\s+]/)[0]?.toUpperCase() ?? '';
  return SLURM_STATES[word] ?? 'unknown';
}

/** mfg-solve's exit codes, as a task state (the sentinel file holds the code). */
export function stateFromExitCode(code: number): { state: JobState; reason?: string } {
  switch (code) {
    case 0: return { state: 'completed' };
    case 2: return { state: 'failed', reason: 'mfg-solve exit 2: the spec was refused (see the log)' };
    case 3: return { state: 'failed', reason: 'mfg-solve exit 3: not converged within max_iterations (the run directory is complete)' };
    case 4: return { state: 'failed', reason: 'mfg-solve exit 4: diverged (NaN or infinity)' };
    case 5: return { state: 'cancelled', reason: 'mfg-solve exit 5: stopped by SIGINT/SIGTERM' };
    case 6: return { state: 'requeued', reason: 'mfg-solve exit 6: checkpoint written, requeued' };
    default: return { state: 'failed', reason: `mfg-solve exit ${code}` };
  }
}

const MARK = '@@mfgw';

/** The single remote command of one poll cycle. */
export function statusCommand(jobs: readonly TrackedJob[], useSacct: boolean): string {
  const ids = jobs.map((job) => job.schedulerId).join(',');
  const query = useSacct
    ? shellCommand(['sacct', '-n', '-X', '-P', '-j', ids, '-o', 'JobID,State,ExitCode,NodeList,Reason'])
    : shellCommand(['squeue', '-h', '-r', '-t', 'all', '-j', ids, '-o', '%i|%T|%r|%N']);
  const dirs = jobs.map((job) => shellQuote(`${job.remoteDir}/status`)).join(' ');
  // The loop is fixed code; the directories are quoted data. Sentinels are reported by job index.
  const sentinels = `i=0; for d in ${dirs}; do for f in "$d"/task-*.exit; do [ -f "$f" ] && printf '${MARK} sentinel %s %s %s\\n' "$i" "\${f##*/}" "$(head -c 200 "$f")"; done; i=$((i+1)); done`;
  return `${query} 2>&1; echo "${MARK} query-exit $?"; ${sentinels}; true`;
}

interface SchedulerLine { schedulerId: string; task: number | undefined; state: JobState; reason?: string; node?: string; exitCode?: number }

function parseQueryLine(line: string, useSacct: boolean): SchedulerLine | undefined {
  const fields = line.split('|');
  if (fields.length < 4) return undefined;
  const [id = '', state = '', third = '', node = '', fifth = ''] = fields;
  const match = /^(\d+)(?:_(\d+))?(?:\.\S+)?$/.exec(id.trim());
  if (match === null) return undefined;
  const reason = useSacct ? fifth : third;
  const exit = useSacct ? /^(\d+):/.exec(third) : null;
  return {
    schedulerId: match[1] ?? '', task: match[2] === undefined ? undefined : Number(match[2]), state: slurmState(state),
    ...(reason.trim() === '' || reason === 'None' ? {} : { reason: reason.trim() }),
    ...(node.trim() === '' || node === 'None assigned' ? {} : { node: node.trim() }),
    ...(exit === null ? {} : { exitCode: Number(exit[1]) }),
  };
}

export interface StatusAnswer {
  /** Per tracked job id, one update per task. */
  updates: Map<string, TaskUpdate[]>;
  /** The scheduler query failed or said nothing usable (tasks without sentinels are unknown). */
  schedulerSilent: boolean;
  /** The scheduler's own words when it failed, for the job's `problem`. */
  schedulerMessage?: string;
}

export function parseStatus(output: string, jobs: readonly TrackedJob[], useSacct: boolean): StatusAnswer {
  const scheduler = new Map<string, SchedulerLine>();
  const sentinels = new Map<string, { code: number; node?: string }>();
  const other: string[] = [];
  let queryExit: number | undefined;
  for (const line of output.split('\n')) {
    if (line.startsWith(`${MARK} query-exit `)) queryExit = Number(line.slice(`${MARK} query-exit `.length));
    else if (line.startsWith(`${MARK} sentinel `)) {
      const [jobIndex, file, code, node] = line.slice(`${MARK} sentinel `.length).split(' ');
      const task = /^task-(\d+)\.exit$/.exec(file ?? '');
      if (task !== null && code !== undefined && /^\d+$/.test(code)) sentinels.set(`${jobIndex}:${task[1]}`, { code: Number(code), ...(node ? { node } : {}) });
    } else {
      const parsed = parseQueryLine(line, useSacct);
      if (parsed !== undefined) scheduler.set(`${parsed.schedulerId}:${parsed.task ?? 0}`, parsed);
      else if (line.trim() !== '') other.push(line.trim());
    }
  }
  const updates = new Map<string, TaskUpdate[]>();
  for (const [jobIndex, job] of jobs.entries()) {
    const tasks: TaskUpdate[] = [];
    for (let index = 0; index < job.taskCount; index++) {
      tasks.push(mergeTask(index, scheduler.get(`${job.schedulerId}:${index}`), sentinels.get(`${jobIndex}:${index}`)));
    }
    updates.set(job.id, tasks);
  }
  const silent = queryExit !== 0 || scheduler.size === 0;
  return { updates, schedulerSilent: silent, ...(queryExit !== 0 && other.length > 0 ? { schedulerMessage: other.join('; ').slice(0, 300) } : {}) };
}

/** The scheduler's word on a failure beats the sentinel (which a killed job never writes). */
function mergeTask(index: number, line: SchedulerLine | undefined, sentinel: { code: number; node?: string } | undefined): TaskUpdate {
  const schedulerFinalFailure = line !== undefined && !['completed', 'pending', 'running', 'configuring', 'completing', 'requeued', 'unknown', 'suspended', 'resizing'].includes(line.state);
  if (sentinel !== undefined && !schedulerFinalFailure) {
    const verdict = stateFromExitCode(sentinel.code);
    return { index, ...verdict, exitCode: sentinel.code, ...(sentinel.node === undefined ? {} : { node: sentinel.node }) };
  }
  if (line !== undefined) {
    // COMPLETED without a sentinel yet: the file may not be visible on the login node; keep asking.
    if (line.state === 'completed' && sentinel === undefined) return { index, state: 'completing', reason: 'waiting for the job\'s sentinel file', ...(line.node ? { node: line.node } : {}) };
    return { index, state: line.state, ...(line.reason === undefined ? {} : { reason: line.reason }), ...(line.node === undefined ? {} : { node: line.node }), ...(line.exitCode === undefined ? {} : { exitCode: line.exitCode }) };
  }
  return { index, state: 'unknown', reason: 'no answer from the scheduler and no sentinel yet; asking again' };
}
