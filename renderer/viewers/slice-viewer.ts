// The time slice at the cursor: m(t, .) above u(t, .), sharing the x axis. Each axis keeps the
// field's range over all times, so playback shows the motion rather than a rescaling plot.

import { formatNumber } from '../model/format.js';
import { linearScale, nearestIndex, paddedRange, type Scale } from '../model/scales.js';
import { linearTicks } from '../model/ticks.js';
import { levelValues } from '../data/slice-cache.js';
import { emptyMessage, FIELD_LABELS, shownField, valueAt, type FieldName, type ShownField } from '../data/shown-fields.js';
import type { AppState } from '../state/store.js';
import { drawFrame, drawMessage, drawSeries, drawXAxis, drawYAxis, INK, TITLE_FONT } from './axes.js';
import { CanvasViewer, inside, type Box } from './canvas-viewer.js';

const FIELDS: readonly FieldName[] = ['m', 'u'];

export class SliceViewer extends CanvasViewer {
  protected needsRedraw(state: AppState, previous: AppState): boolean {
    return state.shown !== previous.shown || state.cursor.level !== previous.cursor.level;
  }

  /** Side by side in a wide view, stacked in a tall one. */
  private boxes(): Box[] {
    const left = 56;
    const right = 12;
    const top = 20;
    const bottom = 34;
    if (this.cssWidth > 2 * this.cssHeight) {
      const gap = 64;
      const width = Math.max(10, (this.cssWidth - left - right - gap) / 2);
      const height = Math.max(10, this.cssHeight - top - bottom);
      return [{ left, top, width, height }, { left: left + width + gap, top, width, height }];
    }
    const gap = 34;
    const height = Math.max(10, (this.cssHeight - top - bottom - gap) / 2);
    const width = Math.max(10, this.cssWidth - left - right);
    return [{ left, top, width, height }, { left, top: top + height + gap, width, height }];
  }

  private scales(data: ShownField, box: Box): { x: Scale; y: Scale } {
    const x = linearScale([data.shown.grid.lower[0] ?? 0, data.shown.grid.upper[0] ?? 1], [box.left, box.left + box.width]);
    const [lo, hi] = data.range === undefined ? [0, 1] : paddedRange(data.range.min, data.range.max);
    return { x, y: linearScale([lo, hi], [box.top + box.height, box.top]) };
  }

  protected draw(state: AppState): void {
    const canvas = this.elements.canvas;
    canvas.dataset.solution = state.shown?.key ?? '';
    canvas.dataset.level = String(state.cursor.level);
    const all = FIELDS.map((field) => shownField(state, this.context.cache, field));
    if (all.some((data) => data === undefined)) {
      drawMessage(this.ctx, this.cssWidth, this.cssHeight, emptyMessage(state));
      return;
    }
    const level = state.cursor.level;
    const t = state.shown?.times[level] ?? 0;
    this.ctx.font = TITLE_FONT;
    this.ctx.fillStyle = INK.text;
    this.ctx.textAlign = 'left';
    this.ctx.textBaseline = 'alphabetic';
    this.ctx.fillText(`At t = ${formatNumber(t)}`, 56, 13);
    const sums: string[] = [];
    const boxes = this.boxes();
    boxes.forEach((box, i) => {
      const data = all[i] as ShownField;
      const values = levelValues(data.slice, level) ?? new Float64Array(0);
      const { x, y } = this.scales(data, box);
      const stacked = boxes[1]!.left === box.left;
      drawXAxis(this.ctx, box, x, linearTicks(x.domain[0], x.domain[1], Math.max(2, Math.floor(box.width / 70))), !stacked || i === 1 ? 'x' : '');
      drawYAxis(this.ctx, box, y, linearTicks(y.domain[0], y.domain[1], Math.max(2, Math.floor(box.height / 30))), '');
      drawFrame(this.ctx, box);
      drawSeries(this.ctx, box, data.x, values, x, y, { color: INK.series[i] ?? INK.text, width: 2 });
      this.ctx.font = TITLE_FONT;
      this.ctx.fillStyle = INK.series[i] ?? INK.text;
      this.ctx.textAlign = 'right';
      this.ctx.textBaseline = 'top';
      this.ctx.fillText(`${FIELD_LABELS[data.field].symbol}(t, x)`, box.left + box.width - 6, box.top + 4);
      let sum = 0;
      for (const v of values) sum += v;
      sums.push(`${data.field}:${sum}`);
    });
    // What the plot shows, for tests and tools: the sum of each drawn curve's values.
    canvas.dataset.sums = sums.join(' ');
  }

  protected describePoint(px: number, py: number, state: AppState): string {
    const boxes = this.boxes();
    for (let i = 0; i < boxes.length; i++) {
      const box = boxes[i] as Box;
      if (!inside(box, px, py)) continue;
      const data = shownField(state, this.context.cache, FIELDS[i] as FieldName);
      if (data === undefined) return '';
      const { x } = this.scales(data, box);
      const cell = nearestIndex(x.invert(px), data.x[0] ?? 0, data.x[data.nx - 1] ?? 1, data.nx);
      const t = data.shown.times[state.cursor.level] ?? 0;
      return `x = ${formatNumber(data.x[cell] ?? 0)}, t = ${formatNumber(t)}, ${data.field} = ${formatNumber(valueAt(data, state.cursor.level, cell), 5)}`;
    }
    return '';
  }
}
