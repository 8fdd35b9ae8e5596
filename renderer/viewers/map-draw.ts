// Drawing of a scalar map (a 2D field, or a plane of a 3D one) into any canvas 2D context at any
// size: the image with obstacles, contour lines, velocity arrows, the line-cut marker, axes and a
// colour bar. Shared by the on-screen views and their export frames, so both show the same picture.

import { contourLevels, contourSegments } from '../model/marching-squares.js';
import { scaleIndex, scaleTable, scaleValue, type ColorScale } from '../model/color-scale.js';
import { linearScale, logScale } from '../model/scales.js';
import { linearTicks, logTicks } from '../model/ticks.js';
import type { VelocityField } from '../model/velocity.js';
import { drawFrame, drawMessage, drawXAxis, drawYAxis, FONT, INK, TITLE_FONT } from './axes.js';
import type { Box } from './canvas-viewer.js';

export type Context2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

export interface MapPicture {
  /** Row-major, x fastest; row 0 is the lowest y. */
  readonly values: ArrayLike<number>;
  readonly nx: number;
  readonly ny: number;
  readonly extent: { readonly x: readonly [number, number]; readonly y: readonly [number, number] };
  readonly axisLabels: readonly [string, string];
  readonly title: string;
  /** Undefined when nothing can be coloured (no finite value, or no positive one on a log axis). */
  readonly scale: ColorScale | undefined;
  /** Where the colour limits came from, shown above the colour bar. */
  readonly limitsNote: string;
  /** 1 where a cell is an obstacle. */
  readonly solid?: Uint8Array | undefined;
  readonly contours: number;
  readonly arrows?: VelocityField | undefined;
  /** A line cut to mark: along x at row `index`, or along y at column `index`. */
  readonly cut?: { readonly along: 'x' | 'y'; readonly index: number } | undefined;
  /** Sides of the domain that are exits (agents leave there), drawn as green edges. */
  readonly exits?: { readonly left: boolean; readonly right: boolean; readonly bottom: boolean; readonly top: boolean } | undefined;
}

export interface MapLayout {
  readonly plot: Box;
  readonly bar: Box;
}

const OBSTACLE_RGB = [74, 79, 87] as const;
const NO_DATA_RGB = [200, 200, 200] as const;

/** The plot keeps the domain's aspect ratio inside the room left by the axes and the colour bar. */
export function mapLayout(width: number, height: number, picture: Pick<MapPicture, 'extent'>): MapLayout {
  const room = { left: 46, top: 20, width: Math.max(10, width - 46 - 84), height: Math.max(10, height - 20 - 36) };
  const aspect = (picture.extent.x[1] - picture.extent.x[0]) / (picture.extent.y[1] - picture.extent.y[0] || 1);
  const plotWidth = Math.min(room.width, room.height * aspect);
  const plotHeight = plotWidth / aspect;
  const plot = { left: room.left, top: room.top + (room.height - plotHeight) / 2, width: plotWidth, height: plotHeight };
  const bar = { left: plot.left + plot.width + 14, top: room.top, width: 12, height: room.height };
  return { plot, bar };
}

/** The cell under a point, or undefined outside the plot. */
export function cellAt(layout: MapLayout, picture: Pick<MapPicture, 'nx' | 'ny'>, px: number, py: number): { i: number; j: number } | undefined {
  const { plot } = layout;
  const fx = (px - plot.left) / plot.width;
  const fy = 1 - (py - plot.top) / plot.height;
  if (fx < 0 || fx > 1 || fy < 0 || fy > 1) return undefined;
  return { i: Math.min(picture.nx - 1, Math.floor(fx * picture.nx)), j: Math.min(picture.ny - 1, Math.floor(fy * picture.ny)) };
}

export function drawMap(ctx: Context2D, width: number, height: number, picture: MapPicture): MapLayout {
  const layout = mapLayout(width, height, picture);
  const { plot, bar } = layout;
  const c = ctx as CanvasRenderingContext2D;
  ctx.font = TITLE_FONT;
  ctx.fillStyle = INK.text;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'alphabetic';
  ctx.fillText(picture.title, plot.left, 13);
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(paintImage(picture), plot.left, plot.top, plot.width, plot.height);
  const toX = (i: number): number => plot.left + ((i + 0.5) / picture.nx) * plot.width;
  const toY = (j: number): number => plot.top + plot.height - ((j + 0.5) / picture.ny) * plot.height;
  if (picture.scale !== undefined && picture.contours > 0) drawContours(ctx, picture, picture.scale, toX, toY);
  if (picture.arrows !== undefined) drawArrows(ctx, picture, picture.arrows, layout);
  if (picture.cut !== undefined) drawCutMarker(ctx, picture, plot, toX, toY);
  drawFrame(c, plot);
  if (picture.exits !== undefined) drawExits(ctx, plot, picture.exits);
  const x = linearScale(picture.extent.x, [plot.left, plot.left + plot.width]);
  const y = linearScale(picture.extent.y, [plot.top + plot.height, plot.top]);
  drawXAxis(c, plot, x, linearTicks(x.domain[0], x.domain[1], Math.max(2, Math.floor(plot.width / 60))), picture.axisLabels[0], false);
  drawYAxis(c, plot, y, linearTicks(y.domain[0], y.domain[1], Math.max(2, Math.floor(plot.height / 40))), picture.axisLabels[1], false);
  if (picture.scale === undefined) drawMessage(c, width, height, 'No values to colour (no finite values, or none > 0 on a log scale)');
  else {
    drawScaleBar(ctx, bar, picture.scale);
    drawLimitsNote(ctx, width, picture.limitsNote);
  }
  return layout;
}

