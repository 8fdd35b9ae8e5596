// The main process's side of live solving: one solver host process, started on the first request
// and again on the first request after it crashed; solves run one at a time in arrival order;
// aborting a call's signal cancels it (queued: dropped; running: the native solve stops after its
// current step). The host keeps the last `maxSolutions` solutions (u, m and the addon's handle, for
// warm starts, slices and saving); this side keeps their summaries in the same order.

import {
  MODEL_REGISTRY, appError, err, MfgSpecSchema, ok,
  type FieldSlice, type IterationRecord, type MfgSpec, type Result, type SolutionSummary,
} from '../../app/contract/index.js';
import { Emitter, type Disposable } from '../../app/rpc/disposable.js';
import type { Logger } from '../../app/rpc/logger.js';
import type { NativeCapabilities } from '../../native/lib/index.js';
import { HostConnection } from './host-connection.js';
import type { HostLauncher } from './launcher.js';
import type { Solved } from './protocol.js';

export interface SolverHostOptions {
  launcher: HostLauncher;
  logger: Logger;
  /** Live solutions kept (default 8); older ones are freed. */
  maxSolutions?: number;
  readyTimeoutMs?: number;
  /** How long a cancelled solve may take to stop before its process is killed (default 10 s). */
  cancelGraceMs?: number;
}

export interface SolveCall {
  requestId: string;
  warmStartFrom?: string;
  threads?: number;
  signal?: AbortSignal;
  onProgress?: (record: IterationRecord) => void;
}

interface QueuedSolve {
  spec: MfgSpec;
  call: SolveCall;
  resolve: (result: Result<SolutionSummary>) => void;
}

export interface RunContext {
  solverName: string;
  provenance?: Record<string, unknown>;
  force?: boolean;
}

export class SolverHost {
  private connection: HostConnection | undefined;
  private readonly queue: QueuedSolve[] = [];
  private solving = false;
  private disposed = false;
  private solveCount = 0;
  private readonly session = Math.random().toString(36).slice(2, 8);
  private readonly live = new Map<string, SolutionSummary>();
  private readonly restarted: Emitter<{ reason: string }>;
  readonly maxSolutions: number;

  constructor(private readonly options: SolverHostOptions) {
    this.maxSolutions = options.maxSolutions ?? 8;
    this.restarted = new Emitter(options.logger, 'solver host restarts');
  }

  /** The host process's id while one runs (diagnostics, and tests that kill it). */
  get hostPid(): number | undefined {
    return this.connection?.hasExited === false ? this.connection.pid : undefined;
  }

  /** Fired when the host process ended unexpectedly; its live solutions are gone. */
  onDidRestartHost(listener: (event: { reason: string }) => void): Disposable {
    return this.restarted.listen(listener);
  }

  liveSolution(solutionId: string): SolutionSummary | undefined {
    return this.live.get(solutionId);
  }

  async capabilities(): Promise<Result<NativeCapabilities>> {
    if (this.disposed) return err(stopped());
    return this.host().request({ kind: 'capabilities' }).answer;
  }

  /** Queues a solve; resolves with its summary (not_converged, cancelled... are statuses, not errors). */
  solve(spec: MfgSpec, call: SolveCall): Promise<Result<SolutionSummary>> {
    if (this.disposed) return Promise.resolve(err(stopped()));
    if (call.signal?.aborted) return Promise.resolve(err(appError('cancelled', 'the solve was cancelled before it started')));
    return new Promise((resolve) => {
      const job: QueuedSolve = { spec, call, resolve };
      const onAbort = (): void => {
        const at = this.queue.indexOf(job);
        if (at < 0) return; // already running: run() cancels it
        this.queue.splice(at, 1);
        job.resolve(err(appError('cancelled', 'the solve was cancelled before it started')));
      };
      job.resolve = (result) => {
        call.signal?.removeEventListener('abort', onAbort);
        resolve(result);
      };
      call.signal?.addEventListener('abort', onAbort, { once: true });
      this.queue.push(job);
      this.pump();
    });
  }

  async release(solutionId: string): Promise<Result<{ released: boolean }>> {
    if (!this.live.delete(solutionId) || this.connection === undefined || this.connection.hasExited) return ok({ released: false });
    return this.connection.request({ kind: 'release', solutionId }).answer;
  }

