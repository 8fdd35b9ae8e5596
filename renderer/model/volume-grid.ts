// Index arithmetic on the stored grids ([z, y, x] C order, x fastest): axis-aligned slices of a 3D
// level, line cuts of a 2D level, and downsampling of a volume that exceeds the GPU's 3D texture size.

export type Axis = 'x' | 'y' | 'z';

export interface Plane {
  /** Row-major, the first in-plane axis fastest. */
  readonly values: Float64Array;
  readonly width: number;
  readonly height: number;
  /** The in-plane axes: across (width) and up (height). */
  readonly axes: readonly [Axis, Axis];
}

/** The plane at `index` across `axis` of a volume of dims [nx, ny, nz]. */
export function axisPlane(values: ArrayLike<number>, dims: readonly [number, number, number], axis: Axis, index: number): Plane {
  const [nx, ny, nz] = dims;
  const at = (i: number, j: number, k: number): number => values[(k * ny + j) * nx + i] as number;
  if (axis === 'z') {
    const k = clampIndex(index, nz);
    return fill(nx, ny, ['x', 'y'], (a, b) => at(a, b, k));
  }
  if (axis === 'y') {
    const j = clampIndex(index, ny);
    return fill(nx, nz, ['x', 'z'], (a, b) => at(a, j, b));
  }
  const i = clampIndex(index, nx);
  return fill(ny, nz, ['y', 'z'], (a, b) => at(i, a, b));
}

function fill(width: number, height: number, axes: readonly [Axis, Axis], value: (a: number, b: number) => number): Plane {
  const out = new Float64Array(width * height);
  for (let b = 0; b < height; b++) for (let a = 0; a < width; a++) out[b * width + a] = value(a, b);
  return { values: out, width, height, axes };
}

/** The values along x (at row `index`) or along y (at column `index`) of a 2D field [ny, nx]. */
export function lineCut(values: ArrayLike<number>, nx: number, ny: number, along: 'x' | 'y', index: number): Float64Array {
  if (along === 'x') {
    const j = clampIndex(index, ny);
    return Float64Array.from({ length: nx }, (_, i) => values[j * nx + i] as number);
  }
  const i = clampIndex(index, nx);
  return Float64Array.from({ length: ny }, (_, j) => values[j * nx + i] as number);
}

/** The cell index whose centre is nearest to fraction f in [0, 1] of an axis of n cells. */
export function cellAtFraction(f: number, n: number): number {
  return clampIndex(Math.floor((Number.isFinite(f) ? f : 0.5) * n), n);
}

export const clampIndex = (index: number, n: number): number => Math.min(n - 1, Math.max(0, Math.round(index)));

/** The integer factor per axis that brings every side to at most maxSide (1 when it fits). */
export function downsampleFactor(dims: readonly number[], maxSide: number): number {
  const largest = Math.max(...dims);
  return largest <= maxSide ? 1 : Math.ceil(largest / Math.max(1, maxSide));
}

export interface Volume {
  readonly values: Float32Array;
  readonly dims: readonly [number, number, number];
}

/**
 * Averages factor^3 blocks of the volume (box filter), ignoring NaN (obstacle) cells; a block of
 * obstacle cells only stays NaN. Partial blocks at the far edges average what they contain.
 */
export function downsampleVolume(values: ArrayLike<number>, dims: readonly [number, number, number], factor: number): Volume {
  const [nx, ny, nz] = dims;
  if (factor <= 1) return { values: Float32Array.from(values), dims };
  const out: [number, number, number] = [Math.ceil(nx / factor), Math.ceil(ny / factor), Math.ceil(nz / factor)];
  const result = new Float32Array(out[0] * out[1] * out[2]);
  for (let k = 0; k < out[2]; k++) {
    for (let j = 0; j < out[1]; j++) {
      for (let i = 0; i < out[0]; i++) {
        result[(k * out[1] + j) * out[0] + i] = blockMean(values, dims, [i * factor, j * factor, k * factor], factor);
      }
    }
  }
  return { values: result, dims: out };
}

function blockMean(values: ArrayLike<number>, dims: readonly [number, number, number], start: readonly number[], factor: number): number {
  const [nx, ny, nz] = dims;
  const [i0, j0, k0] = start as [number, number, number];
  let sum = 0;
  let count = 0;
  for (let k = k0; k < Math.min(nz, k0 + factor); k++) {
    for (let j = j0; j < Math.min(ny, j0 + factor); j++) {
      for (let i = i0; i < Math.min(nx, i0 + factor); i++) {
        const v = values[(k * ny + j) * nx + i] as number;
        if (Number.isFinite(v)) {
          sum += v;
          count++;
        }
      }
    }
  }
  return count === 0 ? Number.NaN : sum / count;
}
