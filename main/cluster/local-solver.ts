// Where this checkout's mfg-solve lives (built by `npm ci` / native/scripts/build.mjs), overridable
// with $MFGW_SOLVER for installs that put it elsewhere.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { repositoryRoot } from '../paths.js';

export function solverExecutable(env: NodeJS.ProcessEnv = process.env): string {
  return env.MFGW_SOLVER ?? join(repositoryRoot(), 'build', 'native', 'mfg-solve');
}

export function hasSolverExecutable(env: NodeJS.ProcessEnv = process.env): boolean {
  return existsSync(solverExecutable(env));
}
