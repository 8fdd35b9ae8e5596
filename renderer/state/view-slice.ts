// The solution the views show: one live solution or one saved run, with the spec it was solved
// with. Its fields live in the slice cache (data/), never here; `key` names them there.

import type { FieldSource, GridInfoSchema, MfgSpec, RunStatus } from '../../app/contract/index.js';
import type { z } from 'zod';

export type GridInfo = z.output<typeof GridInfoSchema>;

/** One point of a convergence history (live progress, a solution's history, convergence.csv). */
export interface HistoryPoint {
  readonly iteration: number;
  readonly phase: string;
  readonly residual: number | null;
  readonly residual_hjb: number | null;
  readonly residual_fp: number | null;
}

export interface Shown {
  /** 'live:<solutionId>' or 'run:<runId>' (the slice cache's source key). */
  readonly key: string;
  readonly source: FieldSource;
  /** "Live solution" or the run's name. */
  readonly title: string;
  readonly spec: MfgSpec;
  readonly grid: GridInfo;
  /** The stored times: a coordinate, not a field. */
  readonly times: Float64Array;
  readonly status: RunStatus;
  readonly message: string;
  readonly iterations: number;
  readonly history: readonly HistoryPoint[];
  readonly seconds: number | null;
}

export interface ViewSlice {
  readonly shown: Shown | null;
  /** A run being opened (its fields loading); the views keep the previous solution meanwhile. */
  readonly opening: string | null;
}

export function initialViewSlice(): ViewSlice {
  return { shown: null, opening: null };
}
