// The line cut of the 2D map: the shown field along x (at a fixed y) or along y (at a fixed x), at
// the time cursor, plotted against the coordinate, on the map's colour limits so levels compare.

import { formatNumber } from '../model/format.js';
import { linearScale, logScale, paddedRange } from '../model/scales.js';
import { linearTicks, logTicks } from '../model/ticks.js';
import { lineCut } from '../model/volume-grid.js';
import { FIELD_LABELS } from '../data/shown-fields.js';
import type { AppState } from '../state/store.js';
import { drawFrame, drawMessage, drawSeries, drawXAxis, drawYAxis, INK, TITLE_FONT } from './axes.js';
import { inside, type Box, type ViewerContext, type ViewerElements } from './canvas-viewer.js';
import { LevelViewer, type LevelScene } from './level-viewer.js';
import type { Context2D } from './map-draw.js';
import { cutIndex } from './map2d-viewer.js';
import { colorScaleFor } from './spatial-pictures.js';

interface Cut {
  readonly coords: Float64Array;
  readonly values: Float64Array;
  readonly along: 'x' | 'y';
  readonly at: number;
}

export class LineCutViewer extends LevelViewer {
  constructor(elements: ViewerElements, context: ViewerContext) {
    super(elements, context, 2, { id: 'linecut', title: 'Line cut' });
  }

  protected field(state: AppState) {
    return state.mapDisplay.field;
  }

  protected displayChanged(state: AppState, previous: AppState): boolean {
    return state.mapDisplay !== previous.mapDisplay;
  }

  private cut(scene: LevelScene, state: AppState): Cut {
    const data = state.mapDisplay.field === 'u' ? scene.pair.u : scene.pair.m;
    const [nx = 1, ny = 1] = data.dims;
    const { along } = state.mapDisplay.cut;
    const index = cutIndex(state, nx, ny);
    const axis = along === 'x' ? 0 : 1;
    const otherAxis = 1 - axis;
    const grid = scene.shown.grid;
    const n = along === 'x' ? nx : ny;
    const coords = Float64Array.from({ length: n }, (_, k) => (grid.lower[axis] ?? 0) + (k + 0.5) * (grid.spacing[axis] ?? 0));
    const values = lineCut(data.values, nx, ny, along, index);
    // Obstacle cells break the curve.
    const solid = lineCut(scene.pair.solid, nx, ny, along, index);
    for (let k = 0; k < n; k++) if (solid[k] === 1) values[k] = Number.NaN;
    return { coords, values, along, at: (grid.lower[otherAxis] ?? 0) + (index + 0.5) * (grid.spacing[otherAxis] ?? 0) };
  }

  private plotBox(width: number, height: number): Box {
    return { left: 56, top: 20, width: Math.max(10, width - 56 - 14), height: Math.max(10, height - 20 - 36) };
  }

  protected drawScene(ctx: Context2D, width: number, height: number, scene: LevelScene, state: AppState): string {
    const c = ctx as CanvasRenderingContext2D;
    const cut = this.cut(scene, state);
    const data = state.mapDisplay.field === 'u' ? scene.pair.u : scene.pair.m;
    const { scale } = colorScaleFor(state.mapDisplay.color, scene.global, data.stats);
    const box = this.plotBox(width, height);
    const label = FIELD_LABELS[state.mapDisplay.field];
    const other = cut.along === 'x' ? 'y' : 'x';
    c.font = TITLE_FONT;
    c.fillStyle = INK.text;
    c.textAlign = 'left';
    c.textBaseline = 'alphabetic';
    c.fillText(`${label.symbol} along ${cut.along} at ${other} = ${formatNumber(cut.at, 3)}, t = ${formatNumber(scene.shown.times[data.level] ?? 0, 4)}`, box.left, 13);
    if (scale === undefined) {
      drawMessage(c, width, height, 'No finite values on this line');
      return 'none';
    }
    const [lo, hi] = scale.log ? [scale.lo, scale.hi] : paddedRange(scale.lo, scale.hi);
    const x = linearScale([cut.coords[0] ?? 0, cut.coords[cut.coords.length - 1] ?? 1], [box.left, box.left + box.width]);
    const y = scale.log ? logScale([lo, hi], [box.top + box.height, box.top]) : linearScale([lo, hi], [box.top + box.height, box.top]);
    drawFrame(c, box);
    drawXAxis(c, box, x, linearTicks(x.domain[0], x.domain[1], Math.max(2, Math.floor(box.width / 60))), cut.along);
    drawYAxis(c, box, y, scale.log ? logTicks(lo, hi) : linearTicks(lo, hi, Math.max(2, Math.floor(box.height / 36))), label.symbol);
    drawSeries(c, box, cut.coords, cut.values, x, y, { color: INK.series[0] });
    let sum = 0;
    for (const v of cut.values) if (Number.isFinite(v)) sum += v;
    if (ctx === this.ctx) this.elements.canvas.dataset.sum = String(sum);
    return `${lo},${hi}`;
  }

  protected describePoint(px: number, py: number, state: AppState): string {
    const scene = this.scene(state);
    const box = this.plotBox(this.cssWidth, this.cssHeight);
    if (scene === undefined || !inside(box, px, py)) return '';
    const cut = this.cut(scene, state);
    const k = Math.min(cut.values.length - 1, Math.max(0, Math.floor(((px - box.left) / box.width) * cut.values.length)));
    return `${cut.along} = ${formatNumber(cut.coords[k] ?? 0)}, ${state.mapDisplay.field} = ${formatNumber(cut.values[k] ?? Number.NaN, 5)}`;
  }
}
