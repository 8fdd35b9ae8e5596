// Animation encoders in the renderer. MP4: WebCodecs (through mediabunny) where
// VideoEncoder.isConfigSupported accepts H.264 at this size and the encoder keeps the colour
// description it is given, else ffmpeg in the main process fed with raw I420 frames; GIF: always
// ffmpeg (its palettegen/paletteuse palette). Each encoder takes opaque frames one at a time and
// either finishes into a file or is cancelled, leaving nothing.
//
// Every MP4 is BT.709 limited ("TV") range yuv420p with the colour description set: full-range
// H.264 (yuvj420p, which Chromium's encoder writes for RGB canvas frames) is shown with wrong
// levels by many players and slide tools. So frames are converted to I420 here
// (renderer/model/yuv.ts) and handed to the encoder tagged as such, on either path.

import { BufferTarget, canEncodeVideo, Mp4OutputFormat, Output, Quality, QUALITY_HIGH, QUALITY_LOW, QUALITY_MEDIUM, VideoSample, VideoSampleSource } from 'mediabunny';
import type { ExportedFile, ExportTarget, Result, VideoRequest } from '../../app/contract/index.js';
import { appError, err, ok } from '../../app/contract/index.js';
import type { EncoderName } from '../../app/figure/export-request.js';
import type { Services } from '../data/services.js';
import { i420Bytes, rgbaToI420 } from '../model/yuv.js';
import { colourProblem, encoderKeepsLimitedRange, LIMITED_BT709 } from './colour-check.js';


export interface VideoEncoderSink {
  readonly encoder: EncoderName;
  /** The canvas whose current pixels `addFrame` takes (width x height, opaque). */
  addFrame(canvas: HTMLCanvasElement, index: number): Promise<Result<void>>;
  finish(): Promise<Result<ExportedFile>>;
  cancel(): Promise<void>;
}

const BITRATE: Readonly<Record<VideoRequest['quality'], Quality>> = { low: QUALITY_LOW, medium: QUALITY_MEDIUM, high: QUALITY_HIGH };
/** The largest file the renderer hands to main in one message (the WebSocket takes 64 MiB). */
export const MAX_FILE_BYTES = 60 * 1024 * 1024;

/** Why WebCodecs cannot encode this H.264, or undefined when it can (asked at run time, every time). */
export async function webCodecsProblem(width: number, height: number, quality: VideoRequest['quality']): Promise<string | undefined> {
  if (typeof VideoEncoder === 'undefined') return 'this browser has no WebCodecs VideoEncoder';
  try {
    // mediabunny asks VideoEncoder.isConfigSupported with the avc codec string it would use.
    const supported = await canEncodeVideo('avc', { width, height, bitrate: BITRATE[quality] });
    if (!supported) return `VideoEncoder.isConfigSupported refuses H.264 at ${width} x ${height}`;
    return await encoderKeepsLimitedRange();
  } catch (error) {
    return `VideoEncoder.isConfigSupported failed: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/** The canvas's pixels as one I420 frame. */
function canvasToI420(canvas: HTMLCanvasElement, width: number, height: number, out: Uint8Array): Result<void> {
  const ctx = canvas.getContext('2d');
  if (ctx === null) return err(appError('internal', 'the frame canvas has no 2D context'));
  rgbaToI420(ctx.getImageData(0, 0, width, height).data, width, height, out);
  return ok(undefined);
}

export async function webCodecsMp4(services: Services, request: VideoRequest): Promise<Result<VideoEncoderSink>> {
  const output = new Output({ format: new Mp4OutputFormat({ fastStart: 'in-memory' }), target: new BufferTarget() });
  // What the encoder says it wrote, from its decoder configuration (checked again at the end: an
  // encoder that ignored the frames' colour space must not produce a mislabelled file).
  let declared: VideoColorSpaceInit | undefined;
  const source = new VideoSampleSource({
    codec: 'avc', bitrate: BITRATE[request.quality], keyFrameInterval: 2,
    onEncodedPacket: (_packet, meta) => { declared = meta?.decoderConfig?.colorSpace ?? declared; },
  });
  output.addVideoTrack(source, { frameRate: request.fps });
  try {
    await output.start();
  } catch (error) {
    return err(appError('unsupported', `WebCodecs could not start H.264: ${error instanceof Error ? error.message : String(error)}`));
  }
  const target: ExportTarget = request.folder === undefined ? { fileName: request.fileName } : { folder: request.folder, fileName: request.fileName };
  const frame = new Uint8Array(i420Bytes(request.width, request.height));
  const cancel = async (): Promise<void> => {
    if (output.state !== 'canceled' && output.state !== 'finalized') await output.cancel();
  };
  return ok({
    encoder: 'webcodecs',
    addFrame: async (canvas, index) => {
      const converted = canvasToI420(canvas, request.width, request.height, frame);
      if (!converted.ok) return converted;
      const sample = new VideoSample(frame, {
        format: 'I420', codedWidth: request.width, codedHeight: request.height,
        timestamp: index / request.fps, duration: 1 / request.fps, colorSpace: LIMITED_BT709,
      });
      try {
        await source.add(sample);
      } finally {
        sample.close();
      }
      return ok(undefined);
    },
    finish: async () => {
      await output.finalize();
      const problem = colourProblem(declared);
      if (problem !== undefined) return err(appError('unsupported', `the browser's H.264 encoder ${problem}: export with the ffmpeg encoder instead`));
      const buffer = output.target.buffer;
      if (buffer === null) return err(appError('internal', 'the MP4 muxer produced no bytes'));
      if (buffer.byteLength > MAX_FILE_BYTES) {
        return err(appError('bad_input', `the MP4 is ${(buffer.byteLength / 2 ** 20).toFixed(0)} MiB, more than the ${MAX_FILE_BYTES / 2 ** 20} MiB the app sends in one piece: lower the quality, size or number of frames`));
      }
      return services.export.writeFile(target, new Uint8Array(buffer));
    },
    cancel,
  });
}

