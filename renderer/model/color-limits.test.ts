import { describe, expect, it } from 'vitest';
import { colorLimits, mergeStats, valueStats } from './color-limits.js';
import { scaleIndex, scalePosition, scaleTable } from './color-scale.js';

const global = { min: -2, max: 4, minPositive: 0.01 };
const current = { min: 0, max: 1, minPositive: 0.5 };
const base = { global, current, manual: null, centredAtZero: false, log: false } as const;

describe('colour limits', () => {
  it('spans all levels when fixed, this level when auto, the user numbers when manual', () => {
    expect(colorLimits({ ...base, mode: 'fixed' })).toMatchObject({ lo: -2, hi: 4, basis: 'all levels' });
    expect(colorLimits({ ...base, mode: 'auto' })).toMatchObject({ lo: 0, hi: 1 });
    expect(colorLimits({ ...base, mode: 'manual', manual: [1, 3] })).toMatchObject({ lo: 1, hi: 3, basis: 'manual' });
    expect(colorLimits({ ...base, mode: 'fixed', global: undefined })?.basis).toMatch(/reading all/);
  });

  it('centres a diverging map at zero and starts a log axis at the smallest positive value', () => {
    expect(colorLimits({ ...base, mode: 'fixed', centredAtZero: true })).toMatchObject({ lo: -4, hi: 4 });
    expect(colorLimits({ ...base, mode: 'fixed', log: true })).toMatchObject({ lo: 0.01, hi: 4 });
    expect(colorLimits({ ...base, mode: 'fixed', log: true, global: { min: -3, max: -1, minPositive: Infinity } })).toBeUndefined();
  });

  it('computes stats over finite values only and merges them', () => {
    const stats = valueStats([Number.NaN, -1, 3, 0.2, Infinity]);
    expect(stats).toEqual({ min: -1, max: 3, minPositive: 0.2 });
    expect(valueStats([Number.NaN])).toBeUndefined();
    expect(mergeStats(stats, { min: -5, max: 1, minPositive: 0.1 })).toEqual({ min: -5, max: 3, minPositive: 0.1 });
  });
});

describe('colour scales', () => {
  it('maps linear and log axes, with no colour for NaN and non-positive log values', () => {
    const linear = { colormap: 'viridis', reversed: false, log: false, lo: 0, hi: 10 } as const;
    expect(scalePosition(linear, 5)).toBeCloseTo(0.5);
    expect(scaleIndex(linear, Number.NaN)).toBe(-1);
    const log = { ...linear, log: true, lo: 1, hi: 100 };
    expect(scalePosition(log, 10)).toBeCloseTo(0.5);
    expect(scaleIndex(log, 0)).toBe(-1);
  });

  it('has a diverging table that is light in the middle and reverses', () => {
    const table = scaleTable('diverging', false);
    expect(table[4 * 128]).toBeGreaterThan(200);
    expect(table[0]).toBeLessThan(table[2] as number); // blue end
    expect(scaleTable('diverging', true)[0]).toBe(table[4 * 255]);
  });
});
