// electron-builder.yml cannot be exercised here (electron-builder downloads Electron), so it is
// checked as data: it parses, every file it packages exists after `npm run build`, native code is
// outside the asar archive, the solver's sources match what clusters are sent, and the fuses are set.

import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readPngInfo } from '../app/figure/png.js';
import { SHIPPED } from '../main/cluster/remote-build.js';
import { repositoryRoot } from '../main/paths.js';
// @ts-expect-error: a plain ES module script without types
import { bundlePreload } from './start.mjs';

interface BuilderConfig {
  appId: string; productName: string; electronVersion: string;
  extraMetadata: { main: string };
  files: string[]; asarUnpack: string[];
  extraResources: { from: string; to: string; filter?: string[] }[];
  electronFuses: Record<string, boolean>;
  linux: { target: string[]; icon: string }; mac: { target: string[]; icon: string }; win: { target: string[]; icon: string };
}

const ROOT = repositoryRoot();
const config = parse(readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8')) as BuilderConfig;

/** Every file under `dir`, relative to the repository root. */
function filesUnder(dir: string): string[] {
  if (!existsSync(path.join(ROOT, dir))) return [];
  return readdirSync(path.join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .map((name) => path.join(dir, name))
    .filter((file) => statSync(path.join(ROOT, file)).isFile());
}

/** A `files` pattern as a regular expression over repository-relative paths (**, *, {a,b}). */
function globToRegExp(pattern: string): RegExp {
  const source = pattern.replace(/[.+^$()|[\]\\]/g, '\\$&')
    .replace(/\{([^}]*)\}/g, (_, alternatives: string) => `(${alternatives.split(',').join('|')})`)
    .replace(/\*\*\/?/g, '\u0000').replace(/\*/g, '[^/]*').replace(/\u0000/g, '.*');
  return new RegExp(`^${source}$`);
}

describe('electron-builder.yml', () => {
  beforeAll(async () => {
    // What `npm run build` makes and this config packages: the compiled shell, the renderer and the
    // preload. A fresh clone has none of them before the journeys' set-up, so they are built here.
    const node = (args: string[]): void => {
      const built = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' });
      if (built.status !== 0) throw new Error(`${args.join(' ')} failed: ${built.stdout}${built.stderr}`);
    };
    if (!existsSync(path.join(ROOT, config.extraMetadata.main))) node([path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-b']);
    if (!existsSync(path.join(ROOT, 'build', 'renderer', 'index.html'))) {
      node([path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', path.join(ROOT, 'renderer', 'vite.config.ts'), '--logLevel', 'warn']);
    }
    await (bundlePreload as () => Promise<string>)();
  });

  it('names the app, the pinned Electron, and an installer per platform with the icon', () => {
    const pinned = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> }).devDependencies.electron;
    expect(config).toMatchObject({ appId: 'org.mfg-workbench.app', productName: 'MFG Workbench', electronVersion: pinned });
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.win.target).toEqual(['nsis']);
    for (const icon of [config.linux.icon, config.mac.icon, config.win.icon]) {
      const info = readPngInfo(readFileSync(path.join(ROOT, icon)));
      expect(info.width).toBeGreaterThanOrEqual(512);
      expect(info.height).toBe(info.width);
    }
  });

  it('packages files that exist: the entry, the preload, the renderer, the addon, presets and schema', () => {
    expect(existsSync(path.join(ROOT, config.extraMetadata.main)), config.extraMetadata.main).toBe(true);
    const candidates = ['package.json', ...filesUnder('build'), ...filesUnder('assets')];
    for (const pattern of config.files.filter((entry) => !entry.startsWith('!'))) {
      const matcher = globToRegExp(pattern);
      expect(candidates.some((file) => matcher.test(file)), `no file matches '${pattern}'`).toBe(true);
    }
    const excluded = config.files.filter((entry) => entry.startsWith('!')).map((entry) => globToRegExp(entry.slice(1)));
    const packaged = candidates.filter((file) => config.files.some((p) => !p.startsWith('!') && globToRegExp(p).test(file)) && !excluded.some((m) => m.test(file)));
    expect(packaged).toContain(config.extraMetadata.main);
    expect(packaged).toContain('build/renderer/index.html');
    expect(packaged.some((file) => file.endsWith('.test.js'))).toBe(false);
  });

  it('keeps native code out of the asar archive: the addon unpacked, mfg-solve and its sources as resources', () => {
    const addon = 'build/native/Release/mfg_native.node';
    expect(existsSync(path.join(ROOT, addon))).toBe(true);
    expect(config.asarUnpack).toContain(addon);
    const solver = config.extraResources.find((entry) => entry.to === 'solver/mfg-solve');
    expect(solver !== undefined && existsSync(path.join(ROOT, solver.from))).toBe(true);
    // main/paths.ts looks for the sources in resources/solver-sources: the same folders clusters are sent.
    const sources = config.extraResources.find((entry) => entry.to === 'solver-sources');
    expect(sources?.from).toBe('native');
    const folders = /^\{(.*)\}\/\*\*$/.exec(sources?.filter?.find((f) => f.includes('/**')) ?? '')?.[1]?.split(',') ?? [];
    expect(['CMakeLists.txt', ...folders].sort()).toEqual([...SHIPPED].sort());
    for (const folder of folders) expect(existsSync(path.join(ROOT, 'native', folder)), folder).toBe(true);
  });

  it('sets the fuses that close Node-mode and debugging back doors', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false, enableNodeOptionsEnvironmentVariable: false, enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true, onlyLoadAppFromAsar: true, grantFileProtocolExtraPrivileges: false,
      enableCookieEncryption: true, loadBrowserProcessSpecificV8Snapshot: false,
    });
  });
});
