// Where the repository's files are, whether this code runs from its TypeScript sources (vitest) or
// compiled under build/ts/main (the CLI, the Electron shell): both resolve to the same root.

import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The folder holding package.json and assets/: found by walking up from this file. */
export function repositoryRoot(start: string = here): string {
  let folder = start;
  for (;;) {
    if (existsSync(path.join(folder, 'package.json')) && existsSync(path.join(folder, 'assets'))) return folder;
    const parent = path.dirname(folder);
    if (parent === folder) throw new Error(`no repository root (a folder with package.json and assets/) above ${start}`);
    folder = parent;
  }
}

export function presetsDirectory(root: string = repositoryRoot()): string {
  return path.join(root, 'assets', 'presets');
}

/** The built renderer (Vite's output), served by browser mode and loaded by Electron. */
export function rendererDirectory(root: string = repositoryRoot()): string {
  return path.join(root, 'build', 'renderer');
}

/**
 * Electron's resources folder when the app runs from an installer (electron-builder.yml puts the
 * solver and its sources there, outside the asar archive), else undefined: a checkout.
 */
export function packagedResources(): string | undefined {
  const resources = (process as { resourcesPath?: string }).resourcesPath;
  return resources !== undefined && existsSync(path.join(resources, 'solver')) ? resources : undefined;
}

/** The native sources a cluster builds mfg-solve from: native/ of a checkout, or the installer's copy. */
export function solverSourcesDirectory(root: string = repositoryRoot()): string {
  const resources = packagedResources();
  return resources === undefined ? path.join(root, 'native') : path.join(resources, 'solver-sources');
}

/** The compiled solver host entry: it runs in its own process, so it must be JavaScript. */
export function solverHostEntry(root: string = repositoryRoot()): string {
  return path.join(root, 'build', 'ts', 'main', 'solver', 'host-process.js');
}

/** The app's version, from package.json (one source for the CLI, app.info and run provenance). */
export function appVersion(root: string = repositoryRoot()): string {
  try {
    const parsed: unknown = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
    const version: unknown = typeof parsed === 'object' && parsed !== null ? Reflect.get(parsed, 'version') : undefined;
    return typeof version === 'string' ? version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/** `~` and `~/x` as a shell would expand them; other paths are only resolved. */
export function expandHome(input: string, base: string = process.cwd()): string {
  if (input === '~') return homedir();
  if (input.startsWith('~/')) return path.join(homedir(), input.slice(2));
  return path.resolve(base, input);
}
