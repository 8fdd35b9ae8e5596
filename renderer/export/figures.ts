// Vector figures of the 1D views, built from the shown data (never from canvas pixels): the
// space-time maps of m and u (the map body is the only raster, with a vector colorbar), the time
// slice, mass over time and the convergence history. Sizes are in points and come from the export
// dialog; fonts and line widths from the style preset.

import type { Figure, FigureItem } from '../../app/contract/index.js';
import { encodePng } from '../../app/figure/png.js';
import { axesItems, colorbarItems, horizontalMarker, INK, seriesItems, titleItem, yLabelOffset, type AxisSpec, type PanelBox } from '../../app/figure/plot.js';
import type { FigureStyle } from '../../app/figure/style.js';
import { colormapRgba, sampleColormap, type ColormapName } from '../model/colormaps.js';
import { formatNumber } from '../model/format.js';
import { finiteRange } from '../model/field-stats.js';
import { paddedRange } from '../model/scales.js';
import { spaceTimePixels } from '../model/space-time-image.js';
import { linearTicks, logRange, logTicks } from '../model/ticks.js';
import { FIELD_LABELS, shownField, shownMass, type FieldName, type ShownField } from '../data/shown-fields.js';
import type { SliceCache } from '../data/slice-cache.js';
import { levelValues } from '../data/slice-cache.js';
import { settingsOf, type AppState } from '../state/store.js';
import { INK as SCREEN_INK } from '../viewers/axes.js';

export interface FigureRequest {
  readonly level: number;
  readonly widthPt: number;
  readonly heightPt: number;
  readonly style: FigureStyle;
  readonly transparent: boolean;
  /** Colour limits of the space-time heatmaps (default: the field's range). */
  readonly clim?: readonly [number, number];
}

export interface FigureData {
  readonly state: AppState;
  readonly cache: SliceCache;
}

type Builder = (data: FigureData, request: FigureRequest) => Figure | string;

/** Largest map body embedded per axis (the grid's own resolution below that). */
const MAX_BODY = 1024;
const COLORBAR_BANDS = 64;

