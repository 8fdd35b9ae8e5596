// What the journeys read from the running app. Views tag their canvases with what they draw
// (data-solution: the shown solution's source key, data-level, data-range, data-sums), and pixels
// are read back from the canvases, so the journeys assert on rendered data, not on DOM presence.

import { createHash } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { decodeFrame } from '../../app/rpc/index.js';
import type { WebServer } from './server.js';
import { HANG_GUARD_MS } from '../../main/testing/hang-guard.js';

export interface OpenOptions {
  readonly viewport?: { width: number; height: number };
  /** Runs before the page loads (to watch its WebSocket from the start). */
  readonly beforeLoad?: (page: Page) => void;
}

export async function openApp(browser: Browser, server: WebServer, options: OpenOptions = {}): Promise<Page> {
  const page = await browser.newPage({ viewport: options.viewport ?? { width: 1280, height: 800 } });
  options.beforeLoad?.(page);
  await page.goto(server.url);
  await page.locator('.status-bar[data-phase]').waitFor();
  return page;
}

export const view = (page: Page, id: string) => page.locator(`canvas[data-view="${id}"]`);

/** The source key of what the views show ('live:<solutionId>' or 'run:<runId>'), '' for nothing. */
export async function shownKey(page: Page): Promise<string> {
  return (await view(page, 'heatmap-m').getAttribute('data-solution')) ?? '';
}

/**
 * Waits until every view shows one solution other than `previous` and the solve is over. All views
 * must agree: a mix of old and new would be a bug.
 */
export async function waitForNewSolution(page: Page, previous: string, timeout = 60_000): Promise<string> {
  await page.waitForFunction((old) => {
    const keys = [...document.querySelectorAll('canvas[data-view]')].map((c) => (c as HTMLCanvasElement).dataset.solution ?? '');
    const phase = document.querySelector('.status-bar')?.getAttribute('data-phase');
    return keys.length > 0 && keys[0] !== '' && keys[0] !== old && keys.every((k) => k === keys[0]) && phase !== 'solving';
  }, previous, { timeout, polling: 100 });
  return shownKey(page);
}

export async function status(page: Page): Promise<{ phase: string; status: string; requestId: string; text: string }> {
  const bar = page.locator('.status-bar');
  return {
    phase: (await bar.getAttribute('data-phase')) ?? '',
    status: (await bar.getAttribute('data-status')) ?? '',
    requestId: (await bar.getAttribute('data-request-id')) ?? '',
    text: (await bar.locator('.status-text').textContent()) ?? '',
  };
}

/** A digest of a canvas's pixels (2D or WebGL with a preserved drawing buffer). */
export async function canvasDigest(page: Page, id: string): Promise<string> {
  const data = await view(page, id).evaluate((canvas: HTMLCanvasElement) => canvas.toDataURL('image/png'));
  return createHash('sha256').update(data).digest('hex');
}

/** The fraction of a canvas's pixels that are not the white background (something was drawn). */
export async function inkFraction(page: Page, id: string): Promise<number> {
  return view(page, id).evaluate((canvas: HTMLCanvasElement) => {
    const copy = document.createElement('canvas');
    copy.width = canvas.width;
    copy.height = canvas.height;
    const ctx = copy.getContext('2d');
    if (ctx === null) return 0;
    ctx.drawImage(canvas, 0, 0);
    const { data } = ctx.getImageData(0, 0, copy.width, copy.height);
    let ink = 0;
    for (let i = 0; i < data.length; i += 4) {
      const opaque = (data[i + 3] ?? 0) > 0;
      const white = (data[i] ?? 0) > 245 && (data[i + 1] ?? 0) > 245 && (data[i + 2] ?? 0) > 245;
      if (opaque && !white) ink++;
    }
    return ink / (data.length / 4);
  });
}

/** The sum of the values each slice curve draws ('m' and 'u'), as the slice view reports them. */
export async function sliceSums(page: Page): Promise<{ m: number; u: number; level: number }> {
  const canvas = view(page, 'slice');
  const text = (await canvas.getAttribute('data-sums')) ?? '';
  const sums = Object.fromEntries(text.split(' ').map((part) => part.split(':')).map(([k, v]) => [k, Number(v)]));
  return { m: sums.m ?? Number.NaN, u: sums.u ?? Number.NaN, level: Number(await canvas.getAttribute('data-level')) };
}

export interface ProgressEvent {
  readonly requestId: string;
  readonly iteration: number;
  readonly at: number;
}

/** Every solver.onDidProgress event the page receives over its WebSocket, decoded with the app's codec. */
export function recordProgress(page: Page): ProgressEvent[] {
  const events: ProgressEvent[] = [];
  page.on('websocket', (socket) => {
    socket.on('framereceived', ({ payload }) => {
      if (typeof payload === 'string') return;
      const message = decodeFrame(new Uint8Array(payload.buffer, payload.byteOffset, payload.byteLength)) as {
        type?: string; service?: string; event?: string; payload?: { requestId?: string; record?: { iteration?: number } };
      };
      if (message.type === 'event' && message.service === 'solver' && message.event === 'onDidProgress') {
        events.push({ requestId: message.payload?.requestId ?? '', iteration: message.payload?.record?.iteration ?? -1, at: Date.now() });
      }
    });
  });
  return events;
}

/** Runs `change` and waits until the status bar names a request sent after it. */
export async function newRequestAfter(page: Page, change: () => Promise<void>): Promise<string> {
  const before = (await status(page)).requestId;
  await change();
  await page.waitForFunction((old) => {
    const id = document.querySelector('.status-bar')?.getAttribute('data-request-id') ?? '';
    return id !== '' && id !== old;
  }, before, { timeout: HANG_GUARD_MS });
  return (await status(page)).requestId;
}

/** Sets a number field by typing, as a person would (Enter applies it). */
export async function typeNumber(page: Page, label: string, value: string): Promise<void> {
  const input = page.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(value);
  await input.press('Enter');
}
