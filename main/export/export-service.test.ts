// The export service with the real ffmpeg, fonts and poppler tools: files are checked by ffprobe,
// pdffonts, pdftotext and pdfimages, and failures leave no file behind.

import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Figure, VideoRequest } from '../../app/contract/index.js';
import { encodePng } from '../../app/figure/png.js';
import { axesItems, colorbarItems, seriesItems } from '../../app/figure/plot.js';
import { figureStyle } from '../../app/figure/style.js';
import { ExportServer, MAX_CONCURRENT_ENCODES } from './export-service.js';
import { ffmpegArguments } from './ffmpeg.js';
import { firstFrameLuma, isLimitedRangeWhite, LIMITED_BT709_MP4, probePdf, probeVideo, toolGate } from '../testing/export-tools.js';

const style = figureStyle('paper');
const box = { x: 40, y: 14, w: 160, h: 100 };
const x = { domain: [0, 1] as const, ticks: [0, 0.25, 0.5, 0.75, 1].map((value) => ({ value, label: String(value) })), label: 'x' };
const y = { domain: [0, 2] as const, ticks: [0, 1, 2].map((value) => ({ value, label: String(value) })), label: 'm(t,x)' };

function plot(): Figure {
  return {
    width: 252, height: 156, background: '#ffffff', title: 'Profile',
    items: [...axesItems(box, x, y, style), ...seriesItems(box, x, y, [{ xs: [0, 0.5, 1], ys: [0, 2, 1], color: '#1c64f2' }], style),
      { kind: 'text', x: 40, y: 10, text: 'Density at \\nu = 0.1', size: 8, color: '#1f2933', anchor: 'start', baseline: 'alphabetic', bold: true }],
  };
}

function map(): Figure {
  const png = encodePng(Uint8Array.from({ length: 8 * 4 * 4 }, (_, i) => (i * 13) % 256), 8, 4);
  return { ...plot(), items: [{ kind: 'image', x: box.x, y: box.y, w: box.w, h: box.h, png, pixelated: true }, ...axesItems(box, x, y, style),
    ...colorbarItems({ x: 210, y: box.y, w: 8, h: box.h }, ['#440154', '#21918c', '#fde725'], y, style)] };
}

const rgbaFrames = (width: number, height: number, count: number): Uint8Array => {
  const frames = new Uint8Array(width * height * 4 * count);
  for (let f = 0; f < count; f++) {
    for (let p = 0; p < width * height; p++) {
      const at = (f * width * height + p) * 4;
      frames[at] = (p * 5 + f * 20) % 256; frames[at + 1] = (p * 3) % 256; frames[at + 2] = f * 10; frames[at + 3] = 255;
    }
  }
  return frames;
};

let scratch: string;
let server: ExportServer;
const folder = (): string => path.join(scratch, 'out');
const listed = (): string[] => readdirSync(folder());

beforeAll(() => {
  scratch = mkdtempSync(path.join(tmpdir(), 'mfgw-export-'));
  server = new ExportServer({ defaultFolder: folder });
});
afterAll(async () => {
  await server.dispose();
  rmSync(scratch, { recursive: true, force: true });
});

describe('figures', () => {
  it('writes SVG with text as text, the font embedded, and no raster for a plot', async () => {
    const result = await server.writeFigure({ fileName: 'profile' }, 'svg', plot());
    expect(result).toMatchObject({ ok: true, value: { path: path.join(folder(), 'profile.svg') } });
    const svg = readFileSync(path.join(folder(), 'profile.svg'), 'utf8');
    expect(svg).toContain('@font-face{font-family:\'DejaVu Sans\'');
    expect(svg).toMatch(/<text [^>]*>Density at ν = 0.1<\/text>/);
    expect(svg).not.toContain('<image');
  });

  const pdfTools = toolGate(['pdffonts', 'pdftotext', 'pdfimages']);
  it.skipIf(pdfTools.skip)('writes PDF with embedded DejaVu, searchable text, and an image only for a map body', async () => {
    if (pdfTools.problem !== undefined) throw new Error(pdfTools.problem);
    const plotted = await server.writeFigure({ fileName: 'profile.pdf' }, 'pdf', plot());
    expect(plotted.ok).toBe(true);
    const probe = probePdf(path.join(folder(), 'profile.pdf'));
    expect(probe.fonts.length).toBeGreaterThan(0);
    expect(probe.fonts.every((font) => font.embedded && font.name.includes('DejaVuSans'))).toBe(true);
    expect(probe.text).toContain('Density at ν = 0.1');
    expect(probe.text).toContain('0.75');
    expect(probe.images).toBe(0);
    await server.writeFigure({ fileName: 'map.pdf' }, 'pdf', map());
    expect(probePdf(path.join(folder(), 'map.pdf')).images).toBe(1);
  });
});