const hex = (rgb: readonly number[]): string => `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;

function frame(title: string, request: FigureRequest, items: FigureItem[]): Figure {
  return { width: request.widthPt, height: request.heightPt, background: request.transparent ? null : '#ffffff', title, items };
}

/** The plot box of a panel inside `area`, leaving room for labels; `right` is extra room. */
function panelBox(area: PanelBox, y: AxisSpec, style: FigureStyle, right = 6, alignWith: readonly AxisSpec[] = []): PanelBox {
  // Stacked panels share the widest left margin, so their x axes line up.
  const left = Math.max(...[y, ...alignWith].map((axis) => yLabelOffset(axis, style))) + style.labelSize + 2;
  const top = style.labelSize + 6;
  const bottom = style.tickLength + style.tickSize + style.labelSize + 8;
  return { x: area.x + left, y: area.y + top, w: Math.max(10, area.w - left - right), h: Math.max(10, area.h - top - bottom) };
}

const ticksFor = (lo: number, hi: number, length: number, spacing: number) => linearTicks(lo, hi, Math.max(2, Math.floor(length / spacing)));

function spaceTimeFigure(field: FieldName): Builder {
  return ({ state, cache }, request) => {
    const data = shownField(state, cache, field);
    if (data === undefined || data.range === undefined) return 'this view has no finite values to draw yet';
    const colormap: ColormapName = settingsOf(state).colormap;
    const { style } = request;
    const times = data.shown.times;
    const [t0, t1] = [times[0] ?? 0, times[times.length - 1] ?? 1];
    const [lo, hi] = request.clim ?? [data.range.min, data.range.max];
    const y: AxisSpec = { domain: [t0, t1], ticks: ticksFor(t0, t1, request.heightPt, 36), label: 't' };
    const colorbarRoom = 10 + 6 + style.tickSize * 0.6 * 7;
    const box = panelBox({ x: 0, y: 0, w: request.widthPt, h: request.heightPt }, y, style, colorbarRoom);
    const xDomain: [number, number] = [data.shown.grid.lower[0] ?? 0, data.shown.grid.upper[0] ?? 1];
    const x: AxisSpec = { domain: xDomain, ticks: ticksFor(xDomain[0], xDomain[1], box.w, 50), label: 'x' };
    const width = Math.min(data.nx, MAX_BODY);
    const height = Math.min(data.levels, MAX_BODY);
    const pixels = spaceTimePixels({ values: data.slice.values, levels: data.levels, nx: data.nx, times, lo, hi }, colormapRgba(colormap), width, height);
    const bar = { x: box.x + box.w + 8, y: box.y, w: Math.max(4, style.tickSize), h: box.h };
    const colors = Array.from({ length: COLORBAR_BANDS }, (_, i) => hex(sampleColormap(colormap, i / (COLORBAR_BANDS - 1))));
    const label = FIELD_LABELS[field];
    return frame(`${label.name} ${label.symbol}(t,x)`, request, [
      { kind: 'image', x: box.x, y: box.y, w: box.w, h: box.h, png: encodePng(pixels, width, height), pixelated: true },
      ...axesItems(box, x, y, style),
      ...horizontalMarker(box, y, times[request.level] ?? t0, style),
      ...colorbarItems(bar, colors, { domain: [lo, hi], ticks: ticksFor(lo, hi, box.h, 30), label: '' }, style),
      titleItem(box.x, style.labelSize + 1, `${label.name} ${label.symbol}(t,x)`, style),
    ]);
  };
}

function profileAxis(data: ShownField, area: PanelBox): AxisSpec {
  const [lo, hi] = data.range === undefined ? [0, 1] : paddedRange(data.range.min, data.range.max);
  return { domain: [lo, hi], ticks: ticksFor(lo, hi, area.h, 30), label: `${data.field}(t,x)` };
}

function profilePanel(area: PanelBox, data: ShownField, level: number, color: string, style: FigureStyle, xLabel: boolean, other: AxisSpec): FigureItem[] {
  const values = levelValues(data.slice, level) ?? new Float64Array(0);
  const y = profileAxis(data, area);
  const box = panelBox(area, y, style, 6, [other]);
  const xDomain: [number, number] = [data.shown.grid.lower[0] ?? 0, data.shown.grid.upper[0] ?? 1];
  const x: AxisSpec = { domain: xDomain, ticks: ticksFor(xDomain[0], xDomain[1], box.w, 50), label: xLabel ? 'x' : '' };
  return [...axesItems(box, x, y, style), ...seriesItems(box, x, y, [{ xs: data.x, ys: values, color }], style)];
}

const sliceFigure: Builder = ({ state, cache }, request) => {
  const m = shownField(state, cache, 'm');
  const u = shownField(state, cache, 'u');
  if (m === undefined || u === undefined) return 'this view has nothing to draw yet';
  const { widthPt: w, heightPt: h, style } = request;
  const t = m.shown.times[request.level] ?? 0;
  const wide = w > 2 * h;
  const areas: PanelBox[] = wide
    ? [{ x: 0, y: 0, w: w / 2, h }, { x: w / 2, y: 0, w: w / 2, h }]
    : [{ x: 0, y: 0, w, h: h / 2 }, { x: 0, y: h / 2, w, h: h / 2 }];
  return frame(`m and u at t = ${formatNumber(t)}`, request, [
    ...profilePanel(areas[0] as PanelBox, m, request.level, SCREEN_INK.series[0], style, wide, profileAxis(u, areas[1] as PanelBox)),
    ...profilePanel(areas[1] as PanelBox, u, request.level, SCREEN_INK.series[1], style, true, profileAxis(m, areas[0] as PanelBox)),
    titleItem(4, style.labelSize + 1, `At t = ${formatNumber(t)}`, style),
  ]);
};

const massFigure: Builder = ({ state, cache }, request) => {
  const data = shownField(state, cache, 'm');
  if (data === undefined) return 'this view has nothing to draw yet';
  const mass = shownMass(data);
  const range = finiteRange(mass);
  if (range === undefined) return 'no finite mass (the solve diverged)';
  const reference = mass[0] ?? 1;
  const scale = Math.abs(reference) || 1;
  const change = mass.map((value) => (value - reference) / scale);
  const half = Math.max(Math.max(Math.abs(range.max - reference), Math.abs(range.min - reference)) / scale, 1e-9) * 1.25;
  const times = data.shown.times;
  const y: AxisSpec = { domain: [-half, half], ticks: ticksFor(-half, half, request.heightPt, 30), label: 'relative change of \\int m dx' };
  const box = panelBox({ x: 0, y: 0, w: request.widthPt, h: request.heightPt }, y, request.style);
  const x: AxisSpec = { domain: [times[0] ?? 0, times[times.length - 1] ?? 1], ticks: ticksFor(times[0] ?? 0, times[times.length - 1] ?? 1, box.w, 50), label: 't' };
  const t = times[request.level] ?? 0;
  return frame('Mass', request, [
    ...axesItems(box, x, y, request.style),
    ...seriesItems(box, x, y, [{ xs: times, ys: change, color: SCREEN_INK.series[0] }], request.style),
    ...seriesItems(box, x, y, [{ xs: [t, t], ys: [-half, half], color: INK.cursor, dash: [4, 2] }], request.style),
    titleItem(box.x, request.style.labelSize + 1, `Mass \\int m dx = ${formatNumber(mass[request.level], 10)}`, request.style),
  ]);
};

const convergenceFigure: Builder = ({ state }, request) => {
  const history = state.shown?.history ?? [];
  const tolerance = state.shown?.spec.solver.tolerance;
  const residuals = history.flatMap((p) => [p.residual, p.residual_hjb, p.residual_fp]).filter((v): v is number => v !== null);
  const range = logRange(tolerance === undefined ? residuals : [...residuals, tolerance]);
  if (history.length === 0 || range === undefined) return 'no iterations recorded';
  const last = Math.max(1, ...history.map((p) => p.iteration));
  const y: AxisSpec = { domain: range, ticks: logTicks(range[0], range[1], Math.max(2, Math.floor(request.heightPt / 24))), label: 'residual', log: true };
  const box = panelBox({ x: 0, y: 0, w: request.widthPt, h: request.heightPt }, y, request.style);
  const x: AxisSpec = { domain: [0, last], ticks: ticksFor(0, last, box.w, 50).filter((t) => Number.isInteger(t.value)), label: 'iteration' };
  const its = history.map((p) => p.iteration);
  const num = (v: number | null): number => v ?? Number.NaN;
  return frame('Convergence', request, [
    ...axesItems(box, x, y, request.style),
    ...seriesItems(box, x, y, [
      ...(tolerance === undefined ? [] : [{ xs: [0, last], ys: [tolerance, tolerance], color: INK.axis, dash: [6, 3] }]),
      { xs: its, ys: history.map((p) => num(p.residual_hjb)), color: SCREEN_INK.series[1], dash: [4, 2] },
      { xs: its, ys: history.map((p) => num(p.residual_fp)), color: SCREEN_INK.series[2], dash: [1.5, 1.5] },
      { xs: its, ys: history.map((p) => num(p.residual)), color: SCREEN_INK.series[0] },
    ], request.style),
    titleItem(box.x, request.style.labelSize + 1, 'Convergence: residual, HJB (dashed), Fokker-Planck (dotted)', request.style),
  ]);
};

/** The built-in vector figures, by view id. */
export const VECTOR_FIGURES: Readonly<Record<string, Builder>> = {
  'heatmap-m': spaceTimeFigure('m'),
  'heatmap-u': spaceTimeFigure('u'),
  slice: sliceFigure,
  mass: massFigure,
  convergence: convergenceFigure,
};
