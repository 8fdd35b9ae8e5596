import { describe, expect, it } from 'vitest';
import { addOpacityPoint, moveOpacityPoint, opacityAt, presetTransfer, transferTable } from './transfer-function.js';

describe('transfer functions', () => {
  const points = [{ s: 0, a: 0 }, { s: 0.5, a: 1 }, { s: 1, a: 0.5 }];

  it('interpolates opacity linearly between control points', () => {
    expect(opacityAt(points, 0.25)).toBeCloseTo(0.5);
    expect(opacityAt(points, 0.75)).toBeCloseTo(0.75);
    expect(opacityAt(points, -1)).toBe(0);
    expect(opacityAt(points, Number.NaN)).toBe(0);
  });

  it('bakes colour and opacity into a 256-entry table', () => {
    const table = transferTable({ colormap: 'viridis', reversed: false, opacity: points });
    expect(table.length).toBe(1024);
    expect(table[3]).toBe(0);
    expect(table[4 * 128 + 3]).toBeGreaterThan(250);
    const reversed = transferTable({ colormap: 'viridis', reversed: true, opacity: points });
    expect([...reversed.subarray(0, 3)]).toEqual([...table.subarray(1020, 1023)]);
  });

  it('keeps the ends pinned and inner points between neighbours when moved', () => {
    const moved = moveOpacityPoint(points, 1, 2, 3);
    expect(moved[1]).toEqual({ s: 1, a: 1 });
    expect(moveOpacityPoint(points, 0, 0.3, 0.2)[0]).toEqual({ s: 0, a: 0.2 });
    const added = addOpacityPoint(points, 0.25);
    expect(added.map((p) => p.s)).toEqual([0, 0.25, 0.5, 1]);
    expect(added[1]?.a).toBeCloseTo(0.5);
  });

  it('gives presets different curves', () => {
    const a = transferTable(presetTransfer('ramp', 'magma'));
    const b = transferTable(presetTransfer('band', 'magma'));
    expect([...a]).not.toEqual([...b]);
  });
});
