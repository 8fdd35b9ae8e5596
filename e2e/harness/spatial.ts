// Helpers of the 2D/3D journeys: solving a coarse copy of a preset with the real mfg-solve into the
// server's runs folder, opening a run from the Runs tab, and waiting for a view to have drawn a level.

import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { view } from './app.js';
import { ROOT } from './paths.js';

/**
 * Solves a preset of assets/presets/ on a coarser grid (CI time: seconds, not a minute) with the
 * real mfg-solve into <runsDir>/<name>; the run keeps the preset's physics, obstacles and exits,
 * and its name says it is coarse. Rejects with the solver's output on failure.
 */
export async function solveCoarsePreset(preset: string, coarse: { points: number[]; steps: number }, runsDir: string): Promise<{ dir: string; name: string }> {
  const spec = JSON.parse(readFileSync(path.join(ROOT, 'assets', 'presets', `${preset}.json`), 'utf8')) as {
    name: string; domain: { points: number[] }; time: { steps: number };
  };
  spec.name = `${spec.name} (coarse)`;
  spec.domain.points = coarse.points;
  spec.time.steps = coarse.steps;
  const specFile = path.join(runsDir, '..', `${preset}-coarse.json`);
  writeFileSync(specFile, JSON.stringify(spec));
  const dir = path.join(runsDir, preset);
  await new Promise<void>((resolve, reject) => {
    const child = spawn(path.join(ROOT, 'build', 'native', 'mfg-solve'), [specFile, '--out', dir, '--quiet'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`mfg-solve ${specFile} exited with ${code}:\n${output}`))));
  });
  return { dir, name: spec.name };
}

/** Opens the run named `name` from the Runs tab. */
export async function openRunByName(page: Page, name: string): Promise<void> {
  await page.getByRole('tab', { name: 'Runs' }).click();
  const run = page.locator('.runs-list .run', { hasText: name });
  await run.waitFor();
  await run.getByRole('button', { name: 'Open' }).click();
}

/** Waits until a view has drawn `level` of a saved run. */
export async function waitForDrawnLevel(page: Page, id: string, level: number, timeout = 60_000): Promise<void> {
  await page.waitForFunction(([viewId, wanted]) => {
    const canvas = document.querySelector(`canvas[data-view="${viewId}"]`) as HTMLCanvasElement | null;
    return canvas !== null && (canvas.dataset.solution ?? '').startsWith('run:') && canvas.dataset.drawnLevel === String(wanted);
  }, [id, level] as const, { timeout, polling: 100 });
}

/** A data attribute of a view's canvas ('' when absent). */
export async function attr(page: Page, id: string, name: string): Promise<string> {
  return (await view(page, id).getAttribute(name)) ?? '';
}
