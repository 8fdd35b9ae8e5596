// Journeys: the real server (`mfgw web`), the real solver and Debian's Chromium driven by
// playwright-core. One journey at a time (each starts a server and a browser; the machine has two
// cores). `npm test` runs this config as its last step; alone: npx vitest run --config e2e/vitest.config.ts
import { defineConfig } from 'vitest/config';
import { HANG_GUARD_MS } from '../main/testing/hang-guard.js';

export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['e2e/**/*.test.ts'],
    globalSetup: ['e2e/global-setup.ts'],
    fileParallelism: false,
    testTimeout: HANG_GUARD_MS,
    hookTimeout: HANG_GUARD_MS,
  },
});
