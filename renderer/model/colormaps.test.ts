import { describe, expect, it } from 'vitest';
import { COLORMAPS } from '../../app/contract/index.js';
import { colormapCss, colormapIndex, colormapRgba, isColormapName, sampleColormap } from './colormaps.js';

const close = (actual: readonly number[], expected: readonly number[], tolerance = 0.01): void => {
  expect(actual.length).toBe(expected.length);
  actual.forEach((value, i) => expect(Math.abs(value - (expected[i] as number))).toBeLessThanOrEqual(tolerance));
};

describe('colormaps', () => {
  it('matches matplotlib at the ends and at known entries', () => {
    close(sampleColormap('viridis', 0), [68, 1, 84]);
    close(sampleColormap('viridis', 1), [253, 231, 37]);
    close(sampleColormap('viridis', 64 / 255), [59, 82, 139]);
    close(sampleColormap('cividis', 0), [0, 34, 78]);
    close(sampleColormap('cividis', 1), [254, 232, 56]);
    close(sampleColormap('magma', 1), [252, 253, 191]);
    close(sampleColormap('inferno', 1), [252, 255, 164]);
  });

  it('interpolates between entries (matplotlib viridis(0.25) within a unit of rounding)', () => {
    close(sampleColormap('viridis', 0.25), [58.58, 82.2, 139.16], 0.8);
    close(sampleColormap('cividis', 0.25), [67.25, 78.5, 107.81], 0.8);
    // Halfway between entries 127 and 128.
    close(sampleColormap('viridis', 0.5), [33, 144.5, 140.5]);
  });

  it('clamps out-of-range samples and paints NaN as the low end', () => {
    expect(sampleColormap('viridis', -2)).toEqual(sampleColormap('viridis', 0));
    expect(sampleColormap('viridis', 9)).toEqual(sampleColormap('viridis', 1));
    expect(sampleColormap('viridis', Number.NaN)).toEqual(sampleColormap('viridis', 0));
    expect(colormapCss('viridis', 0)).toBe('rgb(68, 1, 84)');
  });

  it('gives an opaque 256-entry RGBA table for every map the settings allow', () => {
    for (const name of COLORMAPS) {
      const rgba = colormapRgba(name);
      expect(rgba.length).toBe(1024);
      expect(rgba[3]).toBe(255);
      expect(rgba[1023]).toBe(255);
    }
    expect([...colormapRgba('viridis').slice(0, 4)]).toEqual([68, 1, 84, 255]);
  });

  it('maps values to table entries, with no-data and flat ranges handled', () => {
    expect(colormapIndex(0, 0, 1)).toBe(0);
    expect(colormapIndex(1, 0, 1)).toBe(255);
    expect(colormapIndex(0.5, 0, 1)).toBe(128);
    expect(colormapIndex(7, 0, 1)).toBe(255);
    expect(colormapIndex(Number.NaN, 0, 1)).toBe(-1);
    expect(colormapIndex(3, 3, 3)).toBe(128);
    expect(isColormapName('cividis')).toBe(true);
    expect(isColormapName('jet')).toBe(false);
  });
});
