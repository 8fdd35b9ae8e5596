// The fuses hook cannot flip a real binary here (no Electron can be downloaded): these tests check
// what it would do, with @electron/fuses' option names and a recording flipFuses.

import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

interface Hook {
  (context: unknown, fuses: unknown): Promise<void>;
  FUSES: Record<string, boolean>;
}

const hook = createRequire(import.meta.url)('./electron-fuses.cjs') as Hook;

/** @electron/fuses' enums as that package declares them (FuseV1Options is a numeric enum). */
const NAMES = ['RunAsNode', 'EnableCookieEncryption', 'EnableNodeOptionsEnvironmentVariable', 'EnableNodeCliInspectArguments',
  'EnableEmbeddedAsarIntegrityValidation', 'OnlyLoadAppFromAsar', 'LoadBrowserProcessSpecificV8Snapshot', 'GrantFileProtocolExtraPrivileges'];

function recordingFuses() {
  const calls: { binary: string; options: Record<string, unknown> }[] = [];
  return {
    calls,
    module: {
      FuseVersion: { V1: '1' },
      FuseV1Options: Object.fromEntries(NAMES.map((name, index) => [name, index])),
      flipFuses: async (binary: string, options: Record<string, unknown>) => void calls.push({ binary, options }),
    },
  };
}

const context = (platform: string, arch = 1) => ({
  appOutDir: '/out', electronPlatformName: platform, arch,
  packager: { appInfo: { productFilename: 'MFG Workbench' }, executableName: 'mfg-workbench' },
});

describe('Electron fuses (scripts/electron-fuses.cjs)', () => {
  it('turns off running as Node, NODE_OPTIONS and --inspect, and loads only the integrity-checked app.asar', () => {
    expect(hook.FUSES).toEqual({
      runAsNode: false, enableCookieEncryption: true, enableNodeOptionsEnvironmentVariable: false, enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true, onlyLoadAppFromAsar: true, loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('flips every fuse on the packaged binary of each platform', async () => {
    const fuses = recordingFuses();
    for (const platform of ['linux', 'win32', 'darwin']) await hook(context(platform, platform === 'darwin' ? 3 : 1), fuses.module);
    expect(fuses.calls.map((call) => call.binary)).toEqual([
      path.join('/out', 'mfg-workbench'), path.join('/out', 'MFG Workbench.exe'), path.join('/out', 'MFG Workbench.app'),
    ]);
    expect(fuses.calls[0]?.options).toEqual({ version: '1', resetAdHocDarwinSignature: false, 0: false, 1: true, 2: false, 3: false, 4: true, 5: true, 6: false, 7: false });
    expect(fuses.calls[2]?.options.resetAdHocDarwinSignature).toBe(true);
  });

  it('fails the packaging when @electron/fuses does not know a fuse (rather than shipping it unflipped)', async () => {
    const fuses = recordingFuses();
    delete (fuses.module.FuseV1Options as Record<string, number>).RunAsNode;
    await expect(hook(context('linux'), fuses.module)).rejects.toThrow(/knows no fuse RunAsNode/);
    expect(fuses.calls).toEqual([]);
  });
});
