#!/usr/bin/env node
// Benchmark of the 3D volume view (issue 5) in the Chromium the journeys use (headless, WebGL2 on
// SwiftShader: software rendering on the CPU, no GPU): frames per second of the ray marcher for a
// 128^3 and a 256^3 volume at 800x600 with the view's step count (and the quarter count it uses
// while the camera moves), and the time to upload one 256^3 time step to a 3D texture.
//
// The volumes are synthetic (two moving Gaussian blobs around a spherical obstacle, float32, two
// stored levels) written into the run directory of a small real 3D solve by mfg-solve (the 3D
// corner preset on an 8^3 grid), so the app
// opens them exactly as it opens any run. Frames are drawn through the view's export FrameSource
// (render target + read-back, which waits for the GPU), so every frame is complete when timed.
// Needs the built app (npm run build). Prints one JSON document; `--write` saves it to
// bench/results/volume-render.json. Never asserts timings.
/* global document, window */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_PATH, launchChromium, machine, median, openSolvedApp, startWeb, webAddress } from './machine.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const mfgw = join(root, 'build', 'ts', 'main', 'cli', 'mfgw.js');
const index = join(root, 'build', 'renderer', 'index.html');
const solver = join(root, 'build', 'native', 'mfg-solve');
const WIDTH = 800;
const HEIGHT = 600;

for (const [file, fix] of [[mfgw, 'npx tsc -b'], [index, 'npm run build:renderer'], [solver, 'npm run build:native'], [CHROMIUM_PATH, 'apt-get install -y chromium']]) {
  if (!existsSync(file)) {
    console.error(`volume-render: ${file} is missing (${fix})`);
    process.exit(1);
  }
}

const base = mkdtempSync(join(tmpdir(), 'mfgw-bench-volume-'));

/** A real 3D run from mfg-solve, its fields replaced by an n^3 synthetic volume with two levels. */
function volumeRun(n) {
  const dir = join(base, `volume-${n}`);
  const spec = JSON.parse(readFileSync(join(root, 'assets', 'presets', 'corner-target-3d.json'), 'utf8'));
  spec.domain.points = [8, 8, 8];
  spec.time.steps = 4;
  const specFile = join(base, `volume-${n}.json`);
  writeFileSync(specFile, JSON.stringify(spec));
  const solved = spawnSync(solver, [specFile, '--out', dir, '--quiet'], { encoding: 'utf8' });
  if (solved.status !== 0) throw new Error(`mfg-solve failed: ${solved.stderr}`);
  const manifest = JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8'));
  manifest.name = `bench volume ${n}^3`;
  manifest.spec.name = manifest.name;
  manifest.spec.domain.points = [n, n, n];
  manifest.spec.output.store_every = manifest.spec.time.steps;
  Object.assign(manifest.grid, { points: [n, n, n], spacing: [1 / n, 1 / n, 1 / n], stored_levels: 2, store_every: manifest.spec.time.steps });
  writeFileSync(join(dir, 'run.json'), JSON.stringify(manifest, null, 2));
  const fields = join(dir, 'fields.zarr');
  for (const stale of ['.zmetadata', 'solid', 'x', 'y', 'z', 'u', 'm', 't']) rmSync(join(fields, stale), { recursive: true, force: true });
  writeArray(fields, 't', [2], [2], '<f8', Float64Array.from([0, 1]).buffer, ['t']);
  for (const field of ['u', 'm']) {
    const levels = [0, 1].map((level) => Buffer.from(syntheticLevel(n, field, level).buffer));
    writeArray(fields, field, [2, n, n, n], [1, n, n, n], '<f4', levels, ['t', 'z', 'y', 'x']);
  }
  return dir;
}

function syntheticLevel(n, field, level) {
  const out = new Float32Array(n * n * n);
  const centre = 0.3 + 0.4 * level;
  for (let k = 0; k < n; k++) for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) {
    const [x, y, z] = [(i + 0.5) / n, (j + 0.5) / n, (k + 0.5) / n];
    const solid = (x - 0.5) ** 2 + (y - 0.5) ** 2 + (z - 0.5) ** 2 < 0.02;
    const blob = Math.exp(-30 * ((x - centre) ** 2 + (y - centre) ** 2 + (z - 0.5) ** 2)) + 0.5 * Math.exp(-60 * ((x - 0.8) ** 2 + (y - 0.2) ** 2 + (z - centre) ** 2));
    const value = field === 'm' ? blob : (x - 0.9) ** 2 + (y - 0.9) ** 2 + (z - 0.9) ** 2;
    out[(k * n + j) * n + i] = field === 'u' && solid ? Number.NaN : value;
  }
  return out;
}

