// Turns what the store says (display options, the shown solution) and one level's data into the
// picture map-draw.ts paints: colour limits, obstacle mask, velocity arrows, the line cut. Pure
// apart from memoisation by slice identity, so the screen and export frames agree exactly.

import { colorLimits, type ValueStats } from '../model/color-limits.js';
import type { ColorScale } from '../model/color-scale.js';
import { formatNumber } from '../model/format.js';
import { optimalVelocity, type VelocityField } from '../model/velocity.js';
import { axisPlane, cellAtFraction, type Axis, type Plane } from '../model/volume-grid.js';
import { FIELD_LABELS } from '../data/shown-fields.js';
import type { LevelField, LevelPair } from '../data/level-fields.js';
import type { ColorOptions, MapDisplay, VolumeDisplay } from '../state/display-slice.js';
import type { Shown } from '../state/view-slice.js';
import type { MapPicture } from './map-draw.js';

const AXIS_INDEX: Readonly<Record<Axis, number>> = { x: 0, y: 1, z: 2 };

/** The colour scale of a field under some colour options, or undefined if nothing can be coloured. */
export function colorScaleFor(color: ColorOptions, global: ValueStats | undefined, current: ValueStats | undefined): { scale: ColorScale | undefined; note: string } {
  const limits = colorLimits({ mode: color.limits, global, current, manual: color.manual, centredAtZero: color.colormap === 'diverging', log: color.log });
  if (limits === undefined) return { scale: undefined, note: '' };
  return { scale: { colormap: color.colormap, reversed: color.reversed, log: color.log, lo: limits.lo, hi: limits.hi }, note: limits.basis };
}

const velocities = new WeakMap<object, VelocityField>();

export function velocityOf(shown: Shown, u: LevelField): VelocityField {
  // Keyed by the (obstacle-masked) values: u NaN in obstacles makes the differences one-sided there.
  let velocity = velocities.get(u.values);
  if (velocity === undefined) {
    const [nx = 1, ny = 1] = u.dims;
    const [hx = 1, hy = 1] = shown.grid.spacing;
    velocity = optimalVelocity(u.values, nx, ny, hx, hy, shown.spec.physics.hamiltonian);
    velocities.set(u.values, velocity);
  }
  return velocity;
}

const maskedValues = new WeakMap<object, Float64Array | Float32Array>();

/** The values with obstacle cells NaN (m is stored as 0 there): contours then stop at obstacles. */
function withoutSolids(values: Float64Array | Float32Array, solid: ArrayLike<number>): Float64Array | Float32Array {
  let masked = maskedValues.get(values);
  if (masked === undefined) {
    masked = values.map((v, i) => (solid[i] === 1 ? Number.NaN : v));
    maskedValues.set(values, masked);
  }
  return masked;
}

function exitSides(shown: Shown): MapPicture['exits'] {
  const [x, y] = shown.spec.domain.boundary;
  return { left: x?.lower === 'exit', right: x?.upper === 'exit', bottom: y?.lower === 'exit', top: y?.upper === 'exit' };
}

export function timeLabel(shown: Shown, level: number): string {
  return `t = ${formatNumber(shown.times[level] ?? 0, 4)}`;
}

/** The 2D map of one level. */
export function map2dPicture(shown: Shown, pair: LevelPair, display: MapDisplay, global: ValueStats | undefined): MapPicture {
  const data = display.field === 'u' ? pair.u : pair.m;
  const [nx = 1, ny = 1] = data.dims;
  const { scale, note } = colorScaleFor(display.color, global, data.stats);
  const label = FIELD_LABELS[display.field];
  return {
    values: withoutSolids(data.values, pair.solid), nx, ny,
    extent: { x: [shown.grid.lower[0] ?? 0, shown.grid.upper[0] ?? 1], y: [shown.grid.lower[1] ?? 0, shown.grid.upper[1] ?? 1] },
    axisLabels: ['x', 'y'],
    title: `${label.name} ${label.symbol}(t, x, y), ${timeLabel(shown, data.level)}`,
    scale, limitsNote: note, solid: pair.solid, contours: display.contours,
    arrows: display.arrows ? velocityOf(shown, pair.u) : undefined,
    cut: { along: display.cut.along, index: cellAtFraction(display.cut.position, display.cut.along === 'x' ? ny : nx) },
    exits: exitSides(shown),
  };
}

/** The slice plane of a 3D level. */
export function planePicture(shown: Shown, pair: LevelPair, display: VolumeDisplay, global: ValueStats | undefined): { picture: MapPicture; plane: Plane } {
  const data = display.field === 'u' ? pair.u : pair.m;
  const dims = [data.dims[0] ?? 1, data.dims[1] ?? 1, data.dims[2] ?? 1] as const;
  const axisIndex = AXIS_INDEX[display.plane.axis];
  const index = cellAtFraction(display.plane.position, dims[axisIndex] as number);
  const plane = axisPlane(data.values, dims, display.plane.axis, index);
  const solidPlane = axisPlane(pair.solid, dims, display.plane.axis, index).values;
  const solid = Uint8Array.from(solidPlane);
  const { scale, note } = colorScaleFor(display.color, global, data.stats);
  const [a, b] = plane.axes;
  const bounds = (axis: Axis): [number, number] => [shown.grid.lower[AXIS_INDEX[axis]] ?? 0, shown.grid.upper[AXIS_INDEX[axis]] ?? 1];
  const lower = shown.grid.lower[axisIndex] ?? 0;
  const spacing = shown.grid.spacing[axisIndex] ?? 1;
  const label = FIELD_LABELS[display.field];
  return {
    plane,
    picture: {
      values: withoutSolids(plane.values, solid), nx: plane.width, ny: plane.height, extent: { x: bounds(a), y: bounds(b) }, axisLabels: [a, b],
      title: `${label.symbol} on ${display.plane.axis} = ${formatNumber(lower + (index + 0.5) * spacing, 3)}, ${timeLabel(shown, data.level)}`,
      scale, limitsNote: note, solid, contours: 4,
    },
  };
}
