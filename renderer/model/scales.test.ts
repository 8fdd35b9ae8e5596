import { describe, expect, it } from 'vitest';
import { linearScale, logScale, nearestIndex, paddedRange } from './scales.js';

describe('plot scales', () => {
  it('map linearly and invert', () => {
    const y = linearScale([0, 10], [200, 0]); // screen y grows downwards
    expect(y(0)).toBe(200);
    expect(y(10)).toBe(0);
    expect(y(2.5)).toBe(150);
    expect(y.invert(150)).toBe(2.5);
  });

  it('map decades evenly on a log scale, and put non-positive values off the plot', () => {
    const y = logScale([1e-12, 1], [120, 0]);
    expect(y(1e-6)).toBeCloseTo(60);
    expect(y.invert(60)).toBeCloseTo(1e-6, 12);
    expect(y(0)).toBeNaN();
    expect(y.log).toBe(true);
  });

  it('pad ranges, flat ones included', () => {
    expect(paddedRange(0, 10)).toEqual([-0.5, 10.5]);
    expect(paddedRange(1, 1)).toEqual([0.9, 1.1]);
    expect(paddedRange(0, 0)).toEqual([-1, 1]);
    expect(paddedRange(Number.NaN, 1)).toEqual([0, 1]);
  });

  it('find the nearest sample', () => {
    expect(nearestIndex(0.49, 0, 1, 3)).toBe(1);
    expect(nearestIndex(-5, 0, 1, 3)).toBe(0);
    expect(nearestIndex(5, 0, 1, 3)).toBe(2);
    expect(nearestIndex(0.3, 0, 1, 1)).toBe(0);
  });
});
