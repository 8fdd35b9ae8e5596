#!/usr/bin/env node
// The TypeScript type-check of `npm test`: the solution (tsc -b: every composite project) and the
// test-only projects that nothing imports (journeys, native CLI tests), which tsc -b cannot build.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tsc = join(root, 'node_modules', '.bin', 'tsc');
const runs = [['-b', '--pretty'], ['-p', 'e2e', '--pretty'], ['-p', 'native/tests', '--pretty']];
let failed = false;
for (const args of runs) {
  const r = spawnSync(tsc, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`tsc ${args.join(' ')} failed`);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
