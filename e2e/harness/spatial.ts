// Helpers of the 2D/3D journeys: solving a fixture spec with the real mfg-solve into the server's
// runs folder, opening a run from the Runs tab, and waiting for a view to have drawn a level.

import { spawn } from 'node:child_process';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { view } from './app.js';
import { ROOT } from './paths.js';

/** Solves e2e/fixtures/<name>.json into <runsDir>/<name>; rejects with the solver's output on failure. */
export function solveFixture(name: string, runsDir: string): Promise<string> {
  const out = path.join(runsDir, name);
  const spec = path.join(ROOT, 'e2e', 'fixtures', `${name}.json`);
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(ROOT, 'build', 'native', 'mfg-solve'), [spec, '--out', out, '--quiet'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`mfg-solve ${spec} exited with ${code}:\n${output}`))));
  });
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
