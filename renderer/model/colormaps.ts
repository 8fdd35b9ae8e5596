// Colormaps as lookup tables: perceptually uniform maps (viridis, cividis for colour-vision
// deficiency, magma, inferno), linear interpolation between the 256 entries, and a 256-entry RGBA
// table for painting canvases without per-pixel interpolation.

import { COLORMAPS } from '../../app/contract/index.js';
import { COLORMAP_TABLES } from './colormap-tables.js';

export type ColormapName = (typeof COLORMAPS)[number];
export type Rgb = readonly [number, number, number];

export const COLORMAP_LABELS: Readonly<Record<ColormapName, string>> = {
  viridis: 'Viridis',
  cividis: 'Cividis (colour-vision friendly)',
  magma: 'Magma',
  inferno: 'Inferno',
};

const ENTRIES = 256;
const decoded = new Map<ColormapName, Uint8Array>();

/** The 256 entries as r, g, b bytes. */
function entries(name: ColormapName): Uint8Array {
  let table = decoded.get(name);
  if (table === undefined) {
    const hex = COLORMAP_TABLES[name];
    table = new Uint8Array(ENTRIES * 3);
    for (let i = 0; i < table.length; i++) table[i] = Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16);
    decoded.set(name, table);
  }
  return table;
}

/** The colour at s in [0, 1] (clamped; NaN maps to 0), interpolated, as 0..255 floats. */
export function sampleColormap(name: ColormapName, s: number): Rgb {
  const table = entries(name);
  const position = (Number.isFinite(s) ? Math.min(1, Math.max(0, s)) : 0) * (ENTRIES - 1);
  const i = Math.min(ENTRIES - 2, Math.floor(position));
  const f = position - i;
  const at = (k: number): number => (table[3 * i + k] as number) * (1 - f) + (table[3 * (i + 1) + k] as number) * f;
  return [at(0), at(1), at(2)];
}

/** CSS colour of a sample, for canvas strokes and legends. */
export function colormapCss(name: ColormapName, s: number): string {
  const [r, g, b] = sampleColormap(name, s);
  return `rgb(${Math.round(r)}, ${Math.round(g)}, ${Math.round(b)})`;
}

/** RGBA bytes of the 256 entries (alpha 255), for painting ImageData and vertex colours. */
export function colormapRgba(name: ColormapName): Uint8ClampedArray {
  const table = entries(name);
  const rgba = new Uint8ClampedArray(ENTRIES * 4);
  for (let i = 0; i < ENTRIES; i++) {
    rgba[4 * i] = table[3 * i] as number;
    rgba[4 * i + 1] = table[3 * i + 1] as number;
    rgba[4 * i + 2] = table[3 * i + 2] as number;
    rgba[4 * i + 3] = 255;
  }
  return rgba;
}

/** The table entry for a value in [lo, hi]; a flat range maps to the middle, NaN to -1 (no data). */
export function colormapIndex(value: number, lo: number, hi: number): number {
  if (!Number.isFinite(value)) return -1;
  if (!(hi > lo)) return ENTRIES >> 1;
  const s = (value - lo) / (hi - lo);
  return Math.min(ENTRIES - 1, Math.max(0, Math.round(s * (ENTRIES - 1))));
}

export function isColormapName(value: unknown): value is ColormapName {
  return typeof value === 'string' && (COLORMAPS as readonly string[]).includes(value);
}
