// The viewer: a workbench that shows saved runs and exports them, and starts nothing else (no
// solver host process, no runs watcher, no cluster manager). `mfgw export` serves it to headless
// Chromium; its app.info says liveSolving: false, so the page does not solve at start-up.

import path from 'node:path';
import { appError, err, type AppInfo } from '../app/contract/index.js';
import type { Logger } from '../app/rpc/logger.js';
import { RpcServer } from '../app/rpc/server.js';
import { ExportServer } from './export/export-service.js';
import { appVersion, presetsDirectory } from './paths.js';
import { PresetLibrary } from './presets/presets.js';
import { ExternalRunIndex } from './runs/external-runs.js';
import { RunStore } from './runs/run-store.js';
import { ZarrReader } from './runs/zarr-reader.js';
import { registerCommonServices } from './service-parts.js';
import { SettingsStore } from './settings/settings-store.js';

export interface ViewerOptions {
  readonly configDir: string;
  readonly runsDir: string;
  readonly env: NodeJS.ProcessEnv;
  readonly logger: Logger;
}

export interface Viewer {
  readonly rpcServer: RpcServer;
  readonly runs: RunStore;
  dispose(): void;
}

export async function createViewer(options: ViewerOptions): Promise<Viewer> {
  const { configDir, env, logger } = options;
  const settings = await SettingsStore.open({ configDir, env, logger, runsFolderOverride: options.runsDir });
  const runs = new RunStore({ runsFolder: () => settings.runsFolder(), externals: new ExternalRunIndex(configDir, logger), zarr: new ZarrReader(), logger });
  const info: AppInfo = { version: appVersion(), shell: 'cli', capabilities: { revealInFolder: false, nativeDialogs: false, liveSolving: false } };
  const rpcServer = new RpcServer({ logger });
  const exporter = new ExportServer({ defaultFolder: () => path.join(settings.runsFolder(), 'exports'), env });
  const noSolver = (what: string) => err(appError('unsupported', `${what} needs the solver, which this viewer (mfgw export) does not start`));
  registerCommonServices({
    rpcServer, settings, runs, presets: new PresetLibrary(presetsDirectory(), logger), info,
    readField: async (request) => (request.source.kind === 'live' ? noSolver('a live solution') : runs.readField(request.source.runId, request.field, request.levels)),
    saveSolution: async () => noSolver('saving a live solution'),
  }, exporter);
  return {
    rpcServer, runs,
    dispose: () => {
      void exporter.dispose();
      rpcServer.close();
    },
  };
}
