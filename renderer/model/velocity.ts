// The optimal velocity of the mean field game, v = -H_p(x, grad u) (docs/spec.md): for
// H = |p|^q / q, H_p = |p|^(q-2) p (q = 2: H_p = p); with a speed cap c, |H_p| is limited to c
// (H continues linearly beyond it). grad u by central differences, one-sided next to walls and
// obstacles (NaN neighbours), zero where a cell has no finite neighbour along an axis.

export interface HamiltonianShape {
  readonly kind: 'quadratic' | 'power';
  readonly exponent: number;
  readonly speed_cap: number | null;
}

export interface VelocityField {
  /** Row-major like the field, x fastest. NaN inside obstacles. */
  readonly vx: Float32Array;
  readonly vy: Float32Array;
  /** Largest finite speed (for arrow scaling). */
  readonly maxSpeed: number;
}

/** H_p for a gradient (px, py) as [hx, hy]. */
export function hamiltonianGradient(h: HamiltonianShape, px: number, py: number): [number, number] {
  const norm = Math.hypot(px, py);
  if (norm === 0) return [0, 0];
  const q = h.kind === 'power' ? h.exponent : 2;
  let factor = Math.pow(norm, q - 2);
  const cap = h.speed_cap;
  if (cap !== null && cap > 0 && factor * norm > cap) factor = cap / norm;
  return [factor * px, factor * py];
}

/** One component of grad u at a cell along a stride, from the finite neighbours there are. */
function derivative(u: ArrayLike<number>, at: number, stride: number, hasLower: boolean, hasUpper: boolean, h: number): number {
  const centre = u[at] as number;
  const lower = hasLower ? (u[at - stride] as number) : Number.NaN;
  const upper = hasUpper ? (u[at + stride] as number) : Number.NaN;
  const lowerOk = Number.isFinite(lower);
  const upperOk = Number.isFinite(upper);
  if (lowerOk && upperOk) return (upper - lower) / (2 * h);
  if (upperOk) return (upper - centre) / h;
  if (lowerOk) return (centre - lower) / h;
  return 0;
}

export function optimalVelocity(u: ArrayLike<number>, nx: number, ny: number, hx: number, hy: number, h: HamiltonianShape): VelocityField {
  const vx = new Float32Array(nx * ny);
  const vy = new Float32Array(nx * ny);
  let maxSpeed = 0;
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const at = j * nx + i;
      if (!Number.isFinite(u[at] as number)) {
        vx[at] = Number.NaN;
        vy[at] = Number.NaN;
        continue;
      }
      const px = derivative(u, at, 1, i > 0, i < nx - 1, hx);
      const py = derivative(u, at, nx, j > 0, j < ny - 1, hy);
      const [gx, gy] = hamiltonianGradient(h, px, py);
      vx[at] = -gx;
      vy[at] = -gy;
      maxSpeed = Math.max(maxSpeed, Math.hypot(gx, gy));
    }
  }
  return { vx, vy, maxSpeed };
}