/** The field at data resolution: one pixel per cell, row 0 at the bottom. */
function paintImage(picture: MapPicture): OffscreenCanvas | HTMLCanvasElement {
  const { nx, ny, values, scale, solid } = picture;
  const image = typeof OffscreenCanvas === 'function' ? new OffscreenCanvas(nx, ny) : Object.assign(document.createElement('canvas'), { width: nx, height: ny });
  const ctx = image.getContext('2d') as CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D | null;
  if (ctx === null) return image;
  const pixels = ctx.createImageData(nx, ny);
  const table = scale === undefined ? undefined : scaleTable(scale.colormap, scale.reversed);
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const at = j * nx + i;
      const p = 4 * ((ny - 1 - j) * nx + i);
      const index = scale === undefined ? -1 : scaleIndex(scale, values[at] as number);
      const rgb = solid?.[at] === 1 ? OBSTACLE_RGB : undefined;
      if (rgb !== undefined || index < 0 || table === undefined) {
        const fill = rgb ?? NO_DATA_RGB;
        pixels.data[p] = fill[0]; pixels.data[p + 1] = fill[1]; pixels.data[p + 2] = fill[2];
      } else {
        pixels.data[p] = table[4 * index] as number; pixels.data[p + 1] = table[4 * index + 1] as number; pixels.data[p + 2] = table[4 * index + 2] as number;
      }
      pixels.data[p + 3] = 255;
    }
  }
  ctx.putImageData(pixels, 0, 0);
  return image;
}

function drawContours(ctx: Context2D, picture: MapPicture, scale: ColorScale, toX: (i: number) => number, toY: (j: number) => number): void {
  // Levels evenly spaced on the colour axis (so on a log scale they are evenly spaced in log).
  const levels = contourLevels(0, 1, picture.contours).map((s) => scaleValue(scale, s));
  ctx.save();
  ctx.strokeStyle = 'rgba(255, 255, 255, 0.85)';
  ctx.lineWidth = 1;
  ctx.beginPath();
  for (const level of levels) {
    const segments = contourSegments({ values: picture.values, nx: picture.nx, ny: picture.ny }, level);
    for (let k = 0; k < segments.length; k += 4) {
      ctx.moveTo(toX(segments[k] as number), toY(segments[k + 1] as number));
      ctx.lineTo(toX(segments[k + 2] as number), toY(segments[k + 3] as number));
    }
  }
  ctx.stroke();
  ctx.restore();
}

/** Arrows on a coarse lattice (about one per 18 px), length proportional to speed. */
function drawArrows(ctx: Context2D, picture: MapPicture, velocity: VelocityField, layout: MapLayout): void {
  const { plot } = layout;
  if (!(velocity.maxSpeed > 0)) return;
  const stride = Math.max(1, Math.ceil(picture.nx / Math.max(1, plot.width / 18)));
  const cellPx = (plot.width / picture.nx) * stride;
  const lengthPerSpeed = (0.9 * cellPx) / velocity.maxSpeed;
  ctx.save();
  ctx.strokeStyle = 'rgba(20, 20, 20, 0.8)';
  ctx.fillStyle = 'rgba(20, 20, 20, 0.8)';
  ctx.lineWidth = 1;
  for (let j = Math.floor(stride / 2); j < picture.ny; j += stride) {
    for (let i = Math.floor(stride / 2); i < picture.nx; i += stride) {
      const at = j * picture.nx + i;
      const vx = velocity.vx[at] as number;
      const vy = velocity.vy[at] as number;
      if (!Number.isFinite(vx) || !Number.isFinite(vy) || (vx === 0 && vy === 0)) continue;
      const x0 = plot.left + ((i + 0.5) / picture.nx) * plot.width;
      const y0 = plot.top + plot.height - ((j + 0.5) / picture.ny) * plot.height;
      arrow(ctx, x0, y0, x0 + vx * lengthPerSpeed, y0 - vy * lengthPerSpeed);
    }
  }
  ctx.restore();
}

