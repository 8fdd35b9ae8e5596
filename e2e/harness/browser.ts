// Debian's Chromium through playwright-core (playwright's own browsers cannot be downloaded here).
// Headless with --disable-gpu: WebGL (the 3D views) runs on SwiftShader, which recent Chromium
// only allows with --enable-unsafe-swiftshader. A missing Chromium fails in CI and, elsewhere,
// skips the journeys with a loud message (see journeySuite).

import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM, SCREENSHOTS } from './paths.js';
import { HANG_GUARD_MS } from '../../main/testing/hang-guard.js';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-gpu',
  '--enable-unsafe-swiftshader',
];

/** Why the journeys cannot run here, or undefined when Chromium is there. */
export function chromiumProblem(): string | undefined {
  return existsSync(CHROMIUM) ? undefined : `no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set MFGW_CHROMIUM)`;
}

export async function launchBrowser(): Promise<Browser> {
  try {
    return await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, timeout: HANG_GUARD_MS });
  } catch (error) {
    throw new Error(`Chromium (${CHROMIUM}) could not start: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Console errors and page errors, collected so a journey can assert there were none. */
export function watchPage(page: Page): { errors: string[] } {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console error: ${message.text()}`);
  });
  return { errors };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}
