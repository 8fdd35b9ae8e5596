// Journey 8, a researcher's first hour (issue 14): a 2D problem edited per axis in the Domain panel
// (cells, bounds, boundaries, exits) with the obstacle and exits previewed before any solve, then
// solved live on an anisotropic grid and drawn by the 2D map with the domain's aspect ratio; the
// views marked stale while a 3D solve runs (no "converged" badge over the old 1D solution), its
// progress bar, and Stop; a 3D run's volume visible at mid-time with the default colour limits;
// the workspace kept across a reload and a restart of the server, Save/Open spec, the Help panel.
// Screenshots go to test-results/screenshots/.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot, watchPage } from './harness/browser.js';
import { inkFraction, openApp, typeNumber, view, waitForNewSolution } from './harness/app.js';
import { journey } from './harness/journey.js';
import { startServer } from './harness/server.js';
import { attr, openRunByName, solveCoarsePreset, waitForDrawnLevel } from './harness/spatial.js';
import { HANG_GUARD_MS } from '../main/testing/hang-guard.js';

const ROOM = 'Room with a pillar and two doors';

/** Waits until the live solution on screen is new and the 2D map has drawn one of its levels. */
async function waitForLiveMap(page: Page, previous: string): Promise<string> {
  await page.waitForFunction((old) => {
    const canvas = document.querySelector('canvas[data-view="map2d"]') as HTMLCanvasElement | null;
    const key = canvas?.dataset.solution ?? '';
    const phase = document.querySelector('.status-bar')?.getAttribute('data-phase');
    return key.startsWith('live:') && key !== old && (canvas?.dataset.drawnLevel ?? '') !== '' && phase !== 'solving';
  }, previous, { timeout: HANG_GUARD_MS, polling: 100 });
  return (await view(page, 'map2d').getAttribute('data-solution')) ?? '';
}

