// Contour lines of a scalar field on a grid by marching squares (the 2D case of Lorensen and Cline,
// "Marching cubes", SIGGRAPH 1987; table as in https://en.wikipedia.org/wiki/Marching_squares).
// Each cell between four neighbouring samples is classified by which corners lie above the level;
// the line crosses an edge where its corners differ, at the linearly interpolated point. The two
// saddle cases are resolved by the cell-centre average. Cells with a NaN corner (obstacles) are skipped.

export interface GridField {
  /** Row-major, x fastest: values[j * nx + i] is the sample at column i, row j. */
  readonly values: ArrayLike<number>;
  readonly nx: number;
  readonly ny: number;
}

/** Segments as [x0, y0, x1, y1, ...] in grid coordinates (sample (i, j) sits at (i, j)). */
export function contourSegments(field: GridField, level: number): Float32Array {
  const { values, nx, ny } = field;
  const out: number[] = [];
  for (let j = 0; j + 1 < ny; j++) {
    for (let i = 0; i + 1 < nx; i++) {
      // Corners counter-clockwise from the bottom left: (i, j), (i+1, j), (i+1, j+1), (i, j+1).
      const a = values[j * nx + i] as number;
      const b = values[j * nx + i + 1] as number;
      const c = values[(j + 1) * nx + i + 1] as number;
      const d = values[(j + 1) * nx + i] as number;
      if (!(Number.isFinite(a) && Number.isFinite(b) && Number.isFinite(c) && Number.isFinite(d))) continue;
      const code = (a > level ? 1 : 0) | (b > level ? 2 : 0) | (c > level ? 4 : 0) | (d > level ? 8 : 0);
      if (code === 0 || code === 15) continue;
      addCellSegments(out, code, i, j, [a, b, c, d], level);
    }
  }
  return Float32Array.from(out);
}

type Corners = readonly [number, number, number, number];

/** Crossing point on edge e of the cell: 0 bottom, 1 right, 2 top, 3 left. */
function edgePoint(edge: number, i: number, j: number, v: Corners, level: number): [number, number] {
  const t = (p: number, q: number): number => (p === q ? 0.5 : (level - p) / (q - p));
  switch (edge) {
    case 0: return [i + t(v[0], v[1]), j];
    case 1: return [i + 1, j + t(v[1], v[2])];
    case 2: return [i + 1 - t(v[2], v[3]), j + 1];
    default: return [i, j + 1 - t(v[3], v[0])];
  }
}

// Edge pairs crossed for each corner code (codes 5 and 10 are the saddles, handled apart).
const EDGES: Readonly<Record<number, readonly (readonly [number, number])[]>> = {
  1: [[3, 0]], 2: [[0, 1]], 3: [[3, 1]], 4: [[1, 2]], 6: [[0, 2]], 7: [[3, 2]], 8: [[2, 3]],
  9: [[2, 0]], 11: [[2, 1]], 12: [[1, 3]], 13: [[1, 0]], 14: [[0, 3]],
};

function addCellSegments(out: number[], code: number, i: number, j: number, v: Corners, level: number): void {
  let pairs = EDGES[code];
  if (code === 5 || code === 10) {
    const centreAbove = (v[0] + v[1] + v[2] + v[3]) / 4 > level;
    // Centre above: the above corners connect through the middle and the below corners are cut
    // off; centre below: the above corners are cut off.
    const cutBelowOf5: readonly (readonly [number, number])[] = [[0, 1], [2, 3]];
    const cutAboveOf5: readonly (readonly [number, number])[] = [[3, 0], [1, 2]];
    if (code === 5) pairs = centreAbove ? cutBelowOf5 : cutAboveOf5;
    else pairs = centreAbove ? cutAboveOf5 : cutBelowOf5;
  }
  for (const [from, to] of pairs ?? []) {
    const p = edgePoint(from, i, j, v, level);
    const q = edgePoint(to, i, j, v, level);
    out.push(p[0], p[1], q[0], q[1]);
  }
}

/** `count` levels evenly inside (lo, hi), excluding the ends (where a contour would be a point). */
export function contourLevels(lo: number, hi: number, count: number): number[] {
  if (!(hi > lo) || count <= 0) return [];
  return Array.from({ length: count }, (_, k) => lo + ((k + 1) / (count + 1)) * (hi - lo));
}
