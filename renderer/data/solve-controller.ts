// Latest wins: every parameter change starts a solve with a fresh request id and aborts the one
// before it. A result that arrives after a newer request was made is dropped (and its live
// solution released), so the views only ever show the newest parameters. A solution is handed
// over only once both of its fields are loaded (`prepare`), so the views switch to it at once.
//
// The controller also keeps, per grid, the last solution that solved (converged or stopped at the
// iteration limit) as the warm start for the next solve on that grid, and releases every other
// live solution it no longer needs. A warm start from a solution far from the new parameters can
// keep Newton from converging (it skips the viscosity continuation); such a solve is retried once
// from scratch before its result is shown.

import type { AppError, MfgSpec, Result, SolutionSummary, SolveOptions } from '../../app/contract/index.js';
import { gridKey } from '../model/spec-path.js';
import type { RequestIds } from './request-ids.js';

export interface SolveBackend {
  solve(spec: MfgSpec, options: SolveOptions, signal: AbortSignal): Promise<Result<SolutionSummary>>;
  /** Loads what the views need (both fields) before the solution is shown. */
  prepare(summary: SolutionSummary, signal: AbortSignal): Promise<Result<void>>;
  release(solutionId: string): void;
}

export interface SolveListener {
  /** A request was sent (its progress events carry this id); `retry`: a cold retry of a failed warm start. */
  started(requestId: string, spec: MfgSpec, warmStartFrom: string | undefined, retry: boolean): void;
  /** The latest request solved and its fields are loaded. */
  solved(summary: SolutionSummary): void;
  /** The latest request failed (bad input, solver failure, lost connection...). */
  failed(requestId: string, error: AppError): void;
}

interface InFlight {
  readonly requestId: string;
  readonly controller: AbortController;
}

/** Solutions good enough to start Newton from (a diverged or failed one holds NaN or nothing). */
const WARM_STATUSES: ReadonlySet<string> = new Set(['converged', 'not_converged']);
/** Outcomes of a warm-started solve that are retried without the warm start. */
const COLD_RETRY_STATUSES: ReadonlySet<string> = new Set(['not_converged', 'diverged']);
/** Grids whose last solution is kept for warm starts (a user rarely alternates between more). */
const MAX_WARM_GRIDS = 3;

export class SolveController {
  private current: InFlight | undefined;
  private latestRequestId: string | undefined;
  /** gridKey -> the last solution on that grid fit for a warm start; most recently used last. */
  private readonly warm = new Map<string, string>();
  /** The latest solution handed to the listener (shown, and the one "Save run" saves). */
  private shown: string | undefined;

  constructor(
    private readonly backend: SolveBackend,
    private readonly ids: RequestIds,
    private readonly listener: SolveListener,
  ) {}

  /** The request whose progress and result count; undefined before the first solve. */
  get latest(): string | undefined {
    return this.latestRequestId;
  }

  get solving(): boolean {
    return this.current !== undefined;
  }

  /** Starts a solve of `spec`, aborting the one in flight; returns its request id. */
  request(spec: MfgSpec): string {
    return this.start(spec, false);
  }

  private start(spec: MfgSpec, cold: boolean): string {
    this.current?.controller.abort();
    const requestId = this.ids.next();
    const flight: InFlight = { requestId, controller: new AbortController() };
    this.current = flight;
    this.latestRequestId = requestId;
    const key = gridKey(spec);
    const warmStartFrom = cold ? undefined : this.warm.get(key);
    // Using a warm start makes it the most recently used grid.
    if (warmStartFrom !== undefined) {
      this.warm.delete(key);
      this.warm.set(key, warmStartFrom);
    }
    this.listener.started(requestId, spec, warmStartFrom, cold);
    void this.run(flight, spec, key, warmStartFrom);
    return requestId;
  }

  /** Aborts the solve in flight, if any; its result will be dropped. */
  cancel(): void {
    if (this.current === undefined) return;
    this.current.controller.abort();
    this.current = undefined;
    this.latestRequestId = undefined;
  }

  /** The solver host restarted: every live solution is gone, none may be a warm start. */
  forgetSolutions(): void {
    this.warm.clear();
    this.shown = undefined;
  }

  /** Whether a live solution is still held (kept for warm starts, or the latest one shown). */
  holds(solutionId: string): boolean {
    return this.held().has(solutionId);
  }

  /** The warm start a solve of `spec` would use now. */
  warmStartFor(spec: MfgSpec): string | undefined {
    return this.warm.get(gridKey(spec));
  }

  private isLatest(flight: InFlight): boolean {
    return this.current === flight && !flight.controller.signal.aborted;
  }

  private async run(flight: InFlight, spec: MfgSpec, key: string, warmStartFrom: string | undefined): Promise<void> {
    const options: SolveOptions = warmStartFrom === undefined
      ? { requestId: flight.requestId }
      : { requestId: flight.requestId, warmStartFrom };
    const solved = await this.backend.solve(spec, options, flight.controller.signal);
    if (!this.isLatest(flight)) {
      if (solved.ok) this.backend.release(solved.value.solutionId);
      return;
    }
    if (!solved.ok) {
      this.current = undefined;
      this.listener.failed(flight.requestId, solved.error);
      return;
    }
    const summary = solved.value;
    if (warmStartFrom !== undefined && summary.warmStarted && COLD_RETRY_STATUSES.has(summary.status)) {
      this.backend.release(summary.solutionId);
      this.current = undefined;
      this.start(spec, true);
      return;
    }
    const prepared = await this.backend.prepare(summary, flight.controller.signal);
    if (!this.isLatest(flight)) {
      this.backend.release(summary.solutionId);
      return;
    }
    this.current = undefined;
    if (!prepared.ok) {
      this.backend.release(summary.solutionId);
      this.listener.failed(flight.requestId, prepared.error);
      return;
    }
    this.keep(key, summary);
    this.listener.solved(summary);
  }

  /** Holds the new solution (shown, and for warm starts) and releases the ones it replaces. */
  private keep(key: string, summary: SolutionSummary): void {
    const before = this.held();
    this.shown = summary.solutionId;
    this.warm.delete(key);
    if (WARM_STATUSES.has(summary.status)) this.warm.set(key, summary.solutionId);
    while (this.warm.size > MAX_WARM_GRIDS) {
      const oldest = this.warm.keys().next().value as string;
      this.warm.delete(oldest);
    }
    const after = this.held();
    for (const id of before) if (!after.has(id)) this.backend.release(id);
  }

  private held(): Set<string> {
    const ids = new Set(this.warm.values());
    if (this.shown !== undefined) ids.add(this.shown);
    return ids;
  }
}
