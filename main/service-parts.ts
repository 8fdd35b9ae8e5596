// The services every workbench serves, whatever else it runs: app information, settings, presets,
// reading runs and their fields, and export. The full workbench (services.ts) adds the solver, the
// runs watcher and clusters; the viewer (viewer.ts, for `mfgw export`) serves only these.

import {
  AppService, appError, err, ExportService, FieldsService, ok, PresetsService, RunsService, SettingsService, WorkspaceService,
  type AppInfo, type FieldRequest, type FieldSlice, type Result, type RunSummary,
} from '../app/contract/index.js';
import type { RpcServer } from '../app/rpc/server.js';
import type { ExportServer } from './export/export-service.js';
import { errorMessage } from './files.js';
import type { PresetLibrary } from './presets/presets.js';
import type { RunStore } from './runs/run-store.js';
import type { SettingsStore } from './settings/settings-store.js';
import type { WorkspaceStore } from './settings/workspace-store.js';

export interface CommonParts {
  readonly rpcServer: RpcServer;
  readonly settings: SettingsStore;
  readonly runs: RunStore;
  readonly presets: PresetLibrary;
  readonly info: AppInfo;
  /** Slices of a live solution or a saved run (fields.read). */
  readonly readField: (request: FieldRequest) => Promise<Result<FieldSlice>>;
  /** Writes a live solution into the runs folder (runs.save). */
  readonly saveSolution: (solutionId: string, name?: string) => Promise<Result<RunSummary>>;
  /** The renderer's workspace; absent (a viewer, e.g. mfgw export): none is kept or restored. */
  readonly workspace?: WorkspaceStore | undefined;
  /** Desktop only: shows a folder in the file manager (capability revealInFolder). */
  readonly revealInFolder?: ((path: string) => void | Promise<void>) | undefined;
}

export function registerCommonServices(parts: CommonParts, exporter: ExportServer): void {
  const { rpcServer, settings, runs, presets, info } = parts;
  rpcServer.register(FieldsService, { read: (request) => parts.readField(request) });
  rpcServer.register(RunsService, {
    list: async () => ok(await runs.list()),
    open: (runId) => runs.open(runId),
    save: ({ solutionId, name }) => parts.saveSolution(solutionId, name),
    rename: (runId, name) => runs.rename(runId, name),
    remove: (runId) => runs.remove(runId),
    openDirectory: (directory) => runs.openDirectory(directory),
    reveal: (runId) => reveal(runs, runId, parts.revealInFolder),
  });
  rpcServer.register(SettingsService, {
    get: () => ok(settings.get()),
    update: (patch) => settings.update(patch),
  });
  rpcServer.register(PresetsService, { list: async () => ok(await presets.list()) });
  rpcServer.register(WorkspaceService, {
    get: () => (parts.workspace === undefined ? Promise.resolve(ok(null)) : parts.workspace.get()),
    save: (workspace) => (parts.workspace === undefined ? Promise.resolve(ok({ saved: false })) : parts.workspace.save(workspace)),
  });
  rpcServer.register(AppService, { info: () => ok(info) });
  rpcServer.register(ExportService, {
    capabilities: () => exporter.capabilities(),
    writeFile: (target, bytes) => exporter.writeFile(target, bytes),
    writeFigure: (target, format, figure) => exporter.writeFigure(target, format, figure),
    beginVideo: (request) => exporter.beginVideo(request),
    addFrames: (videoId, bytes) => exporter.addFrames(videoId, bytes),
    finishVideo: (videoId) => exporter.finishVideo(videoId),
    cancelVideo: (videoId) => exporter.cancelVideo(videoId),
  });
}

async function reveal(runs: RunStore, runId: string, show: CommonParts['revealInFolder']): Promise<Result<{ revealed: boolean }>> {
  const summary = await runs.summary(runId);
  if (!summary.ok) return summary;
  if (show === undefined) {
    return err(appError('unsupported', `showing a folder in the file manager needs the desktop app; the run is at ${summary.value.path}`));
  }
  try {
    await show(summary.value.path);
    return ok({ revealed: true });
  } catch (error) {
    return err(appError('io', `could not show ${summary.value.path}: ${errorMessage(error)}`));
  }
}
