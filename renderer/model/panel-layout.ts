// How the model panel groups the contract's fields. The controls themselves (label, unit, range,
// log scale, options) come from the field tables; this only says which group each field sits in
// and in what order, and a test checks that every field of the tables appears exactly once.

import type { BooleanFieldPath, Dimension, EnumFieldPath, FormulaField, NumericFieldPath } from '../../app/contract/index.js';
import { formulaPath } from './spec-path.js';

export type PanelField =
  | { readonly kind: 'numeric'; readonly path: NumericFieldPath; readonly axis?: number }
  | { readonly kind: 'enum'; readonly path: EnumFieldPath }
  | { readonly kind: 'boundary'; readonly axis: number }
  | { readonly kind: 'boolean'; readonly path: BooleanFieldPath }
  | { readonly kind: 'formula'; readonly field: FormulaField }
  | { readonly kind: 'text'; readonly path: 'name' | 'description' };

export interface PanelGroup {
  readonly id: string;
  readonly title: string;
  /** Shown expanded at start (the parameters researchers vary most). */
  readonly open: boolean;
  readonly fields: readonly PanelField[];
}

const numeric = (path: NumericFieldPath, axis?: number): PanelField => (axis === undefined ? { kind: 'numeric', path } : { kind: 'numeric', path, axis });

/** The axes' names, x first. */
export const AXIS_NAMES = ['x', 'y', 'z'] as const;

/** Cells, bounds and boundary of each axis of a `dimension`-D problem, axis by axis. */
function axisFields(dimension: Dimension): PanelField[] {
  return Array.from({ length: dimension }, (_, axis) => [
    numeric('domain.points', axis), numeric('domain.lower', axis), numeric('domain.upper', axis), { kind: 'boundary', axis } as const,
  ]).flat();
}

/** The groups for a problem of this dimension: the domain group has one set of controls per axis. */
export function panelGroups(dimension: Dimension): readonly PanelGroup[] {
  return PANEL_GROUPS_BY_DIMENSION[dimension];
}

const groupsFor = (dimension: Dimension): readonly PanelGroup[] => [
  {
    id: 'physics', title: 'Physics', open: true,
    fields: [
      numeric('physics.viscosity'),
      { kind: 'enum', path: 'physics.coupling.kind' }, numeric('physics.coupling.strength'), numeric('physics.coupling.exponent'),
      { kind: 'enum', path: 'physics.hamiltonian.kind' }, numeric('physics.hamiltonian.exponent'), numeric('physics.hamiltonian.speed_cap'),
    ],
  },
  {
    id: 'formulas', title: 'Initial density, costs', open: true,
    fields: [
      { kind: 'formula', field: 'initial_density' }, { kind: 'formula', field: 'terminal_cost' }, { kind: 'formula', field: 'potential' },
      { kind: 'formula', field: 'exit_cost' },
    ],
  },
  {
    id: 'grid', title: 'Domain and time', open: true,
    fields: [numeric('time.horizon'), numeric('time.steps'), ...axisFields(dimension), { kind: 'formula', field: 'obstacle' }],
  },
  {
    id: 'solver', title: 'Solver', open: true,
    fields: [
      { kind: 'enum', path: 'solver.method' }, numeric('solver.tolerance'), numeric('solver.max_iterations'),
      numeric('solver.relaxation'), numeric('solver.warmup_iterations'), { kind: 'boolean', path: 'solver.continuation' },
      { kind: 'boolean', path: 'solver.coarse_grids' },
      { kind: 'enum', path: 'solver.precision' },
    ],
  },
  {
    id: 'output', title: 'Output and notes', open: false,
    fields: [
      numeric('output.store_every'), { kind: 'enum', path: 'output.precision' },
      numeric('solver.checkpoint.every_iterations'), numeric('solver.checkpoint.every_seconds'),
      { kind: 'text', path: 'name' }, { kind: 'text', path: 'description' }, { kind: 'enum', path: 'model' },
    ],
  },
];

const PANEL_GROUPS_BY_DIMENSION: Readonly<Record<Dimension, readonly PanelGroup[]>> = { 1: groupsFor(1), 2: groupsFor(2), 3: groupsFor(3) };

/** The 1D groups (what the coverage test checks once per dimension). */
export const PANEL_GROUPS: readonly PanelGroup[] = PANEL_GROUPS_BY_DIMENSION[1];

/** The contract field a panel field edits (per-axis fields share it), for the coverage test. */
export function panelFieldKey(field: PanelField): string {
  switch (field.kind) {
    case 'numeric': return field.path;
    case 'enum': return field.path;
    case 'boundary': return 'domain.boundary';
    case 'boolean': return field.path;
    case 'formula': return formulaPath(field.field);
    case 'text': return field.path;
  }
}

/** A key unique within a panel (per-axis fields carry their axis), for React keys. */
export function panelFieldId(field: PanelField): string {
  if (field.kind === 'boundary' || (field.kind === 'numeric' && field.axis !== undefined)) return `${panelFieldKey(field)}.${field.axis}`;
  return panelFieldKey(field);
}
