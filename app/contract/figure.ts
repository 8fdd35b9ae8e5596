// A figure as data: what export turns into SVG and PDF (vector axes, text as text) and what crosses
// the RPC from the renderer, which builds it from field data, to main, which writes the files.
// Coordinates are in points (1/72 in) from the top-left corner; colours are CSS hex strings.

import { z } from 'zod';

const coordinate = z.number().min(-1e5).max(1e5);
const length = z.number().min(0).max(1e5);
const colour = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour as #rrggbb');

export const FigurePathSchema = z.object({
  kind: z.literal('path'),
  /** x0, y0, x1, y1, ...; a NaN-free polyline (breaks are separate paths). */
  points: z.array(coordinate).max(2_000_000),
  stroke: colour,
  width: length,
  dash: z.array(length).max(8).optional(),
});

export const FigureRectSchema = z.object({
  kind: z.literal('rect'),
  x: coordinate, y: coordinate, w: length, h: length,
  fill: colour.nullable(),
  stroke: colour.nullable(),
  width: length,
});

export const FigureTextSchema = z.object({
  kind: z.literal('text'),
  x: coordinate, y: coordinate,
  /** TeX-like labels are allowed (`m(t,x)`, `\nu`, `x^2`, `u_x`): see app/figure/math-label.ts. */
  text: z.string().max(500),
  size: z.number().min(1).max(200),
  color: colour,
  anchor: z.enum(['start', 'middle', 'end']),
  baseline: z.enum(['alphabetic', 'middle', 'top']),
  /** Degrees, counter-clockwise positive (a y-axis label is 90). */
  rotate: z.number().min(-360).max(360).optional(),
  bold: z.boolean().optional(),
});

/** The only raster in a figure: the body of a heatmap or map, embedded as PNG bytes. */
export const FigureImageSchema = z.object({
  kind: z.literal('image'),
  x: coordinate, y: coordinate, w: length, h: length,
  png: z.instanceof(Uint8Array),
  /** Nearest-neighbour scaling keeps grid cells sharp. */
  pixelated: z.boolean(),
});

export const FigureItemSchema = z.discriminatedUnion('kind', [FigurePathSchema, FigureRectSchema, FigureTextSchema, FigureImageSchema]);

export const FigureSchema = z.object({
  /** Points. */
  width: z.number().min(1).max(14_400),
  height: z.number().min(1).max(14_400),
  /** null: transparent. */
  background: colour.nullable(),
  title: z.string().max(500),
  items: z.array(FigureItemSchema).max(100_000),
});

export type Figure = z.output<typeof FigureSchema>;
export type FigureItem = z.output<typeof FigureItemSchema>;
export type FigurePath = z.output<typeof FigurePathSchema>;
export type FigureText = z.output<typeof FigureTextSchema>;
export type FigureImage = z.output<typeof FigureImageSchema>;
