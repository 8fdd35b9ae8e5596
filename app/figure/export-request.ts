// One export as data: what the dialog fills in and what `mfgw export` sends to the page (through
// the automation hook), so both go through the same code (renderer/export/run-export.ts).

import type { ExportFormat } from './sizes.js';
import type { StyleName } from './style.js';

export interface ExportRequest {
  readonly viewId: string;
  readonly format: ExportFormat;
  /** Absent or '': the default exports folder (the runs folder's exports/). */
  readonly folder?: string;
  readonly fileName: string;
  /** Still figures: the time level shown, size, resolution, look. */
  readonly level: number;
  readonly widthInches: number;
  readonly heightInches: number;
  readonly dpi: number;
  readonly transparent: boolean;
  readonly style: StyleName;
  /** Animations: stored levels [first, last], frame rate, pixel size, quality. */
  readonly firstLevel: number;
  readonly lastLevel: number;
  readonly fps: number;
  readonly widthPx: number;
  readonly heightPx: number;
  readonly quality: 'low' | 'medium' | 'high';
  /** 'auto': WebCodecs when it supports H.264 here, else ffmpeg. GIF is always ffmpeg. */
  readonly encoder: 'auto' | 'ffmpeg';
  /**
   * Colour limits of the exported view (absent: what the view uses now). `mfgw export --limits`:
   * robust (per level, 0.1-99.9%), fixed (all levels), auto (per level min-max); `--clim LO,HI`
   * sets manual limits, the same in every frame. 2D/3D views and the 1D space-time heatmaps.
   */
  readonly limits?: ExportLimitsMode;
  readonly clim?: readonly [number, number];
}

export const EXPORT_LIMITS_MODES = ['robust', 'fixed', 'auto'] as const;
export type ExportLimitsMode = (typeof EXPORT_LIMITS_MODES)[number];

export type EncoderName = 'webcodecs' | 'ffmpeg';

export interface ExportOutcome {
  readonly path: string;
  readonly bytes: number;
  readonly format: ExportFormat;
  readonly encoder?: EncoderName;
  /** Why WebCodecs was not used, when ffmpeg encoded an MP4. */
  readonly fallbackReason?: string;
  readonly frames: number;
  readonly seconds: number;
}
