// What the views show, built from a live solution's summary or a saved run's details: the spec it
// was solved with travels with it, so a view never labels new data with old parameters.

import type { ConvergenceRow, IterationRecord, RunDetails, SolutionSummary } from '../../app/contract/index.js';
import type { HistoryPoint, Shown } from '../state/view-slice.js';

const finiteOrNull = (value: number | null | undefined): number | null =>
  value === null || value === undefined || !Number.isFinite(value) ? null : value;

export function historyPoint(record: IterationRecord | ConvergenceRow): HistoryPoint {
  return {
    iteration: record.iteration,
    phase: record.phase,
    residual: finiteOrNull(record.residual),
    residual_hjb: finiteOrNull(record.residual_hjb),
    residual_fp: finiteOrNull(record.residual_fp),
  };
}

export function shownFromSolution(summary: SolutionSummary): Shown {
  return {
    key: `live:${summary.solutionId}`,
    source: { kind: 'live', solutionId: summary.solutionId },
    title: 'Live solution',
    spec: summary.spec,
    grid: summary.grid,
    times: summary.times,
    status: summary.status,
    message: summary.message,
    iterations: summary.iterations,
    history: summary.history.map(historyPoint),
    seconds: summary.timings.total_s,
  };
}

export function shownFromRun(details: RunDetails): Shown {
  const { summary, manifest } = details;
  return {
    key: `run:${summary.runId}`,
    source: { kind: 'run', runId: summary.runId },
    title: summary.name,
    spec: manifest.spec,
    grid: details.grid,
    times: details.times,
    status: manifest.status,
    message: manifest.message,
    iterations: manifest.iterations ?? details.convergence.length,
    history: details.convergence.map(historyPoint),
    seconds: manifest.timings?.total_s ?? null,
  };
}
