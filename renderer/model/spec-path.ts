// Reading and writing one field of a spec by its dotted path (the keys of the contract's field
// tables), immutably: a write copies the objects along the path and shares the rest, so unchanged
// sections keep their identity and selectors on them do not fire.

import { formulaFieldPath, type BooleanFieldPath, type EnumFieldPath, type FormulaField, type MfgSpec, type NumericFieldPath } from '../../app/contract/index.js';

/** Where each formula lives in a spec: the obstacle is part of the domain, the others of physics. */
export type FormulaPath = `physics.${Exclude<FormulaField, 'obstacle'>}` | 'domain.obstacle';
export type TextPath = 'name' | 'description';
export type SpecPath = NumericFieldPath | EnumFieldPath | BooleanFieldPath | FormulaPath | TextPath;

/** A field, and for per-axis fields the axis (and for boundaries the side). */
export interface FieldAddress {
  readonly path: SpecPath;
  readonly axis?: number;
  readonly side?: 'lower' | 'upper';
}

export function formulaPath(field: FormulaField): FormulaPath {
  return formulaFieldPath(field);
}

/**
 * A stable key for an address, written like the contract's SpecIssue paths so that a validation
 * issue finds its field: 'physics.viscosity', 'domain.points.0', 'domain.boundary.0.lower'.
 */
export function addressKey(address: FieldAddress): string {
  return keysOf(address).join('.');
}

function keysOf(address: FieldAddress): (string | number)[] {
  const keys: (string | number)[] = address.path.split('.');
  if (address.axis !== undefined) keys.push(address.axis);
  if (address.side !== undefined) keys.push(address.side);
  return keys;
}

export function getValue(spec: MfgSpec, address: FieldAddress): unknown {
  let node: unknown = spec;
  for (const key of keysOf(address)) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}

function setIn(node: unknown, keys: readonly (string | number)[], value: unknown): unknown {
  const [key, ...rest] = keys;
  if (key === undefined) return value;
  const current = typeof node === 'object' && node !== null ? node : {};
  const child = setIn((current as Record<string | number, unknown>)[key], rest, value);
  if (Array.isArray(current)) {
    const copy = [...current];
    copy[key as number] = child;
    return copy;
  }
  return { ...current, [key]: child };
}

/** The spec with one field changed; the same object when the value is already there. */
export function setValue(spec: MfgSpec, address: FieldAddress, value: unknown): MfgSpec {
  if (Object.is(getValue(spec, address), value)) return spec;
  let next = setIn(spec, keysOf(address), value) as MfgSpec;
  if (address.path === 'domain.boundary' && address.axis !== undefined && address.side !== undefined) {
    next = pairPeriodicSides(next, address.axis, address.side);
  }
  return next;
}

/**
 * 'periodic' must be on both sides of an axis (docs/spec.md): choosing it on one side sets the
 * other; leaving it on one side sets the other side to the same new kind.
 */
function pairPeriodicSides(spec: MfgSpec, axis: number, changed: 'lower' | 'upper'): MfgSpec {
  const entry = spec.domain.boundary[axis];
  if (entry === undefined) return spec;
  const other = changed === 'lower' ? 'upper' : 'lower';
  const chosen = entry[changed];
  const needsPair = chosen === 'periodic' ? entry[other] !== 'periodic' : entry[other] === 'periodic';
  return needsPair ? (setIn(spec, ['domain', 'boundary', axis, other], chosen) as MfgSpec) : spec;
}

/** Deep equality for JSON-like values (specs): key order does not matter. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((value, i) => jsonEqual(value, b[i]));
  const aKeys = Object.keys(a);
  const bKeys = Object.keys(b);
  if (aKeys.length !== bKeys.length) return false;
  return aKeys.every((key) => Object.hasOwn(b, key) && jsonEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}

/**
 * What must match for a solution to warm-start another: the same grid in space and time and the
 * same boundaries (Newton starts from the old u and m, level by level, cell by cell).
 */
export function gridKey(spec: MfgSpec): string {
  const { lower, upper, points, boundary } = spec.domain;
  return JSON.stringify([lower, upper, points, boundary, spec.time.horizon, spec.time.steps, spec.output.store_every]);
}
