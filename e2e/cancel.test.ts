// Journey 3: start a slow solve (a fine grid, fictitious play to a tolerance it will not reach),
// change a parameter while it runs: the old solve is cancelled (its progress events stop), the
// status bar follows the new request, and Stop ends that one too.

import { expect, it } from 'vitest';
import { screenshot, watchPage } from './harness/browser.js';
import { newRequestAfter, openApp, recordProgress, status, typeNumber, waitForNewSolution, type ProgressEvent } from './harness/app.js';
import { journey } from './harness/journey.js';
import { HANG_GUARD_MS } from '../main/testing/hang-guard.js';

const GRACE_MS = 1500;

const lastEventOf = (events: readonly ProgressEvent[], requestId: string): number =>
  Math.max(-Infinity, ...events.filter((e) => e.requestId === requestId).map((e) => e.at));

journey('cancelling a slow solve', (context) => {
  it('cancels the running solve when a parameter changes, and follows the new one', async () => {
    const { server, browser } = context();
    let progress: ProgressEvent[] = [];
    const page = await openApp(browser, server, { beforeLoad: (p) => { progress = recordProgress(p); } });
    const { errors } = watchPage(page);
    await waitForNewSolution(page, '');

    // Make the problem slow: each change starts a solve that aborts the one before (latest wins);
    // each step waits until its request is sent, so the last request is the slow problem's.
    await newRequestAfter(page, () => page.getByLabel('Method', { exact: true }).selectOption('fictitious_play').then(() => undefined));
    await newRequestAfter(page, () => typeNumber(page, 'Tolerance', '1e-15'));
    await newRequestAfter(page, () => typeNumber(page, 'Iteration limit', '100000'));
    await newRequestAfter(page, () => typeNumber(page, 'Cells (x)', '800'));
    const slow = await newRequestAfter(page, () => typeNumber(page, 'Time steps', '800'));

    // Wait until the slow solve reports iterations.
    await page.waitForFunction((id) => {
      const bar = document.querySelector('.status-bar');
      return bar?.getAttribute('data-request-id') === id && bar.getAttribute('data-phase') === 'solving'
        && Number(bar.getAttribute('data-iteration') || '0') >= 2;
    }, slow, { timeout: HANG_GUARD_MS });
    expect(progress.some((e) => e.requestId === slow)).toBe(true);
    await screenshot(page, 'journey3-01-slow-solve');

    // Change a parameter mid-solve.
    const changedAt = Date.now();
    await typeNumber(page, 'Coupling strength λ', '0.8');
    await page.waitForFunction((old) => {
      const bar = document.querySelector('.status-bar');
      return bar?.getAttribute('data-phase') === 'solving' && bar.getAttribute('data-request-id') !== old
        && Number(bar.getAttribute('data-iteration') || '0') >= 1;
    }, slow, { timeout: HANG_GUARD_MS });
    const replacement = (await status(page)).requestId;
    expect(replacement).not.toBe(slow);
    await page.waitForTimeout(2 * GRACE_MS);

    // The old request's progress stopped shortly after the change; the new one's goes on.
    expect(lastEventOf(progress, slow)).toBeLessThan(changedAt + GRACE_MS);
    const newer = progress.filter((e) => e.requestId === replacement);
    expect(newer.length).toBeGreaterThan(1);
    expect(lastEventOf(progress, replacement)).toBeGreaterThan(changedAt + GRACE_MS);
    expect((await status(page)).text).toMatch(/^Solving.*iteration \d+/);
    await screenshot(page, 'journey3-02-replaced');

    // Stop: the new solve ends too and the views keep the last finished solution.
    await page.getByRole('button', { name: '■ Stop' }).click();
    const stoppedAt = Date.now();
    await page.waitForFunction(() => document.querySelector('.status-bar')?.getAttribute('data-phase') === 'idle');
    await page.waitForTimeout(2 * GRACE_MS);
    expect(lastEventOf(progress, replacement)).toBeLessThan(stoppedAt + GRACE_MS);
    await screenshot(page, 'journey3-03-stopped');
    expect(errors).toEqual([]);
  });
});
