import { describe, expect, it } from 'vitest';
import { hamiltonianGradient, optimalVelocity } from './velocity.js';

const quadratic = { kind: 'quadratic', exponent: 2, speed_cap: null } as const;

describe('optimalVelocity', () => {
  it('points down the gradient of u: v = -grad u for H = |p|^2/2', () => {
    const nx = 5;
    const ny = 4;
    const u = Float64Array.from({ length: nx * ny }, (_, at) => 2 * (at % nx) * 0.1 - 3 * Math.floor(at / nx) * 0.1); // u = 2x - 3y with h = 0.1
    const v = optimalVelocity(u, nx, ny, 0.1, 0.1, quadratic);
    for (let at = 0; at < nx * ny; at++) {
      expect(v.vx[at]).toBeCloseTo(-2, 5);
      expect(v.vy[at]).toBeCloseTo(3, 5);
    }
    expect(v.maxSpeed).toBeCloseTo(Math.hypot(2, 3), 5);
  });

  it('uses one-sided differences next to obstacles and leaves obstacles NaN', () => {
    const u = Float64Array.from([0, 1, Number.NaN]); // 3 x 1
    const v = optimalVelocity(u, 3, 1, 1, 1, quadratic);
    expect(v.vx[0]).toBe(-1);
    expect(v.vx[1]).toBe(-1);
    expect(Number.isNaN(v.vx[2])).toBe(true);
  });
});

describe('hamiltonianGradient', () => {
  it('is |p|^(q-2) p for H = |p|^q/q and respects the speed cap', () => {
    const [hx, hy] = hamiltonianGradient({ kind: 'power', exponent: 3, speed_cap: null }, 3, 4);
    expect(hx).toBeCloseTo(15);
    expect(hy).toBeCloseTo(20);
    const capped = hamiltonianGradient({ kind: 'power', exponent: 3, speed_cap: 2 }, 3, 4);
    expect(Math.hypot(...capped)).toBeCloseTo(2);
    expect(hamiltonianGradient(quadratic, 0, 0)).toEqual([0, 0]);
  });
});
