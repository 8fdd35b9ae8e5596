import { describe, expect, it } from 'vitest';
import { defaultSpec, type MfgSpec } from '../../app/contract/index.js';
import { domainPreview, PREVIEW_CELLS } from './domain-preview.js';

function spec2d(points: [number, number], obstacle: string): MfgSpec {
  const base = defaultSpec();
  return {
    ...base,
    domain: {
      ...base.domain, lower: [0, 0], upper: [2, 1], points, obstacle,
      boundary: [{ lower: 'wall', upper: 'exit' }, { lower: 'periodic', upper: 'periodic' }],
    },
  };
}

describe('domainPreview', () => {
  it('marks the obstacle cells of a non-square grid, x fastest and row 0 at the lowest y', () => {
    // Solid where x > 1.5 and y < 0.5: columns 6, 7 of 8 (x centres 1.625, 1.875), rows 0, 1 of 4.
    const preview = domainPreview(spec2d([8, 4], '(x > 1.5)*(y < 0.5)').domain);
    expect(preview).toBeDefined();
    if (preview === undefined) return;
    expect([preview.nx, preview.ny]).toEqual([8, 4]);
    const solidAt = [...preview.solid.entries()].filter(([, v]) => v === 1).map(([i]) => [i % 8, Math.floor(i / 8)]);
    expect(solidAt).toEqual([[6, 0], [7, 0], [6, 1], [7, 1]]);
    expect(preview.solidCells).toBe(4);
    expect(preview.sides).toEqual({ left: 'wall', right: 'exit', bottom: 'periodic', top: 'periodic' });
  });

  it('caps each axis so that fine grids preview quickly, and previews the middle z plane in 3D', () => {
    const wide = domainPreview(spec2d([1000, 3], '0').domain);
    expect([wide?.nx, wide?.ny, wide?.solidCells]).toEqual([PREVIEW_CELLS, 3, 0]);
    const base = defaultSpec();
    const ball: MfgSpec = {
      ...base,
      domain: {
        ...base.domain, lower: [0, 0, 0], upper: [1, 1, 1], points: [10, 10, 10], obstacle: '(x-0.5)^2 + (y-0.5)^2 + (z-0.5)^2 < 0.04',
        boundary: [{ lower: 'wall', upper: 'wall' }, { lower: 'wall', upper: 'wall' }, { lower: 'wall', upper: 'wall' }],
      },
    };
    const preview = domainPreview(ball.domain);
    expect(preview?.note).toBe('z = 0.550');
    // The plane z = 0.55 cuts the ball of radius 0.2 in a disc of radius sqrt(0.04 - 0.0025) ~ 0.19.
    expect(preview?.solidCells).toBe(12);
  });

  it('refuses arrays that do not describe a grid', () => {
    const base = defaultSpec();
    expect(domainPreview({ ...base.domain, lower: [0, 0], upper: [1] })).toBeUndefined();
  });
});
