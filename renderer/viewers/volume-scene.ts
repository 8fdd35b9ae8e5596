// The fixed parts of the volume view's scene: the bounding box, labelled axes from the lower corner
// (x, y, z with their extents, z up), and the outline of the slice plane. Sizes are the domain's
// proportions, longest side 1, centred at the origin.

import { BufferGeometry, EdgesGeometry, BoxGeometry, Group, Line, LineBasicMaterial, LineLoop, LineSegments, Vector3 } from 'three';
import { formatNumber } from '../model/format.js';
import type { Axis } from '../model/volume-grid.js';
import type { GridInfo } from '../state/view-slice.js';
import { label } from './surface-viewer.js';

export function boxSize(grid: GridInfo): Vector3 {
  const extent = [0, 1, 2].map((axis) => (grid.upper[axis] ?? 1) - (grid.lower[axis] ?? 0));
  const longest = Math.max(...extent, 1e-12);
  return new Vector3((extent[0] ?? 1) / longest, (extent[1] ?? 1) / longest, (extent[2] ?? 1) / longest);
}

export function frameGroup(grid: GridInfo, size: Vector3): Group {
  const group = new Group();
  const box = new LineSegments(new EdgesGeometry(new BoxGeometry(size.x, size.y, size.z)), new LineBasicMaterial({ color: '#9aa5b1' }));
  group.add(box);
  const corner = size.clone().multiplyScalar(-0.5);
  const colors = ['#c92a2a', '#2b8a3e', '#1c64f2'];
  (['x', 'y', 'z'] as const).forEach((name, axis) => {
    const end = corner.clone();
    end.setComponent(axis, corner.getComponent(axis) + size.getComponent(axis) * 1.08);
    group.add(new Line(new BufferGeometry().setFromPoints([corner, end]), new LineBasicMaterial({ color: colors[axis] })));
    const tip = end.clone();
    tip.setComponent(axis, tip.getComponent(axis) + 0.06);
    group.add(label(name, tip.x, tip.y, tip.z));
    const lower = grid.lower[axis] ?? 0;
    const upper = grid.upper[axis] ?? 1;
    const far = corner.clone();
    far.setComponent(axis, corner.getComponent(axis) + size.getComponent(axis));
    const offset = axis === 2 ? new Vector3(-0.08, -0.08, 0) : new Vector3(0, 0, -0.07);
    group.add(label(formatNumber(upper, 3), far.x + offset.x, far.y + offset.y, far.z + offset.z));
    if (axis === 0) group.add(label(formatNumber(lower, 3), corner.x, corner.y, corner.z - 0.07));
  });
  return group;
}

const AXIS_INDEX: Readonly<Record<Axis, number>> = { x: 0, y: 1, z: 2 };

/** The rectangle where the slice plane cuts the box, at fraction `position` of its axis. */
export function planeOutline(size: Vector3, axis: Axis, position: number): LineLoop {
  const a = AXIS_INDEX[axis];
  const [b, c] = [0, 1, 2].filter((k) => k !== a) as [number, number];
  const corner = (sb: number, sc: number): Vector3 => {
    const p = new Vector3();
    p.setComponent(a, (position - 0.5) * size.getComponent(a));
    p.setComponent(b, sb * 0.5 * size.getComponent(b));
    p.setComponent(c, sc * 0.5 * size.getComponent(c));
    return p;
  };
  const geometry = new BufferGeometry().setFromPoints([corner(-1, -1), corner(1, -1), corner(1, 1), corner(-1, 1)]);
  return new LineLoop(geometry, new LineBasicMaterial({ color: '#d6336c' }));
}
