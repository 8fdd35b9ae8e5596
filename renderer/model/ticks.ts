// Axis ticks for the plots: "nice" steps (1, 2, 5 times a power of ten) on linear axes, decades on
// log axes. Pure, so the plots' axes can be tested without a canvas.

import { formatNumber } from './format.js';

export interface Tick {
  readonly value: number;
  readonly label: string;
}

/** About `count` ticks covering [lo, hi] at a 1-2-5 step. */
export function linearTicks(lo: number, hi: number, count = 5): Tick[] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [];
  if (hi < lo) [lo, hi] = [hi, lo];
  if (hi === lo) return [{ value: lo, label: formatNumber(lo, 3) }];
  const raw = (hi - lo) / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  // The 1-2-5 step closest to the raw step on a log scale.
  const step = [1, 2, 5, 10].map((m) => m * power)
    .reduce((best, s) => (Math.abs(Math.log(s / raw)) < Math.abs(Math.log(best / raw)) ? s : best));
  const first = Math.ceil(lo / step - 1e-9);
  const last = Math.floor(hi / step + 1e-9);
  const ticks: Tick[] = [];
  for (let k = first; k <= last && ticks.length < 50; k++) {
    const value = Number((k * step).toPrecision(12));
    ticks.push({ value, label: formatNumber(value, 3) });
  }
  return ticks;
}

/** Decades inside [lo, hi] (both > 0); every other decade when there are many. */
export function logTicks(lo: number, hi: number, maxTicks = 7): Tick[] {
  if (!(lo > 0) || !(hi > 0) || !Number.isFinite(lo) || !Number.isFinite(hi)) return [];
  if (hi < lo) [lo, hi] = [hi, lo];
  const first = Math.ceil(Math.log10(lo) - 1e-9);
  const last = Math.floor(Math.log10(hi) + 1e-9);
  const stride = Math.max(1, Math.ceil((last - first + 1) / maxTicks));
  const ticks: Tick[] = [];
  for (let p = first; p <= last; p += stride) ticks.push({ value: 10 ** p, label: p === 0 ? '1' : `1e${p}`.replace('-', '−') });
  return ticks;
}

/** A range for a log axis that shows every finite positive value with a little room. */
export function logRange(values: Iterable<number>): [number, number] | undefined {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v > 0 && Number.isFinite(v)) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  }
  if (lo === Infinity) return undefined;
  const a = Math.floor(Math.log10(lo));
  const b = Math.ceil(Math.log10(hi));
  return [10 ** a, 10 ** (b === a ? a + 1 : b)];
}
