// The ExportService of app/contract/services.ts: writes figures and finished files made in the
// renderer, and runs ffmpeg encodes fed with raw frames. Every file goes through a temporary name
// (atomic-file.ts). An encode that hears nothing for IDLE_MS (its window closed mid-export) is
// cancelled, so no ffmpeg process or partial file outlives its caller.

import { randomUUID } from 'node:crypto';
import path from 'node:path';
import {
  appError, err, ok, type ExportedFile, type ExportTarget, type Figure, type Result, type VideoRequest,
} from '../../app/contract/index.js';
import { readPngInfo } from '../../app/figure/png.js';
import { checkFileName, type ExportFormat } from '../../app/figure/sizes.js';
import { figureToSvg } from '../../app/figure/svg-writer.js';
import { writeAtomically, type ExportDestination } from './atomic-file.js';
import { FfmpegEncode, locateFfmpeg } from './ffmpeg.js';
import { figureFonts } from './fonts.js';
import { figureToPdf } from './pdf-writer.js';

const IDLE_MS = 60_000;
/** ffmpeg encodes at once: each uses every core it can get, so more only share them and hold memory. */
export const MAX_CONCURRENT_ENCODES = 2;

export interface ExportServerOptions {
  /** The folder used when a request names none (the runs folder's exports/). */
  readonly defaultFolder: () => string;
  readonly env?: NodeJS.ProcessEnv;
}

interface Encode {
  readonly encode: FfmpegEncode;
  timer: NodeJS.Timeout;
}

/** Whether bytes are what their extension says: a PNG, or an MP4 (an ISO BMFF `ftyp` box first). */
function checkBytes(format: ExportFormat, bytes: Uint8Array): string | undefined {
  if (format === 'png') return readPngInfo(bytes) === undefined ? 'expected PNG bytes, received something else' : undefined;
  if (format === 'mp4') return String.fromCharCode(...bytes.subarray(4, 8)) === 'ftyp' ? undefined : 'expected MP4 bytes (an ftyp box first), received something else';
  return `expected a .png or .mp4 file name for finished bytes, received a .${format} one`;
}

export class ExportServer {
  private readonly encodes = new Map<string, Encode>();
  /** Encodes being started (counted before ffmpeg runs, so concurrent calls cannot all pass the cap). */
  private starting = 0;
  private readonly env: NodeJS.ProcessEnv;

  constructor(private readonly options: ExportServerOptions) {
    this.env = options.env ?? process.env;
  }

  destination(target: ExportTarget, format: ExportFormat): Result<ExportDestination> {
    const name = checkFileName(target.fileName, format);
    if (!name.ok) return err(appError('bad_input', name.error));
    const folder = target.folder ?? this.options.defaultFolder();
    if (!path.isAbsolute(folder)) return err(appError('bad_input', `expected an absolute export folder, received '${folder}'`));
    return ok({ folder, fileName: name.value, path: path.join(folder, name.value) });
  }

  async capabilities(): Promise<Result<{ defaultFolder: string; ffmpeg: { available: boolean; version: string; problem: string } }>> {
    const ffmpeg = await locateFfmpeg(this.env);
    return ok({
      defaultFolder: this.options.defaultFolder(),
      ffmpeg: ffmpeg.ok ? { available: true, version: ffmpeg.value.version, problem: '' } : { available: false, version: '', problem: ffmpeg.error.message },
    });
  }

  async writeFile(target: ExportTarget, bytes: Uint8Array): Promise<Result<ExportedFile>> {
    const extension = path.extname(target.fileName).slice(1).toLowerCase();
    const format: ExportFormat = extension === 'mp4' ? 'mp4' : 'png';
    const problem = extension === 'png' || extension === 'mp4' ? checkBytes(format, bytes) : `expected a file name ending in .png or .mp4, received '${target.fileName}'`;
    if (problem !== undefined) return err(appError('bad_input', problem));
    const destination = this.destination(target, format);
    if (!destination.ok) return destination;
    return writeAtomically(destination.value, bytes);
  }

