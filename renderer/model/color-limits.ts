// Colour limits of the 2D and 3D views. "robust" (the default) follows the level on screen between
// its 0.1st and 99.9th percentiles, so the data is visible at every time and one hot cell does not
// wash the rest out (the percentile clip of napari's auto-contrast and of ParaView's "rescale to
// data range over time, ignoring outliers"); "fixed" spans every stored level (an animation with
// one colour scale; a peak at t = 0 then darkens later levels); "auto" follows the level's min and
// max; "manual" takes the user's numbers ("fix across time" copies the limits on screen there).
// A diverging map is centred at zero; a log axis starts at the smallest positive value.

export type LimitsMode = 'robust' | 'fixed' | 'auto' | 'manual';

/** Percentiles of the robust limits (in %). */
export const ROBUST_PERCENTILES: readonly [number, number] = [0.1, 99.9];
/** Values sampled (evenly strided) to estimate the percentiles: exact below it, cheap above it. */
const ROBUST_SAMPLES = 1 << 16;

/** Finite extremes of some values; minPositive is Infinity when none is > 0. */
export interface ValueStats {
  readonly min: number;
  readonly max: number;
  readonly minPositive: number;
  /** The robust range [p0.1, p99.9] of the finite values, when computed (one level's stats). */
  readonly robust?: readonly [number, number];
}

/**
 * The finite values' percentiles `ROBUST_PERCENTILES` (nearest rank on a sorted sample of at most
 * 65536 values, evenly strided over the array); undefined when no value is finite.
 */
export function robustRange(values: ArrayLike<number>): readonly [number, number] | undefined {
  const stride = Math.max(1, Math.ceil(values.length / ROBUST_SAMPLES));
  const sample: number[] = [];
  for (let i = 0; i < values.length; i += stride) {
    const v = values[i] as number;
    if (Number.isFinite(v)) sample.push(v);
  }
  if (sample.length === 0) return undefined;
  const sorted = Float64Array.from(sample).sort();
  const rank = (percent: number): number => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((percent / 100) * sorted.length) - 1))] as number;
  return [rank(ROBUST_PERCENTILES[0]), rank(ROBUST_PERCENTILES[1])];
}

/** valueStats with the robust range: what one level's views need. */
export function levelStats(values: ArrayLike<number>): ValueStats | undefined {
  const stats = valueStats(values);
  const robust = stats === undefined ? undefined : robustRange(values);
  return stats === undefined || robust === undefined ? stats : { ...stats, robust };
}

export interface LimitsInput {
  readonly mode: LimitsMode;
  /** Over all stored levels; undefined while they are still being read. */
  readonly global: ValueStats | undefined;
  readonly current: ValueStats | undefined;
  readonly manual: readonly [number, number] | null;
  readonly centredAtZero: boolean;
  readonly log: boolean;
}

export interface Limits {
  readonly lo: number;
  readonly hi: number;
  /** Where the numbers came from, e.g. "all levels", "this level (reading all…)". */
  readonly basis: string;
}

/** The finite min, max and smallest positive value of values[start, end); undefined if none is finite. */
export function valueStats(values: ArrayLike<number>, start = 0, end = values.length): ValueStats | undefined {
  let min = Infinity;
  let max = -Infinity;
  let minPositive = Infinity;
  for (let i = start; i < end; i++) {
    const v = values[i] as number;
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
    if (v > 0 && v < minPositive) minPositive = v;
  }
  return min === Infinity ? undefined : { min, max, minPositive };
}

export function mergeStats(a: ValueStats | undefined, b: ValueStats | undefined): ValueStats | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return { min: Math.min(a.min, b.min), max: Math.max(a.max, b.max), minPositive: Math.min(a.minPositive, b.minPositive) };
}

export function colorLimits(input: LimitsInput): Limits | undefined {
  const picked = pickStats(input);
  if (picked === undefined) return undefined;
  let { lo, hi } = picked;
  if (input.log) {
    const positiveFloor = picked.minPositive ?? (lo > 0 ? lo : Number.NaN);
    if (!(hi > 0) || !Number.isFinite(positiveFloor)) return undefined;
    lo = Math.max(lo, positiveFloor);
  } else if (input.centredAtZero) {
    const reach = Math.max(Math.abs(lo), Math.abs(hi));
    lo = -reach;
    hi = reach;
  }
  return { lo, hi, basis: picked.basis };
}

function pickStats(input: LimitsInput): { lo: number; hi: number; minPositive?: number; basis: string } | undefined {
  if (input.mode === 'manual' && input.manual !== null && input.manual[1] > input.manual[0]) {
    const [lo, hi] = input.manual;
    return { lo, hi, basis: 'manual' };
  }
  const fromStats = (stats: ValueStats | undefined, basis: string) => stats === undefined ? undefined
    : { lo: stats.min, hi: stats.max, ...(Number.isFinite(stats.minPositive) ? { minPositive: stats.minPositive } : {}), basis };
  if (input.mode === 'auto') return fromStats(input.current, 'this level');
  if (input.mode === 'robust') return robustOf(input.current);
  if (input.global !== undefined) return fromStats(input.global, 'all levels');
  return fromStats(input.current, 'this level (reading all…)');
}

/** This level's robust range; its min-max when the percentiles coincide (a flat level). */
function robustOf(stats: ValueStats | undefined): { lo: number; hi: number; minPositive?: number; basis: string } | undefined {
  if (stats === undefined) return undefined;
  const [lo, hi] = stats.robust !== undefined && stats.robust[1] > stats.robust[0] ? stats.robust : [stats.min, stats.max];
  return { lo, hi, ...(Number.isFinite(stats.minPositive) ? { minPositive: stats.minPositive } : {}), basis: 'robust' };
}
