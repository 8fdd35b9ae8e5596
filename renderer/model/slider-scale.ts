// The mapping between a slider's position and a field's value: linear with the table's step, or
// logarithmic for parameters users vary over decades (viscosity, tolerance, grid points). Values a
// slider produces are rounded to what a person would type (3 significant digits on a log scale).

import type { NumericFieldInfo } from '../../app/contract/index.js';

export interface SliderScale {
  /** The range input runs over integer positions 0..positions. */
  readonly positions: number;
  toPosition(value: number): number;
  toValue(position: number): number;
}

const LOG_POSITIONS = 1000;
const MAX_LINEAR_POSITIONS = 1000;

/** Rounds away binary noise: 0.30000000000000004 -> 0.3. */
export function roundToStep(value: number, step: number): number {
  if (!(step > 0)) return value;
  const decimals = Math.max(0, Math.ceil(-Math.log10(step) + 1e-9));
  return Number((Math.round(value / step) * step).toFixed(Math.min(20, decimals)));
}

export function roundSignificant(value: number, digits: number): number {
  return value === 0 || !Number.isFinite(value) ? value : Number(value.toPrecision(digits));
}

export function sliderScale(info: Pick<NumericFieldInfo, 'slider' | 'integer'>): SliderScale {
  const { min, max, step, log } = info.slider;
  const finish = (value: number): number => (info.integer ? Math.round(value) : value);
  if (log && min > 0 && max > min) {
    const a = Math.log10(min);
    const b = Math.log10(max);
    return {
      positions: LOG_POSITIONS,
      toPosition: (value) => clampPosition(((Math.log10(value) - a) / (b - a)) * LOG_POSITIONS, LOG_POSITIONS, value <= 0),
      toValue: (position) => finish(roundSignificant(10 ** (a + (clamp(position, 0, LOG_POSITIONS) / LOG_POSITIONS) * (b - a)), 3)),
    };
  }
  const positions = Math.max(1, Math.min(MAX_LINEAR_POSITIONS, Math.round((max - min) / step)));
  return {
    positions,
    toPosition: (value) => clampPosition(((value - min) / (max - min)) * positions, positions, false),
    toValue: (position) => finish(roundToStep(min + (clamp(position, 0, positions) / positions) * (max - min), step)),
  };
}

const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));

/** Out-of-range values pin the thumb to an end; a non-positive value on a log scale sits at 0. */
function clampPosition(position: number, positions: number, belowLogRange: boolean): number {
  if (belowLogRange || Number.isNaN(position)) return 0;
  return clamp(Math.round(position), 0, positions);
}
