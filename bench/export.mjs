#!/usr/bin/env node
// Benchmark of export (issue 5) in Chromium against the real server and solver: frames per second
// of a 1080p MP4 of a 2D view (the density's space-time map) with WebCodecs and with ffmpeg, and
// of a GIF, each against the baseline measured in the same run: drawing the same frames without
// encoding. Uses the page's automation hook (the same code as the Export dialog). Needs the built
// app (npm run build). Prints one JSON document; `--write` saves it to bench/results/export.json.
// Never asserts timings.
/* global window */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_PATH, launchChromium, machine, openSolvedApp, startWeb, webAddress } from './machine.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const mfgw = join(root, 'build', 'ts', 'main', 'cli', 'mfgw.js');
const index = join(root, 'build', 'renderer', 'index.html');
const VIEW = 'heatmap-m';

for (const [file, fix] of [[mfgw, 'npx tsc -b'], [index, 'npm run build:renderer'], [CHROMIUM_PATH, 'apt-get install -y chromium']]) {
  if (!existsSync(file)) {
    console.error(`export: ${file} is missing (${fix})`);
    process.exit(1);
  }
}

const base = mkdtempSync(join(tmpdir(), 'mfgw-bench-export-'));
const server = startWeb(mfgw, base);

const request = (overrides) => ({
  viewId: VIEW, format: 'mp4', fileName: 'bench', level: 0, widthInches: 3.5, heightInches: 2.2, dpi: 300, transparent: false,
  style: 'paper', firstLevel: 0, lastLevel: 100, fps: 30, widthPx: 1920, heightPx: 1080, quality: 'high', encoder: 'auto', ...overrides,
});

let browser;
try {
  const url = await webAddress(server);
  browser = await launchChromium();
  const page = await openSolvedApp(browser, url, 60_000);
  const levels = await page.evaluate((view) => window.mfgwAutomation.views().find((v) => v.id === view)?.levels ?? 0, VIEW);

  const run = async (name, overrides) => {
    const result = await page.evaluate((r) => window.mfgwAutomation.export(r), request({ fileName: name, lastLevel: levels - 1, ...overrides }));
    if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
    const { frames, seconds, encoder, bytes } = result.value;
    return { encoder, frames, seconds: Math.round(seconds * 1000) / 1000, fps: Math.round((frames / seconds) * 10) / 10, bytes };
  };
  const baseline = async (width, height) => {
    const seconds = await page.evaluate(([view, w, h, n]) => window.mfgwAutomation.renderFrames(view, w, h, n), [VIEW, width, height, levels]);
    return { frames: levels, seconds: Math.round(seconds * 1000) / 1000, fps: Math.round((levels / seconds) * 10) / 10 };
  };
  // Warm-up (JIT, encoder start-up), not counted.
  await run('warmup', { widthPx: 640, heightPx: 360, lastLevel: 9 });
  const draw1080 = await baseline(1920, 1080);
  const mp4WebCodecs = await run('mp4-webcodecs.mp4', {});
  const mp4Ffmpeg = await run('mp4-ffmpeg.mp4', { encoder: 'ffmpeg' });
  const drawGif = await baseline(800, 450);
  const gif = await run('gif.gif', { format: 'gif', widthPx: 800, heightPx: 450, fps: 15 });
  const ratio = (encode, draw) => Math.round((encode.fps / draw.fps) * 1000) / 1000;
  const report = {
    benchmark: 'export',
    view: `${VIEW} (space-time map of the density, seed 002 preset, ${levels} time levels)`,
    machine: machine(),
    browser: `Chromium ${browser.version()} headless (software rendering)`,
    target: '>= 30 frames/s for a 1080p MP4 on this machine',
    mp4_1080p: {
      draw_only_baseline: draw1080,
      webcodecs: { ...mp4WebCodecs, ratio_to_draw_only: ratio(mp4WebCodecs, draw1080) },
      ffmpeg: { ...mp4Ffmpeg, ratio_to_draw_only: ratio(mp4Ffmpeg, draw1080), settings: 'libx264 -preset veryfast -crf 18, raw RGBA over the WebSocket' },
    },
    gif_800x450: { draw_only_baseline: drawGif, ffmpeg: { ...gif, ratio_to_draw_only: ratio(gif, drawGif), settings: 'palettegen stats_mode=diff + paletteuse sierra2_4a' } },
  };
  const text = `${JSON.stringify(report, null, 2)}\n`;
  process.stdout.write(text);
  if (process.argv.includes('--write')) writeFileSync(join(root, 'bench', 'results', 'export.json'), text);
} finally {
  await browser?.close();
  server.kill('SIGTERM');
  rmSync(base, { recursive: true, force: true });
}
