// The renderer's side of the services: one connection, the slice cache, the latest-wins solve
// controller, and the store slices that mirror the services (solve status, shown solution, runs,
// settings). Parameter state is not written here: commands own it; the session watches the spec
// and re-solves when it changes.

import {
  validateSpec, type AppError, type FieldSource, type MfgSpec, type Preset, type Result, type Settings, type SolutionSummary,
} from '../../app/contract/index.js';
import type { Disposable } from '../../app/rpc/index.js';
import type { AppRegistry } from '../commands/commands.js';
import type { SessionActions } from '../commands/registry.js';
import { retarget } from '../model/time-cursor.js';
import { MAX_LIVE_HISTORY } from '../state/solve-slice.js';
import { notify, type AppStore } from '../state/store.js';
import type { Shown } from '../state/view-slice.js';
import { createRequestIds } from './request-ids.js';
import type { Services } from './services.js';
import { shownFromRun, shownFromSolution } from './shown.js';
import { SliceCache } from './slice-cache.js';
import { SolveController, type SolveBackend } from './solve-controller.js';
import { autosaveWorkspace, restoreWorkspace } from './workspace-sync.js';

/** Runs a callback soon, once per burst of calls (a frame in a page, a tick elsewhere). */
export type Scheduler = (callback: () => void) => void;

const nextFrame: Scheduler = (callback) => {
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => callback());
  else setTimeout(callback, 16);
};

/** The preset the app opens with: the seed tutorial's problem when the service has it. */
export function startingPreset(presets: readonly Preset[]): Preset | undefined {
  return presets.find((preset) => preset.id.includes('seed-002')) ?? presets[0];
}

const describe = (error: AppError): string => error.message;

export class Session implements SessionActions {
  readonly cache: SliceCache;
  private readonly controller: SolveController;
  private readonly disposables: Disposable[] = [];
  private unpinShown: (() => void) | undefined;
  private solveScheduled = false;
  private progressScheduled = false;
  private openingRun = 0;
  private commands: AppRegistry | undefined;
  /** Progress records of the latest request not yet written to the store (one write per frame). */
  private readonly pendingProgress: SolutionSummary['history'] = [];

  constructor(
    private readonly store: AppStore,
    readonly services: Services,
    private readonly schedule: Scheduler = nextFrame,
  ) {
    this.cache = new SliceCache((request) => services.fields.read(request));
    const backend: SolveBackend = {
      solve: (spec, options, signal) => services.solver.solve(spec, options, { signal }),
      prepare: (summary, signal) => this.loadFields({ kind: 'live', solutionId: summary.solutionId }, summary.grid.dimension, signal),
      release: (solutionId) => {
        this.cache.forget({ kind: 'live', solutionId });
        void services.solver.release(solutionId);
      },
    };
    this.controller = new SolveController(backend, createRequestIds(), {
      started: (requestId, _spec, warmStartFrom, retry) => this.store.setState((state) => ({
        solve: { ...state.solve, phase: 'solving', requestId, warmStartFrom: warmStartFrom ?? null, retry, progress: null, liveHistory: [], error: null, issues: [] },
      })),
      solved: (summary) => this.showSolution(summary),
      failed: (requestId, error) => this.store.setState((state) => ({
        solve: { ...state.solve, phase: 'failed', requestId, error },
      })),
    });
  }

  /** Subscribes to the services' events, loads what the UI needs, and solves the first problem. */
  async start(commands: AppRegistry): Promise<void> {
    this.commands = commands;
    const { solver, runs, settings } = this.services;
    this.disposables.push(
      solver.onDidProgress(({ requestId, record }) => this.onProgress(requestId, record)),
      solver.onDidRestartHost(({ reason }) => this.onHostRestart(reason)),
      runs.onDidChangeRuns(({ runs: list }) => this.store.setState({ runs: list, runsLoaded: true })),
      settings.onDidChangeSettings((value) => this.store.setState({ settings: value })),
    );
    let lastSpec = this.store.getState().parameters.spec;
    const unsubscribe = this.store.subscribe((state) => {
      if (state.parameters.spec === lastSpec) return;
      lastSpec = state.parameters.spec;
      this.scheduleSolve();
    });
    this.disposables.push({ dispose: unsubscribe });
    // What this workbench can do comes first: a viewer (liveSolving false) is never asked to solve.
    await this.loadAppInfo();
    await Promise.all([this.loadSettings(), this.loadCapabilities(), this.refreshRuns(), this.loadPresets()]);
  }

  dispose(): void {
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
    this.controller.cancel();
    this.unpinShown?.();
  }

  // --- loading -----------------------------------------------------------------------------

  private async loadAppInfo(): Promise<void> {
    const info = await this.services.app.info();
    if (info.ok) this.store.setState({ appInfo: info.value });
  }

  private get solves(): boolean {
    return this.store.getState().appInfo?.capabilities.liveSolving !== false;
  }

