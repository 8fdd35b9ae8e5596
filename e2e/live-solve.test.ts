// Journey 1: open the app in browser mode, pick the seed 002 preset, see its solution, drag the
// viscosity slider and see the views change, scrub time, save the run, reload, reopen the run,
// delete it.

import { readdirSync } from 'node:fs';
import { expect, it } from 'vitest';
import { screenshot, watchPage } from './harness/browser.js';
import {
  canvasDigest, inkFraction, openApp, shownKey, sliceSums, status, view, waitForNewSolution,
} from './harness/app.js';
import { journey } from './harness/journey.js';
import { HANG_GUARD_MS } from '../main/testing/hang-guard.js';

journey('live solve, linked views and runs', (context) => {
  it('solves the seed preset, re-solves on a slider drag, and keeps a saved run across a reload', async () => {
    const { server, browser } = context();
    const page = await openApp(browser, server);
    const { errors } = watchPage(page);

    // The app starts on a preset and solves it; pick another preset, then seed 002.
    const first = await waitForNewSolution(page, '');
    const preset = page.getByLabel('Preset', { exact: true });
    await preset.selectOption({ label: 'Two targets: the crowd splits' });
    const twoTargets = await waitForNewSolution(page, first);
    await preset.selectOption({ label: 'Seed 002: congestion, crowd heading to x = 0.7' });
    const seed = await waitForNewSolution(page, twoTargets);
    expect(seed).toMatch(/^live:/);
    expect(await page.getByLabel('Terminal cost g(x)').inputValue()).toBe('0.5*(x-0.7)^2');
    expect(await status(page)).toMatchObject({ phase: 'done', status: 'converged' });

    // Every view drew something of this solution.
    for (const id of ['heatmap-m', 'heatmap-u', 'slice', 'convergence', 'mass', 'surface-m', 'surface-u']) {
      expect(await view(page, id).getAttribute('data-solution'), id).toBe(seed);
      expect(await inkFraction(page, id), `${id} drew nothing`).toBeGreaterThan(0.02);
    }
    await expect.poll(() => page.locator('.view-failure').count()).toBe(0);
    // The density at t = 0 is m0 normalised to mass 1: h * sum(m) = 1 with h = 1/100.
    const atStart = await sliceSums(page);
    expect(atStart.level).toBe(0);
    expect(Math.abs(atStart.m / 100 - 1)).toBeLessThan(1e-9);
    expect(Number(await view(page, 'mass').getAttribute('data-drift'))).toBeLessThan(1e-10);
    await screenshot(page, 'journey1-01-seed-preset');

    // Move the cursor to the middle of the horizon, where viscosity changes the density.
    const timeSlider = page.getByLabel('Time step', { exact: true });
    await timeSlider.focus();
    await page.keyboard.press('End');
    await expect.poll(async () => (await sliceSums(page)).level).toBe(100);
    await timeSlider.fill('50');
    await expect.poll(async () => (await sliceSums(page)).level).toBe(50);
    const before = { heat: await canvasDigest(page, 'heatmap-m'), surface: await canvasDigest(page, 'surface-m'), slice: await sliceSums(page) };
    // m's range is m0's (t = 0), whatever the viscosity; u's changes.
    const rangeBefore = await view(page, 'heatmap-u').getAttribute('data-range');

    // Drag the viscosity slider to the right: the views re-solve live and change.
    const nuSlider = page.getByLabel('Viscosity slider (log scale)');
    const box = await nuSlider.boundingBox();
    if (box === null) throw new Error('the viscosity slider is not on screen');
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2);
    await page.mouse.down();
    for (let step = 1; step <= 8; step++) {
      await page.mouse.move(box.x + box.width * (0.5 + step * 0.04), box.y + box.height / 2);
      await page.waitForTimeout(60);
    }
    await page.mouse.up();
    const nu = Number(await page.getByLabel('Viscosity ν', { exact: true }).inputValue());
    expect(nu).toBeGreaterThan(0.05);
    const dragged = await waitForNewSolution(page, seed);
    expect(dragged).toMatch(/^live:/);
    expect(await status(page)).toMatchObject({ phase: 'done', status: 'converged' });
    expect(await page.locator('.status-text').textContent()).toContain('warm start');
    expect(await canvasDigest(page, 'heatmap-m')).not.toBe(before.heat);
    expect(await canvasDigest(page, 'surface-m')).not.toBe(before.surface);
    expect(await view(page, 'heatmap-u').getAttribute('data-range')).not.toBe(rangeBefore);
    const after = await sliceSums(page);
    expect(after.level).toBe(50);
    expect(after.u).not.toBeCloseTo(before.slice.u, 6);
    // Mass is still conserved by the new solution.
    expect(Math.abs(after.m / 100 - 1)).toBeLessThan(1e-9);
    await screenshot(page, 'journey1-02-after-viscosity-drag');

    // Scrub time with the keyboard: every view follows the one cursor.
    await timeSlider.focus();
    await page.keyboard.press('Home');
    await page.locator('main').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect.poll(async () => (await sliceSums(page)).level).toBe(2);
    for (const id of ['heatmap-m', 'heatmap-u', 'surface-m']) expect(await view(page, id).getAttribute('data-level')).toBe('2');
    const readout = await page.locator('.time-readout').textContent();
    expect(readout).toBe('t = 0.02 / 1');
    // Space plays and pauses; the views follow the cursor while it moves.
    await page.keyboard.press('Space');
    await expect.poll(async () => (await sliceSums(page)).level, { timeout: HANG_GUARD_MS }).toBeGreaterThan(6);
    await page.keyboard.press('Space');
    // Paused: the cursor stays where it stopped, and every view catches up with it.
    const paused = Number(await page.locator('.time-readout').getAttribute('data-level'));
    await expect.poll(async () => (await sliceSums(page)).level).toBe(paused);
    await page.waitForTimeout(400);
    expect(Number(await page.locator('.time-readout').getAttribute('data-level'))).toBe(paused);
    expect((await sliceSums(page)).level).toBe(paused);
    expect(await view(page, 'heatmap-u').getAttribute('data-level')).toBe(String(paused));
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect.poll(async () => (await sliceSums(page)).level).toBe(2);

    // Save the live solution as a run.
    const liveRange = await view(page, 'heatmap-u').getAttribute('data-range');
    await page.getByRole('tab', { name: 'Runs' }).click();
    await page.getByLabel('Save the live solution as a run').fill('journey one');
    await page.locator('.save-run').getByRole('button', { name: 'Save run' }).click();
    const saved = page.locator('.runs-list .run', { hasText: 'journey one' });
    await saved.waitFor();
    expect(await saved.getAttribute('data-status')).toBe('converged');
    expect(readdirSync(server.runsDir).length).toBe(1);
    await screenshot(page, 'journey1-03-saved');
    await saved.getByRole('button', { name: 'Rename' }).click();
    const rename = page.getByLabel('New name for journey one');
    await rename.fill('journey one, renamed');
    await rename.press('Enter');
    await page.locator('.runs-list .run-name', { hasText: 'journey one, renamed' }).waitFor();

    // Reload: the runs list comes back from the runs folder; open the run.
    await page.reload();
    await page.locator('.status-bar[data-phase]').waitFor();
    await waitForNewSolution(page, '');
    await page.getByRole('tab', { name: 'Runs' }).click();
    const listed = page.locator('.runs-list .run', { hasText: 'journey one, renamed' });
    await listed.waitFor();
    const runId = await listed.getAttribute('data-run-id');
    await listed.getByRole('button', { name: 'Open' }).click();
    await page.waitForFunction((key) => document.querySelector('canvas[data-view="heatmap-m"]')?.getAttribute('data-solution') === key, `run:${runId}`);
    expect(await page.locator('.shown-title').textContent()).toBe('journey one, renamed');
    // The run's fields are the saved solution's, bit for bit.
    expect(await view(page, 'heatmap-u').getAttribute('data-range')).toBe(liveRange);
    await page.getByRole('button', { name: 'Edit these parameters' }).click();
    await page.getByRole('tab', { name: 'Model' }).click();
    expect(Number(await page.getByLabel('Viscosity ν', { exact: true }).inputValue())).toBe(nu);
    await waitForNewSolution(page, `run:${runId}`);
    await screenshot(page, 'journey1-04-reopened');

    // Delete it, with confirmation.
    await page.getByRole('tab', { name: 'Runs' }).click();
    await page.locator('.runs-list .run', { hasText: 'journey one' }).getByRole('button', { name: 'Delete' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete this run?' });
    await dialog.waitFor();
    await screenshot(page, 'journey1-05-confirm-delete');
    await dialog.getByRole('button', { name: 'Delete run' }).click();
    await page.locator('.runs-list .run').first().waitFor({ state: 'detached' });
    expect(readdirSync(server.runsDir).length).toBe(0);
    expect(await shownKey(page)).toMatch(/^live:/);
    expect(errors).toEqual([]);
  });
});
