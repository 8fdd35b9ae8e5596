// Journey 2: type a broken formula, see the error marked where it is while the last valid formula
// stays in use, fix it, and see the solution of the fixed formula.

import { expect, it } from 'vitest';
import { screenshot, watchPage } from './harness/browser.js';
import { openApp, shownKey, sliceSums, status, waitForNewSolution } from './harness/app.js';
import { journey } from './harness/journey.js';

/** sum over the 100 cell centres of g(x): what u(T, .) must add up to, since u(T, x) = g(x). */
function terminalSum(g: (x: number) => number): number {
  let sum = 0;
  for (let i = 0; i < 100; i++) sum += g((i + 0.5) / 100);
  return sum;
}

journey('formula fields', (context) => {
  it('marks a broken formula at its position, keeps solving with the last valid one, and uses the fix', async () => {
    const { server, browser } = context();
    const page = await openApp(browser, server, { viewport: { width: 1100, height: 720 } });
    const { errors } = watchPage(page);
    const first = await waitForNewSolution(page, '');
    const field = page.getByLabel('Terminal cost g(x)');
    expect(await field.inputValue()).toBe('0.5*(x-0.7)^2');

    // Type a broken formula character by character, as a person would: the valid prefixes solve
    // (latest wins), the broken text does not.
    await field.click();
    await field.press('End');
    await field.pressSequentially(' + sinn(x)');
    const error = page.locator('.formula-error');
    await error.waitFor();
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect(await error.getAttribute('data-error-position')).toBe('16');
    expect(await error.locator('mark').textContent()).toBe('sinn');
    expect(await error.textContent()).toContain("unknown function 'sinn'; did you mean 'sin'?");
    expect(await page.locator('.formula-kept').textContent()).toBe('using last valid');
    // The solver keeps the last valid formula: whatever was solved, u(T, .) is still 0.5 (x - 0.7)^2.
    await page.waitForFunction(() => document.querySelector('.status-bar')?.getAttribute('data-phase') === 'done');
    await page.locator('main').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('End');
    await expect.poll(async () => (await sliceSums(page)).level).toBe(100);
    expect((await sliceSums(page)).u).toBeCloseTo(terminalSum((x) => 0.5 * (x - 0.7) ** 2), 9);
    await screenshot(page, 'journey2-01-broken-formula');
    const whileBroken = await shownKey(page);

    // Fix it: 'sinn' -> 'sin'.
    await field.fill('0.5*(x-0.7)^2 + sin(x)');
    await error.waitFor({ state: 'detached' });
    expect(await field.getAttribute('aria-invalid')).toBe('false');
    const fixed = await waitForNewSolution(page, whileBroken);
    expect(fixed).not.toBe(first);
    expect(await status(page)).toMatchObject({ phase: 'done', status: 'converged' });
    // The shown solution is the fixed formula's: u(T, x) = g(x) at every cell.
    await expect.poll(async () => (await sliceSums(page)).level).toBe(100);
    expect((await sliceSums(page)).u).toBeCloseTo(terminalSum((x) => 0.5 * (x - 0.7) ** 2 + Math.sin(x)), 9);
    await screenshot(page, 'journey2-02-fixed-formula');

    // A formula that parses but cannot be solved (zero initial mass) is refused by the solver with
    // its message; the views keep the last solution.
    const density = page.getByLabel('Initial density m0(x)');
    await density.fill('0');
    await page.waitForFunction(() => document.querySelector('.status-bar')?.getAttribute('data-phase') === 'failed');
    expect((await status(page)).text).toMatch(/^Failed: .*mass/);
    expect(await shownKey(page)).toBe(fixed);
    await screenshot(page, 'journey2-03-refused-by-solver');
    expect(errors).toEqual([]);
  });
});
