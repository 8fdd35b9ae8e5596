// What a benchmark ran on, recorded with every result (the machines are shared: the load average
// at the start says how noisy the numbers may be), and what the browser benchmarks share: the app
// started with `mfgw web`, Chromium launched with the same flags, a page opened once it has solved.
/* global document */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { cpus, loadavg, totalmem, release, hostname } from 'node:os';
import { chromium } from 'playwright-core';

export function machine() {
  const cpu = cpus();
  return {
    hostname: hostname(),
    cpu: cpu[0]?.model ?? 'unknown',
    cores: cpu.length,
    memory_gib: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os: `${process.platform} ${release()}`,
    node: process.version,
    load_average_1m: Math.round(loadavg()[0] * 100) / 100,
    date: new Date().toISOString(),
  };
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Chromium's flags for the benchmarks: as the journeys (e2e/harness/browser.ts), WebGL on SwiftShader. */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-gpu', '--enable-unsafe-swiftshader'];

/** The address (with its token) that a started `mfgw web` prints; rejects if it exits first. */
export function webAddress(server) {
  return new Promise((resolve, reject) => {
    let out = '';
    server.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(out);
      if (match) resolve(match[1]);
    });
    server.once('exit', (code) => reject(new Error(`mfgw web exited (${code}) before printing its address`)));
  });
}

/** The Chromium the browser benchmarks drive (MFGW_CHROMIUM overrides Debian's). */
export const CHROMIUM_PATH = process.env.MFGW_CHROMIUM ?? '/usr/bin/chromium';

/** `mfgw web` on a free port, its settings and runs under `base`. */
export function startWeb(mfgw, base) {
  return spawn(process.execPath, [mfgw, 'web', '--port', '0'], {
    env: { ...process.env, MFGW_CONFIG_DIR: join(base, 'config'), MFGW_RUNS_DIR: join(base, 'runs') },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

/** Headless Chromium with the benchmarks' flags. */
export function launchChromium() {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/** A 1280 x 800 page of the app at `url`, once its first solve is done. */
export async function openSolvedApp(browser, url, timeoutMs) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(url);
  await page.waitForFunction(() => document.querySelector('.status-bar')?.getAttribute('data-phase') === 'done', undefined, { timeout: timeoutMs });
  return page;
}
