import { describe, expect, it } from 'vitest';
import { cellAt, mapLayout } from './map-draw.js';

describe('map layout', () => {
  it('keeps the domain aspect ratio and puts the colour bar right of the plot', () => {
    const square = mapLayout(400, 300, { extent: { x: [0, 1], y: [0, 1] } });
    expect(square.plot.width).toBeCloseTo(square.plot.height);
    expect(square.bar.left).toBeGreaterThan(square.plot.left + square.plot.width);
    const wide = mapLayout(400, 300, { extent: { x: [0, 2], y: [0, 1] } });
    expect(wide.plot.width / wide.plot.height).toBeCloseTo(2);
  });

  it('finds the cell under a point, y upwards, and nothing outside the plot', () => {
    const layout = mapLayout(400, 300, { extent: { x: [0, 1], y: [0, 1] } });
    const { plot } = layout;
    const grid = { nx: 10, ny: 5 };
    expect(cellAt(layout, grid, plot.left + 1, plot.top + plot.height - 1)).toEqual({ i: 0, j: 0 });
    expect(cellAt(layout, grid, plot.left + plot.width - 1, plot.top + 1)).toEqual({ i: 9, j: 4 });
    expect(cellAt(layout, grid, plot.left - 5, plot.top + 5)).toBeUndefined();
  });
});
