import { describe, expect, it } from 'vitest';
import { contourLevels, contourSegments } from './marching-squares.js';

/** Samples f(i, j) on an n x n grid, x fastest. */
function grid(n: number, f: (i: number, j: number) => number): Float64Array {
  return Float64Array.from({ length: n * n }, (_, at) => f(at % n, Math.floor(at / n)));
}

describe('contourSegments', () => {
  it('puts a level crossing of a linear ramp at the interpolated position', () => {
    const values = grid(3, (i) => i); // 0, 1, 2 across
    const segments = contourSegments({ values, nx: 3, ny: 3 }, 0.25);
    expect(segments.length).toBe(8); // one vertical segment in each of the two rows of cells
    for (let k = 0; k < segments.length; k += 2) expect(segments[k]).toBeCloseTo(0.25);
  });

  it('traces a closed ring around a peak whose points all lie on the level', () => {
    const n = 21;
    const values = grid(n, (i, j) => Math.hypot(i - 10, j - 10));
    const segments = contourSegments({ values, nx: n, ny: n }, 5.3);
    expect(segments.length).toBeGreaterThan(40);
    for (let k = 0; k < segments.length; k += 2) {
      expect(Math.hypot((segments[k] as number) - 10, (segments[k + 1] as number) - 10)).toBeCloseTo(5.3, 0);
    }
    // A closed curve: every end point is shared by exactly two segments.
    const ends = new Map<string, number>();
    for (let k = 0; k < segments.length; k += 2) {
      const key = `${(segments[k] as number).toFixed(4)},${(segments[k + 1] as number).toFixed(4)}`;
      ends.set(key, (ends.get(key) ?? 0) + 1);
    }
    expect([...ends.values()].every((count) => count === 2)).toBe(true);
  });

  it('resolves a saddle by the centre value and skips cells next to obstacles', () => {
    const saddle = Float64Array.from([1, 0, 0, 1]); // corners a=1, b=0, d=0, c=1 (code 5)
    const high = contourSegments({ values: saddle, nx: 2, ny: 2 }, 0.4); // centre 0.5 above
    const low = contourSegments({ values: saddle, nx: 2, ny: 2 }, 0.6); // centre 0.5 below
    expect(high.length).toBe(8);
    expect(low.length).toBe(8);
    expect([...high]).not.toEqual([...low]);
    const blocked = Float64Array.from([1, 0, Number.NaN, 1]);
    expect(contourSegments({ values: blocked, nx: 2, ny: 2 }, 0.5).length).toBe(0);
  });

  it('spaces levels strictly inside the range', () => {
    expect(contourLevels(0, 1, 3)).toEqual([0.25, 0.5, 0.75]);
    expect(contourLevels(1, 1, 3)).toEqual([]);
  });
});