describe('files and folders', () => {
  it('writes finished PNG bytes and refuses bytes that are not what the name says', async () => {
    const png = encodePng(new Uint8Array(16), 2, 2, 300);
    expect(await server.writeFile({ fileName: 'a.png' }, png)).toMatchObject({ ok: true, value: { bytes: png.length } });
    expect(await server.writeFile({ fileName: 'b.png' }, new Uint8Array([1, 2, 3]))).toMatchObject({ ok: false, error: { code: 'bad_input', message: 'expected PNG bytes, received something else' } });
    expect(await server.writeFile({ fileName: 'c.txt' }, png)).toMatchObject({ ok: false, error: { message: expect.stringContaining(".png or .mp4, received 'c.txt'") } });
    expect(await server.writeFile({ fileName: '../d.png' }, png)).toMatchObject({ ok: false, error: { message: expect.stringContaining('without folders') } });
    expect(listed().filter((name) => name.startsWith('b') || name.startsWith('.') || name.startsWith('c'))).toEqual([]);
  });

  it('reports an unwritable folder clearly and leaves nothing', async () => {
    const file = path.join(scratch, 'a-file');
    writeFileSync(file, 'x');
    const result = await server.writeFigure({ folder: path.join(file, 'sub'), fileName: 'x.svg' }, 'svg', plot());
    expect(result).toMatchObject({ ok: false, error: { code: 'io', message: expect.stringMatching(/^cannot export into .*a-file\/sub: .*choose a folder you can write to$/) } });
    expect(await server.writeFile({ folder: 'relative/folder', fileName: 'x.png' }, encodePng(new Uint8Array(4), 1, 1)))
      .toMatchObject({ ok: false, error: { message: "expected an absolute export folder, received 'relative/folder'" } });
  });
});

describe('ffmpeg arguments', () => {
  it('asks for H.264 in yuv420p for MP4 and a generated palette for GIF', () => {
    const mp4 = ffmpegArguments({ format: 'mp4', width: 640, height: 480, fps: 30, quality: 'high' }, '/o.mp4').join(' ');
    expect(mp4).toContain('-f rawvideo -pix_fmt rgba -s 640x480 -r 30 -i pipe:0 -vf scale=out_color_matrix=bt709:out_range=tv -c:v libx264');
    expect(mp4).toContain('-crf 18 -pix_fmt yuv420p -colorspace bt709 -color_primaries bt709 -color_trc bt709 -color_range tv -movflags +faststart -f mp4 -y /o.mp4');
    const gif = ffmpegArguments({ format: 'gif', width: 64, height: 48, fps: 10, quality: 'high' }, '/o.gif').join(' ');
    expect(gif).toContain('split[a][b];[a]palettegen=stats_mode=diff[p];[b][p]paletteuse=dither=sierra2_4a');
  });
});