journey("a researcher's first hour", (context) => {
  it('edits a 2D problem per axis, previews its obstacle and exits, and solves an anisotropic grid live', async () => {
    const { server, browser } = context();
    const page = await openApp(browser, server, { viewport: { width: 1100, height: 760 } });
    const { errors } = watchPage(page);
    const first = await waitForNewSolution(page, '');
    await page.getByLabel('Preset', { exact: true }).selectOption({ label: ROOM });

    // Per-axis controls for both axes; the preview shows the pillar and door wall and one exit side.
    for (const label of ['Cells (x)', 'Cells (y)', 'Lower bound (x)', 'Upper bound (y)']) await expect.poll(() => page.getByLabel(label, { exact: true }).count()).toBe(1);
    const preview = page.locator('.domain-preview');
    await expect.poll(() => preview.getAttribute('data-exits')).toBe('1');
    expect(Number(await preview.getAttribute('data-solid-cells'))).toBeGreaterThan(50);
    const rightOfX = page.getByLabel('Boundary at the upper end of x');
    expect(await rightOfX.inputValue()).toBe('exit');
    expect(await rightOfX.locator('option[value="exit"]').isDisabled()).toBe(false);
    await screenshot(page, 'journey8-01-domain-preview');

    // A coarse, anisotropic grid: 36 x 20 cells, 12 time steps.
    const room = await waitForLiveMap(page, first);
    await typeNumber(page, 'Time steps', '12');
    await typeNumber(page, 'Cells (y)', '20');
    await typeNumber(page, 'Cells (x)', '36');
    expect(await page.getByLabel('Cells (x)', { exact: true }).inputValue()).toBe('36');
    expect(await page.getByLabel('Cells (y)', { exact: true }).inputValue()).toBe('20');
    await waitForLiveMap(page, room);
    await expect.poll(() => page.locator('.status-bar').getAttribute('data-phase'), { timeout: HANG_GUARD_MS }).toBe('done');
    expect(await page.locator('.status-bar').getAttribute('data-status')).toBe('converged');
    // Drawn without a problem: the live solution's axes are in the same order as a saved run's.
    expect(await attr(page, 'map2d', 'data-problem')).toBe('');
    expect(await attr(page, 'map2d', 'data-cells')).toBe('36x20');
    const [, , width, height] = (await attr(page, 'map2d', 'data-plot')).split(',').map(Number);
    expect(Math.abs((width ?? 0) / (height ?? 1) - 1)).toBeLessThan(0.02);
    await screenshot(page, 'journey8-02-anisotropic-live');

    // A wider domain keeps its aspect ratio in the map: x in [0, 2].
    const anisotropic = await attr(page, 'map2d', 'data-solution');
    await typeNumber(page, 'Upper bound (x)', '2');
    await waitForLiveMap(page, anisotropic);
    await expect.poll(async () => {
      const [, , w, h] = (await attr(page, 'map2d', 'data-plot')).split(',').map(Number);
      return Math.round(((w ?? 0) / (h ?? 1)) * 10) / 10;
    }, { timeout: HANG_GUARD_MS }).toBe(2);
    expect(await attr(page, 'map2d', 'data-problem')).toBe('');
    await screenshot(page, 'journey8-03-wide-domain');
    expect(errors).toEqual([]);
  });

  it('marks the views stale during a solve, shows its progress, and says so after Stop', async () => {
    const { server, browser } = context();
    const page = await openApp(browser, server, { viewport: { width: 1000, height: 680 } });
    const { errors } = watchPage(page);
    await waitForNewSolution(page, '');
    const frame = page.locator('.views-frame');
    expect(await frame.getAttribute('data-stale')).toBe('false');
    expect(await page.locator('.shown-indicator .badge').textContent()).toBe('converged');

    // The 3D preset: while it solves, the 1D solution stays on screen, marked stale.
    await page.getByLabel('Preset', { exact: true }).selectOption({ label: '3D: around a central obstacle to a corner' });
    // A tolerance it cannot reach soon keeps it solving until Stop.
    await typeNumber(page, 'Iteration limit', '400');
    await typeNumber(page, 'Tolerance', '1e-15');
    await expect.poll(() => frame.getAttribute('data-stale'), { timeout: HANG_GUARD_MS }).toBe('true');
    expect(await page.locator('.stale-banner').textContent()).toMatch(/^Stale: solving the new parameters/);
    expect(await page.locator('.shown-indicator .badge').textContent()).toBe('stale');
    // The progress bar names the phase and the iteration of the limit.
    const progress = page.locator('.solve-progress[data-iteration]');
    await progress.waitFor({ timeout: HANG_GUARD_MS });
    expect(await progress.getAttribute('data-limit')).toBe('400');
    expect(await progress.textContent()).toMatch(/iteration \d+ of 400 · residual/);
    await screenshot(page, 'journey8-04-stale-during-solve');

    // Stop: the views stay marked (the solution shown is not the panel's parameters).
    await page.getByRole('button', { name: '■ Stop' }).click();
    await expect.poll(() => page.locator('.status-bar').getAttribute('data-phase')).toBe('idle');
    expect(await frame.getAttribute('data-stale')).toBe('true');
    expect(await page.locator('.stale-banner').textContent()).toMatch(/stopped/);
    expect(await page.locator('.solve-progress').count()).toBe(0);

    // A reachable tolerance solves again and ends fresh: the 3D volume, not stale, converged.
    await typeNumber(page, 'Tolerance', '1e-8');
    await page.waitForFunction(() => {
      const canvas = document.querySelector('canvas[data-view="volume"]') as HTMLCanvasElement | null;
      return (canvas?.dataset.solution ?? '').startsWith('live:') && document.querySelector('.status-bar')?.getAttribute('data-phase') === 'done';
    }, undefined, { timeout: HANG_GUARD_MS, polling: 200 });
    expect(await frame.getAttribute('data-stale')).toBe('false');
    expect(await page.locator('.shown-indicator .badge').textContent()).toBe('converged');
    expect(errors).toEqual([]);
  });

  it('shows a 3D volume at mid-time with the default colour limits, and fixes them across time in one click', async () => {
    const { server, browser } = context();
    const corner = await solveCoarsePreset('corner-target-3d', { points: [16, 16, 16], steps: 12 }, server.runsDir);
    const page = await openApp(browser, server, { viewport: { width: 1000, height: 680 } });
    const { errors } = watchPage(page);
    await waitForNewSolution(page, '');
    await openRunByName(page, corner.name);
    await waitForDrawnLevel(page, 'volume', 0);
    await page.getByLabel('Ray steps').selectOption('32');
    expect(await page.getByLabel('Volume colour limits').inputValue()).toBe('robust');

    // Mid-time: the crowd has spread out; robust limits of this level keep it visible.
    await page.locator('main').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Home');
    for (let step = 0; step < 6; step++) await page.keyboard.press('ArrowRight');
    await waitForDrawnLevel(page, 'volume', 6);
    await expect.poll(() => inkFraction(page, 'volume'), { timeout: HANG_GUARD_MS }).toBeGreaterThan(0.05);
    const robustInk = await inkFraction(page, 'volume');
    await screenshot(page, 'journey8-05-volume-mid-time-default');

    // The old default (the range of all levels, set by the dense start) leaves it much fainter.
    await page.getByLabel('Volume colour limits').selectOption('fixed');
    await expect.poll(async () => (await inkFraction(page, 'volume')) < 0.8 * robustInk, { timeout: HANG_GUARD_MS }).toBe(true);
    await page.getByLabel('Volume colour limits').selectOption('robust');
    await expect.poll(() => inkFraction(page, 'volume'), { timeout: HANG_GUARD_MS }).toBeGreaterThan(0.05);

    // One click fixes the limits on screen for every level (manual limits, for an animation).
    await page.getByRole('button', { name: 'Volume: fix colour limits across time' }).click();
    expect(await page.getByLabel('Volume colour limits').inputValue()).toBe('manual');
    const [lo, hi] = [await page.getByLabel('Volume lower colour limit').inputValue(), await page.getByLabel('Volume upper colour limit').inputValue()].map(Number);
    expect((hi ?? 0) > (lo ?? 0)).toBe(true);
    expect(errors).toEqual([]);
  });

  it('keeps the workspace across a reload and a server restart, saves and opens a spec, and opens Help', async () => {
    const { browser } = context();
    const base = mkdtempSync(path.join(tmpdir(), 'mfgw-e2e-workspace-'));
    const workspaceFile = path.join(base, 'config', 'workspace.json');
    let server = await startServer({ workspace: true, base });
    try {
      let page = await openApp(browser, server, { viewport: { width: 1000, height: 680 } });
      const { errors } = watchPage(page);
      await waitForNewSolution(page, '');
      await page.getByLabel('Preset', { exact: true }).selectOption({ label: ROOM });
      await typeNumber(page, 'Cells (x)', '30');
      await page.getByLabel('Map colormap').selectOption('magma');
      await page.getByRole('tab', { name: 'Runs' }).click();
      // Saved a moment after the last change, in the config folder.
      await expect.poll(() => {
        try {
          const saved = JSON.parse(readFileSync(workspaceFile, 'utf8')) as { spec: { domain: { points: number[] } }; display: { map: { color: { colormap: string } } }; sidebarTab: string };
          return `${saved.spec.domain.points.join('x')} ${saved.display.map.color.colormap} ${saved.sidebarTab}`;
        } catch {
          return '';
        }
      }, { timeout: HANG_GUARD_MS }).toBe('30x40 magma runs');

      const expectRestored = async (): Promise<void> => {
        await expect.poll(() => page.getByRole('tab', { name: 'Runs' }).getAttribute('aria-selected'), { timeout: HANG_GUARD_MS }).toBe('true');
        await waitForLiveMap(page, '');
        expect(await attr(page, 'map2d', 'data-cells')).toBe('30x40');
        expect(await attr(page, 'map2d', 'data-colormap')).toBe('magma');
        await page.getByRole('tab', { name: 'Model' }).click();
        expect(await page.getByLabel('Cells (x)', { exact: true }).inputValue()).toBe('30');
        expect(await page.getByLabel('Preset', { exact: true }).locator('option:checked').textContent()).toBe(ROOM);
        expect(await page.getByRole('button', { name: 'Reset to preset' }).isEnabled()).toBe(true);
      };
      await page.reload();
      await expectRestored();
      await screenshot(page, 'journey8-06-reloaded-workspace');

      // A restart of the server (another port, so the browser's own storage would be another origin's).
      await page.close();
      await server.stop();
      server = await startServer({ workspace: true, base });
      page = await openApp(browser, server, { viewport: { width: 1000, height: 680 } });
      watchPage(page);
      await expectRestored();
      await screenshot(page, 'journey8-07-workspace-after-restart');

      // Save spec writes the parameters as mfg-solve reads them; Open reads a spec back (undoable).
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save spec' }).click()]);
      const specFile = path.join(base, 'saved.spec.json');
      await download.saveAs(specFile);
      const spec = JSON.parse(readFileSync(specFile, 'utf8')) as { domain: { points: number[] }; physics: { viscosity: number } };
      expect(spec.domain.points).toEqual([30, 40]);
      spec.physics.viscosity = 0.03;
      writeFileSync(specFile, JSON.stringify({ $schema: '../assets/schema/spec.schema.json', ...spec }));
      await page.getByLabel('Open a spec or session file').setInputFiles(specFile);
      await expect.poll(() => page.getByLabel('Viscosity ν', { exact: true }).inputValue()).toBe('0.03');
      writeFileSync(specFile, '{"domain": 1}');
      await page.getByLabel('Open a spec or session file').setInputFiles(specFile);
      await expect.poll(() => page.locator('.notice').textContent()).toMatch(/is not a valid spec/);

      // F1 and ? open the Help panel: the equations say which viscosity convention holds.
      await page.locator('main').click({ position: { x: 5, y: 5 } });
      await page.keyboard.press('F1');
      const help = page.locator('dialog.help-dialog');
      await expect.poll(() => help.evaluate((d: HTMLDialogElement) => d.open)).toBe(true);
      expect(await help.textContent()).toMatch(/ν Δu.*ν = σ²\/2/s);
      expect(await help.locator('.help-shortcuts').textContent()).toContain('F1');
      await screenshot(page, 'journey8-08-help');
      await help.getByRole('button', { name: 'Close' }).click();
      await expect.poll(() => help.evaluate((d: HTMLDialogElement) => d.open)).toBe(false);
      await page.locator('main').click({ position: { x: 5, y: 5 } });
      await page.keyboard.press('Shift+?');
      await expect.poll(() => help.evaluate((d: HTMLDialogElement) => d.open)).toBe(true);
      expect(errors).toEqual([]);
    } finally {
      await server.stop();
      rmSync(base, { recursive: true, force: true });
    }
  });
});
