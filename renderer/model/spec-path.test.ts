import { describe, expect, it } from 'vitest';
import { defaultSpec } from '../../app/contract/index.js';
import { addressKey, getValue, gridKey, jsonEqual, setValue } from './spec-path.js';

describe('spec paths', () => {
  it('reads scalar, per-axis and boundary fields', () => {
    const spec = defaultSpec();
    expect(getValue(spec, { path: 'physics.viscosity' })).toBe(0.01);
    expect(getValue(spec, { path: 'domain.points', axis: 0 })).toBe(100);
    expect(getValue(spec, { path: 'domain.boundary', axis: 0, side: 'upper' })).toBe('wall');
    expect(getValue(spec, { path: 'physics.initial_density' })).toBe('1');
    expect(getValue(spec, { path: 'domain.points', axis: 2 })).toBeUndefined();
  });

  it('writes immutably and shares untouched sections', () => {
    const spec = defaultSpec();
    const next = setValue(spec, { path: 'physics.coupling.strength', axis: undefined }, 2);
    expect(next.physics.coupling.strength).toBe(2);
    expect(spec.physics.coupling.strength).toBe(0.5);
    expect(next.solver).toBe(spec.solver);
    expect(next.physics.hamiltonian).toBe(spec.physics.hamiltonian);
    expect(setValue(spec, { path: 'physics.viscosity' }, 0.01)).toBe(spec);
  });

  it('writes one axis of a per-axis field', () => {
    const next = setValue(defaultSpec(), { path: 'domain.points', axis: 0 }, 250);
    expect(next.domain.points).toEqual([250]);
    expect(Array.isArray(next.domain.points)).toBe(true);
  });

  it('keeps periodic boundaries paired on both sides', () => {
    const periodic = setValue(defaultSpec(), { path: 'domain.boundary', axis: 0, side: 'lower' }, 'periodic');
    expect(periodic.domain.boundary[0]).toEqual({ lower: 'periodic', upper: 'periodic' });
    const wall = setValue(periodic, { path: 'domain.boundary', axis: 0, side: 'upper' }, 'wall');
    expect(wall.domain.boundary[0]).toEqual({ lower: 'wall', upper: 'wall' });
    const exit = setValue(defaultSpec(), { path: 'domain.boundary', axis: 0, side: 'upper' }, 'exit');
    expect(exit.domain.boundary[0]).toEqual({ lower: 'wall', upper: 'exit' });
  });

  it('names addresses and compares specs by value', () => {
    expect(addressKey({ path: 'domain.boundary', axis: 0, side: 'lower' })).toBe('domain.boundary.0.lower');
    expect(addressKey({ path: 'solver.method' })).toBe('solver.method');
    expect(jsonEqual(defaultSpec(), defaultSpec())).toBe(true);
    expect(jsonEqual({ a: 1, b: [1, 2] }, { b: [1, 2], a: 1 })).toBe(true);
    expect(jsonEqual({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(jsonEqual([1], { 0: 1 })).toBe(false);
  });

  it('gives the same grid key when only physics or solver settings change', () => {
    const spec = defaultSpec();
    expect(gridKey(setValue(spec, { path: 'physics.viscosity' }, 0.2))).toBe(gridKey(spec));
    expect(gridKey(setValue(spec, { path: 'solver.method' }, 'picard'))).toBe(gridKey(spec));
    expect(gridKey(setValue(spec, { path: 'time.steps' }, 50))).not.toBe(gridKey(spec));
    expect(gridKey(setValue(spec, { path: 'domain.points', axis: 0 }, 50))).not.toBe(gridKey(spec));
  });
});
