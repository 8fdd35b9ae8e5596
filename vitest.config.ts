import { defineConfig } from 'vitest/config';
import { HANG_GUARD_MS } from './main/testing/hang-guard.js';

// Unit and integration tests sit next to the code they check (*.test.ts). Journeys (e2e/) have
// their own config because they start a server and Chromium.
export default defineConfig({
  test: {
    include: ['app/**/*.test.ts', 'main/**/*.test.ts', 'renderer/**/*.test.{ts,tsx}', 'native/**/*.test.ts', 'bench/**/*.test.ts', 'scripts/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'build/**'],
    testTimeout: HANG_GUARD_MS,
    hookTimeout: HANG_GUARD_MS,
  },
});
