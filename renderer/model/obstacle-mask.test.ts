import { describe, expect, it } from 'vitest';
import { formulaMask } from './obstacle-mask.js';

describe('formulaMask', () => {
  it('marks cells whose centre makes the formula non-zero', () => {
    const grid = { points: [4, 2], lower: [0, 0], spacing: [0.25, 0.5] };
    const mask = formulaMask('(x > 0.5) * (y < 0.5)', grid);
    expect([...(mask ?? [])]).toEqual([0, 0, 1, 1, 0, 0, 0, 0]);
  });

  it('reads z in 3D and gives nothing for an empty or unparsable formula', () => {
    const grid = { points: [2, 2, 2], lower: [0, 0, 0], spacing: [0.5, 0.5, 0.5] };
    expect([...(formulaMask('z > 0.5', grid) ?? [])]).toEqual([0, 0, 0, 0, 1, 1, 1, 1]);
    expect(formulaMask('0', grid)).toBeUndefined();
    expect(formulaMask('x >', grid)).toBeUndefined();
    expect(formulaMask('x > 5', grid)).toBeUndefined();
  });
});
