// Electron fuses for the packaged app: features baked off in the Electron binary at packaging time,
// before signing (https://www.electronjs.org/docs/latest/tutorial/fuses). Used by electron-builder
// in either of two ways (pick one in electron-builder.yml):
//
//   afterPack: scripts/electron-fuses.cjs        # this file's hook flips FUSES with @electron/fuses
//   electronFuses: { ...the same values as FUSES below }   # electron-builder >= 25 does it itself
//
// @electron/fuses comes with electron-builder (>= 25); nothing here runs in tests but the pure
// parts (scripts/electron-fuses.test.ts). Why each value: docs/security.md, "The desktop shell".

/** Keys as electron-builder's `electronFuses` (FuseOptionsV1) names them. */
const FUSES = Object.freeze({
  // The solver host runs as a utilityProcess, never as `ELECTRON_RUN_AS_NODE=1 electron`: nothing
  // may turn the app binary into a plain Node that runs any script it is given.
  runAsNode: false,
  enableCookieEncryption: true,
  // NODE_OPTIONS=--require=... and --inspect would let anyone who can set the environment or the
  // command line run code inside the app's main process.
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  // Only the app's own (signed) app.asar is loaded, and its hash is checked where Electron can.
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  loadBrowserProcessSpecificV8Snapshot: false,
  // The app serves its pages from app://, never file://.
  grantFileProtocolExtraPrivileges: false,
});

/** @electron/fuses' FuseV1Options names for the keys above. */
const FUSE_V1_NAMES = Object.freeze({
  runAsNode: 'RunAsNode',
  enableCookieEncryption: 'EnableCookieEncryption',
  enableNodeOptionsEnvironmentVariable: 'EnableNodeOptionsEnvironmentVariable',
  enableNodeCliInspectArguments: 'EnableNodeCliInspectArguments',
  enableEmbeddedAsarIntegrityValidation: 'EnableEmbeddedAsarIntegrityValidation',
  onlyLoadAppFromAsar: 'OnlyLoadAppFromAsar',
  loadBrowserProcessSpecificV8Snapshot: 'LoadBrowserProcessSpecificV8Snapshot',
  grantFileProtocolExtraPrivileges: 'GrantFileProtocolExtraPrivileges',
});

/** The packaged Electron binary (or .app bundle) inside electron-builder's output folder. */
function electronBinary(context) {
  const path = require('node:path');
  const name = context.packager.appInfo.productFilename;
  switch (context.electronPlatformName) {
    case 'darwin':
    case 'mas':
      return path.join(context.appOutDir, `${name}.app`);
    case 'win32':
      return path.join(context.appOutDir, `${name}.exe`);
    default:
      return path.join(context.appOutDir, context.packager.executableName);
  }
}

/** The options object for @electron/fuses' flipFuses. */
function flipOptions(fusesModule, platform, arch) {
  const options = { version: fusesModule.FuseVersion.V1, resetAdHocDarwinSignature: platform === 'darwin' && arch === 'arm64' };
  for (const [key, value] of Object.entries(FUSES)) {
    const option = fusesModule.FuseV1Options[FUSE_V1_NAMES[key]];
    if (option === undefined) throw new Error(`@electron/fuses knows no fuse ${FUSE_V1_NAMES[key]}: update scripts/electron-fuses.cjs`);
    options[option] = value;
  }
  return options;
}

/** electron-builder's afterPack hook; `fusesModule` is injected by tests. */
async function afterPack(context, fusesModule = require('@electron/fuses')) {
  // electron-builder's Arch enum: 1 = x64, 3 = arm64.
  const arch = context.arch === 3 ? 'arm64' : 'other';
  await fusesModule.flipFuses(electronBinary(context), flipOptions(fusesModule, context.electronPlatformName, arch));
}

module.exports = afterPack;
module.exports.default = afterPack;
module.exports.FUSES = FUSES;
module.exports.electronBinary = electronBinary;
module.exports.flipOptions = flipOptions;
