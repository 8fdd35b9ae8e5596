import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandTasks } from './sweep.js';

const seed: unknown = JSON.parse(readFileSync(join(import.meta.dirname, '../../assets/presets/seed-002-congestion.json'), 'utf8'));

describe('expandTasks', () => {
  it('makes one task from a plain spec', () => {
    const tasks = expandTasks(seed, undefined);
    expect(tasks.ok && tasks.value.map((t) => t.parameters)).toEqual([{}]);
  });

  it('crosses grid axes, first axis slowest, and sets the values in each spec', () => {
    const tasks = expandTasks(seed, { kind: 'grid', axes: [
      { path: 'physics.coupling.strength', values: [0.25, 0.5] },
      { path: 'domain.points.0', values: [40, 60] },
    ] });
    if (!tasks.ok) throw new Error(tasks.error.message);
    expect(tasks.value.map((t) => [t.spec.physics.coupling.strength, t.spec.domain.points[0]])).toEqual([[0.25, 40], [0.25, 60], [0.5, 40], [0.5, 60]]);
    expect(tasks.value[3]?.parameters).toEqual({ 'physics.coupling.strength': 0.5, 'domain.points.0': 60 });
  });

  it('says which path is missing', () => {
    const tasks = expandTasks(seed, { kind: 'list', points: [{ 'physics.nope': 1 }] });
    expect(!tasks.ok && tasks.error.message).toMatch(/sweep path 'physics.nope': expected physics to have 'nope'/);
  });

  it('names the task whose value breaks the spec', () => {
    const tasks = expandTasks(seed, { kind: 'list', points: [{ 'physics.viscosity': 0.02 }, { 'physics.viscosity': -1 }] });
    expect(!tasks.ok && tasks.error.message).toMatch(/^task 1 \(\{"physics.viscosity":-1\}\) is invalid: physics.viscosity/);
  });
});
