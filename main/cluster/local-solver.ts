// Where mfg-solve lives: $MFGW_SOLVER if set, else the installer's copy (electron-builder.yml's
// extraResources), else this checkout's build (`npm ci` / native/scripts/build.mjs).

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { packagedResources, repositoryRoot } from '../paths.js';

export function solverExecutable(env: NodeJS.ProcessEnv = process.env): string {
  const resources = packagedResources();
  return env.MFGW_SOLVER ?? (resources === undefined ? join(repositoryRoot(), 'build', 'native', 'mfg-solve') : join(resources, 'solver', 'mfg-solve'));
}

export function hasSolverExecutable(env: NodeJS.ProcessEnv = process.env): boolean {
  return existsSync(solverExecutable(env));
}
