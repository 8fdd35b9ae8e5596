// Numbers derived from a field slice for the views: the finite range (colour scales, axes) and the
// mass of each time level (its integral h * sum(m), docs/run-directory.md).

export interface Range {
  readonly min: number;
  readonly max: number;
}

/** The finite min and max of values[start, end); undefined when none is finite (a diverged solve). */
export function finiteRange(values: ArrayLike<number>, start = 0, end = values.length): Range | undefined {
  let min = Infinity;
  let max = -Infinity;
  for (let i = start; i < end; i++) {
    const v = values[i] as number;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  // NaN fails every comparison above; infinities are excluded here.
  if (!Number.isFinite(min) || !Number.isFinite(max)) return finiteRangeSlow(values, start, end);
  return { min, max };
}

function finiteRangeSlow(values: ArrayLike<number>, start: number, end: number): Range | undefined {
  let min = Infinity;
  let max = -Infinity;
  for (let i = start; i < end; i++) {
    const v = values[i] as number;
    if (Number.isFinite(v)) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  return min === Infinity ? undefined : { min, max };
}

/** The mass h * sum_i m[level, i] of every stored level of a [levels, nx] slice. */
export function massOverTime(values: ArrayLike<number>, levels: number, nx: number, spacing: number): Float64Array {
  const mass = new Float64Array(levels);
  for (let level = 0; level < levels; level++) {
    let sum = 0;
    const offset = level * nx;
    for (let i = 0; i < nx; i++) sum += values[offset + i] as number;
    mass[level] = sum * spacing;
  }
  return mass;
}

/** Cell centres lower + (i + 1/2) h of an axis (the grid is cell-centred). */
export function cellCentres(lower: number, upper: number, points: number): Float64Array {
  const h = (upper - lower) / points;
  return Float64Array.from({ length: points }, (_, i) => lower + (i + 0.5) * h);
}
