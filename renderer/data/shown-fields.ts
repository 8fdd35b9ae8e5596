// The shown solution's fields as the views read them: synchronous, from the slice cache (the
// session loads both fields before a solution is shown and pins them), with derived numbers
// (finite range, mass per level, cell centres) computed once per slice.

import type { FieldSlice } from '../../app/contract/index.js';
import { cellCentres, finiteRange, massOverTime, type Range } from '../model/field-stats.js';
import type { AppState } from '../state/store.js';
import type { Shown } from '../state/view-slice.js';
import type { SliceCache } from './slice-cache.js';

export type FieldName = 'u' | 'm';

export interface ShownField {
  readonly shown: Shown;
  readonly field: FieldName;
  readonly slice: FieldSlice;
  readonly levels: number;
  readonly nx: number;
  /** Cell centres. */
  readonly x: Float64Array;
  /** Finite range over every level; undefined if nothing is finite (a diverged solve). */
  readonly range: Range | undefined;
}

const ranges = new WeakMap<FieldSlice, Range | null>();
const masses = new WeakMap<FieldSlice, Float64Array>();
const centres = new WeakMap<Shown, Float64Array>();

/** What a view says when it has nothing to draw. */
export function emptyMessage(state: AppState): string {
  if (state.shown === null) return 'No solution yet';
  if (state.shown.grid.dimension !== 1) return `These views show 1D solutions; this one is ${state.shown.grid.dimension}D`;
  return 'Loading…';
}

export function shownField(state: AppState, cache: SliceCache, field: FieldName): ShownField | undefined {
  const shown = state.shown;
  // The views draw [levels, x] fields; 2D and 3D solutions need slicing views of their own.
  if (shown === null || shown.grid.dimension !== 1) return undefined;
  const slice = cache.peek({ source: shown.source, field });
  if (slice === undefined) return undefined;
  const levels = slice.shape[0] ?? 0;
  const nx = slice.shape[1] ?? 0;
  let range = ranges.get(slice);
  if (range === undefined) {
    range = finiteRange(slice.values) ?? null;
    ranges.set(slice, range);
  }
  let x = centres.get(shown);
  if (x === undefined) {
    x = cellCentres(shown.grid.lower[0] ?? 0, shown.grid.upper[0] ?? 1, nx);
    centres.set(shown, x);
  }
  return { shown, field, slice, levels, nx, x, range: range ?? undefined };
}

/** The mass h * sum(m) of every stored level of the shown density. */
export function shownMass(data: ShownField): Float64Array {
  let mass = masses.get(data.slice);
  if (mass === undefined) {
    mass = massOverTime(data.slice.values, data.levels, data.nx, data.shown.grid.spacing[0] ?? 1 / Math.max(1, data.nx));
    masses.set(data.slice, mass);
  }
  return mass;
}

/** The value at (level, cell), or NaN outside the field. */
export function valueAt(data: ShownField, level: number, cell: number): number {
  if (level < 0 || level >= data.levels || cell < 0 || cell >= data.nx) return Number.NaN;
  return data.slice.values[level * data.nx + cell] as number;
}

export const FIELD_LABELS: Readonly<Record<FieldName, { name: string; symbol: string }>> = {
  m: { name: 'Density', symbol: 'm' },
  u: { name: 'Value function', symbol: 'u' },
};
