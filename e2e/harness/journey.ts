// A journey: a describe block that has a fresh server and browser. Without Chromium the journeys
// fail in CI and are skipped loudly elsewhere, never silently.

import { afterAll, beforeAll, describe } from 'vitest';
import type { Browser } from 'playwright-core';
import { chromiumProblem, launchBrowser } from './browser.js';
import { startServer, type WebServer } from './server.js';

export interface JourneyContext {
  server: WebServer;
  browser: Browser;
}

export function journey(name: string, body: (context: () => JourneyContext) => void): void {
  const problem = chromiumProblem();
  if (problem !== undefined && process.env.CI === undefined) {
    console.warn(`\n*** SKIPPING journey "${name}": ${problem}. In CI this is a failure. ***\n`);
    describe.skip(name, () => body(() => { throw new Error('skipped'); }));
    return;
  }
  describe(name, () => {
    let context: JourneyContext | undefined;
    beforeAll(async () => {
      if (problem !== undefined) throw new Error(`the journeys need Chromium: ${problem}`);
      const server = await startServer();
      try {
        context = { server, browser: await launchBrowser() };
      } catch (error) {
        await server.stop();
        throw error;
      }
    });
    afterAll(async () => {
      await context?.browser.close();
      await context?.server.stop();
    });
    body(() => {
      if (context === undefined) throw new Error('the journey did not start (see beforeAll)');
      return context;
    });
  });
}
