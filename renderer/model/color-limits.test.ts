import { describe, expect, it } from 'vitest';
import { colorLimits, levelStats, mergeStats, robustRange, valueStats } from './color-limits.js';
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

describe('robust colour limits (the default)', () => {
  it('take the 0.1st and 99.9th percentiles of this level, ignoring NaN, so one hot cell does not set the scale', () => {
    // 0..9999 and one spike, 10001 values: nearest ranks ceil(10.001) = 11 and ceil(9990.999) = 9991.
    const values = Float64Array.from({ length: 10_000 }, (_, i) => i);
    const withSpike = Float64Array.from([...values, 1e9, Number.NaN]);
    expect(robustRange(withSpike)).toEqual([10, 9990]);
    const stats = levelStats(withSpike);
    expect(stats?.max).toBe(1e9);
    expect(colorLimits({ ...base, mode: 'robust', current: stats })).toMatchObject({ lo: 10, hi: 9990, basis: 'robust' });
  });

  it('follow the level on screen, not the peak of all levels, and fall back to min-max on a flat level', () => {
    const later = levelStats([0, 0.1, 0.2, 0.3]);
    expect(colorLimits({ ...base, mode: 'robust', global: { min: 0, max: 50, minPositive: 0.1 }, current: later })).toMatchObject({ lo: 0, hi: 0.3 });
    expect(colorLimits({ ...base, mode: 'robust', current: { min: 2, max: 2, minPositive: 2, robust: [2, 2] } })).toMatchObject({ lo: 2, hi: 2 });
    expect(robustRange([Number.NaN])).toBeUndefined();
  });

  it('sample large levels evenly and stay close to the exact percentiles', () => {
    const n = 1 << 20;
    const values = Float64Array.from({ length: n }, (_, i) => Math.sin(i * 12.9898) * 43758.5453 % 1);
    const [lo, hi] = robustRange(values) ?? [Number.NaN, Number.NaN];
    const sorted = Float64Array.from(values).sort();
    expect(Math.abs(lo - (sorted[Math.ceil(0.001 * n) - 1] as number))).toBeLessThan(0.01);
    expect(Math.abs(hi - (sorted[Math.ceil(0.999 * n) - 1] as number))).toBeLessThan(0.01);
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
