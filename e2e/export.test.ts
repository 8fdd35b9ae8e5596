// Journey 5: solve the seed preset in the app and export its views: a PNG at a DPI and physical
// width (pixel size checked), SVG and PDF figures (text present, no raster in a plot, fonts
// embedded), MP4 through WebCodecs and through ffmpeg and a GIF (checked by ffprobe), a cancel
// mid-encode (no file left behind, the app keeps working), and bad input (an unwritable folder, an
// absurd DPI) answered with clear messages.

import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { cornerPixel, firstFrameLuma, isLimitedRangeWhite, LIMITED_BT709_MP4, pngInfo, probePdf, probeVideo, toolGate } from '../main/testing/export-tools.js';
import { screenshot, watchPage } from './harness/browser.js';
import { openApp, waitForNewSolution } from './harness/app.js';
import { journey } from './harness/journey.js';
import { HANG_GUARD_MS } from '../main/testing/hang-guard.js';

interface ExportResult {
  state: string;
  path: string;
  encoder: string;
  errorCode: string;
  text: string;
}

type Fields = Record<string, string | boolean>;

/** Fills the open export dialog (labels as the user reads them) and runs one export. */
async function exportWith(page: Page, fields: Fields, options: { cancelAfterFrames?: number } = {}): Promise<ExportResult> {
  const dialog = page.locator('dialog.export-dialog');
  for (const [label, value] of Object.entries(fields)) {
    const control = dialog.getByLabel(label, { exact: true });
    if (typeof value === 'boolean') await control.setChecked(value);
    else if (await control.evaluate((element) => element.tagName === 'SELECT')) await control.selectOption(value);
    else await control.fill(value);
  }
  const status = dialog.locator('.export-status');
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  if (options.cancelAfterFrames !== undefined) {
    await page.waitForFunction((frames) => {
      const progress = document.querySelector('dialog.export-dialog progress') as HTMLProgressElement | null;
      return progress !== null && progress.value >= frames;
    }, options.cancelAfterFrames, { timeout: HANG_GUARD_MS, polling: 50 });
    await dialog.getByRole('button', { name: 'Cancel export' }).click();
  }
  await page.waitForFunction(() => {
    const state = document.querySelector('dialog.export-dialog .export-status')?.getAttribute('data-state');
    return state === 'done' || state === 'error';
  }, undefined, { timeout: HANG_GUARD_MS, polling: 100 });
  return {
    state: (await status.getAttribute('data-state')) ?? '',
    path: (await status.getAttribute('data-path')) ?? '',
    encoder: (await status.getAttribute('data-encoder')) ?? '',
    errorCode: (await status.getAttribute('data-error-code')) ?? '',
    text: (await status.textContent()) ?? '',
  };
}

const tools = toolGate(['ffmpeg', 'ffprobe', 'pdffonts', 'pdftotext', 'pdfimages']);

