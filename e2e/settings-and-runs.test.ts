// Journey 4 (a small window): settings persist across a reload (colormap, live solve off), a drag
// with live solving off solves on release, undo/redo by keyboard and buttons, hover read-outs, a
// damaged run in the runs folder, and a run directory written elsewhere by mfg-solve.

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { screenshot, watchPage } from './harness/browser.js';
import { canvasDigest, openApp, shownKey, status, view, waitForNewSolution } from './harness/app.js';
import { journey } from './harness/journey.js';
import { ROOT } from './harness/paths.js';

const elsewhere = mkdtempSync(path.join(tmpdir(), 'mfgw-e2e-elsewhere-'));
afterAll(() => rmSync(elsewhere, { recursive: true, force: true }));

journey('settings, undo and runs from elsewhere', (context) => {
  it('keeps settings across a reload, solves on release with live solving off, and lists damaged and external runs', async () => {
    const { server, browser } = context();
    // A damaged run in the runs folder, and a run written by mfg-solve somewhere else.
    mkdirSync(path.join(server.runsDir, 'broken-run'), { recursive: true });
    writeFileSync(path.join(server.runsDir, 'broken-run', 'run.json'), '{ "format": "mfg-run", not json');
    const external = path.join(elsewhere, 'cluster-run');
    const solved = spawnSync(path.join(ROOT, 'build', 'native', 'mfg-solve'), [path.join(ROOT, 'assets', 'presets', 'two-targets-split.json'), '--out', external, '--quiet'], { encoding: 'utf8' });
    expect(solved.status, `mfg-solve failed: ${solved.stderr}`).toBe(0);

    const page = await openApp(browser, server, { viewport: { width: 1024, height: 700 } });
    const { errors } = watchPage(page);
    const first = await waitForNewSolution(page, '');

    // Settings: cividis, live solving off.
    const viridis = await canvasDigest(page, 'heatmap-m');
    await page.getByRole('tab', { name: 'Settings' }).click();
    await page.getByLabel('Colormap').selectOption('cividis');
    await expect.poll(() => view(page, 'heatmap-m').getAttribute('data-colormap')).toBe('cividis');
    expect(await canvasDigest(page, 'heatmap-m')).not.toBe(viridis);
    await page.getByLabel('Live solve while dragging a slider').uncheck();
    await screenshot(page, 'journey4-01-settings');
    await page.reload();
    await waitForNewSolution(page, '');
    await expect.poll(() => view(page, 'heatmap-m').getAttribute('data-colormap')).toBe('cividis');
    await page.getByRole('tab', { name: 'Settings' }).click();
    expect(await page.getByLabel('Colormap').inputValue()).toBe('cividis');
    expect(await page.getByLabel('Live solve while dragging a slider').isChecked()).toBe(false);

    // With live solving off, a drag shows its value and solves once, on release.
    await page.getByRole('tab', { name: 'Model' }).click();
    const before = await shownKey(page);
    const strength = page.getByRole('textbox', { name: 'Coupling strength λ' });
    const slider = page.getByLabel('Coupling strength slider (log scale)');
    const box = await slider.boundingBox();
    if (box === null) throw new Error('the coupling strength slider is not on screen');
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.85, box.y + box.height / 2, { steps: 6 });
    await page.waitForTimeout(800);
    expect(await shownKey(page)).toBe(before);
    expect((await status(page)).phase).not.toBe('solving');
    const dragged = Number(await strength.inputValue());
    expect(dragged).toBeGreaterThan(0.5);
    await page.mouse.up();
    const released = await waitForNewSolution(page, before);
    expect(Number(await strength.inputValue())).toBe(dragged);

    // Undo with the keyboard, redo with the button: each re-solves.
    await page.locator('main').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+z');
    await expect.poll(async () => Number(await strength.inputValue())).toBe(0.5);
    const undone = await waitForNewSolution(page, released);
    await page.getByRole('button', { name: '↷ Redo' }).click();
    await expect.poll(async () => Number(await strength.inputValue())).toBe(dragged);
    await waitForNewSolution(page, undone);

    // Hovering a view reads out x, t and the value there.
    const heat = view(page, 'heatmap-m');
    const heatBox = await heat.boundingBox();
    if (heatBox === null) throw new Error('the density heatmap is not on screen');
    await page.mouse.move(heatBox.x + heatBox.width * 0.4, heatBox.y + heatBox.height * 0.5);
    const tooltip = page.locator('[data-view="heatmap-m"] .view-tooltip');
    await expect.poll(() => tooltip.textContent()).toMatch(/^x = [\d.]+, t = [\d.]+, m = [\d.e−-]+$/);
    await screenshot(page, 'journey4-02-hover');

    // The damaged run is listed as damaged and cannot be opened.
    await page.getByRole('tab', { name: 'Runs' }).click();
    const broken = page.locator('.runs-list .run[data-status="damaged"]');
    await broken.waitFor();
    expect(await broken.locator('.run-problem').textContent()).not.toBe('');
    expect(await broken.getByRole('button', { name: 'Open' }).isDisabled()).toBe(true);

    // A run directory written elsewhere opens in place.
    await page.getByLabel(/^Open a run directory/).fill(external);
    await page.getByRole('button', { name: 'Open directory' }).click();
    await page.waitForFunction(() => (document.querySelector('canvas[data-view="heatmap-m"]')?.getAttribute('data-solution') ?? '').startsWith('run:'));
    const opened = page.locator('.runs-list .run', { hasText: 'opened from elsewhere' });
    await opened.waitFor();
    expect(await opened.getAttribute('data-status')).toBe('converged');
    expect(await page.locator('.shown-title').textContent()).toBe('Two targets: the crowd splits');
    expect(await shownKey(page)).not.toBe(first);
    await screenshot(page, 'journey4-03-external-and-damaged');

    // Another runs folder: the list follows it (the damaged run was in the old one).
    const otherFolder = path.join(elsewhere, 'other-runs');
    mkdirSync(otherFolder);
    await page.getByRole('tab', { name: 'Settings' }).click();
    await page.getByLabel('Runs folder').fill(otherFolder);
    await page.getByRole('button', { name: 'Use folder' }).click();
    await page.getByRole('tab', { name: 'Runs' }).click();
    await expect.poll(() => page.locator('.runs-folder').textContent()).toBe(`in ${otherFolder}`);
    await expect.poll(() => page.locator('.runs-list .run[data-status="damaged"]').count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
