// The part of a job script every scheduler shares: pick this task's spec, run mfg-solve (resuming
// from the run directory's checkpoint when one exists), forward the scheduler's warning signal to
// the solver so it writes a checkpoint (exit 6), put the task back in the queue in that case, and
// otherwise write the exit status to a sentinel file, the source of truth when accounting is off.
//
// The script runs in the job directory (the scheduler's working directory) and names only paths
// relative to it, so the remote work directory never appears in shell source; the few values that
// do (solver path, modules, environment) go through shellQuote.

import { shellQuote } from './quote.js';

export interface ScriptEnvironment {
  /** The remote solver executable. */
  solver: string;
  modules: readonly string[];
  environment: Readonly<Record<string, string>>;
}

export interface SchedulerDialect {
  /** A shell expression for this task's 0-based index. */
  taskIndex: string;
  /** Shell lines that put the current task back in the queue after a checkpoint (no sentinel: it is not over). */
  requeue: readonly string[];
  /** Signals whose arrival means "checkpoint now". */
  warningSignals: readonly string[];
  /** Lines that move to the job directory, where the scheduler does not start there. */
  enterJobDirectory: readonly string[];
}

export function scriptBody(dialect: SchedulerDialect, env: ScriptEnvironment): string[] {
  const forward = dialect.warningSignals.map((signal) => `trap 'kill -USR1 "$child" 2>/dev/null' ${signal}`);
  return [
    'set -u',
    ...dialect.enterJobDirectory,
    `task=${dialect.taskIndex}`,
    'spec="specs/task-$task.json"',
    'run="runs/task-$task"',
    'sentinel="status/task-$task.exit"',
    'mkdir -p logs status runs',
    'exec >>"logs/task-$task.log" 2>&1',
    ...env.modules.map((name) => `module load ${shellQuote(name)}`),
    ...Object.entries(env.environment).map(([name, value]) => `export ${name}=${shellQuote(value)}`),
    `solver=${shellQuote(env.solver)}`,
    'rm -f "$sentinel"',
    '# A run directory that already holds run.json was started before: continue from its checkpoint.',
    'if [ -f "$run/run.json" ]; then set -- --resume "$run"; else set -- "$spec" --out "$run" --force; fi',
    'echo "mfgw: task $task on $(hostname) at $(date -u +%FT%TZ): $solver $*"',
    '"$solver" "$@" &',
    'child=$!',
    ...forward,
    "trap 'kill -TERM \"$child\" 2>/dev/null' TERM",
    '# wait returns early when a trapped signal arrives: wait again until the solver has exited.',
    'status=0',
    'while :; do',
    '  wait "$child"; status=$?',
    '  kill -0 "$child" 2>/dev/null || break',
    'done',
    '# ...and if it exited just as the signal arrived, bash still holds its real status.',
    'if [ "$status" -gt 128 ]; then wait "$child"; last=$?; [ "$last" -ne 127 ] && status=$last; fi',
    'if [ "$status" -eq 6 ]; then',
    '  echo "mfgw: checkpoint written, requeueing task $task"',
    ...dialect.requeue.map((line) => `  ${line}`),
    '  exit "$status"',
    'fi',
    'printf \'%s %s\\n\' "$status" "$(hostname)" > "$sentinel.tmp" && mv -f "$sentinel.tmp" "$sentinel"',
    'exit "$status"',
  ];
}
