// One typed table per kind of spec field: the limits the validator enforces, the defaults parsing
// fills in, and what the model panel needs to draw a control (label, unit, slider range and scale).
// spec.ts builds the zod schema from these tables, so a limit is written down exactly once.

import type { FormulaField } from './formula-ast.js';

export const MODELS = ['mfg'] as const;
export const BOUNDARY_KINDS = ['wall', 'periodic', 'exit'] as const;
export const HAMILTONIAN_KINDS = ['quadratic', 'power'] as const;
export const COUPLING_KINDS = ['congestion', 'log', 'none'] as const;
export const SOLVER_METHODS = ['newton', 'picard', 'fictitious_play'] as const;
export const PRECISIONS = ['float64', 'float32'] as const;
export const COMPUTE_PRECISIONS = ['float64', 'mixed'] as const;

/** Largest number of cells a grid may have in all (docs/spec.md: 2^31). */
export const MAX_TOTAL_CELLS = 2 ** 31;
export const MAX_DIMENSION = 3;

export type EnumFieldPath =
  | 'model' | 'domain.boundary' | 'physics.hamiltonian.kind' | 'physics.coupling.kind'
  | 'solver.method' | 'solver.precision' | 'output.precision';

export interface SliderHint {
  readonly min: number;
  readonly max: number;
  readonly step: number;
  /** A log-scale slider suits parameters that users vary over decades. */
  readonly log: boolean;
}

export interface NumericFieldInfo {
  readonly label: string;
  /** The symbol used in docs/spec.md and in the model panel, or '' */
  readonly symbol: string;
  readonly description: string;
  /** '' for dimensionless quantities */
  readonly unit: string;
  readonly integer: boolean;
  /** Validation limits; null = unbounded on that side. */
  readonly min: number | null;
  readonly minExclusive: boolean;
  readonly max: number | null;
  readonly maxExclusive: boolean;
  /** `null` is a valid value meaning "off" (speed_cap). */
  readonly nullable: boolean;
  /** One value per axis: the key holds an array of length `dimension`. */
  readonly perAxis: boolean;
  /** undefined: the key is required (domain arrays). */
  readonly defaultValue: number | null | undefined;
  /** The practical range for a slider, inside the validation limits. */
  readonly slider: SliderHint;
  /** The field only matters when another field has this value (the panel greys it out otherwise). */
  readonly readWhen?: { readonly path: EnumFieldPath; readonly value: string };
}

export type NumericFieldPath =
  | 'domain.lower' | 'domain.upper' | 'domain.points'
  | 'time.horizon' | 'time.steps'
  | 'physics.viscosity' | 'physics.hamiltonian.exponent' | 'physics.hamiltonian.speed_cap'
  | 'physics.coupling.strength' | 'physics.coupling.exponent'
  | 'solver.tolerance' | 'solver.max_iterations' | 'solver.relaxation' | 'solver.warmup_iterations'
  | 'solver.checkpoint.every_iterations' | 'solver.checkpoint.every_seconds'
  | 'output.store_every';

const number = (info: Partial<NumericFieldInfo> & Pick<NumericFieldInfo, 'label' | 'description' | 'slider'>): NumericFieldInfo => ({
  symbol: '', unit: '', integer: false, min: null, minExclusive: false, max: null, maxExclusive: false,
  nullable: false, perAxis: false, defaultValue: undefined, ...info,
});

