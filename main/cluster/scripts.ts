// Batch scripts for SLURM, PBS/Torque and SGE from one job description (the same body, see
// script-body.ts; only the directives and the dialect differ). Directive values were validated by
// the contract as single lines; the job name is reduced to a safe word because schedulers show it
// in tables and some split directive lines on spaces.

import type { Resources } from '../../app/contract/index.js';
import { scriptBody, type ScriptEnvironment } from './script-body.js';
import { hoursMinutesSeconds, timeLimitSeconds } from './time-limit.js';

export interface ScriptRequest extends ScriptEnvironment {
  name: string;
  tasks: number;
  concurrency?: number | undefined;
  resources: Resources;
}

export function schedulerJobName(name: string): string {
  const word = name.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[_.-]+/, '').slice(0, 64);
  return word === '' ? 'mfgw-job' : word;
}

const arrayRange = (request: ScriptRequest, first: number): string =>
  `${first}-${first + request.tasks - 1}${request.concurrency === undefined ? '' : `%${request.concurrency}`}`;

export function slurmScript(request: ScriptRequest): string {
  const r = request.resources;
  const directives = [
    `--job-name=${schedulerJobName(request.name)}`,
    ...(request.tasks > 1 ? [`--array=${arrayRange(request, 0)}`] : []),
    ...optional('--partition=', r.partition), ...optional('--account=', r.account), ...optional('--qos=', r.qos),
    ...optional('--time=', r.time), ...optional('--nodes=', r.nodes), ...optional('--ntasks=', r.ntasks),
    ...optional('--cpus-per-task=', r.cpusPerTask), ...optional('--mem=', r.mem), ...optional('--gpus=', r.gpus),
    ...optional('--constraint=', r.constraint),
    '--output=logs/slurm-%A_%a.out',
    '--open-mode=append',
    `--signal=B:USR1@${r.signalSeconds}`,
    '--requeue',
    ...r.extraDirectives,
  ];
  const body = scriptBody({
    taskIndex: '"${SLURM_ARRAY_TASK_ID:-0}"',
    requeue: ['scontrol requeue "$SLURM_JOB_ID"'],
    warningSignals: ['USR1'],
    enterJobDirectory: [],
  }, request);
  return lines(['#!/bin/bash', ...directives.map((d) => `#SBATCH ${d}`), ...(r.cpusPerTask === undefined ? [] : ['export OMP_NUM_THREADS="${SLURM_CPUS_PER_TASK:-1}"']), ...body]);
}

/** Torque syntax (`-t` arrays with `%` caps, `nodes=N:ppn=C`); PBS Pro's task variable is read too. */
export function pbsScript(request: ScriptRequest): string {
  const r = request.resources;
  const select = `nodes=${r.nodes ?? 1}:ppn=${r.cpusPerTask ?? 1}${r.gpus === undefined ? '' : `:gpus=${r.gpus}`}`;
  const directives = [
    `-N ${schedulerJobName(request.name)}`,
    ...(request.tasks > 1 ? [`-t ${arrayRange(request, 0)}`] : []),
    ...optional('-q ', r.partition), ...optional('-A ', r.account),
    `-l ${select}`,
    ...(r.time === undefined ? [] : [`-l walltime=${hoursMinutesSeconds(timeLimitSeconds(r.time))}`]),
    ...(r.mem === undefined ? [] : [`-l mem=${pbsMemory(r.mem)}`]),
    ...(r.constraint === undefined ? [] : [`-l feature=${r.constraint}`]),
    '-j oe', '-o logs/', '-r y',
    ...r.extraDirectives,
  ];
  const body = scriptBody({
    taskIndex: '"${PBS_ARRAYID:-${PBS_ARRAY_INDEX:-0}}"',
    requeue: ['qrerun "$PBS_JOBID"'],
    warningSignals: ['USR1'],
    enterJobDirectory: ['cd "$PBS_O_WORKDIR" || exit 1'],
  }, request);
  return lines(['#!/bin/bash', ...directives.map((d) => `#PBS ${d}`), ...body]);
}

/** SGE numbers array tasks from 1; `-notify` sends USR1 (suspend) / USR2 (kill) first; exit 99 requeues. */
export function sgeScript(request: ScriptRequest): string {
  const r = request.resources;
  const directives = [
    `-N ${schedulerJobName(request.name)}`,
    '-S /bin/bash', '-cwd', '-j y', '-o logs/', '-r y', '-notify',
    ...(request.tasks > 1 ? [`-t 1-${request.tasks}`, ...optional('-tc ', request.concurrency)] : []),
    ...optional('-q ', r.partition), ...optional('-P ', r.account),
    ...(r.time === undefined ? [] : [`-l h_rt=${hoursMinutesSeconds(timeLimitSeconds(r.time))}`]),
    ...(r.mem === undefined ? [] : [`-l h_vmem=${r.mem}`]),
    ...optional('-pe smp ', r.cpusPerTask),
    ...(r.gpus === undefined ? [] : [`-l gpu=${r.gpus}`]),
    ...r.extraDirectives,
  ];
  const body = scriptBody({
    taskIndex: '$(( ${SGE_TASK_ID:-1} - 1 ))',
    requeue: ['exit 99'],
    warningSignals: ['USR1', 'USR2'],
    enterJobDirectory: [],
  }, request);
  return lines(['#!/bin/bash', ...directives.map((d) => `#$ ${d}`), ...body]);
}

export function batchScript(scheduler: 'slurm' | 'pbs' | 'sge', request: ScriptRequest): string {
  return scheduler === 'slurm' ? slurmScript(request) : scheduler === 'pbs' ? pbsScript(request) : sgeScript(request);
}

function optional(prefix: string, value: string | number | undefined): string[] {
  return value === undefined ? [] : [`${prefix}${value}`];
}

/** PBS wants lower-case units with a b: 4G -> 4gb. */
function pbsMemory(mem: string): string {
  const unit = mem.at(-1) ?? '';
  return /[KMGT]/.test(unit) ? `${mem.slice(0, -1)}${unit.toLowerCase()}b` : `${mem}b`;
}

function lines(all: readonly string[]): string {
  return `${all.join('\n')}\n`;
}
