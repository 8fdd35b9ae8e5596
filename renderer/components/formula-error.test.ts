import { describe, expect, it } from 'vitest';
import { errorSpan } from './formula-error.js';

describe('formula error marks', () => {
  it('mark the name or number at the error position', () => {
    expect(errorSpan('exp(x) + sinn(x)', 9)).toEqual({ start: 9, end: 13 });
    expect(errorSpan('1 + 2.5e3 x', 4)).toEqual({ start: 4, end: 9 });
  });

  it('mark one character for operators and nothing at the end of the text', () => {
    expect(errorSpan('x + * 2', 4)).toEqual({ start: 4, end: 5 });
    expect(errorSpan('sin(x', 5)).toEqual({ start: 5, end: 5 });
    expect(errorSpan('x', 99)).toEqual({ start: 1, end: 1 });
    expect(errorSpan('x', -3)).toEqual({ start: 0, end: 1 });
  });
});
