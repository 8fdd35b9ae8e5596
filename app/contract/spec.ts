// The problem spec (docs/spec.md, `mfg-spec` version 1) as one zod schema: parsing validates and
// fills every default, so a parsed spec is exactly what run.json records.

import { z } from 'zod';
import { describeReceived } from './received.js';
import {
  BOUNDARY_KINDS, COMPUTE_PRECISIONS, COUPLING_KINDS, HAMILTONIAN_KINDS, MODELS, PRECISIONS, SOLVER_METHODS,
} from './spec-fields.js';
import { toSpecIssues, type SpecIssue } from './spec-issues.js';
import {
  axisArray, axisNumbers, booleanField, enumField, enumValue, formulaField, nullableNumberField, numberField, pathField, section, textField,
} from './spec-parts.js';
import { checkDomain, checkFormulas } from './spec-refine.js';

export { formatSpecIssue, type SpecIssue } from './spec-issues.js';

export const SPEC_VERSION = 1;

const versionField = z
  .literal(SPEC_VERSION, {
    error: (issue) => {
      const newer = typeof issue.input === 'number' && issue.input > SPEC_VERSION
        ? '; this spec is for a newer MFG Workbench: update the solver' : '';
      return `expected ${SPEC_VERSION}, received ${describeReceived(issue.input)}${newer}`;
    },
  })
  .default(SPEC_VERSION)
  .meta({ title: 'Spec version', description: 'Format version of this document; must be 1.' });

const boundaryEntry = section('domain.boundary.*', {
  lower: enumValue('domain.boundary', BOUNDARY_KINDS),
  upper: enumValue('domain.boundary', BOUNDARY_KINDS),
}, 'an object {"lower": ..., "upper": ...}');

const domainSection = section('domain', {
  lower: axisNumbers('domain.lower'),
  upper: axisNumbers('domain.upper'),
  points: axisNumbers('domain.points'),
  boundary: axisArray(boundaryEntry, 'boundary objects').optional()
    .meta({ title: 'Boundary', description: 'Per axis {lower, upper}: "wall", "periodic" or "exit"; default all "wall".' }),
  obstacle: formulaField('obstacle'),
  obstacle_file: pathField('domain.obstacle_file'),
}, 'an object with lower, upper and points')
  .meta({ title: 'Domain', description: 'The box the problem lives in: per-axis bounds, cell counts and boundaries (1 to 3 axes).' })
  .superRefine(checkDomain)
  // The boundary default depends on the dimension, so it is filled here rather than by .default().
  .transform((domain) => ({
    ...domain,
    boundary: domain.boundary ?? domain.lower.map(() => ({ lower: 'wall' as const, upper: 'wall' as const })),
  }));

const timeSection = section('time', {
  horizon: numberField('time.horizon'),
  steps: numberField('time.steps'),
}, 'an object').meta({ title: 'Time', description: 'Horizon T and number of time steps.' });

const hamiltonianSection = section('physics.hamiltonian', {
  kind: enumField('physics.hamiltonian.kind', HAMILTONIAN_KINDS),
  exponent: numberField('physics.hamiltonian.exponent'),
  speed_cap: nullableNumberField('physics.hamiltonian.speed_cap'),
}, 'an object').meta({ title: 'Hamiltonian', description: 'Cost of moving: H(p).' });

const couplingSection = section('physics.coupling', {
  kind: enumField('physics.coupling.kind', COUPLING_KINDS),
  strength: numberField('physics.coupling.strength'),
  exponent: numberField('physics.coupling.exponent'),
}, 'an object').meta({ title: 'Coupling', description: 'Cost of crowding: f(m).' });

const physicsSection = section('physics', {
  viscosity: numberField('physics.viscosity'),
  hamiltonian: hamiltonianSection.prefault({}),
  coupling: couplingSection.prefault({}),
  potential: formulaField('potential'),
  terminal_cost: formulaField('terminal_cost'),
  initial_density: formulaField('initial_density'),
  exit_cost: formulaField('exit_cost'),
}, 'an object').meta({ title: 'Physics', description: 'Viscosity, Hamiltonian, coupling and the problem formulas.' });

const checkpointSection = section('solver.checkpoint', {
  every_iterations: numberField('solver.checkpoint.every_iterations'),
  every_seconds: numberField('solver.checkpoint.every_seconds'),
}, 'an object').meta({ title: 'Checkpoints', description: 'When mfg-solve writes a checkpoint to resume from (mfg-solve --resume).' });

const solverSection = section('solver', {
  method: enumField('solver.method', SOLVER_METHODS),
  tolerance: numberField('solver.tolerance'),
  max_iterations: numberField('solver.max_iterations'),
  relaxation: numberField('solver.relaxation'),
  warmup_iterations: numberField('solver.warmup_iterations'),
  continuation: booleanField('solver.continuation'),
  coarse_grids: booleanField('solver.coarse_grids'),
  precision: enumField('solver.precision', COMPUTE_PRECISIONS),
  checkpoint: checkpointSection.prefault({}),
}, 'an object').meta({ title: 'Solver', description: 'Iteration method and stopping rule.' });

const outputSection = section('output', {
  store_every: numberField('output.store_every'),
  precision: enumField('output.precision', PRECISIONS),
}, 'an object').meta({ title: 'Output', description: 'What the run directory keeps.' });

export const MfgSpecSchema = section('', {
  version: versionField,
  model: enumField('model', MODELS),
  name: textField('name'),
  description: textField('description'),
  domain: domainSection,
  time: timeSection.prefault({}),
  physics: physicsSection.prefault({}),
  solver: solverSection.prefault({}),
  output: outputSection.prefault({}),
}, 'a spec object with at least "domain"').superRefine(checkFormulas);

/** A parsed spec: every default filled in (what run.json records). */
export type MfgSpec = z.output<typeof MfgSpecSchema>;
/** What a user may write: every key but `domain` optional. */
export type MfgSpecInput = z.input<typeof MfgSpecSchema>;

export type SpecValidation = { ok: true; spec: MfgSpec } | { ok: false; issues: SpecIssue[] };

export function validateSpec(input: unknown): SpecValidation {
  const parsed = MfgSpecSchema.safeParse(input);
  return parsed.success ? { ok: true, spec: parsed.data } : { ok: false, issues: toSpecIssues(parsed.error.issues) };
}

/** The spec the app starts from: a 1D unit interval of 100 cells and every documented default. */
export function defaultSpec(): MfgSpec {
  return {
    version: 1,
    model: 'mfg',
    name: 'untitled',
    description: '',
    domain: { lower: [0], upper: [1], points: [100], boundary: [{ lower: 'wall', upper: 'wall' }], obstacle: '0', obstacle_file: '' },
    time: { horizon: 1, steps: 100 },
    physics: {
      viscosity: 0.01,
      hamiltonian: { kind: 'quadratic', exponent: 2, speed_cap: null },
      coupling: { kind: 'congestion', strength: 0.5, exponent: 1 },
      potential: '0',
      terminal_cost: '0',
      initial_density: '1',
      exit_cost: '0',
    },
    solver: { method: 'newton', tolerance: 1e-10, max_iterations: 100, relaxation: 0.5, warmup_iterations: 3, continuation: true, coarse_grids: true, precision: 'float64', checkpoint: { every_iterations: 0, every_seconds: 600 } },
    output: { store_every: 1, precision: 'float64' },
  };
}
