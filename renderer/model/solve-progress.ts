// What the views and the status bar say about the solve in progress: whether the picture on screen
// is stale (it is not the solution of the parameters in the panel) and why, and the progress of the
// running solve (phase, iteration of the limit, residual, elapsed, an estimate of the time left).
// Pure: state in, text and numbers out.

/** The part of the solve state that decides staleness (solve-slice.ts). */
export interface StalenessInput {
  readonly phase: 'idle' | 'invalid' | 'solving' | 'failed' | 'done';
  /** A solve ended before (idle after a Stop, rather than before the first solve). */
  readonly hadResult: boolean;
  /** What is shown: a live solution, a saved run, or nothing. */
  readonly shownKind: 'live' | 'run' | null;
}

export interface Staleness {
  readonly stale: boolean;
  /** Why, in a short phrase for the banner over the views ('' when not stale). */
  readonly reason: string;
}

const FRESH: Staleness = { stale: false, reason: '' };

/**
 * A live solution is stale while a newer solve runs, after that solve failed or was stopped, and
 * while the parameters cannot be solved. A saved run the user opened is what it is: it is marked
 * only while a solve runs (whose result will replace it).
 */
export function staleness(input: StalenessInput): Staleness {
  if (input.shownKind === null) return FRESH;
  if (input.phase === 'solving') return { stale: true, reason: 'solving the new parameters; this is the previous solution' };
  if (input.shownKind === 'run') return FRESH;
  switch (input.phase) {
    case 'failed': return { stale: true, reason: 'the last solve failed; this is the previous solution' };
    case 'invalid': return { stale: true, reason: 'the parameters cannot be solved; this is the previous solution' };
    case 'idle': return input.hadResult ? { stale: true, reason: 'solving was stopped; this is the previous solution' } : FRESH;
    case 'done': return FRESH;
  }
}

/** One progress record (the fields of an IterationRecord this needs). */
export interface ProgressRecord {
  readonly iteration: number;
  readonly phase: string;
  readonly residual: number | null;
  readonly elapsed_s: number;
}

export interface ProgressSummary {
  readonly phase: string;
  readonly iteration: number;
  readonly limit: number;
  /** iteration / limit, in [0, 1]. */
  readonly fraction: number;
  readonly residual: number | null;
  readonly elapsed: number;
  /** Seconds left at the current rate of residual decrease, or null when it cannot be told. */
  readonly estimate: number | null;
}

/** Records of the current phase used for the rate (continuation stages restart the residual). */
const RATE_WINDOW = 4;

/**
 * The estimate extrapolates the decrease of log(residual) over the last records of the current
 * phase to the tolerance (linear convergence in log scale; Newton's superlinear end makes it an
 * overestimate, which is the safe side). It is null while the residual does not decrease, and it
 * is for the current phase only (a continuation stage ends at its own looser tolerance).
 */
export function progressSummary(history: readonly ProgressRecord[], limit: number, tolerance: number): ProgressSummary | undefined {
  const last = history[history.length - 1];
  if (last === undefined) return undefined;
  const safeLimit = Math.max(1, limit);
  return {
    phase: last.phase, iteration: last.iteration, limit: safeLimit, fraction: Math.min(1, Math.max(0, last.iteration / safeLimit)),
    residual: last.residual, elapsed: last.elapsed_s, estimate: estimateLeft(history, tolerance),
  };
}

function estimateLeft(history: readonly ProgressRecord[], tolerance: number): number | null {
  const last = history[history.length - 1];
  if (last === undefined || !(tolerance > 0)) return null;
  let first = history.length - 1;
  while (first > 0 && history.length - first < RATE_WINDOW && history[first - 1]?.phase === last.phase) first--;
  const start = history[first];
  if (start === undefined || start === last) return null;
  const r0 = start.residual;
  const r1 = last.residual;
  const seconds = last.elapsed_s - start.elapsed_s;
  if (r0 === null || r1 === null || !(r0 > 0) || !(r1 > 0) || !(seconds > 0)) return null;
  if (r1 <= tolerance) return 0;
  const rate = (Math.log(r1) - Math.log(r0)) / seconds;
  if (!(rate < 0)) return null;
  return (Math.log(tolerance) - Math.log(r1)) / rate;
}
