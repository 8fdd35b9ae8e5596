// Journey 5 (2D and 3D runs, a small window): the 2D room and 3D corner presets, solved here on
// coarser grids by the real mfg-solve, open in the 2D map and the 3D volume views. Rendered pixels are read back: the views are not blank, change
// with the time cursor, the colormap, the transfer function, the render mode and the isosurface
// level; colour limits stay fixed across time; the export seam (FrameSources) draws frames.
// Screenshots go to test-results/screenshots/.

import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot, watchPage } from './harness/browser.js';
import { canvasDigest, inkFraction, openApp, view, waitForNewSolution } from './harness/app.js';
import { journey } from './harness/journey.js';
import { attr, openRunByName, solveCoarsePreset, waitForDrawnLevel } from './harness/spatial.js';
import { HANG_GUARD_MS } from '../main/testing/hang-guard.js';


/** Waits for the view's pixels to differ from `before`; returns the new digest. */
async function changedDigest(page: Page, id: string, before: string): Promise<string> {
  await expect.poll(() => canvasDigest(page, id), { timeout: HANG_GUARD_MS }).not.toBe(before);
  return canvasDigest(page, id);
}

/** Draws an export frame through the FrameSource registry and returns its ink fraction and size. */
async function exportFrame(page: Page, id: string, level: number): Promise<{ ink: number; width: number; height: number }> {
  return page.evaluate(async ([sourceId, frameLevel]) => {
    const registry = (window as unknown as { mfgwFrameSources?: { get(id: string): { renderFrame(level: number, w: number, h: number, s: number): Promise<unknown> } | undefined } }).mfgwFrameSources;
    const source = registry?.get(sourceId);
    if (source === undefined) throw new Error(`no FrameSource '${sourceId}'`);
    const frame = await source.renderFrame(frameLevel, 240, 180, 1) as HTMLCanvasElement;
    const copy = document.createElement('canvas');
    copy.width = frame.width;
    copy.height = frame.height;
    const ctx = copy.getContext('2d') as CanvasRenderingContext2D;
    ctx.drawImage(frame, 0, 0);
    const { data } = ctx.getImageData(0, 0, copy.width, copy.height);
    let ink = 0;
    for (let i = 0; i < data.length; i += 4) if ((data[i + 3] ?? 0) > 0 && !((data[i] ?? 0) > 245 && (data[i + 1] ?? 0) > 245 && (data[i + 2] ?? 0) > 245)) ink++;
    return { ink: ink / (data.length / 4), width: frame.width, height: frame.height };
  }, [id, level] as const);
}

