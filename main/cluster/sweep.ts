// A job description becomes one spec per task: a single spec is one task, a sweep one task per
// point (grid: every combination, first axis slowest; list: the points as given). Each task's spec
// is validated on its own, so a sweep value out of range names the task and the path.

import {
  appError, describeReceived, err, formatSpecIssue, MAX_SWEEP_TASKS, ok, validateSpec,
  type AppError, type MfgSpec, type Result, type Sweep,
} from '../../app/contract/index.js';

type SweepValue = string | number | boolean;
export type SweepPoint = Record<string, SweepValue>;

export interface TaskSpec {
  index: number;
  parameters: SweepPoint;
  spec: MfgSpec;
}

export function sweepPoints(sweep: Sweep | undefined): Result<SweepPoint[]> {
  if (sweep === undefined) return ok([{}]);
  if (sweep.kind === 'list') return ok(sweep.points);
  const total = sweep.axes.reduce((product, axis) => product * axis.values.length, 1);
  if (total > MAX_SWEEP_TASKS) return err(appError('bad_input', `expected a sweep of at most ${MAX_SWEEP_TASKS} points, received ${total}: split it into several jobs`));
  let points: SweepPoint[] = [{}];
  for (const axis of sweep.axes) points = points.flatMap((point) => axis.values.map((value) => ({ ...point, [axis.path]: value })));
  return ok(points);
}

/** A copy of `spec` with `path` (dotted, numeric segments index arrays) set to `value`. */
export function withValue(spec: unknown, path: string, value: SweepValue): Result<unknown> {
  const root: unknown = structuredClone(spec);
  const segments = path.split('.');
  let node: unknown = root;
  for (const [depth, segment] of segments.entries()) {
    const container = node as Record<string, unknown>;
    if (typeof node !== 'object' || node === null || !Object.hasOwn(container, segment)) {
      const where = segments.slice(0, depth).join('.') || 'the spec';
      return err(appError('bad_input', `sweep path '${path}': expected ${where} to have '${segment}', received ${describeReceived(node === null ? null : typeof node === 'object' ? Object.keys(container).join(', ') || 'no keys' : node)}; sweep only parameters the spec already sets`));
    }
    if (depth === segments.length - 1) container[segment] = value;
    else node = container[segment];
  }
  return ok(root);
}

export function expandTasks(spec: unknown, sweep: Sweep | undefined): Result<TaskSpec[], AppError> {
  const points = sweepPoints(sweep);
  if (!points.ok) return points;
  const tasks: TaskSpec[] = [];
  for (const [index, parameters] of points.value.entries()) {
    let current: unknown = spec;
    for (const [path, value] of Object.entries(parameters)) {
      const next = withValue(current, path, value);
      if (!next.ok) return next;
      current = next.value;
    }
    const checked = validateSpec(current);
    if (!checked.ok) {
      const shown = checked.issues.slice(0, 3).map(formatSpecIssue).join('; ');
      const point = Object.keys(parameters).length === 0 ? 'the spec' : `task ${index} (${JSON.stringify(parameters)})`;
      return err(appError('bad_input', `${point} is invalid: ${shown}`, { issues: checked.issues, task: index }));
    }
    tasks.push({ index, parameters, spec: checked.spec });
  }
  return ok(tasks);
}
