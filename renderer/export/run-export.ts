// One export, from the dialog or from `mfgw export` (through the automation hook): checks the
// request, then makes a PNG from the view's frames, an SVG/PDF from its vector figure, or an
// MP4/GIF from frames over a time range, with progress and cancel. Errors come back as values
// saying what was expected, what was received and what to do.

import { appError, err, ok, type AppError, type ExportTarget, type Result, type VideoRequest } from '../../app/contract/index.js';
import { withPngDpi } from '../../app/figure/png.js';
import { checkFileName, figureSize, videoPlan } from '../../app/figure/sizes.js';
import type { ExportOutcome, ExportRequest } from '../../app/figure/export-request.js';
import { figureStyle } from '../../app/figure/style.js';
import type { Services } from '../data/services.js';
import type { SliceCache } from '../data/slice-cache.js';
import type { AppStore } from '../state/store.js';
import { frameSource, type Frame } from '../viewers/frame-source.js';
import { VECTOR_FIGURES } from './figures.js';
import { ffmpegVideo, MAX_FILE_BYTES, webCodecsMp4, webCodecsProblem, type VideoEncoderSink } from './video.js';

export type { ExportOutcome, ExportRequest };

export interface ExportProgress {
  readonly done: number;
  readonly total: number;
}

export interface ExportContext {
  readonly services: Services;
  readonly store: AppStore;
  readonly cache: SliceCache;
}

const cancelled = (): AppError => appError('cancelled', 'the export was cancelled; nothing was written');

function targetOf(request: ExportRequest, fileName: string): ExportTarget {
  return request.folder === undefined || request.folder === '' ? { fileName } : { folder: request.folder, fileName };
}

/** A copy of a frame on an opaque (white) or transparent canvas of exactly width x height. */
function flatten(frame: Frame, width: number, height: number, opaque: boolean, into?: HTMLCanvasElement): HTMLCanvasElement {
  const canvas = into ?? document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (ctx === null) throw new Error('this browser gives no 2D canvas context');
  ctx.clearRect(0, 0, width, height);
  if (opaque) {
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, width, height);
  }
  ctx.drawImage(frame, 0, 0, width, height);
  return canvas;
}

async function pngBytes(canvas: HTMLCanvasElement): Promise<Uint8Array> {
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (blob === null) throw new Error('the browser could not encode the PNG');
  return new Uint8Array(await blob.arrayBuffer());
}

const unknownView = (viewId: string): AppError =>
  appError('not_found', `expected the id of a view on screen, received '${viewId}': show the view (and a solution) first`);

async function exportPng(context: ExportContext, request: ExportRequest, fileName: string): Promise<Result<ExportOutcome>> {
  const source = frameSource(request.viewId);
  if (source === undefined) return err(unknownView(request.viewId));
  const size = figureSize(request);
  if (!size.ok) return err(appError('bad_input', size.error));
  const started = performance.now();
  const frame = await source.renderFrame(request.level, size.value.widthPx, size.value.heightPx, size.value.scale);
  const png = withPngDpi(await pngBytes(flatten(frame, size.value.widthPx, size.value.heightPx, !request.transparent)), request.dpi);
  // A larger message would close the connection to the services: refuse it here, with a way out.
  if (png.length > MAX_FILE_BYTES) {
    return err(appError('bad_input', `the PNG is ${(png.length / 2 ** 20).toFixed(0)} MiB, more than the ${MAX_FILE_BYTES / 2 ** 20} MiB the app sends in one piece: lower the DPI or the size`));
  }
  const written = await context.services.export.writeFile(targetOf(request, fileName), png);
  if (!written.ok) return written;
  return ok({ ...written.value, format: 'png', frames: 1, seconds: (performance.now() - started) / 1000 });
}

async function exportVector(context: ExportContext, request: ExportRequest, format: 'svg' | 'pdf', fileName: string): Promise<Result<ExportOutcome>> {
  const build = VECTOR_FIGURES[request.viewId];
  if (build === undefined) {
    return err(appError('unsupported', `SVG and PDF are made for plots and 2D maps; '${request.viewId}' has no vector figure: export it as PNG, MP4 or GIF`));
  }
  const size = figureSize(request);
  if (!size.ok) return err(appError('bad_input', size.error));
  const started = performance.now();
  const figure = build({ state: context.store.getState(), cache: context.cache }, {
    level: request.level, widthPt: size.value.widthPt, heightPt: size.value.heightPt, style: figureStyle(request.style), transparent: request.transparent,
    ...(request.clim === undefined ? {} : { clim: request.clim }),
  });
  if (typeof figure === 'string') return err(appError('bad_input', `nothing to export: ${figure}`));
  const written = await context.services.export.writeFigure(targetOf(request, fileName), format, figure);
  if (!written.ok) return written;
  return ok({ ...written.value, format, frames: 1, seconds: (performance.now() - started) / 1000 });
}

