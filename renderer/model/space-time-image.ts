// The pixels of a space-time map: x across, t upwards, one colour per (level, cell) sampled onto a
// width x height image. Shared by the heatmap on screen and its exported figures, so both show the
// same picture. Rows are uniform in time (the axis is); stored levels need not be.

import { colormapIndex } from './colormaps.js';
import { nearestLevel } from './time-cursor.js';

export interface SpaceTimeValues {
  readonly values: ArrayLike<number>;
  readonly levels: number;
  readonly nx: number;
  readonly times: Float64Array;
  readonly lo: number;
  readonly hi: number;
}

/** No data (NaN): a neutral grey, so a diverged region is visible as such. */
const NO_DATA = [200, 200, 200] as const;

export function spaceTimePixels(field: SpaceTimeValues, table: Uint8ClampedArray, width: number, height: number): Uint8ClampedArray {
  const pixels = new Uint8ClampedArray(width * height * 4);
  const { values, levels, nx, times, lo, hi } = field;
  const t0 = times[0] ?? 0;
  const t1 = times[times.length - 1] ?? 1;
  for (let row = 0; row < height; row++) {
    const level = Math.min(levels - 1, nearestLevel(times, t0 + ((height - 1 - row + 0.5) / height) * (t1 - t0)));
    for (let col = 0; col < width; col++) {
      const cell = Math.min(nx - 1, Math.floor((col + 0.5) * nx / width));
      const index = colormapIndex(values[level * nx + cell] as number, lo, hi);
      const p = 4 * (row * width + col);
      const rgb = index < 0 ? NO_DATA : [table[4 * index] as number, table[4 * index + 1] as number, table[4 * index + 2] as number];
      pixels[p] = rgb[0];
      pixels[p + 1] = rgb[1];
      pixels[p + 2] = rgb[2];
      pixels[p + 3] = 255;
    }
  }
  return pixels;
}
