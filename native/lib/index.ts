// Loads the Node-API addon (build/native/mfg_native.node) and wraps it in the typed API of
// types.ts. A missing or broken binary is explained with concrete fixes (STYLE.md: sharp's loader),
// and returned as a value so that the app can report "solver unavailable" instead of crashing.

import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { err, ok, type Result } from '../../app/contract/index.js';
import type { NativeCapabilities, NativeSolution, NativeSolveOptions, NativeSolveTask, NativeSolver } from './types.js';

export type * from './types.js';

const here = dirname(fileURLToPath(import.meta.url));

/** Where the addon may be: next to the sources (development) or next to the compiled JS. */
function candidates(): string[] {
  const override = process.env.MFG_NATIVE_ADDON;
  const roots = [join(here, '..', '..'), join(here, '..', '..', '..', '..')];
  const paths = roots.flatMap((root) => [join(root, 'build', 'native', 'mfg_native.node'), join(root, 'build', 'native', 'Release', 'mfg_native.node')]);
  return override ? [override, ...paths] : paths;
}

export function nativeAddonPath(): string | undefined {
  return candidates().find((path) => existsSync(path));
}

/** What the binding exports (native/binding/addon.cpp); the context of writeRun crosses as JSON. */
interface RawAddon {
  capabilities(): NativeCapabilities;
  validate(specJson: string): ReturnType<NativeSolver['validate']>;
  solve(specJson: string, options: NativeSolveOptions): NativeSolveTask;
  writeRun(directory: string, solution: NativeSolution, contextJson: string): Result<{ path: string }>;
}

function wrap(raw: RawAddon): NativeSolver {
  return {
    capabilities: () => raw.capabilities(),
    validate: (specJson) => raw.validate(specJson),
    solve: (specJson, options = {}) => raw.solve(specJson, options),
    writeRun: (directory, solution, context) => raw.writeRun(directory, solution, JSON.stringify(context)),
  };
}

let cached: Result<NativeSolver> | undefined;

export function loadNativeSolver(): Result<NativeSolver> {
  if (cached) return cached;
  const path = nativeAddonPath();
  if (!path) {
    cached = err({
      code: 'unsupported',
      message: 'the native solver (mfg_native.node) is not built. Run `npm run build:native` (it needs cmake >= 3.18 and a ' +
        'C++17 compiler: on Debian/Ubuntu `apt-get install cmake g++`), or set MFG_NATIVE_ADDON to its path.',
      details: { searched: candidates() },
    });
    return cached;
  }
  try {
    cached = ok(wrap(createRequire(import.meta.url)(path) as RawAddon));
  } catch (e) {
    cached = err({
      code: 'unsupported',
      message: `the native solver at ${path} could not be loaded (${(e as Error).message}). Rebuild it with ` +
        '`npm run build:native`; if Node or Electron was upgraded, the old binary may not match.',
      details: { path },
    });
  }
  return cached;
}