async function chooseEncoder(context: ExportContext, request: ExportRequest, video: VideoRequest): Promise<Result<{ sink: VideoEncoderSink; fallbackReason?: string }>> {
  if (video.format === 'gif') {
    const sink = await ffmpegVideo(context.services, video);
    return sink.ok ? ok({ sink: sink.value }) : sink;
  }
  const problem = request.encoder === 'ffmpeg' ? 'ffmpeg was asked for' : await webCodecsProblem(video.width, video.height, video.quality);
  if (problem === undefined) {
    const sink = await webCodecsMp4(context.services, video);
    if (sink.ok) return ok({ sink: sink.value });
  }
  const sink = await ffmpegVideo(context.services, video);
  return sink.ok ? ok({ sink: sink.value, ...(problem === undefined ? {} : { fallbackReason: problem }) }) : sink;
}

async function exportVideo(context: ExportContext, request: ExportRequest, format: 'mp4' | 'gif', fileName: string, onProgress: (progress: ExportProgress) => void, signal: AbortSignal): Promise<Result<ExportOutcome>> {
  const source = frameSource(request.viewId);
  if (source === undefined) return err(unknownView(request.viewId));
  const plan = videoPlan({ width: request.widthPx, height: request.heightPx, fps: request.fps, firstLevel: request.firstLevel, lastLevel: request.lastLevel, levels: source.timeLevels() });
  if (!plan.ok) return err(appError('bad_input', plan.error));
  const { width, height, fps, levels } = plan.value;
  const video: VideoRequest = { ...targetOf(request, fileName), format, width, height, fps, quality: request.quality, frames: levels.length };
  const started = performance.now();
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const chosen = await chooseEncoder(context, request, video);
  if (!chosen.ok) return chosen;
  const { sink, fallbackReason } = chosen.value;
  // Text and lines grow with the video's size (a 1080p frame reads like an 800 px wide view).
  const scale = Math.max(1, Math.min(4, width / 800));
  try {
    for (const [index, level] of levels.entries()) {
      if (signal.aborted) break;
      flatten(await source.renderFrame(level, width, height, scale), width, height, true, canvas);
      const added = await sink.addFrame(canvas, index);
      if (!added.ok) {
        await sink.cancel();
        return added;
      }
      onProgress({ done: index + 1, total: levels.length });
    }
  } catch (error) {
    await sink.cancel();
    throw error;
  }
  if (signal.aborted) {
    await sink.cancel();
    return err(cancelled());
  }
  const written = await sink.finish();
  if (!written.ok) return written;
  return ok({
    path: written.value.path, bytes: written.value.bytes, format, encoder: sink.encoder, frames: levels.length,
    seconds: (performance.now() - started) / 1000, ...(fallbackReason === undefined ? {} : { fallbackReason }),
  });
}

/**
 * Colour limits asked for by the request (mfgw export --limits / --clim) become the 2D and 3D views'
 * colour options, exactly as the toolbar would set them; the views and their frames then draw with them.
 */
function applyLimits(store: AppStore, request: ExportRequest): void {
  if (request.limits === undefined && request.clim === undefined) return;
  const patch = request.clim !== undefined
    ? { limits: 'manual' as const, manual: [request.clim[0], request.clim[1]] as const }
    : { limits: request.limits ?? 'robust' };
  store.setState((state) => ({
    mapDisplay: { ...state.mapDisplay, color: { ...state.mapDisplay.color, ...patch } },
    volumeDisplay: { ...state.volumeDisplay, color: { ...state.volumeDisplay.color, ...patch } },
  }));
}

export async function runExport(context: ExportContext, request: ExportRequest, onProgress: (progress: ExportProgress) => void, signal: AbortSignal): Promise<Result<ExportOutcome>> {
  const name = checkFileName(request.fileName, request.format);
  if (!name.ok) return err(appError('bad_input', name.error));
  if (request.clim !== undefined && !(request.clim[1] > request.clim[0])) {
    return err(appError('bad_input', `expected colour limits LO,HI with LO < HI, received ${request.clim.join(',')}`));
  }
  applyLimits(context.store, request);
  try {
    switch (request.format) {
      case 'png': return await exportPng(context, request, name.value);
      case 'svg':
      case 'pdf': return await exportVector(context, request, request.format, name.value);
      case 'mp4':
      case 'gif': return await exportVideo(context, request, request.format, name.value, onProgress, signal);
    }
  } catch (error) {
    // A view that failed to draw, or a browser API that threw: a value, and the app goes on.
    return err(appError('internal', `the export failed: ${error instanceof Error ? error.message : String(error)}`));
  }
}
