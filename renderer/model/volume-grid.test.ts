import { describe, expect, it } from 'vitest';
import { axisPlane, cellAtFraction, downsampleFactor, downsampleVolume, lineCut } from './volume-grid.js';

// v(i, j, k) = i + 10 j + 100 k on 2 x 3 x 4, stored [z, y, x].
const dims = [2, 3, 4] as const;
const volume = Float64Array.from({ length: 24 }, (_, at) => (at % 2) + 10 * (Math.floor(at / 2) % 3) + 100 * Math.floor(at / 6));

describe('axis planes and line cuts', () => {
  it('slices a volume across each axis', () => {
    const z = axisPlane(volume, dims, 'z', 2);
    expect([z.width, z.height]).toEqual([2, 3]);
    expect(z.values[1 * 2 + 1]).toBe(211);
    const y = axisPlane(volume, dims, 'y', 1);
    expect([y.width, y.height, y.values[3 * 2 + 1]]).toEqual([2, 4, 311]);
    const x = axisPlane(volume, dims, 'x', 1);
    expect([x.width, x.height, x.values[2 * 3 + 2]]).toEqual([3, 4, 221]);
  });

  it('cuts a 2D field along x and y', () => {
    const field = Float64Array.from([0, 1, 2, 10, 11, 12]); // nx 3, ny 2
    expect([...lineCut(field, 3, 2, 'x', 1)]).toEqual([10, 11, 12]);
    expect([...lineCut(field, 3, 2, 'y', 2)]).toEqual([2, 12]);
    expect(cellAtFraction(0.99, 3)).toBe(2);
  });
});

describe('downsampling', () => {
  it('picks the smallest factor that fits', () => {
    expect(downsampleFactor([256, 256, 256], 2048)).toBe(1);
    expect(downsampleFactor([600, 100, 100], 256)).toBe(3);
  });

  it('averages blocks and ignores obstacle cells', () => {
    const values = Float64Array.from({ length: 8 }, (_, i) => i);
    values[7] = Number.NaN;
    const down = downsampleVolume(values, [2, 2, 2], 2);
    expect(down.dims).toEqual([1, 1, 1]);
    expect(down.values[0]).toBeCloseTo((0 + 1 + 2 + 3 + 4 + 5 + 6) / 7);
    const solid = downsampleVolume(Float64Array.from([Number.NaN, Number.NaN]), [2, 1, 1], 2);
    expect(Number.isNaN(solid.values[0])).toBe(true);
  });
});
