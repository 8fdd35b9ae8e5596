// Builds what the journeys run, once: the TypeScript projects (mfgw and the services) and the
// renderer bundle that `mfgw web` serves. A build that produces nothing fails the run with the
// compiler's output; type errors in other projects are reported by the `types` step, not here.

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { MFGW, RENDERER_INDEX, ROOT } from './harness/paths.js';

function run(what: string, args: readonly string[]): { ok: boolean; output: string } {
  const started = Date.now();
  // vitest sets NODE_ENV=test, which would give Vite a development build of React.
  const result = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NODE_ENV: 'production' } });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  console.log(`[e2e setup] ${what}: ${((Date.now() - started) / 1000).toFixed(1)} s${result.status === 0 ? '' : ` (exit ${result.status})`}`);
  return { ok: result.status === 0, output };
}

export default function setup(): void {
  const tsc = run('tsc -b', [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-b']);
  const rendererErrors = tsc.output.split('\n').filter((line) => line.startsWith('renderer/'));
  if (rendererErrors.length > 0) throw new Error(`renderer/ does not compile:\n${rendererErrors.join('\n')}`);
  if (!existsSync(MFGW)) throw new Error(`tsc -b did not produce ${MFGW}, which the journeys start:\n${tsc.output}`);
  const vite = run('vite build', [path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn']);
  if (!vite.ok || !existsSync(RENDERER_INDEX)) throw new Error(`the renderer bundle could not be built:\n${vite.output}`);
}
