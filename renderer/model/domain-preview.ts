// What the Domain panel previews before anything is solved: the obstacle cells of the spec's
// formula on a grid of the spec's shape (capped per axis, so a 4096-cell axis does not stall
// typing), and the kind of every side (wall, periodic, exit). 3D problems preview the plane
// through the middle of z. Pure: the panel draws it.

import type { BOUNDARY_KINDS, MfgSpec } from '../../app/contract/index.js';
import { formulaMask } from './obstacle-mask.js';

/** The most preview cells per axis (one pixel each, scaled up by the canvas). */
export const PREVIEW_CELLS = 96;

export type BoundaryKind = (typeof BOUNDARY_KINDS)[number];

export interface DomainPreview {
  /** Cells of the preview: x across, y up (1 in 1D). */
  readonly nx: number;
  readonly ny: number;
  /** 1 for a solid cell, row 0 at the lowest y, x fastest. */
  readonly solid: Uint8Array;
  readonly solidCells: number;
  readonly extent: { readonly x: readonly [number, number]; readonly y: readonly [number, number] };
  readonly sides: { readonly left: BoundaryKind; readonly right: BoundaryKind; readonly bottom: BoundaryKind; readonly top: BoundaryKind };
  /** The 3D plane shown, or '' in 1D/2D. */
  readonly note: string;
}

function previewCells(points: number): number {
  return Math.max(1, Math.min(PREVIEW_CELLS, Math.floor(points)));
}

/** The preview of a spec's domain, or undefined when its arrays do not describe a grid. */
export function domainPreview(domain: MfgSpec['domain']): DomainPreview | undefined {
  const { lower, upper, points, boundary } = domain;
  const dimension = lower.length;
  if (dimension < 1 || dimension > 3 || upper.length !== dimension || points.length !== dimension) return undefined;
  const nx = previewCells(points[0] ?? 1);
  const ny = dimension >= 2 ? previewCells(points[1] ?? 1) : 1;
  const extentOf = (axis: number): [number, number] => [lower[axis] ?? 0, upper[axis] ?? 1];
  const x = extentOf(0);
  const y: [number, number] = dimension >= 2 ? extentOf(1) : [0, 1];
  const spacing = [(x[1] - x[0]) / nx, (y[1] - y[0]) / ny];
  const gridLower = [x[0], y[0]];
  let note = '';
  let solid: Uint8Array | undefined;
  if (dimension === 1) solid = formulaMask(domain.obstacle, { points: [nx], lower: [x[0]], spacing: [spacing[0] ?? 0] });
  else if (dimension === 2) solid = formulaMask(domain.obstacle, { points: [nx, ny], lower: gridLower, spacing });
  else {
    // One plane of cells at the middle of z: the mask of a one-cell-thick slab there.
    const [z0, z1] = extentOf(2);
    const nz = Math.max(1, Math.floor(points[2] ?? 1));
    const hz = (z1 - z0) / nz;
    const k = Math.floor(nz / 2);
    note = `z = ${(z0 + (k + 0.5) * hz).toPrecision(3)}`;
    solid = formulaMask(domain.obstacle, { points: [nx, ny, 1], lower: [...gridLower, z0 + k * hz], spacing: [...spacing, hz] });
  }
  const mask = solid ?? new Uint8Array(nx * ny);
  let solidCells = 0;
  for (const cell of mask) solidCells += cell;
  const side = (axis: number, end: 'lower' | 'upper'): BoundaryKind => boundary[axis]?.[end] ?? 'wall';
  return {
    nx, ny, solid: mask, solidCells, extent: { x, y }, note,
    sides: {
      left: side(0, 'lower'), right: side(0, 'upper'),
      bottom: dimension >= 2 ? side(1, 'lower') : 'wall', top: dimension >= 2 ? side(1, 'upper') : 'wall',
    },
  };
}