function writeArray(group, name, shape, chunks, dtype, data, dims) {
  const dir = join(group, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, '.zarray'), JSON.stringify({ zarr_format: 2, shape, chunks, dtype, compressor: null, fill_value: 'NaN', filters: null, order: 'C', dimension_separator: '.' }));
  writeFileSync(join(dir, '.zattrs'), JSON.stringify({ _ARRAY_DIMENSIONS: dims }));
  const blocks = Array.isArray(data) ? data : [Buffer.from(data)];
  blocks.forEach((block, c) => writeFileSync(join(dir, [c, ...shape.slice(1).map(() => 0)].join('.')), block));
}

/** Opens a run directory in the app and waits for the volume view to draw level 0. */
async function openVolume(page, dir) {
  await page.getByRole('tab', { name: 'Runs' }).click();
  await page.getByLabel(/^Open a run directory/).fill(dir);
  await page.getByRole('button', { name: 'Open directory' }).click();
  const opened = await page.waitForFunction((key) => {
    const error = document.querySelector('.notice-error')?.textContent;
    if (error) return error;
    const canvas = document.querySelector('canvas[data-view="volume"]');
    return canvas !== null && canvas.dataset.drawnLevel === '0' && document.querySelector('.shown-title')?.textContent === key;
  }, `bench volume ${dir.endsWith('256') ? 256 : 128}^3`, { timeout: 300_000, polling: 250 });
  const value = await opened.jsonValue();
  if (value !== true) throw new Error(`the run ${dir} did not open: ${value}`);
}

/** Frames per second of the view's export frames at WIDTH x HEIGHT with `steps` ray steps. */
async function framesPerSecond(page, steps, frames) {
  await page.getByLabel('Ray steps').selectOption(String(steps));
  return page.evaluate(async ([count, width, height]) => {
    const source = window.mfgwFrameSources.get('volume');
    await source.renderFrame(0, width, height, 1); // warm-up (shader compiled, caches filled)
    const times = [];
    for (let i = 0; i < count; i++) {
      const start = performance.now();
      await source.renderFrame(0, width, height, 1);
      times.push(performance.now() - start);
    }
    return times;
  }, [frames, WIDTH, HEIGHT]);
}

const server = startWeb(mfgw, base);
let browser;
try {
  const runs = { 128: volumeRun(128), 256: volumeRun(256) };
  const url = await webAddress(server);
  browser = await launchChromium();
  const page = await openSolvedApp(browser, url, 120_000);
  const gpu = await page.evaluate(() => {
    const gl = document.createElement('canvas').getContext('webgl2');
    const info = gl?.getExtension('WEBGL_debug_renderer_info');
    return { renderer: info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : 'unknown', version: gl?.getParameter(gl.VERSION) ?? 'no WebGL2', max3dTextureSize: gl?.getParameter(gl.MAX_3D_TEXTURE_SIZE) ?? 0 };
  });
  const browserVersion = browser.version();
  const volumes = {};
  for (const n of [128, 256]) {
    await openVolume(page, runs[n]);
    const frames = n === 128 ? 5 : 3;
    const full = await framesPerSecond(page, 128, frames);
    const moving = await framesPerSecond(page, 32, frames);
    const result = {
      volume: `${n}^3`, size: `${WIDTH}x${HEIGHT}`,
      steps: 128, frame_ms_median: Math.round(median(full)), fps: Math.round((1000 / median(full)) * 100) / 100,
      steps_while_moving: 32, fps_while_moving: Math.round((1000 / median(moving)) * 100) / 100,
    };
    // Upload of the next time step: the view normalises it and uploads a 3D texture.
    await page.locator('main').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('End');
    await page.waitForFunction(() => document.querySelector('canvas[data-view="volume"]')?.dataset.drawnLevel === '1', undefined, { timeout: 300_000, polling: 250 });
    result.upload_ms = Number(await page.locator('canvas[data-view="volume"]').getAttribute('data-upload-ms'));
    volumes[n] = result;
    // Back to t = 0: the next run opens at the time on screen.
    await page.keyboard.press('Home');
    await page.waitForFunction(() => document.querySelector('canvas[data-view="volume"]')?.dataset.drawnLevel === '0', undefined, { timeout: 300_000, polling: 250 });
  }
  const output = {
    benchmark: 'volume-render',
    what: 'ray-marched volume view: export frames at 800x600 (render target + read-back), median of a few frames after one warm-up; upload_ms = normalising one float32 time step on the CPU and uploading it as an R32F 3D texture (waited for)',
    browser: `Chromium ${browserVersion}, headless, --disable-gpu --enable-unsafe-swiftshader`,
    webgl: gpu,
    note: 'SwiftShader renders on the CPU of this shared 2-core machine: these are software-rendering numbers, far below a real GPU (target 30 fps for 256^3 on a GPU, not measured here).',
    volumes,
    machine: machine(),
  };
  const text = JSON.stringify(output, null, 2);
  console.log(text);
  if (process.argv.includes('--write')) writeFileSync(join(root, 'bench', 'results', 'volume-render.json'), `${text}\n`);
} finally {
  await browser?.close();
  server.kill('SIGTERM');
  rmSync(base, { recursive: true, force: true });
}