export const NUMERIC_FIELDS: Readonly<Record<NumericFieldPath, NumericFieldInfo>> = {
  'domain.lower': number({
    label: 'Lower bound', description: 'Lower end of the domain on each axis (finite, below the upper end).',
    unit: 'length', perAxis: true, slider: { min: -10, max: 10, step: 0.1, log: false },
  }),
  'domain.upper': number({
    label: 'Upper bound', description: 'Upper end of the domain on each axis (finite, above the lower end).',
    unit: 'length', perAxis: true, slider: { min: -10, max: 10, step: 0.1, log: false },
  }),
  'domain.points': number({
    label: 'Cells', description: 'Number of grid cells on each axis; at most 2^31 cells in all.',
    integer: true, min: 3, max: 100_000_000, perAxis: true, slider: { min: 3, max: 10_000, step: 1, log: true },
  }),
  'time.horizon': number({
    label: 'Horizon', symbol: 'T', description: 'Final time T of the game.', unit: 'time',
    min: 0, minExclusive: true, defaultValue: 1, slider: { min: 0.1, max: 10, step: 0.1, log: false },
  }),
  'time.steps': number({
    label: 'Time steps', description: 'Number of time steps between 0 and T.',
    integer: true, min: 1, max: 1_000_000, defaultValue: 100, slider: { min: 1, max: 10_000, step: 1, log: true },
  }),
  'physics.viscosity': number({
    label: 'Viscosity', symbol: 'ν', description: 'Diffusion coefficient of the agents (0: no noise).',
    unit: 'length²/time', min: 0, defaultValue: 0.01, slider: { min: 1e-4, max: 1, step: 1e-4, log: true },
  }),
  'physics.hamiltonian.exponent': number({
    label: 'Hamiltonian exponent', symbol: 'q', description: 'q in H = |p|^q / q.',
    min: 1, minExclusive: true, max: 10, defaultValue: 2, slider: { min: 1.1, max: 5, step: 0.1, log: false },
    readWhen: { path: 'physics.hamiltonian.kind', value: 'power' },
  }),
  'physics.hamiltonian.speed_cap': number({
    label: 'Speed cap', description: 'Largest optimal speed |H_p|; H continues linearly beyond it (null: no cap).',
    unit: 'length/time', min: 0, minExclusive: true, nullable: true, defaultValue: null,
    slider: { min: 0.1, max: 100, step: 0.1, log: true },
  }),
  'physics.coupling.strength': number({
    label: 'Coupling strength', symbol: 'λ', description: 'λ in the congestion cost f(m) (0: agents ignore each other).',
    min: 0, defaultValue: 0.5, slider: { min: 1e-3, max: 10, step: 1e-3, log: true },
  }),
  'physics.coupling.exponent': number({
    label: 'Coupling exponent', symbol: 'β', description: 'β in f(m) = λ m^β.',
    min: 0, minExclusive: true, max: 10, defaultValue: 1, slider: { min: 0.1, max: 4, step: 0.1, log: false },
    readWhen: { path: 'physics.coupling.kind', value: 'congestion' },
  }),
  'solver.tolerance': number({
    label: 'Tolerance', description: 'The solve stops when the residual is at most this.',
    min: 1e-15, max: 1, defaultValue: 1e-10, slider: { min: 1e-14, max: 1e-2, step: 1e-14, log: true },
  }),
  'solver.max_iterations': number({
    label: 'Iteration limit', description: 'Most outer iterations, warm-up included.',
    integer: true, min: 1, max: 100_000, defaultValue: 100, slider: { min: 1, max: 1000, step: 1, log: true },
  }),
  'solver.relaxation': number({
    label: 'Relaxation', symbol: 'α', description: 'Damping of the fixed-point update (1: undamped).',
    min: 0, minExclusive: true, max: 1, defaultValue: 0.5, slider: { min: 0.05, max: 1, step: 0.05, log: false },
    readWhen: { path: 'solver.method', value: 'picard' },
  }),
  'solver.warmup_iterations': number({
    label: 'Warm-up sweeps', description: 'Fictitious-play sweeps before Newton starts.',
    integer: true, min: 0, max: 1000, defaultValue: 3, slider: { min: 0, max: 50, step: 1, log: false },
    readWhen: { path: 'solver.method', value: 'newton' },
  }),
  'solver.checkpoint.every_iterations': number({
    label: 'Checkpoint every (iterations)', description: 'mfg-solve writes a checkpoint every this many outer iterations; 0 for never.',
    integer: true, min: 0, max: 1_000_000, defaultValue: 0, slider: { min: 0, max: 100, step: 1, log: false },
  }),
  'solver.checkpoint.every_seconds': number({
    label: 'Checkpoint every (seconds)', description: 'mfg-solve writes a checkpoint when this many seconds passed since the last one; 0 for never.',
    unit: 's', min: 0, max: 1e7, defaultValue: 600, slider: { min: 0, max: 3600, step: 10, log: false },
  }),
  'output.store_every': number({
    label: 'Store every', description: 'Keep every k-th time level (the last level is always kept).',
    // docs/spec.md sets no upper limit; 1 000 000 (the most time steps) keeps it a plain integer
    // natively, and any larger value would store the same levels.
    integer: true, min: 1, max: 1_000_000, defaultValue: 1, slider: { min: 1, max: 100, step: 1, log: false },
  }),
};

