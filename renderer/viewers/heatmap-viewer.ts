// Space-time heatmap of one field: x across, t upwards, colour by value with a colorbar, the time
// cursor as a line. The image is painted once per (solution, field, colormap) into an offscreen
// canvas at data resolution (capped), so cursor moves only re-composite it.

import { colormapRgba, type ColormapName } from '../model/colormaps.js';
import { formatNumber } from '../model/format.js';
import { linearScale } from '../model/scales.js';
import { spaceTimePixels } from '../model/space-time-image.js';
import { nearestLevel } from '../model/time-cursor.js';
import { linearTicks } from '../model/ticks.js';
import { emptyMessage, FIELD_LABELS, shownField, valueAt, type FieldName, type ShownField } from '../data/shown-fields.js';
import { settingsOf, type AppState } from '../state/store.js';
import { drawColorbar, drawFrame, drawHorizontalCursor, drawMessage, drawXAxis, drawYAxis, TITLE_FONT, INK } from './axes.js';
import { CanvasViewer, inside, type Box, type ViewerContext, type ViewerElements } from './canvas-viewer.js';

/** Largest image painted per axis; larger grids are sampled (the screen has fewer pixels anyway). */
const MAX_IMAGE_SIDE = 1024;

interface Painted {
  readonly slice: object;
  readonly colormap: ColormapName;
  readonly image: HTMLCanvasElement;
}

export class HeatmapViewer extends CanvasViewer {
  private painted: Painted | undefined;

  constructor(elements: ViewerElements, context: ViewerContext, private readonly field: FieldName) {
    super(elements, context);
    // Clicking or dragging on the map moves the time cursor to that time.
    const seek = (event: Event): void => {
      const pointer = event as PointerEvent;
      if (pointer.type === 'pointermove' && pointer.buttons !== 1) return;
      const rect = elements.canvas.getBoundingClientRect();
      const level = this.levelAt(pointer.clientY - rect.top);
      if (level !== undefined) context.setLevel(level);
    };
    this.on(elements.canvas, 'pointerdown', seek);
    this.on(elements.canvas, 'pointermove', seek);
  }

  protected needsRedraw(state: AppState, previous: AppState): boolean {
    return state.shown !== previous.shown || state.cursor.level !== previous.cursor.level
      || settingsOf(state).colormap !== settingsOf(previous).colormap;
  }

  private layout(): { plot: Box; bar: Box } {
    const plot = { left: 46, top: 20, width: Math.max(10, this.cssWidth - 46 - 70), height: Math.max(10, this.cssHeight - 20 - 34) };
    const bar = { left: plot.left + plot.width + 12, top: plot.top, width: 12, height: plot.height };
    return { plot, bar };
  }

  protected draw(state: AppState): void {
    const canvas = this.elements.canvas;
    const data = shownField(state, this.context.cache, this.field);
    const label = FIELD_LABELS[this.field];
    canvas.dataset.solution = state.shown?.key ?? '';
    canvas.dataset.level = String(state.cursor.level);
    if (data === undefined) {
      canvas.dataset.range = '';
      drawMessage(this.ctx, this.cssWidth, this.cssHeight, emptyMessage(state));
      return;
    }
    const colormap = settingsOf(state).colormap;
    const { plot, bar } = this.layout();
    const { times } = data.shown;
    const tMax = times[times.length - 1] ?? 1;
    const tMin = times[0] ?? 0;
    const x = linearScale([data.shown.grid.lower[0] ?? 0, data.shown.grid.upper[0] ?? 1], [plot.left, plot.left + plot.width]);
    const t = linearScale([tMin, tMax], [plot.top + plot.height, plot.top]);
    const range = data.range;
    canvas.dataset.range = range === undefined ? 'none' : `${range.min},${range.max}`;
    canvas.dataset.colormap = colormap;

    this.ctx.imageSmoothingEnabled = false;
    this.ctx.drawImage(this.paint(data, colormap), plot.left, plot.top, plot.width, plot.height);
    drawFrame(this.ctx, plot);
    drawXAxis(this.ctx, plot, x, linearTicks(x.domain[0], x.domain[1], Math.max(2, Math.floor(plot.width / 60))), 'x', false);
    drawYAxis(this.ctx, plot, t, linearTicks(tMin, tMax, Math.max(2, Math.floor(plot.height / 40))), 't', false);
    drawHorizontalCursor(this.ctx, plot, t(times[state.cursor.level] ?? 0));
    this.ctx.font = TITLE_FONT;
    this.ctx.fillStyle = INK.text;
    this.ctx.textAlign = 'left';
    this.ctx.textBaseline = 'alphabetic';
    this.ctx.fillText(`${label.name} ${label.symbol}(t, x)`, plot.left, 13);
    if (range === undefined) {
      drawMessage(this.ctx, this.cssWidth, this.cssHeight, 'No finite values (the solve diverged)');
      return;
    }
    const valueScale = linearScale([range.min, range.max], [bar.top + bar.height, bar.top]);
    drawColorbar(this.ctx, bar, colormap, valueScale, linearTicks(range.min, range.max, Math.max(2, Math.floor(bar.height / 36))));
  }

  /** The field as an image, time upwards; repainted only for a new slice or colormap. */
  private paint(data: ShownField, colormap: ColormapName): HTMLCanvasElement {
    if (this.painted?.slice === data.slice && this.painted.colormap === colormap) return this.painted.image;
    const width = Math.min(data.nx, MAX_IMAGE_SIDE);
    const height = Math.min(data.levels, MAX_IMAGE_SIDE);
    const image = document.createElement('canvas');
    image.width = width;
    image.height = height;
    const imageCtx = image.getContext('2d');
    if (imageCtx === null) return image;
    const pixels = imageCtx.createImageData(width, height);
    const field = { values: data.slice.values, levels: data.levels, nx: data.nx, times: data.shown.times, lo: data.range?.min ?? 0, hi: data.range?.max ?? 1 };
    pixels.data.set(spaceTimePixels(field, colormapRgba(colormap), width, height));
    imageCtx.putImageData(pixels, 0, 0);
    this.painted = { slice: data.slice, colormap, image };
    return image;
  }

  private levelAt(y: number): number | undefined {
    const state = this.context.store.getState();
    const shown = state.shown;
    if (shown === null || shown.times.length === 0) return undefined;
    const { plot } = this.layout();
    if (y < plot.top - 4 || y > plot.top + plot.height + 4) return undefined;
    return nearestLevel(shown.times, this.timeAt(shown.times, y));
  }

  private timeAt(times: Float64Array, y: number): number {
    const { plot } = this.layout();
    const fraction = 1 - (y - plot.top) / plot.height;
    return (times[0] ?? 0) + fraction * ((times[times.length - 1] ?? 1) - (times[0] ?? 0));
  }

  protected describePoint(px: number, py: number, state: AppState): string {
    const data = shownField(state, this.context.cache, this.field);
    const { plot } = this.layout();
    if (data === undefined || !inside(plot, px, py)) return '';
    const cell = Math.min(data.nx - 1, Math.max(0, Math.floor(((px - plot.left) / plot.width) * data.nx)));
    const level = Math.min(data.levels - 1, nearestLevel(data.shown.times, this.timeAt(data.shown.times, py)));
    const t = data.shown.times[level] ?? 0;
    return `x = ${formatNumber(data.x[cell] ?? 0)}, t = ${formatNumber(t)}, ${data.field} = ${formatNumber(valueAt(data, level, cell), 5)}`;
  }
}
