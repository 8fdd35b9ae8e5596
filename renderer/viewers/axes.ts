// Canvas 2D drawing shared by the plots: axes with ticks and labels, series, the time cursor, a
// colorbar, and the "nothing to show" message. Everything in CSS pixels, in the light theme's ink.

import { sampleColormap, type ColormapName } from '../model/colormaps.js';
import type { Scale } from '../model/scales.js';
import type { Tick } from '../model/ticks.js';
import type { Box } from './canvas-viewer.js';

export const INK = {
  text: '#1f2933',
  muted: '#52606d',
  axis: '#7b8794',
  grid: '#e4e7eb',
  cursor: '#d6336c',
  series: ['#1c64f2', '#e8590c', '#2f9e44', '#7048e8'],
  live: '#9aa5b1',
} as const;

export const FONT = '11px system-ui, -apple-system, "Segoe UI", sans-serif';
export const TITLE_FONT = '600 11px system-ui, -apple-system, "Segoe UI", sans-serif';

export function drawMessage(ctx: CanvasRenderingContext2D, width: number, height: number, text: string): void {
  ctx.fillStyle = INK.muted;
  ctx.font = FONT;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText(text, width / 2, height / 2);
}

export function drawXAxis(ctx: CanvasRenderingContext2D, box: Box, scale: Scale, ticks: readonly Tick[], label: string, grid = true): void {
  const bottom = box.top + box.height;
  ctx.font = FONT;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (const tick of ticks) {
    const x = Math.round(scale(tick.value)) + 0.5;
    if (!(x >= box.left - 1 && x <= box.left + box.width + 1)) continue;
    if (grid) {
      ctx.strokeStyle = INK.grid;
      ctx.beginPath();
      ctx.moveTo(x, box.top);
      ctx.lineTo(x, bottom);
      ctx.stroke();
    }
    ctx.strokeStyle = INK.axis;
    ctx.beginPath();
    ctx.moveTo(x, bottom);
    ctx.lineTo(x, bottom + 4);
    ctx.stroke();
    ctx.fillStyle = INK.muted;
    ctx.fillText(tick.label, x, bottom + 6);
  }
  ctx.fillStyle = INK.text;
  ctx.textAlign = 'right';
  ctx.fillText(label, box.left + box.width, bottom + 20);
}

export function drawYAxis(ctx: CanvasRenderingContext2D, box: Box, scale: Scale, ticks: readonly Tick[], label: string, grid = true): void {
  ctx.font = FONT;
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const tick of ticks) {
    const y = Math.round(scale(tick.value)) + 0.5;
    if (!(y >= box.top - 1 && y <= box.top + box.height + 1)) continue;
    if (grid) {
      ctx.strokeStyle = INK.grid;
      ctx.beginPath();
      ctx.moveTo(box.left, y);
      ctx.lineTo(box.left + box.width, y);
      ctx.stroke();
    }
    ctx.strokeStyle = INK.axis;
    ctx.beginPath();
    ctx.moveTo(box.left - 4, y);
    ctx.lineTo(box.left, y);
    ctx.stroke();
    ctx.fillStyle = INK.muted;
    ctx.fillText(tick.label, box.left - 6, y);
  }
  ctx.save();
  ctx.translate(11, box.top + box.height / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillStyle = INK.text;
  ctx.fillText(label, 0, 0);
  ctx.restore();
}

export function drawFrame(ctx: CanvasRenderingContext2D, box: Box): void {
  ctx.strokeStyle = INK.axis;
  ctx.lineWidth = 1;
  ctx.strokeRect(box.left + 0.5, box.top + 0.5, box.width - 1, box.height - 1);
}

export interface SeriesStyle {
  readonly color: string;
  readonly width?: number;
  readonly dash?: readonly number[];
}

/** A polyline through (xs[i], ys[i]); NaN or off-scale points break the line. */
export function drawSeries(
  ctx: CanvasRenderingContext2D, box: Box, xs: ArrayLike<number>, ys: ArrayLike<number>, x: Scale, y: Scale, style: SeriesStyle,
): void {
  ctx.save();
  ctx.beginPath();
  ctx.rect(box.left, box.top, box.width, box.height);
  ctx.clip();
  ctx.strokeStyle = style.color;
  ctx.lineWidth = style.width ?? 1.5;
  ctx.setLineDash(style.dash ?? []);
  ctx.beginPath();
  let drawing = false;
  const n = Math.min(xs.length, ys.length);
  for (let i = 0; i < n; i++) {
    const px = x(xs[i] as number);
    const py = y(ys[i] as number);
    if (!Number.isFinite(px) || !Number.isFinite(py)) {
      drawing = false;
      continue;
    }
    if (drawing) ctx.lineTo(px, py);
    else ctx.moveTo(px, py);
    drawing = true;
  }
  ctx.stroke();
  ctx.restore();
}