export interface EnumOption {
  readonly value: string;
  readonly label: string;
  readonly description: string;
}

export interface EnumFieldInfo {
  readonly label: string;
  readonly description: string;
  readonly options: readonly EnumOption[];
  /** undefined: no default (each boundary entry names both sides). */
  readonly defaultValue: string | undefined;
}

export const ENUM_FIELDS: Readonly<Record<EnumFieldPath, EnumFieldInfo>> = {
  model: {
    label: 'Model', description: 'The family of equations.', defaultValue: 'mfg',
    options: [{ value: 'mfg', label: 'Mean field game', description: 'HJB backward, Fokker-Planck forward.' }],
  },
  'domain.boundary': {
    label: 'Boundary', description: "Condition on each side of each axis; 'periodic' must be on both sides.",
    defaultValue: undefined,
    options: [
      { value: 'wall', label: 'Wall', description: 'No flux through the side.' },
      { value: 'periodic', label: 'Periodic', description: 'The axis wraps around.' },
      { value: 'exit', label: 'Exit', description: 'Agents may leave through the side, at the exit cost.' },
    ],
  },
  'physics.hamiltonian.kind': {
    label: 'Hamiltonian', description: 'Cost of moving.', defaultValue: 'quadratic',
    options: [
      { value: 'quadratic', label: 'Quadratic', description: 'H = |p|²/2' },
      { value: 'power', label: 'Power', description: 'H = |p|^q/q' },
    ],
  },
  'physics.coupling.kind': {
    label: 'Coupling', description: 'Cost of crowding, f(m).', defaultValue: 'congestion',
    options: [
      { value: 'congestion', label: 'Congestion', description: 'f = λ m^β' },
      { value: 'log', label: 'Logarithmic', description: 'f = λ log m' },
      { value: 'none', label: 'None', description: 'f = 0' },
    ],
  },
  'solver.method': {
    label: 'Method', description: 'How the coupled system is solved.', defaultValue: 'newton',
    options: [
      { value: 'newton', label: 'Newton', description: 'Newton on the coupled system after a short warm-up.' },
      { value: 'picard', label: 'Picard', description: 'Damped fixed-point iteration.' },
      { value: 'fictitious_play', label: 'Fictitious play', description: 'Averaged best responses.' },
    ],
  },
  'solver.precision': {
    label: 'Compute precision',
    description: 'mixed: the multigrid preconditioner of the 2D/3D step solves works in float32 (18-23% faster measured); the Krylov iterations, residuals and stored fields stay float64, so the tolerance means the same.',
    defaultValue: 'float64',
    options: [
      { value: 'float64', label: 'float64', description: 'Everything in double precision' },
      { value: 'mixed', label: 'mixed', description: 'float32 multigrid preconditioner (2D/3D), the rest float64' },
    ],
  },
  'output.precision': {
    label: 'Stored precision', description: 'Precision of the stored fields (computation is float64, or mixed: see solver.precision).',
    defaultValue: 'float64',
    options: [
      { value: 'float64', label: 'float64', description: '8 bytes per value' },
      { value: 'float32', label: 'float32', description: '4 bytes per value, half the disk' },
    ],
  },
};

