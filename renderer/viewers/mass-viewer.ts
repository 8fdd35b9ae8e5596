// Mass over time, h * sum(m), with the time cursor. The scheme conserves mass to round-off with
// walls and periodic boundaries, so the curve is the relative change from the initial mass, at
// the scale it actually has, and the title gives the mass itself at the cursor.

import { formatNumber } from '../model/format.js';
import { linearScale } from '../model/scales.js';
import { nearestLevel } from '../model/time-cursor.js';
import { linearTicks } from '../model/ticks.js';
import { finiteRange } from '../model/field-stats.js';
import { emptyMessage, shownField, shownMass } from '../data/shown-fields.js';
import type { AppState } from '../state/store.js';
import { drawFrame, drawMessage, drawSeries, drawVerticalCursor, drawXAxis, drawYAxis, INK, TITLE_FONT } from './axes.js';
import { CanvasViewer, inside, type Box } from './canvas-viewer.js';

export class MassViewer extends CanvasViewer {
  protected needsRedraw(state: AppState, previous: AppState): boolean {
    return state.shown !== previous.shown || state.cursor.level !== previous.cursor.level;
  }

  private box(): Box {
    return { left: 74, top: 20, width: Math.max(10, this.cssWidth - 74 - 12), height: Math.max(10, this.cssHeight - 20 - 34) };
  }

  protected draw(state: AppState): void {
    const data = shownField(state, this.context.cache, 'm');
    this.elements.canvas.dataset.solution = state.shown?.key ?? '';
    this.ctx.font = TITLE_FONT;
    this.ctx.fillStyle = INK.text;
    this.ctx.textAlign = 'left';
    this.ctx.textBaseline = 'alphabetic';
    if (data === undefined) {
      this.ctx.fillText('Mass ∫ m dx', 74, 13);
      drawMessage(this.ctx, this.cssWidth, this.cssHeight, emptyMessage(state));
      return;
    }
    const mass = shownMass(data);
    const times = data.shown.times;
    const range = finiteRange(mass);
    if (range === undefined) {
      drawMessage(this.ctx, this.cssWidth, this.cssHeight, 'No finite mass (the solve diverged)');
      return;
    }
    const reference = mass[0] ?? 1;
    const scale = Math.abs(reference) || 1;
    const change = mass.map((value) => (value - reference) / scale);
    const drift = Math.max(Math.abs(range.max - reference), Math.abs(range.min - reference)) / scale;
    // At least ±1e-9, so round-off reads as the flat line it is.
    const half = Math.max(drift, 1e-9) * 1.25;
    const box = this.box();
    const x = linearScale([times[0] ?? 0, times[times.length - 1] ?? 1], [box.left, box.left + box.width]);
    const y = linearScale([-half, half], [box.top + box.height, box.top]);
    drawXAxis(this.ctx, box, x, linearTicks(x.domain[0], x.domain[1], Math.max(2, Math.floor(box.width / 60))), 't');
    drawYAxis(this.ctx, box, y, linearTicks(-half, half, Math.max(2, Math.floor(box.height / 28))), 'relative change');
    drawFrame(this.ctx, box);
    drawSeries(this.ctx, box, times, change, x, y, { color: INK.series[0], width: 2 });
    drawVerticalCursor(this.ctx, box, x(times[state.cursor.level] ?? 0));
    this.ctx.font = TITLE_FONT;
    this.ctx.fillStyle = INK.text;
    this.ctx.textAlign = 'left';
    this.ctx.fillText(`Mass ∫ m dx = ${formatNumber(mass[state.cursor.level], 10)}`, 74, 13);
    // Inside the plot's top-right corner, clear of the title whatever the view's width.
    this.ctx.fillStyle = INK.muted;
    this.ctx.textAlign = 'right';
    this.ctx.textBaseline = 'top';
    this.ctx.fillText(`max drift ${formatNumber(drift, 2)}`, box.left + box.width - 6, box.top + 4);
    this.elements.canvas.dataset.drift = String(drift);
  }

  protected describePoint(px: number, py: number, state: AppState): string {
    const data = shownField(state, this.context.cache, 'm');
    const box = this.box();
    if (data === undefined || !inside(box, px, py)) return '';
    const times = data.shown.times;
    const x = linearScale([times[0] ?? 0, times[times.length - 1] ?? 1], [box.left, box.left + box.width]);
    const level = nearestLevel(times, x.invert(px));
    return `t = ${formatNumber(times[level] ?? 0)}, mass = ${formatNumber(shownMass(data)[level], 12)}`;
  }
}