const videoTools = toolGate(['ffmpeg', 'ffprobe']);
describe.skipIf(videoTools.skip)('animations with ffmpeg', () => {
  const request = (format: 'mp4' | 'gif', frames: number, fileName: string): VideoRequest =>
    ({ format, width: 64, height: 48, fps: 12, quality: 'medium', frames, fileName });

  beforeAll(() => {
    if (videoTools.problem !== undefined) throw new Error(videoTools.problem);
  });

  it('encodes MP4 from RGBA: H.264, limited-range BT.709 yuv420p, every frame, the right size and duration', async () => {
    const begun = await server.beginVideo(request('mp4', 24, 'clip'));
    if (!begun.ok) throw new Error(begun.error.message);
    expect(begun.value.encoder).toBe('ffmpeg');
    const frames = rgbaFrames(64, 48, 24);
    // The first frame: white above, black below, to see which levels the file stores.
    for (let p = 0; p < 64 * 48; p++) frames.fill(p < 64 * 24 ? 255 : 0, 4 * p, 4 * p + 3);
    const half = 12 * 64 * 48 * 4;
    expect(await server.addFrames(begun.value.videoId, frames.subarray(0, half))).toEqual({ ok: true, value: { received: 12 } });
    expect(await server.addFrames(begun.value.videoId, frames.subarray(half))).toEqual({ ok: true, value: { received: 24 } });
    const done = await server.finishVideo(begun.value.videoId);
    expect(done).toMatchObject({ ok: true, value: { path: path.join(folder(), 'clip.mp4'), frames: 24 } });
    const probe = probeVideo(path.join(folder(), 'clip.mp4'));
    expect(probe).toMatchObject({ ...LIMITED_BT709_MP4, width: 64, height: 48, frames: 24 });
    // Limited range: black near 16 and white near 235 (full range would store 0 and 255).
    const [low, high] = firstFrameLuma(path.join(folder(), 'clip.mp4'));
    expect(low).toBeGreaterThanOrEqual(12);
    expect(low).toBeLessThanOrEqual(20);
    expect(high).toSatisfy(isLimitedRangeWhite);
    expect(probe.duration).toBeCloseTo(2, 1);
  });

  it('encodes MP4 from I420 frames, tagged BT.709', async () => {
    const frames = 6;
    const begun = await server.beginVideo({ ...request('mp4', frames, 'i420.mp4'), input: 'yuv420p' });
    if (!begun.ok) throw new Error(begun.error.message);
    const bytes = new Uint8Array(64 * 48 * 1.5 * frames).map((_, i) => (i * 7) % 256);
    expect(await server.addFrames(begun.value.videoId, bytes)).toEqual({ ok: true, value: { received: frames } });
    expect(await server.finishVideo(begun.value.videoId)).toMatchObject({ ok: true, value: { frames } });
    expect(probeVideo(path.join(folder(), 'i420.mp4'))).toMatchObject({ ...LIMITED_BT709_MP4, frames });
    expect(await server.beginVideo({ ...request('gif', 2, 'x.gif'), input: 'yuv420p' })).toMatchObject({ ok: false, error: { message: expect.stringContaining('expected RGBA frames for a GIF') } });
  });

  it('encodes GIF with every frame at its size', async () => {
    const begun = await server.beginVideo(request('gif', 10, 'clip.gif'));
    if (!begun.ok) throw new Error(begun.error.message);
    await server.addFrames(begun.value.videoId, rgbaFrames(64, 48, 10));
    expect(await server.finishVideo(begun.value.videoId)).toMatchObject({ ok: true });
    expect(probeVideo(path.join(folder(), 'clip.gif'))).toMatchObject({ codec: 'gif', width: 64, height: 48, frames: 10 });
  });

  it('cancel mid-encode, wrong frame sizes and missing frames leave no file behind', async () => {
    const before = listed();
    const cancelled = await server.beginVideo(request('mp4', 50, 'cancelled.mp4'));
    if (!cancelled.ok) throw new Error(cancelled.error.message);
    await server.addFrames(cancelled.value.videoId, rgbaFrames(64, 48, 5));
    expect(await server.cancelVideo(cancelled.value.videoId)).toEqual({ ok: true, value: { cancelled: true } });
    expect(await server.addFrames(cancelled.value.videoId, rgbaFrames(64, 48, 1))).toMatchObject({ ok: false, error: { code: 'not_found' } });

    const torn = await server.beginVideo(request('mp4', 5, 'torn.mp4'));
    if (!torn.ok) throw new Error(torn.error.message);
    expect(await server.addFrames(torn.value.videoId, new Uint8Array(100))).toMatchObject({ ok: false, error: { message: 'expected whole frames of 64 x 48 x 4 (RGBA) = 12288 bytes, received 100 bytes' } });

    const short = await server.beginVideo(request('gif', 5, 'short.gif'));
    if (!short.ok) throw new Error(short.error.message);
    await server.addFrames(short.value.videoId, rgbaFrames(64, 48, 2));
    expect(await server.finishVideo(short.value.videoId)).toMatchObject({ ok: false, error: { message: 'expected 5 frames, received 2: nothing was written' } });
    expect(listed()).toEqual(before);
  });

  it(`encodes at most ${MAX_CONCURRENT_ENCODES} videos at once, even when asked for many at the same moment`, async () => {
    const begun = await Promise.all(Array.from({ length: 6 }, (_, index) => server.beginVideo(request('mp4', 2, `capped-${index}.mp4`))));
    const started = begun.filter((result) => result.ok);
    expect(started).toHaveLength(MAX_CONCURRENT_ENCODES);
    expect(begun.find((result) => !result.ok)).toMatchObject({ ok: false, error: { message: `${MAX_CONCURRENT_ENCODES} videos are being encoded already: wait for one to finish (or cancel one), then export again` } });
    for (const result of started) if (result.ok) await server.cancelVideo(result.value.videoId);
    const after = await server.beginVideo(request('mp4', 2, 'after-cap.mp4'));
    expect(after.ok).toBe(true);
    if (after.ok) await server.cancelVideo(after.value.videoId);
  });

  it('refuses odd sizes for H.264', async () => {
    expect(await server.beginVideo({ ...request('mp4', 2, 'odd.mp4'), width: 65 })).toMatchObject({ ok: false, error: { message: expect.stringContaining('received 65 x 48') } });
  });
});