export interface FormulaFieldInfo {
  readonly label: string;
  readonly description: string;
  readonly defaultValue: string;
}

/** Where a formula lives in a spec: the obstacle belongs to the domain, the others to physics. */
export function formulaFieldPath(field: FormulaField): `physics.${Exclude<FormulaField, 'obstacle'>}` | 'domain.obstacle' {
  return field === 'obstacle' ? 'domain.obstacle' : `physics.${field}`;
}

export const FORMULA_FIELDS: Readonly<Record<FormulaField, FormulaFieldInfo>> = {
  potential: { label: 'Potential V(t, x)', description: 'Running cost of being at x at time t; a formula in x (y, z) and t.', defaultValue: '0' },
  terminal_cost: { label: 'Terminal cost g(x)', description: 'Cost at the final time, u(T, x) = g(x); a formula in x (y, z).', defaultValue: '0' },
  initial_density: { label: 'Initial density m0(x)', description: 'Density at t = 0, >= 0, normalised to mass 1; a formula in x (y, z).', defaultValue: '1' },
  exit_cost: { label: 'Exit cost g_exit(x)', description: 'Cost of leaving through an "exit" side (read only where a side is an exit); a formula in x (y, z).', defaultValue: '0' },
  obstacle: { label: 'Obstacle', description: 'Cells where this formula is non-zero are solid walls for both equations, e.g. (x-0.5)^2 + (y-0.5)^2 < 0.01; "0" for none.', defaultValue: '0' },
};

export interface BooleanFieldInfo {
  readonly label: string;
  readonly description: string;
  readonly defaultValue: boolean;
  /** The field only matters when another field has one of these values (e.g. only for Newton). */
  readonly readWhen?: { readonly path: EnumFieldPath; readonly values: readonly string[] };
}

export type BooleanFieldPath = 'solver.continuation' | 'solver.coarse_grids';

export const BOOLEAN_FIELDS: Readonly<Record<BooleanFieldPath, BooleanFieldInfo>> = {
  'solver.continuation': {
    label: 'Viscosity continuation',
    description: 'Newton first solves the problem with 4 and 2 times the viscosity (loosely), each from the last, then the real one: robust for small viscosity. Skipped when warm-started from a previous solution.',
    defaultValue: true,
    readWhen: { path: 'solver.method', values: ['newton'] },
  },
  'solver.coarse_grids': {
    label: 'Coarse-grid continuation',
    description: 'The continuation stages run on grids with a quarter and half the cells per axis (2D/3D, when every axis has an even number of cells and keeps at least 32), each solution interpolated to the next grid: the same answer, 2-3x faster on large grids. Only with viscosity continuation.',
    defaultValue: true,
    readWhen: { path: 'solver.method', values: ['newton'] },
  },
};

/** A file path (obstacle masks): absolute, or relative to the working directory of the solver. */
export const PATH_FIELDS = {
  'domain.obstacle_file': {
    label: 'Obstacle file', description: 'A mask file (.npy array of the grid\'s shape, or .pgm image, dark = solid) of solid cells; "" for none.',
    maxLength: 4096, defaultValue: '',
  },
} as const;

export interface TextFieldInfo {
  readonly label: string;
  readonly description: string;
  /** Limits in Unicode code points (what JSON Schema's minLength/maxLength count). */
  readonly minLength: number;
  readonly maxLength: number;
  readonly defaultValue: string;
}

export const TEXT_FIELDS: Readonly<Record<'name' | 'description', TextFieldInfo>> = {
  name: { label: 'Name', description: 'Short name of the problem, shown in run lists.', minLength: 1, maxLength: 200, defaultValue: 'untitled' },
  description: { label: 'Description', description: 'Free notes about the problem.', minLength: 0, maxLength: 10_000, defaultValue: '' },
};
