// ffmpeg as the encoder of the main process: GIF always (palettegen/paletteuse gives a cleaner
// palette than in-browser quantisers), MP4 where the renderer's WebCodecs cannot encode H.264.
// Raw RGBA frames are piped in; the output goes to a temporary file that is renamed when ffmpeg
// exits cleanly, and removed on any failure or cancel.

import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { appError, err, ok, type Result, type VideoRequest } from '../../app/contract/index.js';
import { commitTemporary, discardTemporary, prepareFolder, temporaryPathFor, type ExportDestination } from './atomic-file.js';

export interface FfmpegInfo {
  readonly path: string;
  readonly version: string;
}

let located: Promise<Result<FfmpegInfo>> | undefined;

/** ffmpeg from $MFGW_FFMPEG or the PATH, checked once per process by running `ffmpeg -version`. */
export function locateFfmpeg(env: NodeJS.ProcessEnv = process.env): Promise<Result<FfmpegInfo>> {
  located ??= new Promise((resolve) => {
    const command = env.MFGW_FFMPEG ?? 'ffmpeg';
    const child = spawn(command, ['-hide_banner', '-version'], { stdio: ['ignore', 'pipe', 'ignore'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    child.once('error', (error) => resolve(err(appError('unsupported',
      `GIF export (and MP4 where the browser cannot encode H.264) needs ffmpeg, which could not be started as '${command}' (${error.message}): install it (Debian/Ubuntu: apt-get install ffmpeg) or set MFGW_FFMPEG to its path`))));
    child.once('close', (code) => {
      const version = /ffmpeg version (\S+)/.exec(output)?.[1];
      if (code === 0 && version !== undefined) resolve(ok({ path: command, version }));
      else resolve(err(appError('unsupported', `'${command} -version' exited with ${code} and printed no version: set MFGW_FFMPEG to a working ffmpeg`)));
    });
  });
  return located;
}

const CRF = { low: 28, medium: 23, high: 18 } as const;
const GIF_PALETTE = {
  low: 'palettegen=max_colors=64:stats_mode=diff[p];[b][p]paletteuse=dither=bayer:bayer_scale=5:diff_mode=rectangle',
  medium: 'palettegen=max_colors=128:stats_mode=diff[p];[b][p]paletteuse=dither=bayer:bayer_scale=3:diff_mode=rectangle',
  high: 'palettegen=stats_mode=diff[p];[b][p]paletteuse=dither=sierra2_4a:diff_mode=rectangle',
} as const;

/** Bytes of one raw frame in the request's layout. */
export function frameBytes(request: Pick<VideoRequest, 'width' | 'height' | 'input'>): number {
  return request.input === 'yuv420p' ? request.width * request.height * 3 / 2 : request.width * request.height * 4;
}

/** The command line: raw frames (RGBA or I420) at the request's size and rate on stdin, the file at `output`. */
export function ffmpegArguments(request: Pick<VideoRequest, 'format' | 'width' | 'height' | 'fps' | 'quality' | 'input'>, output: string): string[] {
  const pixels = request.input === 'yuv420p' ? 'yuv420p' : 'rgba';
  const input = ['-hide_banner', '-loglevel', 'error', '-f', 'rawvideo', '-pix_fmt', pixels, '-s', `${request.width}x${request.height}`, '-r', String(request.fps), '-i', 'pipe:0'];
  if (request.format === 'mp4') {
    // Every MP4 is BT.709 limited range with the colour description set (renderer/export/video.ts):
    // I420 from the page already is; RGBA is converted with that matrix and range, not swscale's
    // BT.601 default. yuv420p and faststart: plays in browsers, PowerPoint, Keynote and QuickTime.
    const convert = pixels === 'rgba' ? ['-vf', 'scale=out_color_matrix=bt709:out_range=tv'] : [];
    const tags = ['-colorspace', 'bt709', '-color_primaries', 'bt709', '-color_trc', 'bt709', '-color_range', 'tv'];
    return [...input, ...convert, '-c:v', 'libx264', '-preset', 'veryfast', '-crf', String(CRF[request.quality]), '-pix_fmt', 'yuv420p', ...tags, '-movflags', '+faststart', '-f', 'mp4', '-y', output];
  }
  // One palette for the whole animation, from every frame (stats_mode=diff favours what moves).
  return [...input, '-filter_complex', `split[a][b];[a]${GIF_PALETTE[request.quality]}`, '-loop', '0', '-f', 'gif', '-y', output];
}

export class FfmpegEncode {
  private framesReceived = 0;
  private stderr = '';
  private readonly exited: Promise<number | null>;
  private exitCode: number | null | undefined;

  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    private readonly request: VideoRequest,
    private readonly destination: ExportDestination,
    private readonly temporary: string,
  ) {
    child.stderr.on('data', (chunk: Buffer) => { this.stderr = (this.stderr + chunk.toString()).slice(-4000); });
    // A closed pipe (ffmpeg died) surfaces through `exited`; the stream error itself is expected.
    child.stdin.on('error', () => undefined);
    this.exited = new Promise((resolve) => {
      child.once('close', (code) => { this.exitCode = code; resolve(code); });
      child.once('error', (error) => { this.stderr += error.message; this.exitCode = null; resolve(null); });
    });
  }

  static async start(ffmpeg: FfmpegInfo, request: VideoRequest, destination: ExportDestination): Promise<Result<FfmpegEncode>> {
    const folder = await prepareFolder(destination.folder);
    if (!folder.ok) return folder;
    const temporary = temporaryPathFor(destination);
    const child = spawn(ffmpeg.path, ffmpegArguments(request, temporary), { stdio: ['pipe', 'ignore', 'pipe'] });
    return ok(new FfmpegEncode(child as unknown as ChildProcessWithoutNullStreams, request, destination, temporary));
  }

  get frames(): number {
    return this.framesReceived;
  }

  private get frameBytes(): number {
    return frameBytes(this.request);
  }

  private failure(what: string): string {
    const said = this.stderr.trim();
    return `${what}${said === '' ? '' : `: ffmpeg said: ${said.split('\n').slice(-3).join(' / ')}`}`;
  }

  /** Whole frames of RGBA bytes; waits while ffmpeg's pipe is full. */
  async write(bytes: Uint8Array): Promise<Result<number>> {
    if (this.exitCode !== undefined) return err(appError('io', this.failure(`ffmpeg stopped (exit ${this.exitCode}) before all frames arrived`)));
    if (bytes.length === 0 || bytes.length % this.frameBytes !== 0) {
      const perPixel = this.request.input === 'yuv420p' ? '1.5 (I420)' : '4 (RGBA)';
      return err(appError('bad_input', `expected whole frames of ${this.request.width} x ${this.request.height} x ${perPixel} = ${this.frameBytes} bytes, received ${bytes.length} bytes`));
    }
    const frames = bytes.length / this.frameBytes;
    if (this.framesReceived + frames > this.request.frames) {
      return err(appError('bad_input', `expected ${this.request.frames} frames in all, received ${this.framesReceived + frames}`));
    }
    this.framesReceived += frames;
    const flushed = this.child.stdin.write(bytes);
    if (!flushed) await Promise.race([new Promise((resolve) => this.child.stdin.once('drain', resolve)), this.exited]);
    return ok(this.framesReceived);
  }

  /** Closes the input and waits for ffmpeg; the file appears only if it succeeded. */
  async finish(): Promise<Result<{ path: string; bytes: number; frames: number }>> {
    if (this.framesReceived !== this.request.frames) {
      await this.cancel();
      return err(appError('bad_input', `expected ${this.request.frames} frames, received ${this.framesReceived}: nothing was written`));
    }
    this.child.stdin.end();
    const code = await this.exited;
    if (code !== 0) {
      await discardTemporary(this.temporary);
      return err(appError('io', this.failure(`ffmpeg failed (exit ${code}) writing ${this.destination.path}`)));
    }
    const committed = await commitTemporary(this.temporary, this.destination);
    return committed.ok ? ok({ ...committed.value, frames: this.framesReceived }) : committed;
  }

  /** Stops ffmpeg at once and removes what it wrote. */
  async cancel(): Promise<void> {
    if (this.exitCode === undefined) this.child.kill('SIGKILL');
    await this.exited;
    await discardTemporary(this.temporary);
  }
}
