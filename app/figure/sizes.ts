// Sizes of exports, checked before any work starts: a figure's physical size and DPI, an
// animation's pixel size (even, for yuv420p), its frame rate and time range. Every refusal says
// what was expected and what was received.

import { err, ok, type Result } from '../contract/index.js';

/** Journal column widths in inches: one column (Elsevier, APS, IEEE ~3.4-3.5) and two (7.0-7.2). */
export const WIDTH_PRESETS = { single: 3.5, double: 7.2 } as const;
export const DEFAULT_ASPECT = 0.62;

export const FIGURE_LIMITS = { minInches: 0.5, maxInches: 40, minDpi: 36, maxDpi: 1200, maxPixelsPerSide: 16384, maxPixels: 120e6 } as const;
export const VIDEO_LIMITS = { minSide: 16, maxSide: 4096, minFps: 1, maxFps: 120, maxFrames: 100_000 } as const;

export interface FigureSizeInput {
  readonly widthInches: number;
  readonly heightInches: number;
  readonly dpi: number;
}

export interface FigureSize extends FigureSizeInput {
  /** Device pixels of the PNG: round(inches x DPI). */
  readonly widthPx: number;
  readonly heightPx: number;
  /** Points (1/72 in) of the vector figure. */
  readonly widthPt: number;
  readonly heightPt: number;
  /** Device pixels per CSS pixel (96 per inch) at this DPI: how much text and lines grow. */
  readonly scale: number;
}

function inRange(name: string, value: number, lo: number, hi: number, unit: string): string | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value)) return `expected ${name} as a number, received ${String(value)}`;
  if (value < lo || value > hi) return `expected ${name} between ${lo} and ${hi}${unit}, received ${value}${unit}`;
  return undefined;
}

export function figureSize(input: FigureSizeInput): Result<FigureSize, string> {
  const { widthInches, heightInches, dpi } = input;
  const problem = inRange('the width', widthInches, FIGURE_LIMITS.minInches, FIGURE_LIMITS.maxInches, ' in')
    ?? inRange('the height', heightInches, FIGURE_LIMITS.minInches, FIGURE_LIMITS.maxInches, ' in')
    ?? inRange('the resolution', dpi, FIGURE_LIMITS.minDpi, FIGURE_LIMITS.maxDpi, ' DPI');
  if (problem !== undefined) return err(problem);
  const widthPx = Math.round(widthInches * dpi);
  const heightPx = Math.round(heightInches * dpi);
  if (Math.max(widthPx, heightPx) > FIGURE_LIMITS.maxPixelsPerSide || widthPx * heightPx > FIGURE_LIMITS.maxPixels) {
    return err(`expected at most ${FIGURE_LIMITS.maxPixelsPerSide} pixels per side and ${FIGURE_LIMITS.maxPixels / 1e6} megapixels, received ${widthPx} x ${heightPx} (${widthInches} x ${heightInches} in at ${dpi} DPI): lower the DPI or the size`);
  }
  return ok({ widthInches, heightInches, dpi, widthPx, heightPx, widthPt: widthInches * 72, heightPt: heightInches * 72, scale: dpi / 96 });
}

export interface VideoSizeInput {
  readonly width: number;
  readonly height: number;
  readonly fps: number;
  /** Stored time levels [first, last], inclusive. */
  readonly firstLevel: number;
  readonly lastLevel: number;
  /** Levels the view has. */
  readonly levels: number;
}

export interface VideoPlan {
  /** Even sizes: H.264 with yuv420p needs them (odd sizes are rounded down). */
  readonly width: number;
  readonly height: number;
  readonly fps: number;
  readonly levels: readonly number[];
}

export function videoPlan(input: VideoSizeInput): Result<VideoPlan, string> {
  const { width, height, fps, firstLevel, lastLevel, levels } = input;
  const problem = inRange('the width', width, VIDEO_LIMITS.minSide, VIDEO_LIMITS.maxSide, ' px')
    ?? inRange('the height', height, VIDEO_LIMITS.minSide, VIDEO_LIMITS.maxSide, ' px')
    ?? inRange('the frame rate', fps, VIDEO_LIMITS.minFps, VIDEO_LIMITS.maxFps, ' fps');
  if (problem !== undefined) return err(problem);
  if (levels < 1) return err('expected a view with at least one time level, received none: show a solution first');
  if (!Number.isInteger(firstLevel) || !Number.isInteger(lastLevel) || firstLevel < 0 || lastLevel >= levels || firstLevel > lastLevel) {
    return err(`expected a time range of levels 0 <= first <= last <= ${levels - 1}, received ${firstLevel} to ${lastLevel}`);
  }
  const frames = Array.from({ length: lastLevel - firstLevel + 1 }, (_, i) => firstLevel + i);
  return ok({ width: 2 * Math.floor(width / 2), height: 2 * Math.floor(height / 2), fps, levels: frames });
}

const EXTENSIONS = { png: '.png', svg: '.svg', pdf: '.pdf', mp4: '.mp4', gif: '.gif' } as const;
export type ExportFormat = keyof typeof EXTENSIONS;
export const EXPORT_FORMATS = Object.keys(EXTENSIONS) as ExportFormat[];

/** A plain file name for this format: no folders, no control characters, the right extension. */
export function checkFileName(name: string, format: ExportFormat): Result<string, string> {
  const trimmed = name.trim();
  if (trimmed === '' || trimmed === '.' || trimmed === '..' || /[/\\\0-\x1f]/.test(trimmed)) {
    return err(`expected a file name without folders or control characters, received ${JSON.stringify(name)}`);
  }
  const extension = EXTENSIONS[format];
  return ok(trimmed.toLowerCase().endsWith(extension) ? trimmed : `${trimmed}${extension}`);
}

/** A file name from a title: words joined by dashes, with the format's extension. */
export function suggestFileName(title: string, format: ExportFormat): string {
  const words = title.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return `${words === '' ? 'figure' : words.slice(0, 60)}${EXTENSIONS[format]}`;
}