  async writeFigure(target: ExportTarget, format: 'svg' | 'pdf', figure: Figure): Promise<Result<ExportedFile>> {
    const destination = this.destination(target, format);
    if (!destination.ok) return destination;
    const fonts = await figureFonts(this.env);
    if (!fonts.ok) return fonts;
    const content = format === 'svg' ? figureToSvg(figure, { fonts: fonts.value.faces }) : await figureToPdf(figure, fonts.value);
    return writeAtomically(destination.value, content);
  }

  async beginVideo(request: VideoRequest): Promise<Result<{ videoId: string; encoder: 'ffmpeg' }>> {
    if (request.width % 2 !== 0 || request.height % 2 !== 0) {
      return err(appError('bad_input', `expected an even width and height (H.264 with yuv420p needs them), received ${request.width} x ${request.height}`));
    }
    if (request.format === 'gif' && request.input === 'yuv420p') return err(appError('bad_input', 'expected RGBA frames for a GIF (its palette is built from RGB), received yuv420p'));
    const destination = this.destination(request, request.format);
    if (!destination.ok) return destination;
    if (this.encodes.size + this.starting >= MAX_CONCURRENT_ENCODES) {
      return err(appError('unsupported', `${MAX_CONCURRENT_ENCODES} videos are being encoded already: wait for one to finish (or cancel one), then export again`, { kind: 'busy', running: this.encodes.size + this.starting }));
    }
    this.starting += 1;
    let started;
    try {
      const ffmpeg = await locateFfmpeg(this.env);
      if (!ffmpeg.ok) return ffmpeg;
      started = await FfmpegEncode.start(ffmpeg.value, request, destination.value);
    } finally {
      this.starting -= 1;
    }
    if (!started.ok) return started;
    const videoId = randomUUID();
    this.encodes.set(videoId, { encode: started.value, timer: this.idleTimer(videoId) });
    return ok({ videoId, encoder: 'ffmpeg' });
  }

  private idleTimer(videoId: string): NodeJS.Timeout {
    const timer = setTimeout(() => void this.cancelVideo(videoId), IDLE_MS);
    timer.unref();
    return timer;
  }

  private take(videoId: string): Result<Encode> {
    const entry = this.encodes.get(videoId);
    if (entry === undefined) return err(appError('not_found', `no export '${videoId}' is running (it finished, was cancelled, or was idle for ${IDLE_MS / 1000} s): start the export again`));
    clearTimeout(entry.timer);
    entry.timer = this.idleTimer(videoId);
    return ok(entry);
  }

  async addFrames(videoId: string, bytes: Uint8Array): Promise<Result<{ received: number }>> {
    const entry = this.take(videoId);
    if (!entry.ok) return entry;
    const written = await entry.value.encode.write(bytes);
    if (!written.ok) {
      await this.cancelVideo(videoId);
      return written;
    }
    return ok({ received: written.value });
  }

  async finishVideo(videoId: string): Promise<Result<ExportedFile & { frames: number }>> {
    const entry = this.take(videoId);
    if (!entry.ok) return entry;
    clearTimeout(entry.value.timer);
    this.encodes.delete(videoId);
    return entry.value.encode.finish();
  }

  async cancelVideo(videoId: string): Promise<Result<{ cancelled: boolean }>> {
    const entry = this.encodes.get(videoId);
    if (entry === undefined) return ok({ cancelled: false });
    clearTimeout(entry.timer);
    this.encodes.delete(videoId);
    await entry.encode.cancel();
    return ok({ cancelled: true });
  }

  /** Cancels every running encode (the workbench is closing). */
  async dispose(): Promise<void> {
    await Promise.all([...this.encodes.keys()].map((videoId) => this.cancelVideo(videoId)));
  }
}