journey('exporting figures and animations', (context) => {
  it.skipIf(tools.skip)('exports PNG, SVG, PDF, MP4 and GIF, cancels cleanly and refuses bad input', async () => {
    if (tools.problem !== undefined) throw new Error(tools.problem);
    const { server, browser } = context();
    const page = await openApp(browser, server);
    const { errors } = watchPage(page);
    await waitForNewSolution(page, '');
    await page.getByLabel('Preset', { exact: true }).selectOption({ label: 'Seed 002: congestion, crowd heading to x = 0.7' });
    await page.waitForFunction(() => document.querySelector('.status-bar')?.getAttribute('data-phase') !== 'solving', undefined, { timeout: HANG_GUARD_MS });
    const exports = path.join(server.runsDir, 'exports');

    await page.getByRole('button', { name: 'Export…' }).click();
    // PNG: 3.5 in x 2 in at 150 DPI is 525 x 300 pixels, and the file says 150 DPI.
    const png = await exportWith(page, { View: 'Density heatmap', Format: 'png', 'Width preset': 'single', 'Height (in)': '2', 'Resolution (DPI)': '150', 'File name': 'density' });
    expect(png).toMatchObject({ state: 'done', path: path.join(exports, 'density.png') });
    const info = pngInfo(png.path);
    expect([info.width, info.height]).toEqual([525, 300]);
    expect(info.dpi).toBeCloseTo(150, 0);
    expect(cornerPixel(png.path)).toEqual([255, 255, 255, 255]);
    const clear = await exportWith(page, { 'Transparent background': true, 'File name': 'density-clear' });
    expect(cornerPixel(clear.path)[3]).toBe(0);
    await page.locator('dialog.export-dialog').getByLabel('Transparent background').setChecked(false);
    await screenshot(page, 'journey5-01-png-exported');

    // SVG of the time slice: text as <text>, no raster.
    const svg = await exportWith(page, { View: 'Time slice', Format: 'svg', 'File name': 'slice' });
    expect(svg.state).toBe('done');
    const svgText = readFileSync(svg.path, 'utf8');
    expect(svgText).toMatch(/<text [^>]*>m\(t,x\)<\/text>/);
    expect(svgText).toContain('@font-face');
    expect(svgText).not.toContain('<image');

    // PDF: the plot has no image, the map has exactly one (its body); fonts embedded; text searchable.
    const slicePdf = await exportWith(page, { Format: 'pdf', 'File name': 'slice' });
    const sliceProbe = probePdf(slicePdf.path);
    expect(sliceProbe.images).toBe(0);
    expect(sliceProbe.fonts.every((font) => font.embedded)).toBe(true);
    expect(sliceProbe.text).toContain('At t =');
    const mapPdf = await exportWith(page, { View: 'Density heatmap', Format: 'pdf', 'File name': 'density' });
    const mapProbe = probePdf(mapPdf.path);
    expect(mapProbe.images).toBe(1);
    expect(mapProbe.text).toContain('Density m(t,x)');

    // MP4, automatic encoder: WebCodecs where this Chromium encodes H.264 and keeps the colour
    // description it is given, else ffmpeg with the reason; then forced ffmpeg. 48 levels at 24 fps.
    // Either way the file is limited-range BT.709 yuv420p (full-range yuvj420p is what Chromium
    // writes for RGB canvas frames).
    const video = { Format: 'mp4', View: 'Density heatmap', 'First level': '0', 'Last level': '47', 'Frames per second': '24', 'Width (px)': '640', 'Height (px)': '360' };
    const auto = await exportWith(page, { ...video, 'File name': 'density-auto' });
    const h264 = await page.evaluate(async () => typeof VideoEncoder !== 'undefined'
      && (await VideoEncoder.isConfigSupported({ codec: 'avc1.42001f', width: 640, height: 360 })).supported === true);
    expect(auto).toMatchObject({ state: 'done' });
    if (!h264) expect(auto.encoder).toBe('ffmpeg');
    expect(auto.text).toMatch(auto.encoder === 'webcodecs' ? /Encoded with WebCodecs/ : /Encoded with ffmpeg \(in the main process\) because/);
    console.log(`journey 5: the automatic MP4 encoder was ${auto.encoder} (${auto.text})`);
    const autoProbe = probeVideo(auto.path);
    expect(autoProbe).toMatchObject({ ...LIMITED_BT709_MP4, width: 640, height: 360, frames: 48 });
    expect(autoProbe.duration).toBeCloseTo(2, 1);
    // The heatmap's white margins are stored at the limited range's white (235), not at 255.
    expect(firstFrameLuma(auto.path)[1]).toSatisfy(isLimitedRangeWhite);
    const viaFfmpeg = await exportWith(page, { Encoder: 'ffmpeg', 'File name': 'density-ffmpeg' });
    expect(viaFfmpeg).toMatchObject({ state: 'done', encoder: 'ffmpeg' });
    expect(probeVideo(viaFfmpeg.path)).toMatchObject({ ...LIMITED_BT709_MP4, width: 640, height: 360, frames: 48 });
    expect(firstFrameLuma(viaFfmpeg.path)[1]).toSatisfy(isLimitedRangeWhite);

    const gif = await exportWith(page, { Format: 'gif', View: 'Time slice', 'Width (px)': '320', 'Height (px)': '200', 'Last level': '23', 'File name': 'slice' });
    expect(gif).toMatchObject({ state: 'done', encoder: 'ffmpeg' });
    expect(probeVideo(gif.path)).toMatchObject({ codec: 'gif', width: 320, height: 200, frames: 24 });
    await screenshot(page, 'journey5-02-gif-exported');

    // Cancel mid-encode: nothing is left behind, not even a temporary file.
    const before = readdirSync(exports).sort();
    const cancelled = await exportWith(page, { Format: 'mp4', Encoder: 'ffmpeg', 'Last level': '100', 'Width (px)': '1280', 'Height (px)': '720', 'File name': 'cancelled' }, { cancelAfterFrames: 3 });
    expect(cancelled).toMatchObject({ state: 'error', errorCode: 'cancelled' });
    expect(readdirSync(exports).sort()).toEqual(before);

    // Bad input: a GIF too large to send, an unwritable folder and an absurd DPI, with messages that say what to do.
    const huge = await exportWith(page, { Format: 'gif', 'Width (px)': '4096', 'Height (px)': '4096', 'File name': 'huge' });
    expect(huge).toMatchObject({ state: 'error', errorCode: 'bad_input' });
    expect(huge.text).toContain('a 4096 x 4096 frame is 64 MiB');
    const blocker = path.join(server.runsDir, 'not-a-folder');
    writeFileSync(blocker, 'x');
    const unwritable = await exportWith(page, { Format: 'png', Folder: path.join(blocker, 'figures'), 'File name': 'x' });
    expect(unwritable).toMatchObject({ state: 'error', errorCode: 'io' });
    expect(unwritable.text).toContain('choose a folder you can write to');
    const absurd = await exportWith(page, { Folder: '', 'Resolution (DPI)': '5000' });
    expect(absurd).toMatchObject({ state: 'error', errorCode: 'bad_input' });
    expect(absurd.text).toContain('expected the resolution between 36 and 1200 DPI, received 5000 DPI');
    expect(readdirSync(exports).sort()).toEqual(before);

    // The app keeps working: the next export succeeds.
    const after = await exportWith(page, { 'Resolution (DPI)': '100', 'File name': 'after' });
    expect(after.state).toBe('done');
    await screenshot(page, 'journey5-03-after-errors');
    expect(errors).toEqual([]);
  });
});
