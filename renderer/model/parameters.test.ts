import { describe, expect, it } from 'vitest';
import { defaultSpec } from '../../app/contract/index.js';
import {
  createParameters, editField, editFormulaText, editNumberText, fieldText, isModified, loadSpec, redoEdit,
  resetToBaseline, sealGesture, undoEdit,
} from './parameters.js';
import { setValue } from './spec-path.js';

const nu = { path: 'physics.viscosity' } as const;

describe('formula fields', () => {
  it('applies a formula that parses', () => {
    const params = editFormulaText(createParameters(), 'terminal_cost', '0.5*(x-0.7)^2', { label: 'g' });
    expect(params.spec.physics.terminal_cost).toBe('0.5*(x-0.7)^2');
    expect(fieldText(params, { path: 'physics.terminal_cost' })).toBeUndefined();
  });

  it('keeps the last valid formula and marks the error at its position', () => {
    let params = editFormulaText(createParameters(), 'initial_density', 'exp(-50*(x-0.3)^2)', { label: 'm0' });
    params = editFormulaText(params, 'initial_density', 'exp(-50*(x-0.3)^2) + sinn(x)', { label: 'm0' });
    expect(params.spec.physics.initial_density).toBe('exp(-50*(x-0.3)^2)');
    const draft = fieldText(params, { path: 'physics.initial_density' });
    expect(draft?.text).toBe('exp(-50*(x-0.3)^2) + sinn(x)');
    expect(draft?.position).toBe(21);
    expect(draft?.message).toContain("unknown function 'sinn'");
    // Fixing the text applies it and clears the error.
    params = editFormulaText(params, 'initial_density', 'exp(-50*(x-0.3)^2) + sin(x)', { label: 'm0' });
    expect(params.spec.physics.initial_density).toBe('exp(-50*(x-0.3)^2) + sin(x)');
    expect(fieldText(params, { path: 'physics.initial_density' })).toBeUndefined();
  });

  it('refuses variables the field may not use (t only in the potential)', () => {
    const refused = editFormulaText(createParameters(), 'terminal_cost', 'x*t', { label: 'g' });
    expect(refused.spec.physics.terminal_cost).toBe('0');
    expect(fieldText(refused, { path: 'physics.terminal_cost' })?.position).toBe(2);
    const accepted = editFormulaText(createParameters(), 'potential', 'x*t', { label: 'V' });
    expect(accepted.spec.physics.potential).toBe('x*t');
  });

  it('survives any text without throwing', () => {
    let params = createParameters();
    for (const text of ['', '(((', ')', '1e', '2^^3', 'x'.repeat(3000), '\u00e9', 'min(1)', '1/0']) {
      params = editFormulaText(params, 'potential', text, { label: 'V' });
    }
    expect(typeof params.spec.physics.potential).toBe('string');
  });

  it('merges a typing burst into one undo step', () => {
    let params = createParameters();
    for (const text of ['x', 'x+', 'x+1', 'x+12']) params = editFormulaText(params, 'potential', text, { label: 'V' });
    expect(params.history.past).toHaveLength(1);
    params = undoEdit(params);
    expect(params.spec.physics.potential).toBe('0');
  });
});

describe('number fields', () => {
  it('applies valid text and keeps a draft with the rule for invalid text', () => {
    let params = editNumberText(createParameters(), nu, '0.05', { label: 'ν' });
    expect(params.spec.physics.viscosity).toBe(0.05);
    params = editNumberText(params, nu, '-3', { label: 'ν' });
    expect(params.spec.physics.viscosity).toBe(0.05);
    expect(fieldText(params, nu)).toEqual({ text: '-3', message: 'expected a number >= 0, received -3' });
    params = editField(params, nu, 0.1, { label: 'ν' });
    expect(fieldText(params, nu)).toBeUndefined();
  });
});

describe('undo and redo of parameter changes', () => {
  it('undoes a slider drag as one step and redoes it', () => {
    let params = createParameters();
    for (const value of [0.02, 0.03, 0.04]) params = editField(params, nu, value, { label: 'ν', coalesce: true });
    params = sealGesture(params);
    params = editField(params, { path: 'physics.coupling.strength' }, 2, { label: 'λ' });
    params = undoEdit(params);
    expect(params.spec.physics.coupling.strength).toBe(0.5);
    expect(params.spec.physics.viscosity).toBe(0.04);
    params = undoEdit(params);
    expect(params.spec.physics.viscosity).toBe(0.01);
    params = redoEdit(redoEdit(params));
    expect(params.spec.physics).toMatchObject({ viscosity: 0.04, coupling: { strength: 2 } });
    expect(undoEdit(createParameters())).toEqual(createParameters());
  });

  it('drops drafts on undo (the text they belong to is replaced)', () => {
    let params = editField(createParameters(), nu, 0.2, { label: 'ν' });
    params = editFormulaText(params, 'potential', 'sinn(x)', { label: 'V' });
    params = undoEdit(params);
    expect(params.drafts).toEqual({});
  });

  it('loads a preset as one step and resets to it', () => {
    const preset = setValue(defaultSpec(), { path: 'physics.terminal_cost' }, '0.5*(x-0.7)^2');
    let params = loadSpec(createParameters(), preset, 'seed-002', 'Load preset');
    expect(params.presetId).toBe('seed-002');
    expect(isModified(params)).toBe(false);
    params = editField(params, nu, 0.3, { label: 'ν', coalesce: true });
    expect(isModified(params)).toBe(true);
    params = resetToBaseline(params);
    expect(params.spec).toEqual(preset);
    expect(isModified(params)).toBe(false);
    params = undoEdit(params); // back to the edited value
    expect(params.spec.physics.viscosity).toBe(0.3);
    params = undoEdit(undoEdit(params)); // before the preset
    expect(params.spec).toEqual(defaultSpec());
  });

  it('never merges a slider move into a preset load', () => {
    const preset = setValue(defaultSpec(), nu, 0.5);
    let params = editField(createParameters(), nu, 0.2, { label: 'ν', coalesce: true });
    params = loadSpec(params, preset, 'a', 'Load preset');
    params = editField(params, nu, 0.7, { label: 'ν', coalesce: true });
    expect(params.history.past.map((entry) => entry.label)).toEqual(['ν', 'Load preset', 'ν']);
  });
});
