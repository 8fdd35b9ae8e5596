// The tools that check exports (ffprobe, pdffonts, pdftotext, pdfimages): whether they exist, and
// their answers as data. Without them the export tests fail in CI (saying what to install) and are
// skipped loudly elsewhere, never silently.

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readPngInfo, type PngInfo } from '../../app/figure/png.js';

const TOOLS = { ffmpeg: 'ffmpeg', ffprobe: 'ffmpeg', pdffonts: 'poppler-utils', pdftotext: 'poppler-utils', pdfimages: 'poppler-utils' } as const;
export type Tool = keyof typeof TOOLS;

/** Why the tools cannot run, or undefined when they all can. */
export function missingTools(tools: readonly Tool[]): string | undefined {
  const missing = tools.filter((tool) => spawnSync(tool, ['-h'], { stdio: 'ignore' }).error !== undefined);
  if (missing.length === 0) return undefined;
  const packages = [...new Set(missing.map((tool) => TOOLS[tool]))];
  return `${missing.join(', ')} not found: install ${packages.join(' ')} (apt-get install ${packages.join(' ')})`;
}

/** describe/it runs when the tools exist; in CI their absence fails, elsewhere it skips with a warning. */
export function toolGate(tools: readonly Tool[]): { skip: boolean; problem: string | undefined } {
  const problem = missingTools(tools);
  if (problem !== undefined && process.env.CI === undefined) {
    console.warn(`\n*** SKIPPING export checks: ${problem}. In CI this is a failure. ***\n`);
    return { skip: true, problem };
  }
  return { skip: false, problem };
}

function run(command: string, args: readonly string[]): string {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.error !== undefined) throw new Error(`${command} could not run: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return result.stdout;
}

export interface VideoProbe {
  readonly codec: string;
  readonly pixFmt: string;
  readonly width: number;
  readonly height: number;
  readonly frames: number;
  readonly duration: number;
  /** The stream's colour description; 'unknown' for each tag it does not carry. */
  readonly colorSpace: string;
  readonly colorRange: string;
  readonly colorPrimaries: string;
  readonly colorTransfer: string;
}

interface ProbedStream {
  codec_name: string; pix_fmt: string; width: number; height: number; nb_read_frames: string;
  color_space?: string; color_range?: string; color_primaries?: string; color_transfer?: string;
}

/** ffprobe's view of the first video stream, frames counted by decoding. */
export function probeVideo(file: string): VideoProbe {
  const output = run('ffprobe', ['-v', 'error', '-count_frames', '-select_streams', 'v:0', '-show_entries',
    'stream=codec_name,pix_fmt,width,height,nb_read_frames,color_space,color_range,color_primaries,color_transfer:format=duration', '-of', 'json', file]);
  const parsed = JSON.parse(output) as { streams: ProbedStream[]; format: { duration: string } };
  const stream = parsed.streams[0];
  if (stream === undefined) throw new Error(`ffprobe found no video stream in ${file}`);
  return {
    codec: stream.codec_name, pixFmt: stream.pix_fmt, width: stream.width, height: stream.height,
    frames: Number(stream.nb_read_frames), duration: Number(parsed.format.duration),
    colorSpace: stream.color_space ?? 'unknown', colorRange: stream.color_range ?? 'unknown',
    colorPrimaries: stream.color_primaries ?? 'unknown', colorTransfer: stream.color_transfer ?? 'unknown',
  };
}

/**
 * The 1st and 99th percentiles of the luma samples of a YUV video's first frame, as stored (the Y
 * plane, no range conversion). Limited range keeps flat black and white at 16 and 235 (full range
 * stores 0 and 255); percentiles, because the encoder's ringing at sharp edges overshoots a little.
 */
export function firstFrameLuma(file: string): [number, number] {
  const result = spawnSync('ffmpeg', ['-v', 'error', '-i', file, '-frames:v', '1', '-vf', 'extractplanes=y', '-f', 'rawvideo', '-pix_fmt', 'gray', 'pipe:1'], { maxBuffer: 64 * 2 ** 20 });
  if (result.status !== 0) throw new Error(`ffmpeg could not decode the first frame of ${file}: ${String(result.stderr)}`);
  const sorted = Uint8Array.from(result.stdout).sort();
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  return [at(0.01), at(0.99)];
}

/** Whether a stored luma value is white in limited range (235, give or take the encoder), not full range (255). */
export const isLimitedRangeWhite = (luma: number): boolean => luma >= 228 && luma <= 240;

/** What every MP4 the app writes must say of itself (renderer/export/video.ts). */
export const LIMITED_BT709_MP4 = { codec: 'h264', pixFmt: 'yuv420p', colorSpace: 'bt709', colorRange: 'tv', colorPrimaries: 'bt709', colorTransfer: 'bt709' } as const;

export interface PdfProbe {
  /** pdffonts rows: name, type, embedded. */
  readonly fonts: { name: string; embedded: boolean }[];
  readonly text: string;
  readonly images: number;
}

export function probePdf(file: string): PdfProbe {
  const fonts = run('pdffonts', [file]).split('\n').slice(2).filter((line) => line.trim() !== '').map((line) => {
    const cells = line.trim().split(/\s+/);
    // name type [type...] encoding emb sub uni object ID: "emb" is the 5th column from the end.
    return { name: cells[0] ?? '', embedded: cells[cells.length - 5] === 'yes' };
  });
  // pdfimages lists an RGBA image as an 'image' and its alpha as an 'smask': count the images.
  const images = run('pdfimages', ['-list', file]).split('\n').slice(2).filter((line) => line.trim().split(/\s+/)[2] === 'image').length;
  return { fonts, text: run('pdftotext', [file, '-']), images };
}

export function pngInfo(file: string): PngInfo {
  const info = readPngInfo(new Uint8Array(readFileSync(file)));
  if (info === undefined) throw new Error(`${file} is not a PNG`);
  return info;
}

/** The RGBA bytes of the top-left pixel of an image, decoded by ffmpeg. */
export function cornerPixel(file: string): number[] {
  const result = spawnSync('ffmpeg', ['-v', 'error', '-i', file, '-vf', 'crop=1:1:0:0', '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgba', '-'], { maxBuffer: 1024 });
  if (result.error !== undefined || result.status !== 0) throw new Error(`ffmpeg could not decode ${file}: ${result.error?.message ?? String(result.stderr)}`);
  return [...result.stdout];
}
