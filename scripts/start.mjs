#!/usr/bin/env node
// `npm start`: the desktop app where an Electron binary exists; browser mode where it does not.
//
// 1. Find Electron: require('electron') gives the binary's path once its postinstall downloaded it
//    (npm ci here skips that download: see "allowScripts" in package.json).
// 2. If it is missing, try once to download it (node node_modules/electron/install.js); this fails
//    within a second where GitHub cannot be reached.
// 3. Without Electron, say why and serve the browser mode (scripts/web.mjs) instead.
// 4. With Electron: build what is stale, bundle the preload (sandboxed preloads cannot load local
//    files, so app/electron/preload.ts becomes one self-contained build/electron/preload.cjs), and
//    start Electron with build/ts/app/electron/main.js.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildStale, root, runWeb } from './web.mjs';

const require = createRequire(import.meta.url);

/** { ok: true, path } or { ok: false, why } */
export function findElectron() {
  try {
    delete require.cache[require.resolve('electron')];
    const path = require('electron');
    if (typeof path === 'string' && existsSync(path)) return { ok: true, path };
    return { ok: false, why: `the electron package names ${String(path)}, which does not exist` };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, why: message.includes('failed to install') ? 'its binary was never downloaded' : message };
  }
}

/** One download attempt; returns why it failed, or undefined when Electron is now there. */
export function downloadElectron() {
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) return 'ELECTRON_SKIP_BINARY_DOWNLOAD is set, so it is not downloaded';
  const installer = join(root, 'node_modules', 'electron', 'install.js');
  if (!existsSync(installer)) return 'the electron package is not installed (run npm ci)';
  console.log('Electron is not installed; trying to download it once (node node_modules/electron/install.js) ...');
  const result = spawnSync(process.execPath, [installer], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  const found = findElectron();
  if (found.ok) return undefined;
  const firstLine = `${result.stderr ?? ''}`.split('\n').find((line) => line.trim() !== '');
  return `the download failed: ${result.error?.message ?? firstLine ?? `install.js exited with ${result.status}`}`;
}

/** The preload as one CommonJS file with only `electron` external. */
export async function bundlePreload(outDir = join(root, 'build', 'electron')) {
  const { build } = await import('vite');
  await build({
    configFile: false,
    logLevel: 'warn',
    root,
    build: {
      outDir,
      emptyOutDir: false,
      minify: false,
      sourcemap: false,
      lib: { entry: join(root, 'app', 'electron', 'preload.ts'), formats: ['cjs'], fileName: () => 'preload.cjs' },
      rollupOptions: { external: ['electron'] },
    },
  });
  return join(outDir, 'preload.cjs');
}

async function start(args) {
  let electron = findElectron();
  if (!electron.ok) {
    const failure = downloadElectron();
    electron = failure === undefined ? findElectron() : { ok: false, why: `${electron.why}; ${failure}` };
  }
  if (!electron.ok) {
    console.log(`Electron is not available on this machine (${electron.why}); serving the browser mode instead`);
    return runWeb(args);
  }
  buildStale();
  await bundlePreload();
  const child = spawn(electron.path, [join(root, 'build', 'ts', 'app', 'electron', 'main.js'), ...args], { cwd: root, stdio: 'inherit' });
  // Ctrl+C reaches Electron too (same process group); wait for it to close rather than leave it.
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  return new Promise((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  start(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      console.error(`npm start: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
