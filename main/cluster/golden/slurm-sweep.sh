#!/bin/bash
#SBATCH --job-name=congestion_sweep_touch_tmp_pwned_it_s
#SBATCH --array=0-3%2
#SBATCH --partition=compute
#SBATCH --account=proj-42
#SBATCH --qos=normal
#SBATCH --time=1-02:30:00
#SBATCH --nodes=1
#SBATCH --ntasks=1
#SBATCH --cpus-per-task=4
#SBATCH --mem=8G
#SBATCH --gpus=1
#SBATCH --constraint=skylake&ib
#SBATCH --output=logs/slurm-%A_%a.out
#SBATCH --open-mode=append
#SBATCH --signal=B:USR1@300
#SBATCH --requeue
#SBATCH --mail-type=END
export OMP_NUM_THREADS="${SLURM_CPUS_PER_TASK:-1}"
set -u
task="${SLURM_ARRAY_TASK_ID:-0}"
spec="specs/task-$task.json"
run="runs/task-$task"
sentinel="status/task-$task.exit"
mkdir -p logs status runs
exec >>"logs/task-$task.log" 2>&1
module load gcc/12.2
module load cmake
export OMP_PROC_BIND=close
export NOTE='a "quoted" $value'
solver='/opt/mfg workbench/bin/mfg-solve'
rm -f "$sentinel"
# A run directory that already holds run.json was started before: continue from its checkpoint.
if [ -f "$run/run.json" ]; then set -- --resume "$run"; else set -- "$spec" --out "$run" --force; fi
echo "mfgw: task $task on $(hostname) at $(date -u +%FT%TZ): $solver $*"
"$solver" "$@" &
child=$!
trap 'kill -USR1 "$child" 2>/dev/null' USR1
trap 'kill -TERM "$child" 2>/dev/null' TERM
# wait returns early when a trapped signal arrives: wait again until the solver has exited.
status=0
while :; do
  wait "$child"; status=$?
  kill -0 "$child" 2>/dev/null || break
done
# ...and if it exited just as the signal arrived, bash still holds its real status.
if [ "$status" -gt 128 ]; then wait "$child"; last=$?; [ "$last" -ne 127 ] && status=$last; fi
if [ "$status" -eq 6 ]; then
  echo "mfgw: checkpoint written, requeueing task $task"
  scontrol requeue "$SLURM_JOB_ID"
  exit "$status"
fi
printf '%s %s\n' "$status" "$(hostname)" > "$sentinel.tmp" && mv -f "$sentinel.tmp" "$sentinel"
exit "$status"