  /** A slice of a field of a live solution; the live solver is the MFG one, so it holds u and m. */
  async readField(solutionId: string, field: string, levels?: readonly [number, number]): Promise<Result<FieldSlice>> {
    const host = this.liveHost(solutionId);
    if (!host.ok) return host;
    if (field !== 'u' && field !== 'm') {
      return err(appError('not_found', `the live solution '${solutionId}' has no field '${field}': it holds ${MODEL_REGISTRY.mfg.fields.map((f) => f.name).join(', ')}`));
    }
    const read = await host.value.request({ kind: 'read', solutionId, field, ...(levels === undefined ? {} : { levels: [levels[0], levels[1]] }) }).answer;
    return read.ok ? ok({ field, ...read.value }) : read;
  }

  /** Writes a live solution as a run directory (the addon's writeRun: the format mfg-solve writes). */
  async saveSolution(solutionId: string, directory: string, context: RunContext): Promise<Result<{ path: string }>> {
    const host = this.liveHost(solutionId);
    if (!host.ok) return host;
    return host.value.request({ kind: 'save', solutionId, directory, ...context }).answer;
  }

  /** Stops the host process; queued solves are cancelled, later calls answer that the solver stopped. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const job of this.queue.splice(0)) job.resolve(err(stopped()));
    this.connection?.kill();
    this.restarted.clear();
  }

  private liveHost(solutionId: string): Result<HostConnection> {
    if (this.live.has(solutionId) && this.connection !== undefined && !this.connection.hasExited) return ok(this.connection);
    return err(appError('not_found', `the live solution '${solutionId}' is no longer kept (the solver keeps the last ${this.maxSolutions} ` +
      'solves, and none after a restart): solve again, or open the saved run'));
  }

  private host(): HostConnection {
    if (this.connection !== undefined && !this.connection.hasExited) return this.connection;
    const connection: HostConnection = new HostConnection(this.options.launcher({ maxSolutions: this.maxSolutions }), {
      logger: this.options.logger,
      readyTimeoutMs: this.options.readyTimeoutMs ?? 30_000,
      onExit: (reason) => this.hostExited(connection, reason),
    });
    this.connection = connection;
    return connection;
  }

  private hostExited(connection: HostConnection, reason: string): void {
    if (this.disposed || connection !== this.connection) return;
    if (!connection.wasReady) return; // it never ran: its requests carry the reason, nothing restarted
    this.live.clear();
    this.options.logger.warn(`${reason}; a new solver host starts with the next request`);
    this.restarted.fire({ reason });
  }

  private pump(): void {
    if (this.solving || this.disposed) return;
    const job = this.queue.shift();
    if (job === undefined) return;
    this.solving = true;
    void this.run(job).then((result) => {
      this.solving = false;
      job.resolve(result);
      this.pump();
    });
  }

  private async run(job: QueuedSolve): Promise<Result<SolutionSummary>> {
    const { spec, call } = job;
    const solutionId = `sol-${this.session}-${++this.solveCount}`;
    const host = this.host();
    const { id, answer } = host.request({
      kind: 'solve', solutionId, specJson: JSON.stringify(spec),
      ...(call.warmStartFrom === undefined ? {} : { warmStartFrom: call.warmStartFrom }),
      ...(call.threads === undefined ? {} : { threads: call.threads }),
    }, call.onProgress);
    let killedAfterCancel = false;
    let grace: NodeJS.Timeout | undefined;
    const onAbort = (): void => {
      host.cancel(id);
      grace = setTimeout(() => {
        killedAfterCancel = true;
        host.kill();
      }, this.options.cancelGraceMs ?? 10_000);
    };
    call.signal?.addEventListener('abort', onAbort, { once: true });
    const solved = await answer;
    call.signal?.removeEventListener('abort', onAbort);
    clearTimeout(grace);
    if (!solved.ok) {
      return killedAfterCancel ? err(appError('cancelled', 'the solve did not stop when cancelled; the solver host was restarted')) : solved;
    }
    const summary = toSolutionSummary(solutionId, call.requestId, solved.value);
    if (summary.ok) this.remember(summary.value);
    return summary;
  }

  /** Mirrors the host's cache: the same capacity, oldest out first. */
  private remember(summary: SolutionSummary): void {
    this.live.set(summary.solutionId, summary);
    for (const oldest of this.live.keys()) {
      if (this.live.size <= this.maxSolutions) break;
      this.live.delete(oldest);
    }
  }
}

export function toSolutionSummary(solutionId: string, requestId: string, solved: Solved): Result<SolutionSummary> {
  const spec = MfgSpecSchema.safeParse(solved.spec);
  if (!spec.success) return err(appError('internal', `the solver returned a spec that does not validate: ${spec.error.issues[0]?.message ?? ''}`));
  return ok({ ...solved, solutionId, requestId, spec: spec.data });
}

function stopped() {
  return appError('solver_failed', 'the solver host was stopped (the app is closing)');
}
