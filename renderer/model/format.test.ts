import { describe, expect, it } from 'vitest';
import { formatDate, formatDuration, formatEditable, formatNumber, formatStatus, formatWithUnit } from './format.js';

describe('value formatting', () => {
  it('uses significant digits in the readable range and exponents outside it', () => {
    expect(formatNumber(0.01)).toBe('0.01');
    expect(formatNumber(1 / 3)).toBe('0.3333');
    expect(formatNumber(12345.678)).toBe('12350');
    expect(formatNumber(1e-10)).toBe('1e−10');
    expect(formatNumber(3.14159e-7, 3)).toBe('3.14e−7');
    expect(formatNumber(2.5e6)).toBe('2.5e6');
    expect(formatNumber(-0.5)).toBe('−0.5');
    expect(formatNumber(0)).toBe('0');
  });

  it('shows missing and non-finite values without crashing', () => {
    expect(formatNumber(null)).toBe('—');
    expect(formatNumber(undefined)).toBe('—');
    expect(formatNumber(Number.NaN)).toBe('—');
    expect(formatNumber(Number.POSITIVE_INFINITY)).toBe('∞');
    expect(formatWithUnit(null, 'time')).toBe('—');
  });

  it('writes editable numbers in a syntax the number field reads back', () => {
    for (const value of [0.01, 1e-10, 0.5, 100, 1234567, -0.25, 1e-14, 0.0001]) {
      expect(Number(formatEditable(value))).toBeCloseTo(value, 12);
    }
    expect(formatEditable(1e-10)).toBe('1e-10');
    expect(formatEditable(0.01)).toBe('0.01');
    expect(formatEditable(null)).toBe('');
  });

  it('appends units', () => {
    expect(formatWithUnit(0.01, 'length²/time')).toBe('0.01 length²/time');
    expect(formatWithUnit(2, '')).toBe('2');
  });

  it('formats durations in the most readable unit', () => {
    expect(formatDuration(0.0000125)).toBe('13 µs');
    expect(formatDuration(0.01234)).toBe('12.3 ms');
    expect(formatDuration(4.5678)).toBe('4.57 s');
    expect(formatDuration(125)).toBe('2 min 05 s');
    expect(formatDuration(-1)).toBe('—');
  });

  it('formats dates and statuses', () => {
    expect(formatDate('not a date')).toBe('—');
    expect(formatDate(null)).toBe('—');
    expect(formatDate('2026-11-22T19:05:00.000Z')).toMatch(/^2026-11-2[23] \d\d:\d5$/);
    expect(formatStatus('not_converged')).toBe('not converged');
    expect(formatStatus('damaged')).toBe('damaged');
  });
});