function arrow(ctx: Context2D, x0: number, y0: number, x1: number, y1: number): void {
  const length = Math.hypot(x1 - x0, y1 - y0);
  if (length < 1.5) return;
  const head = Math.min(4, length * 0.4);
  const angle = Math.atan2(y1 - y0, x1 - x0);
  ctx.beginPath();
  ctx.moveTo(x0, y0);
  ctx.lineTo(x1, y1);
  ctx.stroke();
  ctx.beginPath();
  ctx.moveTo(x1, y1);
  ctx.lineTo(x1 - head * Math.cos(angle - 0.45), y1 - head * Math.sin(angle - 0.45));
  ctx.lineTo(x1 - head * Math.cos(angle + 0.45), y1 - head * Math.sin(angle + 0.45));
  ctx.closePath();
  ctx.fill();
}

function drawCutMarker(ctx: Context2D, picture: MapPicture, plot: Box, toX: (i: number) => number, toY: (j: number) => number): void {
  const cut = picture.cut;
  if (cut === undefined) return;
  ctx.save();
  ctx.strokeStyle = INK.cursor;
  ctx.lineWidth = 1.5;
  ctx.setLineDash([5, 3]);
  ctx.beginPath();
  if (cut.along === 'x') {
    ctx.moveTo(plot.left, toY(cut.index));
    ctx.lineTo(plot.left + plot.width, toY(cut.index));
  } else {
    ctx.moveTo(toX(cut.index), plot.top);
    ctx.lineTo(toX(cut.index), plot.top + plot.height);
  }
  ctx.stroke();
  ctx.restore();
}

function drawExits(ctx: Context2D, plot: Box, exits: NonNullable<MapPicture['exits']>): void {
  const right = plot.left + plot.width;
  const bottom = plot.top + plot.height;
  const sides: [boolean, number, number, number, number][] = [
    [exits.left, plot.left, plot.top, plot.left, bottom], [exits.right, right, plot.top, right, bottom],
    [exits.bottom, plot.left, bottom, right, bottom], [exits.top, plot.left, plot.top, right, plot.top],
  ];
  ctx.save();
  ctx.strokeStyle = '#2f9e44';
  ctx.lineWidth = 4;
  for (const [exit, x0, y0, x1, y1] of sides) {
    if (!exit) continue;
    ctx.beginPath();
    ctx.moveTo(x0, y0);
    ctx.lineTo(x1, y1);
    ctx.stroke();
  }
  ctx.restore();
}

/** A vertical colour bar for a view colour scale (linear or log, reversed or not) with ticks. */
export function drawScaleBar(ctx: Context2D, box: Box, scale: ColorScale): void {
  const table = scaleTable(scale.colormap, scale.reversed);
  for (let row = 0; row < box.height; row++) {
    const index = Math.round((1 - row / Math.max(1, box.height - 1)) * 255);
    ctx.fillStyle = `rgb(${table[4 * index] as number}, ${table[4 * index + 1] as number}, ${table[4 * index + 2] as number})`;
    ctx.fillRect(box.left, box.top + row, box.width, 1);
  }
  drawFrame(ctx as CanvasRenderingContext2D, box);
  const axis = scale.log ? logScale([scale.lo, scale.hi], [box.top + box.height, box.top]) : linearScale([scale.lo, scale.hi], [box.top + box.height, box.top]);
  const ticks = scale.log ? logTicks(scale.lo, scale.hi) : linearTicks(scale.lo, scale.hi, Math.max(2, Math.floor(box.height / 36)));
  ctx.font = FONT;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  ctx.fillStyle = INK.muted;
  ctx.strokeStyle = INK.axis;
  for (const tick of ticks) {
    const y = Math.round(axis(tick.value)) + 0.5;
    if (!(y >= box.top - 1 && y <= box.top + box.height + 1)) continue;
    ctx.beginPath();
    ctx.moveTo(box.left + box.width, y);
    ctx.lineTo(box.left + box.width + 3, y);
    ctx.stroke();
    ctx.fillText(tick.label, box.left + box.width + 5, y);
  }
}

/** Where the colour limits come from, right-aligned on the title line. */
function drawLimitsNote(ctx: Context2D, width: number, note: string): void {
  ctx.font = FONT;
  ctx.fillStyle = INK.muted;
  ctx.textAlign = 'right';
  ctx.textBaseline = 'alphabetic';
  ctx.fillText(`limits: ${note}`, width - 4, 13);
}
