// A figure as SVG 1.1: paths, rectangles, text as <text> (labels with math as tspans), and the one
// raster a map has, as an embedded PNG. Fonts are embedded as @font-face data when given, so the
// file looks the same on a machine without them; the family falls back to sans-serif otherwise.

import type { Figure, FigureItem, FigureText } from '../contract/index.js';
import { parseMathLabel, SCRIPT_SCALE, SUB_DROP, SUP_RISE, type Shift } from './math-label.js';
import { toBase64 } from './png.js';
import { FIGURE_FONT } from './style.js';

export interface FontFace {
  readonly family: string;
  readonly bold: boolean;
  /** TrueType bytes. */
  readonly data: Uint8Array;
}

export interface SvgOptions {
  /** Output size in pixels (a PNG raster of it); default: the figure's size in points. */
  readonly pixelWidth?: number;
  readonly pixelHeight?: number;
  readonly fonts?: readonly FontFace[];
}

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] as string);
}

const num = (v: number): string => String(Math.round(v * 100) / 100);

function fontStyle(fonts: readonly FontFace[]): string {
  if (fonts.length === 0) return '';
  const faces = fonts.map((font) => `@font-face{font-family:'${font.family}';font-weight:${font.bold ? 'bold' : 'normal'};src:url(data:font/ttf;base64,${toBase64(font.data)}) format('truetype');}`);
  return `<style>${faces.join('')}</style>`;
}

const BASELINES = { alphabetic: 'alphabetic', middle: 'central', top: 'hanging' } as const;
const RISE: Readonly<Record<Shift, number>> = { base: 0, sup: -SUP_RISE, sub: SUB_DROP };

/** The label's runs as tspans: scripts smaller and shifted with dy, each run back to the baseline after. */
function textContent(item: FigureText): string {
  const runs = parseMathLabel(item.text);
  if (runs.length === 1 && runs[0]?.shift === 'base') return escapeXml(runs[0].text);
  let offset = 0;
  return runs.map((run) => {
    const target = RISE[run.shift] * item.size;
    const dy = target - offset;
    offset = target;
    const size = run.shift === 'base' ? '' : ` font-size="${num(item.size * SCRIPT_SCALE)}"`;
    return `<tspan${dy === 0 ? '' : ` dy="${num(dy)}"`}${size}>${escapeXml(run.text)}</tspan>`;
  }).join('');
}

function textElement(item: FigureText): string {
  const rotate = item.rotate === undefined || item.rotate === 0 ? '' : ` transform="rotate(${num(-item.rotate)} ${num(item.x)} ${num(item.y)})"`;
  const weight = item.bold === true ? ' font-weight="bold"' : '';
  return `<text x="${num(item.x)}" y="${num(item.y)}" font-size="${num(item.size)}" fill="${item.color}" text-anchor="${item.anchor}" dominant-baseline="${BASELINES[item.baseline]}"${weight}${rotate}>${textContent(item)}</text>`;
}

function itemElement(item: FigureItem): string {
  switch (item.kind) {
    case 'path': {
      const d = [];
      for (let i = 0; i + 1 < item.points.length; i += 2) d.push(`${i === 0 ? 'M' : 'L'}${num(item.points[i] as number)} ${num(item.points[i + 1] as number)}`);
      const dash = item.dash === undefined ? '' : ` stroke-dasharray="${item.dash.map(num).join(' ')}"`;
      return `<path d="${d.join('')}" fill="none" stroke="${item.stroke}" stroke-width="${num(item.width)}" stroke-linejoin="round" stroke-linecap="butt"${dash}/>`;
    }
    case 'rect': {
      const stroke = item.stroke === null ? '' : ` stroke="${item.stroke}" stroke-width="${num(item.width)}"`;
      return `<rect x="${num(item.x)}" y="${num(item.y)}" width="${num(item.w)}" height="${num(item.h)}" fill="${item.fill ?? 'none'}"${stroke}/>`;
    }
    case 'text':
      return textElement(item);
    case 'image': {
      const rendering = item.pixelated ? ' image-rendering="pixelated" style="image-rendering:pixelated;image-rendering:crisp-edges"' : '';
      return `<image x="${num(item.x)}" y="${num(item.y)}" width="${num(item.w)}" height="${num(item.h)}" preserveAspectRatio="none"${rendering} xlink:href="data:image/png;base64,${toBase64(item.png)}"/>`;
    }
  }
}

export function figureToSvg(figure: Figure, options: SvgOptions = {}): string {
  const width = options.pixelWidth ?? figure.width;
  const height = options.pixelHeight ?? figure.height;
  const unit = options.pixelWidth === undefined ? 'pt' : '';
  const background = figure.background === null ? '' : `<rect width="100%" height="100%" fill="${figure.background}"/>`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" version="1.1" width="${num(width)}${unit}" height="${num(height)}${unit}" viewBox="0 0 ${num(figure.width)} ${num(figure.height)}">`,
    `<title>${escapeXml(figure.title)}</title>`,
    fontStyle(options.fonts ?? []),
    background,
    `<g font-family="'${FIGURE_FONT}', 'DejaVu Sans', sans-serif">`,
    ...figure.items.map(itemElement),
    '</g>',
    '</svg>',
    '',
  ].join('\n');
}
