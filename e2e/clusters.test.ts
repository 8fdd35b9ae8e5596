// Journey 5: clusters. A real sshd + single-node SLURM on loopback (main/testing/loopback-cluster.ts):
// add the cluster in the Clusters tab, see its host key's fingerprint and accept it, submit the shown
// seed problem as a 2-point sweep, watch the tasks change state, and open a result from the Runs tab.

import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loopbackUnavailable, startLoopbackCluster, type LoopbackCluster } from '../main/testing/loopback-cluster.js';
import { screenshot, watchPage } from './harness/browser.js';
import { openApp, waitForNewSolution } from './harness/app.js';
import { journey } from './harness/journey.js';
import { HANG_GUARD_MS } from '../main/testing/hang-guard.js';

const unavailable = loopbackUnavailable();
if (unavailable !== undefined) {
  if (process.env.CI) throw new Error(`the clusters journey must run in CI but cannot: ${unavailable}`);
  console.warn(`\n*** SKIPPING the clusters journey: ${unavailable} ***\n`);
}

let cluster: LoopbackCluster | undefined;
beforeAll(async () => {
  if (unavailable === undefined) cluster = await startLoopbackCluster();
});
afterAll(async () => {
  await cluster?.stop();
});

journey('clusters', (context) => {
  it.skipIf(unavailable !== undefined)('adds a cluster, accepts its host key, submits a sweep, watches it, and opens a result', async () => {
    const loop = cluster as LoopbackCluster;
    const { server, browser } = context();
    const page = await openApp(browser, server, { viewport: { width: 1280, height: 900 } });
    const { errors } = watchPage(page);
    await waitForNewSolution(page, '');

    await page.getByRole('tab', { name: 'Clusters' }).click();
    const clusterStatus = page.locator('.clusters-panel [role="status"]');
    const fields: Record<string, string> = {
      Alias: 'loop', 'Host (ssh alias or name)': '127.0.0.1', Port: String(loop.sshPort), User: loop.user, 'Identity file': loop.clientKey,
      'known_hosts file': loop.knownHosts, 'Remote work directory': loop.workDir, 'mfg-solve on the cluster (empty: build it there)': loop.solver,
      'Poll every (seconds)': '1',
    };
    for (const [label, value] of Object.entries(fields)) await page.getByLabel(label, { exact: true }).fill(value);
    await page.getByRole('button', { name: 'Save cluster' }).click();
    await page.locator('.cluster[data-cluster="loop"]').getByRole('button', { name: 'Connect' }).click();

    const expected = spawnSync('ssh-keygen', ['-lf', '-'], { input: loop.hostPublicKey, encoding: 'utf8' }).stdout.split(' ')[1];
    await expect.poll(() => page.getByTestId('fingerprint').textContent(), { timeout: HANG_GUARD_MS }).toBe(expected);
    await screenshot(page, 'journey5-01-host-key');
    await page.getByRole('button', { name: 'Accept this key' }).click();
    await expect.poll(() => clusterStatus.textContent(), { timeout: HANG_GUARD_MS }).toMatch(/connected to 127.0.0.1/);

    await page.getByLabel('Sweep parameter').fill('physics.coupling.strength');
    await page.getByLabel('Sweep values').fill('0.25, 0.5');
    await page.getByLabel('Concurrency cap').fill('2');
    await page.getByRole('button', { name: 'Preview script' }).click();
    await expect.poll(() => page.getByLabel('Job script').inputValue()).toMatch(/#SBATCH --array=0-1%2\n/);
    await page.getByRole('button', { name: 'Submit', exact: true }).click();
    await expect.poll(() => clusterStatus.textContent(), { timeout: HANG_GUARD_MS }).toMatch(/^Submitted job-\S+ \(2 tasks\)/);
    const tasks = page.locator('.job .job-tasks li');
    await expect.poll(() => tasks.count()).toBe(2);
    await expect.poll(async () => (await tasks.allTextContents()).every((t) => t.includes('completed') && t.includes('in the runs list')), { timeout: HANG_GUARD_MS }).toBe(true);
    await tasks.nth(0).getByRole('button', { name: 'Log' }).click();
    await expect.poll(() => page.getByLabel('Log of task 0').textContent()).toMatch(/mfgw: task 0 on \S+/);
    await screenshot(page, 'journey5-02-jobs');

    await page.getByRole('tab', { name: 'Runs' }).click();
    const fetched = page.locator('.runs-list .run', { hasText: 'task-1' });
    await expect.poll(() => fetched.getAttribute('data-status'), { timeout: HANG_GUARD_MS }).toBe('converged');
    const runId = await fetched.getAttribute('data-run-id');
    await fetched.getByRole('button', { name: 'Open' }).click();
    await page.waitForFunction((id) => document.querySelector('canvas[data-view="heatmap-m"]')?.getAttribute('data-solution') === `run:${id}`, runId);
    await screenshot(page, 'journey5-03-opened');
    expect(errors).toEqual([]);
  });
});
