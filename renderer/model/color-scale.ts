// Colour scales of the 2D and 3D views: a colormap (the four perceptually uniform maps of settings,
// plus a diverging map for signed fields), optionally reversed, on a linear or logarithmic axis.
// A scale turns a value into one of 256 table entries; the views paint with the RGBA table.

import { colormapRgba } from './colormaps.js';

export const VIEW_COLORMAPS = ['viridis', 'magma', 'inferno', 'cividis', 'diverging'] as const;
export type ViewColormap = (typeof VIEW_COLORMAPS)[number];

export const VIEW_COLORMAP_LABELS: Readonly<Record<ViewColormap, string>> = {
  viridis: 'Viridis',
  magma: 'Magma',
  inferno: 'Inferno',
  cividis: 'Cividis',
  diverging: 'Diverging (0 centred)',
};

export interface ColorScale {
  readonly colormap: ViewColormap;
  readonly reversed: boolean;
  /** Logarithmic axis: values <= 0 have no colour (drawn as no data). */
  readonly log: boolean;
  readonly lo: number;
  readonly hi: number;
}

const ENTRIES = 256;

// Moreland's smooth cool-warm map ("Diverging Color Maps for Scientific Visualization", ISVC 2009),
// sampled at nine points of his published table and interpolated linearly in sRGB between them.
const COOL_WARM: readonly (readonly [number, number, number])[] = [
  [59, 76, 192], [98, 130, 234], [141, 176, 254], [184, 208, 249], [221, 221, 221],
  [245, 196, 173], [244, 154, 123], [222, 96, 77], [180, 4, 38],
];

function divergingRgba(): Uint8ClampedArray {
  const rgba = new Uint8ClampedArray(ENTRIES * 4);
  const segments = COOL_WARM.length - 1;
  for (let i = 0; i < ENTRIES; i++) {
    const position = (i / (ENTRIES - 1)) * segments;
    const k = Math.min(segments - 1, Math.floor(position));
    const f = position - k;
    const a = COOL_WARM[k] as readonly number[];
    const b = COOL_WARM[k + 1] as readonly number[];
    for (let c = 0; c < 3; c++) rgba[4 * i + c] = Math.round((a[c] as number) * (1 - f) + (b[c] as number) * f);
    rgba[4 * i + 3] = 255;
  }
  return rgba;
}

const tables = new Map<string, Uint8ClampedArray>();

/** The 256 RGBA entries of a colormap, reversed if asked (cached: tables are shared, not copied). */
export function scaleTable(colormap: ViewColormap, reversed: boolean): Uint8ClampedArray {
  const key = `${colormap}:${reversed}`;
  let table = tables.get(key);
  if (table === undefined) {
    const forward = colormap === 'diverging' ? divergingRgba() : colormapRgba(colormap);
    table = reversed ? reverseTable(forward) : forward;
    tables.set(key, table);
  }
  return table;
}

function reverseTable(table: Uint8ClampedArray): Uint8ClampedArray {
  const out = new Uint8ClampedArray(table.length);
  for (let i = 0; i < ENTRIES; i++) out.set(table.subarray(4 * (ENTRIES - 1 - i), 4 * (ENTRIES - i)), 4 * i);
  return out;
}

/** Position of a value on the scale's axis in [0, 1] (clamped), or NaN where it has no colour. */
export function scalePosition(scale: ColorScale, value: number): number {
  if (!Number.isFinite(value)) return Number.NaN;
  if (scale.log) {
    if (!(value > 0) || !(scale.lo > 0) || !(scale.hi > scale.lo)) return Number.NaN;
    return clamp01((Math.log(value) - Math.log(scale.lo)) / (Math.log(scale.hi) - Math.log(scale.lo)));
  }
  if (!(scale.hi > scale.lo)) return 0.5;
  return clamp01((value - scale.lo) / (scale.hi - scale.lo));
}

/** The table entry of a value, or -1 for no colour (NaN, or <= 0 on a log axis). */
export function scaleIndex(scale: ColorScale, value: number): number {
  const s = scalePosition(scale, value);
  return Number.isNaN(s) ? -1 : Math.round(s * (ENTRIES - 1));
}

/** The value at position s in [0, 1] of the axis (the inverse of scalePosition). */
export function scaleValue(scale: ColorScale, s: number): number {
  if (scale.log && scale.lo > 0 && scale.hi > scale.lo) return Math.exp(Math.log(scale.lo) + s * (Math.log(scale.hi) - Math.log(scale.lo)));
  return scale.lo + s * (scale.hi - scale.lo);
}

export function isViewColormap(value: unknown): value is ViewColormap {
  return typeof value === 'string' && (VIEW_COLORMAPS as readonly string[]).includes(value);
}

const clamp01 = (s: number): number => Math.min(1, Math.max(0, s));
