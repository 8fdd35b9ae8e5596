// Cross-field rules that no single field can check. zod runs these even when a field failed a
// range check (it skips them only after type errors), so each rule first makes sure its inputs are
// sound, and reports nothing that an earlier issue already covers.

import type { z } from 'zod';
import { formulaVariables, type Dimension } from './formula-ast.js';
import { parseFormula } from './formula.js';
import { MAX_DIMENSION, MAX_TOTAL_CELLS, NUMERIC_FIELDS } from './spec-fields.js';

interface BoundarySides {
  lower: string;
  upper: string;
}

export interface DomainShape {
  lower: number[];
  upper: number[];
  points: number[];
  boundary?: BoundarySides[] | undefined;
}

type Ctx = z.RefinementCtx;

const validDimension = (n: number): n is Dimension => n >= 1 && n <= MAX_DIMENSION;

export function checkDomain(domain: DomainShape, ctx: Ctx): void {
  const dimension = domain.lower.length;
  if (!validDimension(dimension)) return; // already reported on domain.lower
  const sameLength = checkAxisCounts(domain, dimension, ctx);
  if (sameLength.upper) checkOrdering(domain.lower, domain.upper, ctx);
  if (domain.boundary && sameLength.boundary) checkPeriodicPairs(domain.boundary, ctx);
  if (sameLength.points) checkTotalCells(domain.points, ctx);
}

/** upper, points and boundary must have one entry per axis, like lower. */
function checkAxisCounts(domain: DomainShape, dimension: number, ctx: Ctx) {
  const agrees = (key: 'upper' | 'points' | 'boundary'): boolean => {
    const list = domain[key];
    if (list === undefined) return true;
    if (!validDimension(list.length)) return false; // its own length issue is already reported
    if (list.length === dimension) return true;
    ctx.addIssue({
      code: 'custom', path: [key], input: list,
      message: `expected ${dimension} ${dimension === 1 ? 'entry' : 'entries'} (one per axis, as in domain.lower), received ${list.length}`,
    });
    return false;
  };
  return { upper: agrees('upper'), points: agrees('points'), boundary: agrees('boundary') };
}

function checkOrdering(lower: number[], upper: number[], ctx: Ctx): void {
  lower.forEach((low, axis) => {
    const high = upper[axis] as number;
    if (!(low < high)) {
      ctx.addIssue({
        code: 'custom', path: ['upper', axis], input: high,
        message: `expected a number > ${low} (domain.lower.${axis}), received ${high}`,
      });
    }
  });
}

function checkPeriodicPairs(boundary: BoundarySides[], ctx: Ctx): void {
  boundary.forEach(({ lower, upper }, axis) => {
    if ((lower === 'periodic') !== (upper === 'periodic')) {
      ctx.addIssue({
        code: 'custom', path: ['boundary', axis], input: { lower, upper },
        message: `expected 'periodic' on both sides of axis ${axis} or on neither, received lower '${lower}' and upper '${upper}'`,
      });
    }
  });
}

function checkTotalCells(points: number[], ctx: Ctx): void {
  const { min, max } = NUMERIC_FIELDS['domain.points'];
  const inRange = points.every((n) => Number.isInteger(n) && n >= (min ?? 0) && n <= (max ?? Infinity));
  if (!inRange) return; // an axis count is already reported
  const cells = points.reduce((product, n) => product * n, 1);
  if (cells > MAX_TOTAL_CELLS) {
    ctx.addIssue({
      code: 'custom', path: ['points'], input: points,
      message: `expected at most ${MAX_TOTAL_CELLS} cells in all, received ${points.join(' x ')} = ${cells}`,
    });
  }
}

export interface FormulaShape {
  domain: { lower: number[]; obstacle: string };
  physics: Record<'potential' | 'terminal_cost' | 'initial_density' | 'exit_cost', string>;
}

/**
 * Parses each formula with the variables its field allows in the domain's dimension (y is an error
 * in 1D, t in terminal_cost). While the dimension itself is invalid, the widest set is used so
 * that syntax errors still show.
 */
export function checkFormulas(spec: FormulaShape, ctx: Ctx): void {
  const lowerCount = spec.domain.lower.length;
  const dimension: Dimension = validDimension(lowerCount) ? lowerCount : MAX_DIMENSION;
  for (const kind of ['potential', 'terminal_cost', 'initial_density', 'exit_cost'] as const) {
    const source = spec.physics[kind];
    const parsed = parseFormula(source, formulaVariables(kind, dimension));
    if (!parsed.ok) ctx.addIssue({ ...formulaIssue(source, parsed.error), path: ['physics', kind] });
  }
  const obstacle = parseFormula(spec.domain.obstacle, formulaVariables('obstacle', dimension));
  if (!obstacle.ok) ctx.addIssue({ ...formulaIssue(spec.domain.obstacle, obstacle.error), path: ['domain', 'obstacle'] });
}

/** The position travels as data (SpecIssue.position) so the editor can put the cursor there. */
function formulaIssue(source: string, error: { position: number; message: string }) {
  return {
    code: 'custom' as const,
    input: source,
    message: `at position ${error.position}: ${error.message}`,
    params: { position: error.position },
  };
}