journey('2D and 3D runs in the map and volume views', (context) => {
  it('explores a 2D run: map, contours, arrows, obstacles, probe, line cut, colormaps and fixed limits', async () => {
    const { server, browser } = context();
    const room = await solveCoarsePreset('room-two-doors', { points: [24, 24], steps: 12 }, server.runsDir);
    const page = await openApp(browser, server, { viewport: { width: 1000, height: 680 } });
    const { errors } = watchPage(page);
    await waitForNewSolution(page, '');
    await openRunByName(page, room.name);
    await waitForDrawnLevel(page, 'map2d', 0);
    await waitForDrawnLevel(page, 'linecut', 0);
    expect(await inkFraction(page, 'map2d')).toBeGreaterThan(0.2);
    expect(await inkFraction(page, 'linecut')).toBeGreaterThan(0.01);
    await screenshot(page, 'journey5-01-map2d-first-level');

    // The default is robust limits per level (issue 14); fixed limits: the same range at the first
    // and the last level, different pictures.
    expect(await attr(page, 'map2d', 'data-limits')).toBe('robust');
    await page.getByLabel('Map colour limits').selectOption('fixed');
    await expect.poll(() => attr(page, 'map2d', 'data-limits')).toBe('all levels');
    const first = await canvasDigest(page, 'map2d');
    const firstCut = await attr(page, 'linecut', 'data-sum');
    const fixedRange = await attr(page, 'map2d', 'data-range');
    await page.locator('main').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('End');
    const levels = Number(await page.locator('.time-readout').getAttribute('data-level'));
    expect(levels).toBeGreaterThan(5);
    await waitForDrawnLevel(page, 'map2d', levels);
    const last = await changedDigest(page, 'map2d', first);
    expect(await attr(page, 'map2d', 'data-range')).toBe(fixedRange);
    await expect.poll(() => attr(page, 'linecut', 'data-sum')).not.toBe(firstCut);
    await screenshot(page, 'journey5-02-map2d-last-level');

    // Auto limits follow the level on screen.
    await page.getByLabel('Map colour limits').selectOption('auto');
    await expect.poll(() => attr(page, 'map2d', 'data-range')).not.toBe(fixedRange);

    // Another colormap, reversed, then the value function on a diverging map.
    await page.getByLabel('Map colormap').selectOption('magma');
    await expect.poll(() => attr(page, 'map2d', 'data-colormap')).toBe('magma');
    const magma = await changedDigest(page, 'map2d', last);
    await page.getByLabel('Reversed').first().check();
    await changedDigest(page, 'map2d', magma);
    await page.getByLabel('Map field').selectOption('u');
    await page.getByLabel('Map colormap').selectOption('diverging');
    await expect.poll(async () => {
      const [lo, hi] = (await attr(page, 'map2d', 'data-range')).split(',').map(Number);
      return lo !== undefined && hi !== undefined && Math.abs(lo + hi) < 1e-9 * Math.max(1, Math.abs(hi));
    }).toBe(true);

    // The probe reads out position, both fields and the speed; the obstacle says so.
    const box = await view(page, 'map2d').boundingBox();
    if (box === null) throw new Error('the 2D map is not on screen');
    const tooltip = page.locator('[data-view="map2d"] .view-tooltip');
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.5);
    await expect.poll(() => tooltip.textContent()).toMatch(/^x = [\d.]+, y = [\d.]+, m = .+, u = .+, \|v\| = .+$/);

    // Clicking moves the line cut; cutting along y changes the plot.
    const cutBefore = await attr(page, 'linecut', 'data-sum');
    await page.getByLabel('Line cut along').selectOption('y');
    await expect.poll(() => attr(page, 'linecut', 'data-sum')).not.toBe(cutBefore);
    await screenshot(page, 'journey5-03-map2d-value-diverging-cut');

    // The export seam draws the map and the cut at a chosen size.
    const frame = await exportFrame(page, 'map2d', 0);
    expect(frame).toMatchObject({ width: 240, height: 180 });
    expect(frame.ink).toBeGreaterThan(0.2);
    expect((await exportFrame(page, 'linecut', 0)).ink).toBeGreaterThan(0.01);

    // A copy of the run with one level's chunk cut short: that level says why it cannot be drawn,
    // the others still draw.
    const damaged = path.join(server.runsDir, 'room-2d-damaged');
    cpSync(room.dir, damaged, { recursive: true });
    writeFileSync(path.join(damaged, 'fields.zarr', 'm', '3.0.0'), Buffer.alloc(100));
    const manifest = path.join(damaged, 'run.json');
    const json = JSON.parse(readFileSync(manifest, 'utf8')) as { spec: { name: string } };
    json.spec.name = 'e2e damaged room';
    writeFileSync(manifest, JSON.stringify(json));
    await page.getByRole('button', { name: 'Refresh' }).click();
    await openRunByName(page, 'e2e damaged room');
    await page.waitForFunction(() => (document.querySelector('.shown-title')?.textContent ?? '') === 'e2e damaged room');
    await page.locator('main').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Home');
    await waitForDrawnLevel(page, 'map2d', 0);
    for (let step = 0; step < 3; step++) await page.keyboard.press('ArrowRight');
    await expect.poll(() => attr(page, 'map2d', 'data-problem')).toMatch(/3\.0\.0 was not read: it has 100 bytes, expected exactly 4608/);
    await page.keyboard.press('ArrowRight');
    await waitForDrawnLevel(page, 'map2d', 4);

    // The same problem solved live (the addon): its obstacle comes from the spec's formula.
    await page.getByRole('button', { name: 'Edit these parameters' }).click();
    await page.waitForFunction(() => {
      const canvas = document.querySelector('canvas[data-view="map2d"]') as HTMLCanvasElement | null;
      return (canvas?.dataset.solution ?? '').startsWith('live:') && canvas?.dataset.drawnLevel !== '';
    }, undefined, { timeout: HANG_GUARD_MS });
    expect(await inkFraction(page, 'map2d')).toBeGreaterThan(0.2);
    const [left, top, width, height] = (await attr(page, 'map2d', 'data-plot')).split(',').map(Number) as [number, number, number, number];
    await page.mouse.move(box.x + left + 0.62 * width, box.y + top + (1 - 0.62) * height); // the pillar
    await expect.poll(() => tooltip.textContent()).toMatch(/: obstacle$/);
    await screenshot(page, 'journey5-04-map2d-live');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('explores a 3D run: volume modes, transfer function, isosurface level, slice plane and downsampling', async () => {
    const { server, browser } = context();
    const corner = await solveCoarsePreset('corner-target-3d', { points: [12, 12, 12], steps: 8 }, server.runsDir);
    const page = await openApp(browser, server, { viewport: { width: 1000, height: 680 } });
    const { errors } = watchPage(page);
    await waitForNewSolution(page, '');
    await openRunByName(page, corner.name);
    await waitForDrawnLevel(page, 'volume', 0);
    // This journey compares pictures under one colour scale for every level.
    await page.getByLabel('Volume colour limits').selectOption('fixed');
    await page.getByLabel('Ray steps').selectOption('32');
    await expect.poll(() => attr(page, 'volume', 'data-steps')).toBe('32');
    await waitForDrawnLevel(page, 'slice-plane', 0);
    expect(await inkFraction(page, 'volume')).toBeGreaterThan(0.02);
    expect(await inkFraction(page, 'slice-plane')).toBeGreaterThan(0.2);
    await screenshot(page, 'journey5-05-volume-first-level');

    // The time cursor changes the picture.
    const first = await canvasDigest(page, 'volume');
    await page.locator('main').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('End');
    const last = Number(await page.locator('.time-readout').getAttribute('data-level'));
    await waitForDrawnLevel(page, 'volume', last);
    const atEnd = await changedDigest(page, 'volume', first);
    await screenshot(page, 'journey5-06-volume-last-level');

    // A transfer-function preset, then a dragged control point, each change the picture.
    await page.getByLabel('Transfer preset').selectOption('fog');
    const fog = await changedDigest(page, 'volume', atEnd);
    const editor = page.locator('.transfer-editor');
    const editorBox = await editor.boundingBox();
    if (editorBox === null) throw new Error('the transfer function editor is not on screen');
    const opacityBefore = await editor.getAttribute('data-opacity');
    // The right end point sits at (1, 0.3): drag it to full opacity.
    await page.mouse.move(editorBox.x + editorBox.width - 5, editorBox.y + editorBox.height - 5 - 0.3 * (editorBox.height - 10));
    await page.mouse.down();
    await page.mouse.move(editorBox.x + editorBox.width - 5, editorBox.y + 6, { steps: 4 });
    await page.mouse.up();
    await expect.poll(() => editor.getAttribute('data-opacity')).not.toBe(opacityBefore);
    const dragged = await changedDigest(page, 'volume', fog);

    // Back at the first level (the densest: colour limits are fixed over time), maximum intensity,
    // then the isosurface at two levels.
    await page.locator('main').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Home');
    await waitForDrawnLevel(page, 'volume', 0);
    const home = await changedDigest(page, 'volume', dragged);
    await page.getByLabel('Render mode').selectOption('mip');
    const mip = await changedDigest(page, 'volume', home);
    await page.getByLabel('Render mode').selectOption('iso');
    const iso = await changedDigest(page, 'volume', mip);
    await screenshot(page, 'journey5-07-volume-isosurface-0.5');
    await page.getByLabel('Isosurface level').fill('0.2');
    await expect.poll(() => attr(page, 'volume', 'data-iso')).toBe('0.2');
    await changedDigest(page, 'volume', iso);
    await screenshot(page, 'journey5-08-volume-isosurface');

    // The slice plane moves across the chosen axis.
    const plane = await canvasDigest(page, 'slice-plane');
    await page.getByLabel('Slice plane axis').selectOption('x');
    await changedDigest(page, 'slice-plane', plane);

    // A texture limit below the grid shows the volume downsampled, and says so.
    await page.getByLabel('Texture limit').selectOption('8');
    await expect.poll(() => attr(page, 'volume', 'data-factor')).toBe('2');
    await expect.poll(() => page.locator('.view-notice').textContent()).toMatch(/downsampled 2× \(12×12×12 → 6×6×6\)/);
    await screenshot(page, 'journey5-09-volume-downsampled');

    const frame = await exportFrame(page, 'volume', 0);
    expect(frame).toMatchObject({ width: 240, height: 180 });
    expect(frame.ink).toBeGreaterThan(0.02);
    expect((await exportFrame(page, 'slice-plane', 0)).ink).toBeGreaterThan(0.2);

    // A copy with one level's chunk cut short: the volume says why that level cannot be drawn.
    const damaged = path.join(server.runsDir, 'corner-damaged');
    cpSync(corner.dir, damaged, { recursive: true });
    writeFileSync(path.join(damaged, 'fields.zarr', 'm', '2.0.0.0'), Buffer.alloc(100));
    const manifest = path.join(damaged, 'run.json');
    const json = JSON.parse(readFileSync(manifest, 'utf8')) as { spec: { name: string } };
    json.spec.name = 'e2e damaged corner';
    writeFileSync(manifest, JSON.stringify(json));
    await page.getByRole('button', { name: 'Refresh' }).click();
    await openRunByName(page, 'e2e damaged corner');
    await page.waitForFunction(() => (document.querySelector('.shown-title')?.textContent ?? '') === 'e2e damaged corner');
    await page.locator('main').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Home');
    await waitForDrawnLevel(page, 'volume', 0);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => attr(page, 'volume', 'data-problem')).toMatch(/2\.0\.0\.0 was not read: it has 100 bytes, expected exactly 13824/);
    await expect.poll(() => page.locator('[data-view="volume"] .view-tooltip').textContent()).toMatch(/^This level could not be read/);
    expect(errors).toEqual([]);
    await page.close();
  });
});
