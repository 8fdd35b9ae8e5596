// What the solver host process does with each request, apart from how messages travel (host-process.ts
// wires it to child_process or Electron's parentPort). Every request gets exactly one answer, and
// every failure, the addon's included, is an answer rather than an exception.

import { appError, err, ok, type AppError, type Result } from '../../app/contract/index.js';
import type { NativeSolution, NativeSolveResult, NativeSolveTask, NativeSolver } from '../../native/lib/index.js';
import { errorMessage } from '../files.js';
import { HostRequestSchema, type HostMessage, type HostRequest, type SolveRequest } from './protocol.js';
import { SolutionCache } from './solution-cache.js';

export interface HostEngineOptions {
  /** The addon, or why it could not be loaded (then every request answers with that reason). */
  solver: Result<NativeSolver>;
  send: (message: HostMessage) => void;
  maxSolutions: number;
  /** Where messages that cannot be answered (no request id) are reported. */
  report: (problem: string) => void;
}

type Request<K extends HostRequest['kind']> = Extract<HostRequest, { kind: K }>;

export class HostEngine {
  private readonly tasks = new Map<number, NativeSolveTask>();
  private readonly cache: SolutionCache<NativeSolution>;

  constructor(private readonly options: HostEngineOptions) {
    this.cache = new SolutionCache(options.maxSolutions);
  }

  handle(message: unknown): void {
    const parsed = HostRequestSchema.safeParse(message);
    if (!parsed.success) return this.refuse(message, parsed.error.issues[0]?.message ?? 'invalid request');
    const request = parsed.data;
    if (request.kind === 'cancel') {
      this.tasks.get(request.id)?.cancel();
      return;
    }
    const solver = this.options.solver;
    if (!solver.ok) {
      if (request.kind === 'release') return this.answer(request.id, ok({ released: false }));
      return this.answer(request.id, solver);
    }
    switch (request.kind) {
      case 'capabilities': return this.answer(request.id, attempt(() => solver.value.capabilities()));
      case 'solve': return this.solve(request, solver.value);
      case 'release': return this.answer(request.id, ok({ released: this.cache.release(request.solutionId) }));
      case 'read': return this.answer(request.id, this.read(request));
      case 'save': return this.answer(request.id, this.save(request, solver.value));
    }
  }

  private solve(request: SolveRequest, solver: NativeSolver): void {
    const warmStart = request.warmStartFrom === undefined ? undefined : this.cache.get(request.warmStartFrom)?.handle;
    const started = attempt(() => solver.solve(request.specJson, {
      onIteration: (record) => this.send({ kind: 'progress', id: request.id, record }),
      ...(warmStart === undefined ? {} : { warmStart }),
      ...(request.threads === undefined ? {} : { threads: request.threads }),
    }));
    if (!started.ok) return this.answer(request.id, started);
    this.tasks.set(request.id, started.value);
    started.value.done.then(
      (result) => this.finish(request, result),
      (error: unknown) => this.answer(request.id, err(appError('internal', `the native solve failed: ${errorMessage(error)}`))),
    ).finally(() => this.tasks.delete(request.id));
  }

  private finish(request: SolveRequest, result: Result<NativeSolveResult>): void {
    if (!result.ok) return this.answer(request.id, result);
    const { u, m, solution, ...rest } = result.value;
    // The zarr arrays' order (and memory's): [t, z, y, x], x fastest, so the spatial extents are the
    // grid's points (x first) reversed; a saved run and a live one then read alike.
    const shape = [rest.grid.stored_levels, ...[...rest.grid.points].reverse()];
    const expected = shape.reduce((product, extent) => product * extent, 1);
    if (u.length !== expected || m.length !== expected) {
      return this.answer(request.id, err(appError('internal', `the solver returned fields of ${u.length} and ${m.length} values, expected ${expected} (shape [${shape.join(', ')}])`)));
    }
    this.cache.add(request.solutionId, { u, m, shape, handle: solution });
    this.answer(request.id, ok(rest));
  }

  private read(request: Request<'read'>): Result<{ levels: [number, number]; shape: number[]; values: Float64Array }> {
    const solution = this.cache.get(request.solutionId);
    if (solution === undefined) return err(missing(request.solutionId, this.cache.capacity));
    const stored = solution.shape[0] ?? 0;
    const [start, end] = request.levels ?? [0, stored];
    if (!(start < end && end <= stored)) {
      return err(appError('bad_input', `levels [${start}, ${end}) are outside the stored levels [0, ${stored}): expected 0 <= start < end <= ${stored}`));
    }
    const cells = solution.shape.slice(1).reduce((product, extent) => product * extent, 1);
    const values = (request.field === 'u' ? solution.u : solution.m).slice(start * cells, end * cells);
    return ok({ levels: [start, end], shape: [end - start, ...solution.shape.slice(1)], values });
  }

  private save(request: Request<'save'>, solver: NativeSolver): Result<{ path: string }> {
    const solution = this.cache.get(request.solutionId);
    if (solution === undefined) return err(missing(request.solutionId, this.cache.capacity));
    const written = attempt(() => solver.writeRun(request.directory, solution.handle, {
      solverName: request.solverName,
      ...(request.provenance === undefined ? {} : { provenance: request.provenance }),
      ...(request.force === undefined ? {} : { force: request.force }),
    }));
    return written.ok ? written.value : written;
  }

  private answer(id: number, result: Result<unknown>): void {
    this.send({ kind: 'result', id, result });
  }

  private send(message: HostMessage): void {
    try {
      this.options.send(message);
    } catch (error) {
      this.options.report(`could not send a message to the main process: ${errorMessage(error)}`);
    }
  }

  /** A malformed request is answered when it carries an id, and reported either way. */
  private refuse(message: unknown, why: string): void {
    const id: unknown = typeof message === 'object' && message !== null ? Reflect.get(message, 'id') : undefined;
    const problem = `refused a malformed request: ${why}`;
    if (typeof id === 'number' && Number.isInteger(id) && id >= 0) this.answer(id, err(appError('bad_input', problem)));
    else this.options.report(problem);
  }
}

function missing(solutionId: string, capacity: number): AppError {
  return appError('not_found', `the live solution '${solutionId}' is no longer kept (the solver keeps the last ${capacity} solves, ` +
    'and none after a restart): solve again, or open the saved run');
}

/** Runs a call into the addon, turning a throw (a bug there) into an internal error value. */
function attempt<T>(call: () => T): Result<T> {
  try {
    return ok(call());
  } catch (error) {
    return err(appError('internal', `the native solver threw: ${errorMessage(error)}`));
  }
}