  private async loadCapabilities(): Promise<void> {
    if (!this.solves) return;
    const capabilities = await this.services.solver.capabilities();
    if (capabilities.ok) this.store.setState({ capabilities: capabilities.value });
    else notify(this.store, 'error', `The solver is not available: ${describe(capabilities.error)}`);
  }

  private async loadSettings(): Promise<void> {
    const settings = await this.services.settings.get();
    if (settings.ok) this.store.setState({ settings: settings.value });
    else notify(this.store, 'error', `Settings could not be read (defaults are used): ${describe(settings.error)}`);
  }

  private async loadPresets(): Promise<void> {
    const presets = await this.services.presets.list();
    if (!presets.ok) {
      notify(this.store, 'error', `Presets could not be read: ${describe(presets.error)}`);
      this.scheduleSolve();
      return;
    }
    this.store.setState({ presets: presets.value });
    const first = startingPreset(presets.value);
    const { parameters } = this.store.getState();
    const fresh = parameters.presetId === null && parameters.history.past.length === 0;
    // A workbench that solves keeps a workspace (a viewer, e.g. mfgw export, shows what it is asked).
    if (this.solves) {
      const restored = fresh && await restoreWorkspace(this.store, this.services, presets.value);
      this.disposables.push(autosaveWorkspace(this.store, this.services));
      if (restored) {
        this.scheduleSolve();
        return;
      }
    }
    if (first !== undefined && fresh) {
      this.commands?.execute('spec.initialise', { presetId: first.id });
    } else {
      this.scheduleSolve();
    }
  }

  // --- solving -----------------------------------------------------------------------------

  /** Solves the current spec once the current burst of changes is over (one frame). */
  private scheduleSolve(): void {
    if (this.solveScheduled) return;
    this.solveScheduled = true;
    this.schedule(() => {
      this.solveScheduled = false;
      this.solve(this.store.getState().parameters.spec);
    });
  }

  private solve(spec: MfgSpec): void {
    if (!this.solves) return;
    const checked = validateSpec(spec);
    if (!checked.ok) {
      this.controller.cancel();
      this.store.setState((state) => ({ solve: { ...state.solve, phase: 'invalid', issues: checked.issues, progress: null, error: null } }));
      return;
    }
    this.controller.request(checked.spec);
  }

  solveNow(): void {
    this.solve(this.store.getState().parameters.spec);
  }

  cancelSolve(): void {
    if (!this.controller.solving) return;
    this.controller.cancel();
    this.store.setState((state) => ({ solve: { ...state.solve, phase: 'idle', progress: null } }));
    notify(this.store, 'info', 'Solving stopped; the views keep the last solution.');
  }

  private onProgress(requestId: string, record: SolutionSummary['history'][number]): void {
    if (requestId !== this.controller.latest) return;
    this.pendingProgress.push(record);
    if (this.progressScheduled) return;
    this.progressScheduled = true;
    this.schedule(() => {
      this.progressScheduled = false;
      const records = this.pendingProgress.splice(0);
      const last = records[records.length - 1];
      if (last === undefined) return;
      this.store.setState((state) => {
        if (state.solve.requestId !== requestId || state.solve.phase !== 'solving') return state;
        const liveHistory = [...state.solve.liveHistory, ...records].slice(-MAX_LIVE_HISTORY);
        return { solve: { ...state.solve, progress: last, liveHistory } };
      });
    });
  }

  private onHostRestart(reason: string): void {
    this.controller.forgetSolutions();
    const shown = this.store.getState().shown;
    notify(this.store, 'error', `The solver process restarted (${reason}); solving again.`);
    if (shown?.source.kind === 'live') this.setShown(null);
    this.scheduleSolve();
  }

  /**
   * Loads what the first picture needs before a solution is shown: whole fields in 1D (the
   * space-time views draw every level), the first level of each field in 2D and 3D (the views read
   * the level on screen lazily; this read also proves the run's fields can be read).
   */
  private loadFields(source: FieldSource, dimension: number, signal?: AbortSignal): Promise<Result<void>> {
    const levels: [number, number] | undefined = dimension > 1 ? [0, 1] : undefined;
    const request = (field: 'u' | 'm') => (levels === undefined ? { source, field } : { source, field, levels });
    const both = Promise.all([this.cache.load(request('u')), this.cache.load(request('m'))]);
    return both.then(([u, m]) => {
      if (signal?.aborted === true) return { ok: false, error: { code: 'cancelled', message: 'superseded by a newer request' } };
      if (!u.ok) return u;
      if (!m.ok) return m;
      return { ok: true, value: undefined };
    });
  }

  private showSolution(summary: SolutionSummary): void {
    this.openingRun++; // a run still opening would otherwise replace this newer solution
    this.setShown(shownFromSolution(summary));
    this.store.setState((state) => ({
      opening: null,
      solve: {
        ...state.solve,
        phase: 'done',
        requestId: summary.requestId,
        result: {
          requestId: summary.requestId, status: summary.status, message: summary.message, iterations: summary.iterations,
          residual: maxResidual(summary), seconds: summary.timings.total_s, warmStarted: summary.warmStarted,
        },
      },
    }));
  }

