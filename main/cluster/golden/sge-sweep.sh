#!/bin/bash
#$ -N congestion_sweep_touch_tmp_pwned_it_s
#$ -S /bin/bash
#$ -cwd
#$ -j y
#$ -o logs/
#$ -r y
#$ -notify
#$ -t 1-4
#$ -tc 2
#$ -q compute
#$ -P proj-42
#$ -l h_rt=26:30:00
#$ -l h_vmem=8G
#$ -pe smp 4
#$ -l gpu=1
#$ --mail-type=END
set -u
task=$(( ${SGE_TASK_ID:-1} - 1 ))
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
trap 'kill -USR1 "$child" 2>/dev/null' USR2
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
  exit 99
  exit "$status"
fi
printf '%s %s\n' "$status" "$(hostname)" > "$sentinel.tmp" && mv -f "$sentinel.tmp" "$sentinel"
exit "$status"
