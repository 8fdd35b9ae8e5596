// Plot panels as figure items: a frame, ticks with labels, axis labels, line series, an image body
// with a vector colorbar. The callers (one per view) bring the data, the ticks and the colours;
// this file only places things, in points, by the style's sizes.

import type { FigureItem } from '../contract/index.js';
import type { FigureStyle } from './style.js';

export interface PanelBox {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

export interface AxisSpec {
  readonly domain: readonly [number, number];
  readonly ticks: readonly { readonly value: number; readonly label: string }[];
  readonly label: string;
  readonly log?: boolean;
}

export interface SeriesSpec {
  readonly xs: ArrayLike<number>;
  readonly ys: ArrayLike<number>;
  readonly color: string;
  readonly dash?: readonly number[];
}

export const INK = { text: '#1f2933', muted: '#3e4c59', axis: '#52606d', cursor: '#d6336c' } as const;

/** Maps a value of the axis onto [from, to] (log axes map log10); NaN off the domain of a log axis. */
export function axisMap(axis: AxisSpec, from: number, to: number): (value: number) => number {
  const t = axis.log === true ? Math.log10 : (v: number): number => v;
  const lo = t(axis.domain[0]);
  const hi = t(axis.domain[1]);
  const span = hi - lo === 0 ? 1 : hi - lo;
  return (value) => from + ((t(value) - lo) / span) * (to - from);
}

function text(x: number, y: number, label: string, size: number, anchor: 'start' | 'middle' | 'end', baseline: 'alphabetic' | 'middle' | 'top', extra: Partial<{ rotate: number; bold: boolean; color: string }> = {}): FigureItem {
  const { color = INK.text, ...rest } = extra;
  return { kind: 'text', x, y, text: label, size, color, anchor, baseline, ...rest };
}

function line(points: number[], stroke: string, width: number, dash?: readonly number[]): FigureItem {
  return dash === undefined ? { kind: 'path', points, stroke, width } : { kind: 'path', points, stroke, width, dash: [...dash] };
}

/** The frame, ticks and tick labels of both axes, and the axis labels. */
export function axesItems(box: PanelBox, x: AxisSpec, y: AxisSpec, style: FigureStyle): FigureItem[] {
  const items: FigureItem[] = [{ kind: 'rect', x: box.x, y: box.y, w: box.w, h: box.h, fill: null, stroke: INK.axis, width: style.axisWidth }];
  const bottom = box.y + box.h;
  const mx = axisMap(x, box.x, box.x + box.w);
  const my = axisMap(y, bottom, box.y);
  const inside = (v: number, lo: number, hi: number): boolean => Number.isFinite(v) && v >= lo - 0.01 && v <= hi + 0.01;
  for (const tick of x.ticks) {
    const px = mx(tick.value);
    if (!inside(px, box.x, box.x + box.w)) continue;
    items.push(line([px, bottom, px, bottom + style.tickLength], INK.axis, style.axisWidth));
    items.push(text(px, bottom + style.tickLength + 1.5, tick.label, style.tickSize, 'middle', 'top', { color: INK.muted }));
  }
  for (const tick of y.ticks) {
    const py = my(tick.value);
    if (!inside(py, box.y, bottom)) continue;
    items.push(line([box.x - style.tickLength, py, box.x, py], INK.axis, style.axisWidth));
    items.push(text(box.x - style.tickLength - 2, py, tick.label, style.tickSize, 'end', 'middle', { color: INK.muted }));
  }
  if (x.label !== '') items.push(text(box.x + box.w / 2, bottom + style.tickLength + style.tickSize + 4, x.label, style.labelSize, 'middle', 'top'));
  if (y.label !== '') items.push(text(box.x - yLabelOffset(y, style), box.y + box.h / 2, y.label, style.labelSize, 'middle', 'alphabetic', { rotate: 90 }));
  return items;
}

/** Room for the widest tick label (estimated at 0.6 em per character) and the label itself. */
export function yLabelOffset(y: AxisSpec, style: FigureStyle): number {
  const widest = Math.max(1, ...y.ticks.map((tick) => tick.label.length));
  return style.tickLength + 4 + widest * style.tickSize * 0.6 + 2;
}

/** Polylines of each series, broken at NaN or off-axis points. */
export function seriesItems(box: PanelBox, x: AxisSpec, y: AxisSpec, series: readonly SeriesSpec[], style: FigureStyle): FigureItem[] {
  const mx = axisMap(x, box.x, box.x + box.w);
  const my = axisMap(y, box.y + box.h, box.y);
  const items: FigureItem[] = [];
  for (const s of series) {
    let points: number[] = [];
    const flush = (): void => {
      if (points.length >= 4) items.push(line(points, s.color, style.lineWidth, s.dash));
      points = [];
    };
    const n = Math.min(s.xs.length, s.ys.length);
    for (let i = 0; i < n; i++) {
      const px = mx(s.xs[i] as number);
      const py = my(s.ys[i] as number);
      if (Number.isFinite(px) && Number.isFinite(py)) points.push(round(px), round(py));
      else flush();
    }
    flush();
  }
  return items;
}

/** Two decimals of a point are finer than any printer; it keeps files small. */
const round = (v: number): number => Math.round(v * 100) / 100;

/** A horizontal marker across the box at value `v` of axis `y` (the time cursor on a space-time map). */
export function horizontalMarker(box: PanelBox, y: AxisSpec, v: number, style: FigureStyle): FigureItem[] {
  const py = axisMap(y, box.y + box.h, box.y)(v);
  if (!Number.isFinite(py)) return [];
  return [line([box.x, py, box.x + box.w, py], INK.cursor, style.lineWidth, [4, 2])];
}

/** A vertical colorbar as stacked vector rectangles (no raster), with its ticks on the right. */
export function colorbarItems(box: PanelBox, colors: readonly string[], axis: AxisSpec, style: FigureStyle): FigureItem[] {
  const items: FigureItem[] = [];
  const step = box.h / Math.max(1, colors.length);
  colors.forEach((color, i) => {
    // Overlap by a hair so no seams show between bands when rasterised.
    items.push({ kind: 'rect', x: box.x, y: box.y + box.h - (i + 1) * step, w: box.w, h: step + 0.05, fill: color, stroke: null, width: 0 });
  });
  items.push({ kind: 'rect', x: box.x, y: box.y, w: box.w, h: box.h, fill: null, stroke: INK.axis, width: style.axisWidth });
  const my = axisMap(axis, box.y + box.h, box.y);
  for (const tick of axis.ticks) {
    const py = my(tick.value);
    if (!(py >= box.y - 0.01 && py <= box.y + box.h + 0.01)) continue;
    items.push(line([box.x + box.w, py, box.x + box.w + style.tickLength, py], INK.axis, style.axisWidth));
    items.push(text(box.x + box.w + style.tickLength + 2, py, tick.label, style.tickSize, 'start', 'middle', { color: INK.muted }));
  }
  return items;
}

export function titleItem(x: number, y: number, title: string, style: FigureStyle, anchor: 'start' | 'end' = 'start', color: string = INK.text): FigureItem {
  return text(x, y, title, style.labelSize, anchor, 'alphabetic', { bold: true, color });
}