  /** Switches every view to a new solution at once, keeping the moment the cursor showed. */
  private setShown(shown: Shown | null): void {
    const previous = this.store.getState().shown;
    if (previous?.key === shown?.key && shown !== null) return;
    this.unpinShown?.();
    this.unpinShown = shown === null ? undefined : this.cache.pin(shown.source);
    this.store.setState((state) => ({
      shown,
      cursor: shown === null ? { ...state.cursor, levels: 0, level: 0, playing: false } : retarget(state.cursor, previous?.times, shown.times),
    }));
  }

  // --- runs ----------------------------------------------------------------------------------

  async refreshRuns(): Promise<void> {
    const runs = await this.services.runs.list();
    if (runs.ok) this.store.setState({ runs: runs.value, runsLoaded: true, runsError: null });
    else this.store.setState({ runsLoaded: true, runsError: `The runs folder could not be listed: ${describe(runs.error)}` });
  }

  async saveRun(name?: string): Promise<void> {
    const shown = this.store.getState().shown;
    if (shown?.source.kind !== 'live') return;
    const saved = await this.services.runs.save(name === undefined ? { solutionId: shown.source.solutionId } : { solutionId: shown.source.solutionId, name });
    if (!saved.ok) {
      notify(this.store, 'error', `The run could not be saved: ${describe(saved.error)}`);
      return;
    }
    notify(this.store, 'info', `Saved run “${saved.value.name}”.`);
    await this.refreshRuns();
  }

  async openRun(runId: string): Promise<void> {
    const ticket = ++this.openingRun;
    this.controller.cancel();
    this.store.setState((state) => ({ opening: runId, solve: state.solve.phase === 'solving' ? { ...state.solve, phase: 'idle', progress: null } : state.solve }));
    const details = await this.services.runs.open(runId);
    if (ticket !== this.openingRun) return;
    if (!details.ok) {
      this.store.setState({ opening: null });
      notify(this.store, 'error', `The run could not be opened: ${describe(details.error)}`);
      return;
    }
    const loaded = await this.loadFields({ kind: 'run', runId }, details.value.grid.dimension);
    if (ticket !== this.openingRun) return;
    this.store.setState({ opening: null });
    if (!loaded.ok) {
      notify(this.store, 'error', `The fields of run “${details.value.summary.name}” could not be read: ${describe(loaded.error)}`);
      return;
    }
    this.setShown(shownFromRun(details.value));
  }

  async renameRun(runId: string, name: string): Promise<void> {
    const renamed = await this.services.runs.rename(runId, name);
    if (!renamed.ok) {
      notify(this.store, 'error', `The run could not be renamed: ${describe(renamed.error)}`);
      return;
    }
    const shown = this.store.getState().shown;
    if (shown?.source.kind === 'run' && shown.source.runId === runId) this.store.setState({ shown: { ...shown, title: renamed.value.name } });
    await this.refreshRuns();
  }

  async removeRun(runId: string): Promise<void> {
    const removed = await this.services.runs.remove(runId);
    if (!removed.ok) {
      notify(this.store, 'error', `The run could not be deleted: ${describe(removed.error)}`);
      return;
    }
    const shown = this.store.getState().shown;
    if (shown?.source.kind === 'run' && shown.source.runId === runId) {
      // The views go back to the panel's parameters.
      this.setShown(null);
      this.scheduleSolve();
    }
    this.cache.forget({ kind: 'run', runId });
    await this.refreshRuns();
  }

  async revealRun(runId: string): Promise<void> {
    const revealed = await this.services.runs.reveal(runId);
    if (!revealed.ok) notify(this.store, 'error', `The run directory could not be shown: ${describe(revealed.error)}`);
  }

  async openDirectory(path: string): Promise<void> {
    const opened = await this.services.runs.openDirectory(path);
    if (!opened.ok) {
      notify(this.store, 'error', `That directory could not be opened as a run: ${describe(opened.error)}`);
      return;
    }
    await this.refreshRuns();
    if (opened.value.status === 'damaged') {
      notify(this.store, 'error', `Run “${opened.value.name}” is damaged: ${opened.value.problem ?? 'its files cannot be read'}`);
      return;
    }
    await this.openRun(opened.value.runId);
  }

  // --- settings ------------------------------------------------------------------------------

  async updateSettings(patch: Partial<Omit<Settings, 'version'>>): Promise<void> {
    const before = this.store.getState().settings;
    // Shown at once (a colormap switch should not wait for a round trip); undone if refused.
    if (before !== null) this.store.setState({ settings: { ...before, ...patch } });
    const updated = await this.services.settings.update(patch);
    if (updated.ok) {
      this.store.setState({ settings: updated.value });
      return;
    }
    this.store.setState({ settings: before });
    notify(this.store, 'error', `The settings could not be saved: ${describe(updated.error)}`);
  }
}

function maxResidual(summary: SolutionSummary): number | null {
  const values = [summary.residual.hjb, summary.residual.fp].filter((v): v is number => v !== null && Number.isFinite(v));
  return values.length === 0 ? null : Math.max(...values);
}