/** Frames go to ffmpeg in batches of about this many bytes (fewer, larger RPC messages). */
const BATCH_BYTES = 8 * 1024 * 1024;

export async function ffmpegVideo(services: Services, video: VideoRequest): Promise<Result<VideoEncoderSink>> {
  // MP4 frames travel as I420 (2.7 times fewer bytes than RGBA); a GIF's palette needs RGB.
  const request: VideoRequest = { ...video, input: video.format === 'mp4' ? 'yuv420p' : 'rgba' };
  const oneFrame = request.input === 'yuv420p' ? i420Bytes(request.width, request.height) : request.width * request.height * 4;
  if (oneFrame > MAX_FILE_BYTES) {
    return err(appError('bad_input', `a ${request.width} x ${request.height} frame is ${(oneFrame / 2 ** 20).toFixed(0)} MiB, more than the ${MAX_FILE_BYTES / 2 ** 20} MiB the app sends in one piece: lower the size`));
  }
  const begun = await services.export.beginVideo(request);
  if (!begun.ok) return begun;
  const { videoId } = begun.value;
  const frameBytes = oneFrame;
  const perBatch = Math.max(1, Math.floor(BATCH_BYTES / frameBytes));
  let batch = new Uint8Array(perBatch * frameBytes);
  let filled = 0;
  const flush = async (): Promise<Result<void>> => {
    if (filled === 0) return ok(undefined);
    const sent = await services.export.addFrames(videoId, batch.subarray(0, filled * frameBytes));
    filled = 0;
    batch = new Uint8Array(perBatch * frameBytes);
    return sent.ok ? ok(undefined) : sent;
  };
  return ok({
    encoder: 'ffmpeg',
    addFrame: async (canvas) => {
      const ctx = canvas.getContext('2d');
      if (ctx === null) return err(appError('internal', 'the frame canvas has no 2D context'));
      const rgba = ctx.getImageData(0, 0, request.width, request.height).data;
      if (request.input === 'yuv420p') rgbaToI420(rgba, request.width, request.height, batch, filled * frameBytes);
      else batch.set(rgba, filled * frameBytes);
      filled += 1;
      return filled === perBatch ? flush() : ok(undefined);
    },
    finish: async () => {
      const flushed = await flush();
      if (!flushed.ok) {
        await services.export.cancelVideo(videoId);
        return flushed;
      }
      return services.export.finishVideo(videoId);
    },
    cancel: async () => {
      await services.export.cancelVideo(videoId);
    },
  });
}
