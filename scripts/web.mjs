#!/usr/bin/env node
// `npm run web [-- --port N --runs DIR --open]`: builds what is stale, then runs `mfgw web`
// (browser mode: the app on 127.0.0.1 behind a token). Plain Node, so it runs before anything is
// compiled. scripts/start.mjs falls back to this where no Electron binary exists.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Sources that end up in the renderer bundle: its own folder and the shared contract and RPC. */
const RENDERER_INPUTS = ['renderer', 'app/contract', 'app/rpc', 'package.json'];

function newestModification(path) {
  if (!existsSync(path)) return 0;
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    newest = Math.max(newest, newestModification(join(path, entry)));
  }
  return newest;
}

function run(what, command, args) {
  console.log(`> ${what}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.error) throw new Error(`could not run ${command}: ${result.error.message}`);
  return result.status ?? 1;
}

/** The TypeScript projects (incremental: quick when nothing changed) and, if stale, the renderer. */
export function buildStale() {
  const tscStatus = run('tsc -b (TypeScript, incremental)', process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-b']);
  const cli = join(root, 'build', 'ts', 'app', 'cli', 'run.js');
  if (!existsSync(cli)) throw new Error(`the TypeScript build did not produce ${cli}; fix the errors above and run again`);
  // tsc emits even when some project has type errors: report them, but still start the app.
  if (tscStatus !== 0) console.warn('warning: tsc -b reported type errors (above); starting with what it emitted');
  const config = join(root, 'renderer', 'vite.config.ts');
  if (!existsSync(config)) {
    console.warn('warning: renderer/vite.config.ts does not exist yet: the services will run without pages');
    return;
  }
  const built = join(root, 'build', 'renderer', 'index.html');
  const stale = !existsSync(built) || Math.max(...RENDERER_INPUTS.map((input) => newestModification(join(root, input)))) > statSync(built).mtimeMs;
  if (!stale) return;
  const status = run('vite build (the renderer)', process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', config]);
  if (status !== 0) throw new Error('the renderer did not build (vite build failed, see above)');
}

/** Builds, then serves until SIGINT/SIGTERM; resolves with mfgw's exit code. */
export async function runWeb(args) {
  buildStale();
  const { runMfgw } = await import(pathToFileURL(join(root, 'build', 'ts', 'app', 'cli', 'run.js')).href);
  const { processIo } = await import(pathToFileURL(join(root, 'build', 'ts', 'main', 'cli', 'io.js')).href);
  return runMfgw(['web', ...args], processIo());
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runWeb(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      console.error(`npm run web: ${error.message}`);
      process.exit(1);
    },
  );
}
