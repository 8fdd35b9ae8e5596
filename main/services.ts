// The workbench: settings, presets, the run store, the field reader and the solver host, built
// once and served as the contract's services (app/contract/services.ts) on one RpcServer. The
// Electron shell, browser mode (`mfgw web`) and tests all call createWorkbench; only the shell
// (and so the capabilities) differs.

import path from 'node:path';
import {
  appError, ClusterService, err, ok, RunsService, SettingsService, SolverService,
  formatSpecIssue, validateSpec,
  type AppInfo, type FieldRequest, type FieldSlice, type Result, type RunSummary,
} from '../app/contract/index.js';
import type { Disposable } from '../app/rpc/disposable.js';
import type { Logger } from '../app/rpc/logger.js';
import { RpcServer } from '../app/rpc/server.js';
import type { CallContext } from '../app/rpc/service.js';
import { ClusterManager } from './cluster/cluster-manager.js';
import { ExportServer } from './export/export-service.js';
import { appVersion, presetsDirectory } from './paths.js';
import { PresetLibrary } from './presets/presets.js';
import { registerCommonServices } from './service-parts.js';
import { ExternalRunIndex } from './runs/external-runs.js';
import { RunStore } from './runs/run-store.js';
import { RunsWatcher } from './runs/runs-watcher.js';
import { ZarrReader } from './runs/zarr-reader.js';
import { configDirectory } from './settings/config-dir.js';
import { SettingsStore } from './settings/settings-store.js';
import { WorkspaceStore } from './settings/workspace-store.js';
import { forkLauncher, type HostLauncher } from './solver/launcher.js';
import { SolverHost } from './solver/solver-host.js';

export type Shell = AppInfo['shell'];

export interface WorkbenchOptions {
  shell: Shell;
  /** Default: $MFGW_CONFIG_DIR, $XDG_CONFIG_HOME/mfg-workbench or ~/.config/mfg-workbench. */
  configDir?: string;
  /** A runs folder for this session only (`mfgw web --runs DIR`); settings.json is not changed. */
  runsDir?: string;
  presetsDir?: string;
  /** How the solver host process starts: a Node child process unless the shell gives another. */
  launcher?: HostLauncher;
  logger?: Logger;
  env?: NodeJS.ProcessEnv;
  /** Desktop only: shows a folder in the file manager (capability revealInFolder). */
  revealInFolder?: (path: string) => void | Promise<void>;
  /** Desktop only: the shell offers native open dialogs (capability nativeDialogs). */
  nativeDialogs?: boolean;
  maxSolutions?: number;
}

export interface Workbench {
  readonly rpcServer: RpcServer;
  readonly settings: SettingsStore;
  readonly runs: RunStore;
  readonly solver: SolverHost;
  readonly presets: PresetLibrary;
  readonly info: AppInfo;
  /** Cluster profiles, connections and jobs (issue 6). */
  readonly clusters: ClusterManager;
  /** Figures and animations (export.*); files go to the runs folder's exports/ unless a folder is given. */
  readonly exporter: ExportServer;
  /** Writes a live solution into the runs folder (runs.save). */
  saveSolution(solutionId: string, name?: string): Promise<Result<RunSummary>>;
  /** Slices of a live solution or a saved run (fields.read). */
  readField(request: FieldRequest): Promise<Result<FieldSlice>>;
  /** Stops the solver host and closes every RPC connection. */
  dispose(): void;
}

export const mainLogger: Logger = {
  warn: (message, details) => (details === undefined ? console.warn(`[mfgw] ${message}`) : console.warn(`[mfgw] ${message}`, details)),
};

export async function createWorkbench(options: WorkbenchOptions): Promise<Workbench> {
  const logger = options.logger ?? mainLogger;
  const env = options.env ?? process.env;
  const configDir = options.configDir ?? configDirectory(env);
  const settings = await SettingsStore.open({ configDir, env, logger, ...(options.runsDir === undefined ? {} : { runsFolderOverride: options.runsDir }) });
  const runs = new RunStore({ runsFolder: () => settings.runsFolder(), externals: new ExternalRunIndex(configDir, logger), zarr: new ZarrReader(), logger });
  const solver = new SolverHost({ launcher: options.launcher ?? forkLauncher(), logger, ...(options.maxSolutions === undefined ? {} : { maxSolutions: options.maxSolutions }) });
  const presets = new PresetLibrary(options.presetsDir ?? presetsDirectory(), logger);
  const info: AppInfo = {
    version: appVersion(),
    shell: options.shell,
    capabilities: {
      revealInFolder: options.shell === 'electron' && options.revealInFolder !== undefined,
      nativeDialogs: options.shell === 'electron' && options.nativeDialogs === true,
      liveSolving: true,
    },
  };
  const saveSolution = async (solutionId: string, name?: string): Promise<Result<RunSummary>> => {
    const live = solver.liveSolution(solutionId);
    if (live === undefined) return err(appError('not_found', `the live solution '${solutionId}' is no longer kept: solve again, then save`));
    const provenance = { app: { name: 'mfg-workbench', version: info.version, shell: info.shell } };
    return runs.save(live.spec.name, (directory) => solver.saveSolution(solutionId, directory, { solverName: 'mfg-workbench (live)', provenance }), name);
  };
  const readField = (request: FieldRequest): Promise<Result<FieldSlice>> => request.source.kind === 'live'
    ? solver.readField(request.source.solutionId, request.field, request.levels)
    : runs.readField(request.source.runId, request.field, request.levels);
  const rpcServer = new RpcServer({ logger });
  const watcher = new RunsWatcher({
    folder: () => settings.runsFolder(),
    onChange: () => void runs.notifyChanged().catch((error: unknown) => logger.warn('could not list the runs', error)),
    logger,
  });
  const exporter = new ExportServer({ defaultFolder: () => path.join(settings.runsFolder(), 'exports'), env });
  const parts = { rpcServer, settings, runs, solver, presets, info, logger, saveSolution, readField, watcher };
  registerSolver(parts);
  registerCommonServices({ ...parts, revealInFolder: options.revealInFolder, workspace: new WorkspaceStore({ configDir, logger, env }) }, exporter);
  const clusters = await ClusterManager.open({
    configDir, runsFolder: () => settings.runsFolder(), logger, env,
    onDidFetchRun: () => void runs.notifyChanged().catch((error: unknown) => logger.warn('could not list the runs', error)),
  });
  const subscriptions = [...forwardEvents(parts), ...registerClusters(rpcServer, clusters)];
  return {
    rpcServer, settings, runs, solver, presets, info, saveSolution, readField, clusters, exporter,
    dispose: () => {
      clusters.dispose();
      void exporter.dispose();
      watcher.dispose();
      for (const subscription of subscriptions) subscription.dispose();
      solver.dispose();
      rpcServer.close();
    },
  };
}

