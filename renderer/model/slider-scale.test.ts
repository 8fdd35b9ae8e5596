import { describe, expect, it } from 'vitest';
import { NUMERIC_FIELDS } from '../../app/contract/index.js';
import { parseNumericInput } from './numeric-input.js';
import { roundSignificant, roundToStep, sliderScale } from './slider-scale.js';

describe('slider scales', () => {
  it('maps a log slider over decades with round values', () => {
    const scale = sliderScale(NUMERIC_FIELDS['physics.viscosity']); // 1e-4 .. 1
    expect(scale.toValue(0)).toBe(1e-4);
    expect(scale.toValue(scale.positions)).toBe(1);
    expect(scale.toValue(scale.positions / 2)).toBe(0.01);
    expect(scale.toPosition(0.01)).toBe(scale.positions / 2);
    expect(scale.toValue(scale.toPosition(0.05))).toBeCloseTo(0.05, 3);
    // Out of the slider's range (but valid): pinned to the ends.
    expect(scale.toPosition(0)).toBe(0);
    expect(scale.toPosition(5)).toBe(scale.positions);
  });

  it('maps a linear slider on its step and rounds integers', () => {
    const horizon = sliderScale(NUMERIC_FIELDS['time.horizon']); // 0.1 .. 10 step 0.1
    expect(horizon.positions).toBe(99);
    expect(horizon.toValue(horizon.toPosition(2.3))).toBe(2.3);
    const warmup = sliderScale(NUMERIC_FIELDS['solver.warmup_iterations']); // 0 .. 50 step 1
    expect(warmup.positions).toBe(50);
    expect(warmup.toValue(7)).toBe(7);
    const points = sliderScale(NUMERIC_FIELDS['domain.points']); // log 3 .. 10000, integer
    expect(Number.isInteger(points.toValue(123))).toBe(true);
    expect(points.toValue(0)).toBe(3);
    expect(points.toValue(points.positions)).toBe(10000);
  });

  it('rounds away binary noise', () => {
    expect(roundToStep(0.1 + 0.2, 0.1)).toBe(0.3);
    expect(roundToStep(7.000000001, 1)).toBe(7);
    expect(roundSignificant(0.012345, 3)).toBe(0.0123);
  });
});

describe('number fields', () => {
  it('accepts values inside the rule', () => {
    expect(parseNumericInput('0.02', NUMERIC_FIELDS['physics.viscosity'])).toEqual({ ok: true, value: 0.02 });
    expect(parseNumericInput(' 1e-3 ', NUMERIC_FIELDS['physics.viscosity'])).toEqual({ ok: true, value: 0.001 });
    expect(parseNumericInput('\u22122', NUMERIC_FIELDS['domain.lower'])).toEqual({ ok: true, value: -2 });
    expect(parseNumericInput('', NUMERIC_FIELDS['physics.hamiltonian.speed_cap'])).toEqual({ ok: true, value: null });
  });

  it('refuses values outside the rule with the contract wording', () => {
    expect(parseNumericInput('-1', NUMERIC_FIELDS['physics.viscosity'])).toEqual({ ok: false, message: 'expected a number >= 0, received -1' });
    expect(parseNumericInput('0', NUMERIC_FIELDS['time.horizon'])).toEqual({ ok: false, message: 'expected a number > 0, received 0' });
    expect(parseNumericInput('2.5', NUMERIC_FIELDS['time.steps'])).toMatchObject({ ok: false, message: expect.stringContaining('an integer from 1 to 1000000') });
    expect(parseNumericInput('abc', NUMERIC_FIELDS['physics.viscosity'])).toMatchObject({ ok: false, message: "expected a number >= 0, received 'abc'" });
    expect(parseNumericInput('0x10', NUMERIC_FIELDS['time.steps']).ok).toBe(false);
    expect(parseNumericInput('', NUMERIC_FIELDS['time.steps'])).toMatchObject({ ok: false, message: expect.stringContaining('received nothing') });
    expect(parseNumericInput('1', NUMERIC_FIELDS['solver.relaxation']).ok).toBe(true);
    expect(parseNumericInput('1.5', NUMERIC_FIELDS['solver.relaxation']).ok).toBe(false);
  });
});
