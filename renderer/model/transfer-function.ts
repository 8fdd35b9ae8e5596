// Transfer functions of the volume view: colour from a colour scale, opacity from a piecewise
// linear curve of control points over the normalised value s in [0, 1]. Evaluated into a
// 256-entry RGBA table that the ray marcher samples (Engel et al., Real-Time Volume Graphics, 2006,
// ch. 4: post-classification with a 1D lookup table).

import { scaleTable, type ViewColormap } from './color-scale.js';

export interface OpacityPoint {
  /** Normalised value in [0, 1]. */
  readonly s: number;
  /** Opacity in [0, 1]. */
  readonly a: number;
}

export interface TransferFunction {
  readonly colormap: ViewColormap;
  readonly reversed: boolean;
  /** Sorted by s, first at s = 0 and last at s = 1. */
  readonly opacity: readonly OpacityPoint[];
}

export const TRANSFER_PRESETS = {
  // Low values stay clear so the inside of a spread-out density remains visible.
  ramp: { label: 'Linear ramp', opacity: [{ s: 0, a: 0 }, { s: 0.1, a: 0 }, { s: 1, a: 0.5 }] },
  high: { label: 'High values only', opacity: [{ s: 0, a: 0 }, { s: 0.45, a: 0 }, { s: 0.7, a: 0.5 }, { s: 1, a: 1 }] },
  band: { label: 'Middle band', opacity: [{ s: 0, a: 0 }, { s: 0.35, a: 0 }, { s: 0.5, a: 0.7 }, { s: 0.65, a: 0 }, { s: 1, a: 0 }] },
  fog: { label: 'Uniform fog', opacity: [{ s: 0, a: 0.05 }, { s: 1, a: 0.3 }] },
} as const satisfies Record<string, { label: string; opacity: readonly OpacityPoint[] }>;

export type TransferPreset = keyof typeof TRANSFER_PRESETS;

export function presetTransfer(preset: TransferPreset, colormap: ViewColormap, reversed = false): TransferFunction {
  return { colormap, reversed, opacity: TRANSFER_PRESETS[preset].opacity };
}

/** Opacity at s, linear between control points, constant beyond the ends. */
export function opacityAt(points: readonly OpacityPoint[], s: number): number {
  const first = points[0];
  const last = points[points.length - 1];
  if (first === undefined || last === undefined || !Number.isFinite(s)) return 0;
  if (s <= first.s) return first.a;
  if (s >= last.s) return last.a;
  for (let k = 1; k < points.length; k++) {
    const right = points[k] as OpacityPoint;
    const left = points[k - 1] as OpacityPoint;
    if (s <= right.s) return right.s === left.s ? right.a : left.a + ((s - left.s) / (right.s - left.s)) * (right.a - left.a);
  }
  return last.a;
}

/** The table the shader samples: rgb from the colormap, alpha from the opacity curve. */
export function transferTable(tf: TransferFunction, entries = 256): Uint8Array {
  const colors = scaleTable(tf.colormap, tf.reversed);
  const out = new Uint8Array(entries * 4);
  for (let i = 0; i < entries; i++) {
    const s = i / (entries - 1);
    const c = Math.round(s * 255);
    out[4 * i] = colors[4 * c] as number;
    out[4 * i + 1] = colors[4 * c + 1] as number;
    out[4 * i + 2] = colors[4 * c + 2] as number;
    out[4 * i + 3] = Math.round(Math.min(1, Math.max(0, opacityAt(tf.opacity, s))) * 255);
  }
  return out;
}

/**
 * Moves control point k to (s, a): ends keep s = 0 and s = 1, inner points stay between their
 * neighbours, opacity is clamped to [0, 1]. Returns the new curve.
 */
export function moveOpacityPoint(points: readonly OpacityPoint[], k: number, s: number, a: number): OpacityPoint[] {
  const out = points.map((p) => ({ ...p }));
  const point = out[k];
  if (point === undefined) return out;
  const lower = k === 0 ? 0 : (out[k - 1] as OpacityPoint).s;
  const upper = k === out.length - 1 ? 1 : (out[k + 1] as OpacityPoint).s;
  const pinned = k === 0 || k === out.length - 1;
  out[k] = { s: pinned ? point.s : Math.min(upper, Math.max(lower, s)), a: Math.min(1, Math.max(0, a)) };
  return out;
}

/** Adds a control point at s on the current curve (so the curve does not change until it is moved). */
export function addOpacityPoint(points: readonly OpacityPoint[], s: number): OpacityPoint[] {
  const clamped = Math.min(1, Math.max(0, s));
  const out = [...points, { s: clamped, a: opacityAt(points, clamped) }];
  return out.sort((p, q) => p.s - q.s);
}
