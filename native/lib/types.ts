// The TypeScript face of the Node-API addon (native/binding). The addon is dumb on purpose (STYLE.md:
// sharp): specs are validated and normalised before they reach C++, one plain options object crosses
// the boundary, the solve runs on a worker thread, progress and cancellation are part of the API,
// and every failure comes back as a value.

import type { IterationRecord, Result, RunStatus, SpecIssue } from '../../app/contract/index.js';

export interface NativeCapabilities {
  version: string;
  git: string;
  compiler: string;
  buildType: string;
  openmp: boolean;
  /** OpenMP threads a solve uses by default. */
  threads: number;
  cuda: boolean;
  mpi: boolean;
  /** Dimensions this build solves. */
  dimensions: number[];
}

/** The full state of a solve (every time level), held by the addon: for warm starts and for
 *  writing the run directory. Opaque; freed when garbage-collected. */
export interface NativeSolution {
  readonly __nativeSolution: unique symbol;
}

export interface NativeSolveResult {
  status: Exclude<RunStatus, 'running'>;
  message: string;
  iterations: number;
  residual: { hjb: number | null; fp: number | null; change: number | null };
  mass: { initial: number | null; final: number | null; max_relative_drift: number | null; min_density: number | null };
  timings: { total_s: number; hjb_s: number; fp_s: number; linear_s: number; newton_s: number };
  history: IterationRecord[];
  /** The spec as solved, every default filled in (what run.json records). */
  spec: Record<string, unknown>;
  grid: {
    dimension: number; points: number[]; lower: number[]; upper: number[]; spacing: number[];
    cell_centres: boolean; time_levels: number; stored_levels: number; store_every: number;
  };
  /** Times of the stored levels. */
  times: Float64Array;
  /** Stored levels x cells, x fastest (the layout of fields.zarr). */
  u: Float64Array;
  m: Float64Array;
  warmStarted: boolean;
  solution: NativeSolution;
}

export interface NativeSolveOptions {
  /** Called on the JS thread once per outer iteration. */
  onIteration?: (record: IterationRecord) => void;
  /** Start from this solution when its grid matches (ignored otherwise). */
  warmStart?: NativeSolution;
  /** OpenMP threads for this solve (default: all cores). */
  threads?: number;
}

export interface NativeSolveTask {
  /** Resolves when the solve ends, whatever its status (not_converged, cancelled... are values);
   *  an error value only for bad input (code bad_input, details.issues) or an internal failure. */
  readonly done: Promise<Result<NativeSolveResult>>;
  /** Asks the solve to stop after the current time step; `done` then resolves with status cancelled. */
  cancel(): void;
}

export interface NativeRunContext {
  /** Recorded in run.json's solver.name, e.g. "mfg-workbench (live)". */
  solverName: string;
  /** Extra top-level fields merged into run.json (job id, cluster, ...). */
  provenance?: Record<string, unknown>;
  /** Replace the run files of an existing non-empty directory (other files are kept). */
  force?: boolean;
}

export interface NativeSolver {
  capabilities(): NativeCapabilities;
  /** Validates a spec (JSON text) exactly as mfg-solve does; returns it with every default filled in. */
  validate(specJson: string): { ok: true; spec: Record<string, unknown> } | { ok: false; issues: SpecIssue[] };
  solve(specJson: string, options?: NativeSolveOptions): NativeSolveTask;
  /** Writes the run directory of a finished solve (the format mfg-solve writes). Runs synchronously
   *  (it is bounded by disk speed); call it from a worker or the solver host, not a UI thread. */
  writeRun(directory: string, solution: NativeSolution, context: NativeRunContext): Result<{ path: string }>;
}
