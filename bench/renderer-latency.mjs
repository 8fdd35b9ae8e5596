#!/usr/bin/env node
// Benchmark of the renderer (issue 3) in Chromium against the real server and solver:
//  - slider latency: a viscosity step (ArrowRight on the focused slider) until every view has drawn
//    the new solution, against the baseline measured in the same run: the solver's own time for
//    that solve (summary timings.total_s). The difference is what the UI adds (scheduling, RPC,
//    field transfer, drawing);
//  - playback: animation frames per second while the time cursor plays (every view redraws each
//    frame), against the idle frame rate of the same page;
//  - app start: from starting `mfgw web` to its address printed, and to the first solution drawn
//    by every view of a fresh page (target 3 s), with the solver's own time for that solve.
// Needs the built app (npm run build). Prints one JSON document; `--write` saves it to
// bench/results/renderer-latency.json. Never asserts timings.
// The functions passed to page.evaluate run in the page, where these exist.
/* global document, window, MutationObserver, requestAnimationFrame */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_PATH, launchChromium, machine, median, startWeb, webAddress } from './machine.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const mfgw = join(root, 'build', 'ts', 'main', 'cli', 'mfgw.js');
const index = join(root, 'build', 'renderer', 'index.html');
const STEPS = 15;

for (const [file, fix] of [[mfgw, 'npx tsc -b'], [index, 'npm run build:renderer'], [CHROMIUM_PATH, 'apt-get install -y chromium']]) {
  if (!existsSync(file)) {
    console.error(`renderer-latency: ${file} is missing (${fix})`);
    process.exit(1);
  }
}

const base = mkdtempSync(join(tmpdir(), 'mfgw-bench-'));
const startedAt = performance.now();
const server = startWeb(mfgw, base);
let browser;
try {
  const url = await webAddress(server);
  const serverReadyMs = performance.now() - startedAt;
  browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const browserReadyMs = performance.now() - startedAt;
  await page.goto(url);
  await page.waitForFunction(() => document.querySelector('.status-bar')?.getAttribute('data-phase') === 'done'
    && [...document.querySelectorAll('canvas[data-view]')].every((c) => c.dataset.solution), undefined, { timeout: 60_000 });
  const firstSolutionMs = performance.now() - startedAt;
  const firstSolverMs = Number(await page.locator('.status-bar').getAttribute('data-solve-seconds')) * 1000;

  // Slider latency: timestamps in the page from the key press to the request being sent (the
  // status bar says "solving"), to the solution being ready (fields loaded, "done"), to the last
  // view having drawn it.
  const slider = page.getByLabel('Viscosity slider (log scale)');
  await slider.focus();
  const samples = [];
  for (let step = 0; step < STEPS + 1; step++) {
    await page.waitForFunction(() => document.querySelector('.status-bar')?.getAttribute('data-phase') !== 'solving');
    await page.evaluate(() => {
      const bar = document.querySelector('.status-bar');
      const canvases = [...document.querySelectorAll('canvas[data-view]')];
      const old = canvases[0].dataset.solution;
      const marks = { start: performance.now() };
      window.__benchStep = new Promise((resolve) => {
        const observer = new MutationObserver(() => {
          const now = performance.now();
          const phase = bar.getAttribute('data-phase');
          if (phase === 'solving') marks.solving ??= now;
          if (phase === 'done' && marks.solving !== undefined) marks.done ??= now;
          if (canvases.every((c) => c.dataset.solution !== old) && marks.done !== undefined) {
            marks.drawn = now;
            observer.disconnect();
            resolve(marks);
          }
        });
        observer.observe(document.body, { attributes: true, subtree: true, attributeFilter: ['data-phase', 'data-solution'] });
      });
    });
    await page.keyboard.press('ArrowRight');
    const marks = await page.evaluate(() => window.__benchStep);
    const solverSeconds = Number(await page.locator('.status-bar').getAttribute('data-solve-seconds'));
    // The first step warms caches and the JIT; it is not counted.
    if (step > 0) {
      samples.push({
        latency_ms: marks.drawn - marks.start,
        solver_ms: solverSeconds * 1000,
        to_request_ms: marks.solving - marks.start,
        request_to_ready_ms: marks.done - marks.solving,
        ready_to_drawn_ms: marks.drawn - marks.done,
      });
    }
  }

  // Playback frame rate against the idle frame rate.
  const frameRate = (ms) => page.evaluate((duration) => new Promise((resolve) => {
    let frames = 0;
    const started = performance.now();
    const tick = (now) => {
      frames++;
      if (now - started < duration) requestAnimationFrame(tick);
      else resolve((frames * 1000) / (now - started));
    };
    requestAnimationFrame(tick);
  }), ms);
  await page.locator('main').click({ position: { x: 5, y: 5 } });
  const idleFps = await frameRate(2000);
  await page.keyboard.press('Home');
  await page.getByLabel('Loop').check();
  await page.locator('main').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Space');
  const playingFps = await frameRate(3000);
  await page.keyboard.press('Space');

  const latency = median(samples.map((s) => s.latency_ms));
  const solverTime = median(samples.map((s) => s.solver_ms));
  const result = {
    benchmark: 'renderer-latency',
    machine: machine(),
    problem: 'seed 002 preset (100 cells, 100 time steps), viscosity stepped along its log slider, warm-started Newton',
    browser: `${CHROMIUM_PATH} headless, SwiftShader WebGL`,
    slider: {
      steps: samples.length,
      median_latency_ms: Math.round(latency * 10) / 10,
      median_solver_ms: Math.round(solverTime * 10) / 10,
      median_ui_overhead_ms: Math.round(median(samples.map((s) => s.latency_ms - s.solver_ms)) * 10) / 10,
      median_to_request_ms: Math.round(median(samples.map((s) => s.to_request_ms)) * 10) / 10,
      median_request_to_ready_ms: Math.round(median(samples.map((s) => s.request_to_ready_ms)) * 10) / 10,
      median_ready_to_drawn_ms: Math.round(median(samples.map((s) => s.ready_to_drawn_ms)) * 10) / 10,
      latency_over_solver: Math.round((latency / solverTime) * 100) / 100,
      samples,
    },
    app_start: {
      server_ready_ms: Math.round(serverReadyMs),
      browser_launched_ms: Math.round(browserReadyMs),
      first_solution_drawn_ms: Math.round(firstSolutionMs),
      first_solution_without_browser_launch_ms: Math.round(firstSolutionMs - (browserReadyMs - serverReadyMs)),
      first_solve_solver_ms: Math.round(firstSolverMs),
      target_ms: 3000,
    },
    playback: {
      idle_fps: Math.round(idleFps * 10) / 10,
      playing_fps: Math.round(playingFps * 10) / 10,
      playing_over_idle: Math.round((playingFps / idleFps) * 100) / 100,
    },
  };
  const json = JSON.stringify(result, null, 2);
  console.log(json);
  if (process.argv.includes('--write')) writeFileSync(join(root, 'bench', 'results', 'renderer-latency.json'), `${json}\n`);
} finally {
  await browser?.close();
  server.kill('SIGTERM');
  await new Promise((resolve) => server.once('exit', resolve));
  rmSync(base, { recursive: true, force: true });
}
