// Colour limits of the 2D and 3D views. "fixed" (the default) spans every stored level, so an
// animation does not flicker; "auto" follows the level on screen; "manual" takes the user's numbers.
// A diverging map is centred at zero; a log axis starts at the smallest positive value.

export type LimitsMode = 'fixed' | 'auto' | 'manual';

/** Finite extremes of some values; minPositive is Infinity when none is > 0. */
export interface ValueStats {
  readonly min: number;
  readonly max: number;
  readonly minPositive: number;
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
  if (input.global !== undefined) return fromStats(input.global, 'all levels');
  return fromStats(input.current, 'this level (reading all…)');
}
