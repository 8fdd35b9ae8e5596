// Obstacle cells of a 2D or 3D grid from the spec's `domain.obstacle` formula: a cell is solid when
// the formula is non-zero at its centre (docs/spec.md), evaluated with the same parser and
// evaluator as everywhere else. Saved runs also mark solids by NaN in u (which covers
// `obstacle_file` masks); live solutions keep u finite there, so the views need the formula too.

import { compileFormula, parseFormula } from '../../app/contract/index.js';

export interface MaskGrid {
  readonly points: readonly number[];
  readonly lower: readonly number[];
  readonly spacing: readonly number[];
}

const VARIABLES = ['x', 'y', 'z'] as const;

/** 1 for solid cells in storage order (x fastest); undefined when the formula has no solids or does not parse. */
export function formulaMask(formula: string, grid: MaskGrid): Uint8Array | undefined {
  const trimmed = formula.trim();
  if (trimmed === '' || trimmed === '0') return undefined;
  const dimension = grid.points.length;
  const parsed = parseFormula(trimmed, VARIABLES.slice(0, dimension));
  if (!parsed.ok) return undefined;
  const evaluate = compileFormula(parsed.ast);
  const [nx = 1, ny = 1, nz = 1] = grid.points;
  const centre = (axis: number, index: number): number => (grid.lower[axis] ?? 0) + (index + 0.5) * (grid.spacing[axis] ?? 0);
  const mask = new Uint8Array(nx * ny * nz);
  let solids = 0;
  const vars: Record<string, number> = {};
  for (let k = 0; k < nz; k++) {
    if (dimension === 3) vars.z = centre(2, k);
    for (let j = 0; j < ny; j++) {
      vars.y = centre(1, j);
      for (let i = 0; i < nx; i++) {
        vars.x = centre(0, i);
        const value = evaluate(vars);
        if (value !== 0 && !Number.isNaN(value)) {
          mask[(k * ny + j) * nx + i] = 1;
          solids++;
        }
      }
    }
  }
  return solids === 0 ? undefined : mask;
}