export function drawVerticalCursor(ctx: CanvasRenderingContext2D, box: Box, x: number): void {
  if (!Number.isFinite(x)) return;
  ctx.save();
  ctx.strokeStyle = INK.cursor;
  ctx.lineWidth = 1.5;
  ctx.beginPath();
  ctx.moveTo(Math.round(x) + 0.5, box.top);
  ctx.lineTo(Math.round(x) + 0.5, box.top + box.height);
  ctx.stroke();
  ctx.restore();
}

export function drawHorizontalCursor(ctx: CanvasRenderingContext2D, box: Box, y: number): void {
  if (!Number.isFinite(y)) return;
  ctx.save();
  ctx.strokeStyle = '#ffffff';
  ctx.lineWidth = 3;
  ctx.beginPath();
  ctx.moveTo(box.left, Math.round(y) + 0.5);
  ctx.lineTo(box.left + box.width, Math.round(y) + 0.5);
  ctx.stroke();
  ctx.strokeStyle = INK.cursor;
  ctx.lineWidth = 1.5;
  ctx.stroke();
  ctx.restore();
}

/** A vertical colorbar in `box` with the value ticks on its right. */
export function drawColorbar(ctx: CanvasRenderingContext2D, box: Box, colormap: ColormapName, scale: Scale, ticks: readonly Tick[]): void {
  for (let row = 0; row < box.height; row++) {
    const [r, g, b] = sampleColormap(colormap, 1 - row / Math.max(1, box.height - 1));
    ctx.fillStyle = `rgb(${r | 0}, ${g | 0}, ${b | 0})`;
    // A hair of overlap: no seams between rows when drawn at a fractional scale (exports at a DPI).
    ctx.fillRect(box.left, box.top + row, box.width, row === box.height - 1 ? 1 : 1.5);
  }
  drawFrame(ctx, box);
  ctx.font = FONT;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  ctx.fillStyle = INK.muted;
  for (const tick of ticks) {
    const y = Math.round(scale(tick.value)) + 0.5;
    if (y < box.top - 1 || y > box.top + box.height + 1) continue;
    ctx.strokeStyle = INK.axis;
    ctx.beginPath();
    ctx.moveTo(box.left + box.width, y);
    ctx.lineTo(box.left + box.width + 3, y);
    ctx.stroke();
    ctx.fillText(tick.label, box.left + box.width + 5, y);
  }
}

interface LegendEntry {
  readonly label: string;
  readonly style: SeriesStyle;
}

const LEGEND_ROW = 14;

/** Where each entry of a legend goes in rows of at most `maxWidth`, and the height they take. */
function layoutLegend(ctx: CanvasRenderingContext2D, maxWidth: number, entries: readonly LegendEntry[]): { x: number; row: number }[] {
  ctx.font = FONT;
  let x = 0;
  let row = 0;
  return entries.map((entry) => {
    const width = 22 + ctx.measureText(entry.label).width + 12;
    if (x > 0 && x + width > maxWidth) {
      x = 0;
      row += 1;
    }
    const place = { x, row };
    x += width;
    return place;
  });
}

/** The height a legend of these entries takes (reserve it even while some are not drawn). */
export function legendHeight(ctx: CanvasRenderingContext2D, maxWidth: number, entries: readonly LegendEntry[]): number {
  const places = layoutLegend(ctx, maxWidth, entries);
  return (Math.max(0, ...places.map((p) => p.row)) + 1) * LEGEND_ROW;
}

/**
 * A legend as rows of entries from (left, top), wrapped to `maxWidth`, above the plot box: a
 * legend never covers data. Entries with `hidden` keep their place empty, so nothing moves when
 * they appear.
 */
export function drawLegendRows(
  ctx: CanvasRenderingContext2D, left: number, top: number, maxWidth: number, entries: readonly (LegendEntry & { hidden?: boolean })[],
): void {
  const places = layoutLegend(ctx, maxWidth, entries);
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'left';
  entries.forEach((entry, i) => {
    const place = places[i];
    if (entry.hidden === true || place === undefined) return;
    const x = left + place.x;
    const y = top + place.row * LEGEND_ROW + LEGEND_ROW / 2;
    ctx.strokeStyle = entry.style.color;
    ctx.lineWidth = entry.style.width ?? 1.5;
    ctx.setLineDash(entry.style.dash ?? []);
    ctx.beginPath();
    ctx.moveTo(x, y);
    ctx.lineTo(x + 18, y);
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.fillStyle = INK.text;
    ctx.fillText(entry.label, x + 22, y);
  });
}
