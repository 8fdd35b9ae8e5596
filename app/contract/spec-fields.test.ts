import { describe, expect, it } from 'vitest';
import type { FormulaField } from './formula-ast.js';
import { defaultSpec } from './spec.js';
import {
  BOUNDARY_KINDS, COMPUTE_PRECISIONS, COUPLING_KINDS, ENUM_FIELDS, FORMULA_FIELDS, HAMILTONIAN_KINDS, MODELS, NUMERIC_FIELDS, PRECISIONS,
  SOLVER_METHODS, TEXT_FIELDS, formulaFieldPath, type EnumFieldPath, type NumericFieldInfo,
} from './spec-fields.js';
import { describeNumericRule } from './spec-parts.js';

/** Reads a dotted path out of the default spec, so the table can be compared with what parsing fills. */
function defaultAt(path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], defaultSpec());
}

function obeysRule(info: NumericFieldInfo, value: number): boolean {
  if (info.integer && !Number.isInteger(value)) return false;
  if (info.min !== null && (info.minExclusive ? value <= info.min : value < info.min)) return false;
  if (info.max !== null && (info.maxExclusive ? value >= info.max : value > info.max)) return false;
  return true;
}

describe('numeric field table', () => {
  it.each(Object.entries(NUMERIC_FIELDS))('%s: default and slider fit the validation limits', (path, info) => {
    if (info.defaultValue !== undefined) expect(defaultAt(path)).toBe(info.defaultValue);
    if (typeof info.defaultValue === 'number') expect(obeysRule(info, info.defaultValue)).toBe(true);
    expect(obeysRule(info, info.slider.min)).toBe(true);
    expect(obeysRule(info, info.slider.max)).toBe(true);
    expect(info.slider.min).toBeLessThan(info.slider.max);
    if (info.slider.log) expect(info.slider.min).toBeGreaterThan(0);
  });

  it('marks the parameters that span decades for a log-scale slider', () => {
    expect(NUMERIC_FIELDS['physics.viscosity'].slider.log).toBe(true);
    expect(NUMERIC_FIELDS['solver.tolerance'].slider.log).toBe(true);
    expect(NUMERIC_FIELDS['physics.coupling.strength'].slider.log).toBe(true);
    expect(NUMERIC_FIELDS['solver.relaxation'].slider.log).toBe(false);
  });

  it('says in words what each field accepts', () => {
    expect(describeNumericRule(NUMERIC_FIELDS['physics.viscosity'])).toBe('a number >= 0');
    expect(describeNumericRule(NUMERIC_FIELDS['physics.hamiltonian.exponent'])).toBe('a number in (1, 10]');
    expect(describeNumericRule(NUMERIC_FIELDS['physics.hamiltonian.speed_cap'])).toBe('a number > 0 or null');
    expect(describeNumericRule(NUMERIC_FIELDS['time.steps'])).toBe('an integer from 1 to 1000000');
    expect(describeNumericRule(NUMERIC_FIELDS['domain.lower'])).toBe('a finite number');
  });

  it('points "only read when" hints at real enum values', () => {
    for (const info of Object.values(NUMERIC_FIELDS)) {
      if (!info.readWhen) continue;
      const options = ENUM_FIELDS[info.readWhen.path].options.map((option) => option.value);
      expect(options).toContain(info.readWhen.value);
    }
  });
});

describe('enum, formula and text field tables', () => {
  const valuesByPath: Record<EnumFieldPath, readonly string[]> = {
    model: MODELS,
    'domain.boundary': BOUNDARY_KINDS,
    'physics.hamiltonian.kind': HAMILTONIAN_KINDS,
    'physics.coupling.kind': COUPLING_KINDS,
    'solver.method': SOLVER_METHODS,
    'solver.precision': COMPUTE_PRECISIONS,
    'output.precision': PRECISIONS,
  };

  it.each(Object.entries(ENUM_FIELDS))('%s: options match the schema and the default is one of them', (path, info) => {
    expect(info.options.map((option) => option.value)).toEqual(valuesByPath[path as EnumFieldPath]);
    if (info.defaultValue !== undefined) {
      expect(defaultAt(path)).toBe(info.defaultValue);
      expect(valuesByPath[path as EnumFieldPath]).toContain(info.defaultValue);
    }
  });

  it('formula and text defaults are the ones parsing fills', () => {
    for (const [kind, info] of Object.entries(FORMULA_FIELDS)) expect(defaultAt(formulaFieldPath(kind as FormulaField))).toBe(info.defaultValue);
    for (const [key, info] of Object.entries(TEXT_FIELDS)) expect(defaultAt(key)).toBe(info.defaultValue);
  });
});