type Parts = Pick<Workbench, 'rpcServer' | 'settings' | 'runs' | 'solver' | 'presets' | 'info' | 'saveSolution' | 'readField'>
  & { logger: Logger; watcher: RunsWatcher };

function registerSolver(parts: Parts): void {
  const { rpcServer, solver } = parts;
  rpcServer.register(SolverService, {
    capabilities: async () => {
      const found = await solver.capabilities();
      if (!found.ok) return found;
      const { version, git, openmp, threads, cuda, mpi, dimensions } = found.value;
      return ok({ solverVersion: version, git, openmp, threads, cuda, mpi, dimensions });
    },
    solve: (spec, solveOptions, context) => solve(parts, spec, solveOptions, context),
    release: (solutionId) => solver.release(solutionId),
  });
}

function registerClusters(rpcServer: RpcServer, clusters: ClusterManager): Disposable[] {
  rpcServer.register(ClusterService, {
    profiles: () => ok(clusters.profiles()),
    saveProfile: (profile) => clusters.saveProfile(profile),
    removeProfile: (alias) => clusters.removeProfile(alias),
    connect: (alias) => clusters.connect(alias),
    acceptHostKey: (alias, fingerprint) => clusters.acceptHostKey(alias, fingerprint),
    detect: (alias) => clusters.detect(alias),
    answerPrompt: (promptId, answers) => ok({ answered: clusters.connections.answer(promptId, answers) }),
    preview: (alias, description) => clusters.preview(alias, description),
    submit: (alias, description, script) => clusters.submit(alias, description, script),
    jobs: async () => ok(await clusters.refreshJobs()),
    cancel: (id) => clusters.cancel(id),
    requeue: (id) => clusters.requeue(id),
    tail: (id, task, bytes) => clusters.tail(id, task, bytes),
    fetch: (id) => clusters.fetch(id),
  });
  return [
    clusters.onDidChangeJobs.listen((jobs) => rpcServer.emit(ClusterService, 'onDidChangeJobs', { jobs })),
    clusters.connections.onDidPrompt.listen((prompt) => rpcServer.emit(ClusterService, 'onDidPrompt', prompt)),
    clusters.connections.onDidReportHostKey.listen((report) => rpcServer.emit(ClusterService, 'onDidReportHostKey', report)),
  ];
}

async function solve(parts: Parts, input: unknown, options: { requestId: string; warmStartFrom?: string | undefined }, context: CallContext) {
  const checked = validateSpec(input);
  if (!checked.ok) {
    const shown = checked.issues.slice(0, 5).map(formatSpecIssue).join('; ');
    return err(appError('bad_input', `the spec is invalid: ${shown}`, { issues: checked.issues }));
  }
  const { requestId, warmStartFrom } = options;
  const result = await parts.solver.solve(checked.spec, {
    requestId, signal: context.signal, ...(warmStartFrom === undefined ? {} : { warmStartFrom }),
    onProgress: (record) => parts.rpcServer.emit(SolverService, 'onDidProgress', { requestId, record }),
  });
  // A caller that cancelled never learns the solution's id: keep no solution nobody can reach.
  if (result.ok && context.signal.aborted) await parts.solver.release(result.value.solutionId);
  return result;
}

function forwardEvents(parts: Parts): Disposable[] {
  const { rpcServer, settings, runs, solver, logger, watcher } = parts;
  let runsFolder = settings.runsFolder();
  return [
    runs.onDidChangeRuns((list) => {
      rpcServer.emit(RunsService, 'onDidChangeRuns', { runs: list });
      if (!watcher.watching) watcher.restart(); // the first save creates the runs folder
    }),
    solver.onDidRestartHost((event) => rpcServer.emit(SolverService, 'onDidRestartHost', event)),
    settings.onDidChange((current) => {
      rpcServer.emit(SettingsService, 'onDidChangeSettings', current);
      if (settings.runsFolder() === runsFolder) return;
      runsFolder = settings.runsFolder();
      watcher.restart();
      runs.notifyChanged().catch((error: unknown) => logger.warn(`could not list the runs of ${runsFolder}`, error));
    }),
  ];
}
