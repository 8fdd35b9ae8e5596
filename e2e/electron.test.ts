// The desktop shell through Playwright's Electron driver: the app window opens on a preset, solves
// it in the utility-process solver host, re-solves on a slider step, and its renderer has no Node
// (sandbox, contextIsolation, no nodeIntegration). Where no Electron binary exists (npm ci cannot
// download one on these machines), the driver says why and this journey is skipped: the same
// journeys run in Chromium against browser mode (the other files here), which CI requires.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { _electron as electron, type ElectronApplication } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inkFraction, status, view, waitForNewSolution } from './harness/app.js';
import { ROOT } from './harness/paths.js';

interface StartScript {
  findElectron(): { ok: true; path: string } | { ok: false; why: string };
  bundlePreload(): Promise<string>;
}

const start = (await import(path.join(ROOT, 'scripts', 'start.mjs'))) as StartScript;
const found = start.findElectron();
if (!found.ok) console.warn(`\n*** Electron driver: skipped, no Electron binary here (${found.why}); the browser-mode journeys cover the app. ***\n`);

describe.skipIf(!found.ok)('the desktop app through the Electron driver', () => {
  let app: ElectronApplication | undefined;
  const scratch = mkdtempSync(path.join(tmpdir(), 'mfgw-electron-'));

  beforeAll(async () => {
    if (!found.ok) return;
    await start.bundlePreload();
    app = await electron.launch({
      executablePath: found.path,
      args: [path.join(ROOT, 'build', 'ts', 'app', 'electron', 'main.js')],
      cwd: ROOT,
      env: { ...process.env, MFGW_CONFIG_DIR: path.join(scratch, 'config'), MFGW_RUNS_DIR: path.join(scratch, 'runs') },
    });
  });

  afterAll(async () => {
    await app?.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('solves the starting preset, re-solves on a slider step, and keeps Node out of the renderer', async () => {
    if (app === undefined) throw new Error('Electron did not start (see beforeAll)');
    const page = await app.firstWindow();
    await page.locator('.status-bar[data-phase]').waitFor();
    const first = await waitForNewSolution(page, '');
    expect(await status(page)).toMatchObject({ phase: 'done' });
    expect(await inkFraction(page, 'heatmap-m')).toBeGreaterThan(0.02);
    expect(await view(page, 'heatmap-m').getAttribute('data-solution')).toBe(first);

    await page.getByLabel('Viscosity slider (log scale)').focus();
    await page.keyboard.press('ArrowRight');
    const second = await waitForNewSolution(page, first);
    expect(second).not.toBe(first);

    const exposed = await page.evaluate(() => {
      const global = globalThis as Record<string, unknown>;
      return { require: typeof global.require, process: typeof global.process };
    });
    expect(exposed).toMatchObject({ require: 'undefined', process: 'undefined' });
  });
});
