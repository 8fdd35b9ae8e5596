import { describe, expect, it } from 'vitest';
import { cellCentres, finiteRange, massOverTime } from './field-stats.js';
import { linearTicks, logRange, logTicks } from './ticks.js';

describe('axis ticks', () => {
  it('puts linear ticks on 1-2-5 steps inside the range', () => {
    expect(linearTicks(0, 1, 5).map((t) => t.value)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(linearTicks(0.03, 0.97, 4).map((t) => t.value)).toEqual([0.2, 0.4, 0.6, 0.8]);
    expect(linearTicks(-3, 7, 5).map((t) => t.value)).toEqual([-2, 0, 2, 4, 6]);
    expect(linearTicks(2, 2)).toEqual([{ value: 2, label: '2' }]);
    expect(linearTicks(Number.NaN, 1)).toEqual([]);
  });

  it('puts log ticks on decades and thins long ranges', () => {
    expect(logTicks(1e-3, 1).map((t) => t.label)).toEqual(['1e−3', '1e−2', '1e−1', '1']);
    expect(logTicks(1e-16, 1e2, 5).length).toBeLessThanOrEqual(5);
    expect(logTicks(0, 1)).toEqual([]);
  });

  it('pads a log range to whole decades, ignoring zeros and non-finite values', () => {
    expect(logRange([3e-11, 0, Number.NaN, 0.2, Infinity])).toEqual([1e-11, 1]);
    expect(logRange([5, 5])).toEqual([1, 10]);
    expect(logRange([0, -1])).toBeUndefined();
  });
});

describe('field statistics', () => {
  it('finds the finite range, skipping NaN and infinities', () => {
    expect(finiteRange([3, 1, 2])).toEqual({ min: 1, max: 3 });
    expect(finiteRange([Number.NaN, 4, -Infinity, 2])).toEqual({ min: 2, max: 4 });
    expect(finiteRange([Number.NaN])).toBeUndefined();
    expect(finiteRange([9, 1, 5, 7], 2, 4)).toEqual({ min: 5, max: 7 });
  });

  it('integrates the mass of each level', () => {
    // Two levels of 4 cells of width 0.25: a uniform density 1, then all mass in one cell.
    const m = [1, 1, 1, 1, 4, 0, 0, 0];
    expect([...massOverTime(m, 2, 4, 0.25)]).toEqual([1, 1]);
  });

  it('places cell centres half a cell in', () => {
    expect([...cellCentres(0, 1, 4)]).toEqual([0.125, 0.375, 0.625, 0.875]);
  });
});
