import { describe, expect, it } from 'vitest';
import {
  defaultSpec, type AppError, type MfgSpec, type Result, type RunStatus, type SolutionSummary, type SolveOptions,
} from '../../app/contract/index.js';
import { setValue } from '../model/spec-path.js';
import { createRequestIds } from './request-ids.js';
import { SolveController, type SolveBackend } from './solve-controller.js';

interface Call {
  readonly spec: MfgSpec;
  readonly options: SolveOptions;
  readonly signal: AbortSignal;
  answer(result: Result<SolutionSummary>): void;
}

function summary(requestId: string, solutionId: string, status: RunStatus = 'converged', warmStarted = false): SolutionSummary {
  const spec = defaultSpec();
  return {
    solutionId, requestId, status, message: '', iterations: 3,
    residual: { hjb: 1e-12, fp: 1e-12, change: 1e-9 },
    mass: { initial: 1, final: 1, max_relative_drift: 0, min_density: 0 },
    timings: { total_s: 0.01, hjb_s: 0, fp_s: 0, linear_s: 0, newton_s: 0 },
    spec,
    grid: { dimension: 1, points: [100], lower: [0], upper: [1], spacing: [0.01], cell_centres: true, time_levels: 101, stored_levels: 101, store_every: 1 },
    times: new Float64Array(101),
    history: [],
    warmStarted,
  };
}

/** A backend whose solves answer when the test says so, recording what the controller did. */
function harness() {
  const calls: Call[] = [];
  const released: string[] = [];
  const prepared: string[] = [];
  const events: string[] = [];
  let prepareResult: Result<void> = { ok: true, value: undefined };
  const backend: SolveBackend = {
    solve: (spec, options, signal) => new Promise((resolve) => {
      calls.push({ spec, options, signal, answer: resolve });
    }),
    prepare: async (s) => {
      prepared.push(s.solutionId);
      return prepareResult;
    },
    release: (id) => { released.push(id); },
  };
  const controller = new SolveController(backend, createRequestIds('t'), {
    started: (requestId, _spec, warm, retry) => events.push(`started ${requestId}${warm === undefined ? '' : ` warm ${warm}`}${retry ? ' retry' : ''}`),
    solved: (s) => events.push(`solved ${s.requestId} ${s.solutionId}`),
    failed: (requestId, error) => events.push(`failed ${requestId} ${error.code}`),
  });
  const settle = async (): Promise<void> => {
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };
  return {
    calls, released, prepared, events, controller, settle,
    failPrepare: (error: AppError) => { prepareResult = { ok: false, error }; },
  };
}

describe('latest-wins solve controller', () => {
  it('aborts the previous solve when a new one starts', () => {
    const h = harness();
    h.controller.request(defaultSpec());
    h.controller.request(setValue(defaultSpec(), { path: 'physics.viscosity' }, 0.2));
    expect(h.calls[0]!.signal.aborted).toBe(true);
    expect(h.calls[1]!.signal.aborted).toBe(false);
    expect(h.calls.map((c) => c.options.requestId)).toEqual(['t-1', 't-2']);
    expect(h.controller.latest).toBe('t-2');
  });

  it('drops an older result that arrives late, and releases its solution', async () => {
    const h = harness();
    h.controller.request(defaultSpec());
    h.controller.request(setValue(defaultSpec(), { path: 'physics.viscosity' }, 0.2));
    h.calls[1]!.answer({ ok: true, value: summary('t-2', 'sol-2') });
    await h.settle();
    h.calls[0]!.answer({ ok: true, value: summary('t-1', 'sol-1') });
    await h.settle();
    expect(h.events).toEqual(['started t-1', 'started t-2', 'solved t-2 sol-2']);
    expect(h.released).toEqual(['sol-1']);
    expect(h.prepared).toEqual(['sol-2']);
  });

  it('shows nothing of a solve superseded while its fields load', async () => {
    const h = harness();
    h.controller.request(defaultSpec());
    h.calls[0]!.answer({ ok: true, value: summary('t-1', 'sol-1') });
    await Promise.resolve(); // the solve answered; prepare is under way
    h.controller.request(setValue(defaultSpec(), { path: 'physics.viscosity' }, 0.3));
    await h.settle();
    expect(h.events).toEqual(['started t-1', 'started t-2']);
    expect(h.released).toEqual(['sol-1']);
  });

  it('ignores the cancellation answer of an aborted solve, and reports failures of the latest', async () => {
    const h = harness();
    h.controller.request(defaultSpec());
    h.controller.request(defaultSpec());
    h.calls[0]!.answer({ ok: false, error: { code: 'cancelled', message: 'solver.solve was cancelled' } });
    h.calls[1]!.answer({ ok: false, error: { code: 'bad_input', message: 'initial density has zero mass' } });
    await h.settle();
    expect(h.events).toEqual(['started t-1', 'started t-2', 'failed t-2 bad_input']);
    expect(h.controller.solving).toBe(false);
  });

  it('warm-starts from the last solution on the same grid only', async () => {
    const h = harness();
    h.controller.request(defaultSpec());
    h.calls[0]!.answer({ ok: true, value: summary('t-1', 'sol-1') });
    await h.settle();
    h.controller.request(setValue(defaultSpec(), { path: 'physics.viscosity' }, 0.05));
    expect(h.calls[1]!.options).toEqual({ requestId: 't-2', warmStartFrom: 'sol-1' });
    h.controller.request(setValue(defaultSpec(), { path: 'domain.points', axis: 0 }, 50));
    expect(h.calls[2]!.options).toEqual({ requestId: 't-3' });
  });

  it('never warm-starts from a diverged solution, but holds it while it is shown', async () => {
    const h = harness();
    h.controller.request(defaultSpec());
    h.calls[0]!.answer({ ok: true, value: summary('t-1', 'sol-1') });
    await h.settle();
    h.controller.request(defaultSpec());
    h.calls[1]!.answer({ ok: true, value: summary('t-2', 'sol-2', 'diverged') });
    await h.settle();
    expect(h.controller.holds('sol-2')).toBe(true);
    // The diverged solution replaced the converged one on this grid: no warm start is left.
    expect(h.controller.warmStartFor(defaultSpec())).toBeUndefined();
    expect(h.released).toEqual(['sol-1']);
    h.controller.request(defaultSpec());
    expect(h.calls[2]!.options.warmStartFrom).toBeUndefined();
    h.calls[2]!.answer({ ok: true, value: summary('t-3', 'sol-3') });
    await h.settle();
    expect(h.released).toEqual(['sol-1', 'sol-2']);
  });

  it('retries a warm start that did not converge from scratch, once, before showing anything', async () => {
    const h = harness();
    h.controller.request(defaultSpec());
    h.calls[0]!.answer({ ok: true, value: summary('t-1', 'sol-1') });
    await h.settle();
    const far = setValue(defaultSpec(), { path: 'physics.coupling.strength' }, 3.5);
    h.controller.request(far);
    h.calls[1]!.answer({ ok: true, value: summary('t-2', 'sol-2', 'not_converged', true) });
    await h.settle();
    expect(h.calls[2]!.options).toEqual({ requestId: 't-3' });
    expect(h.calls[2]!.spec).toBe(far);
    expect(h.released).toEqual(['sol-2']);
    // The cold retry's result is shown whatever it is: there is nothing left to retry.
    h.calls[2]!.answer({ ok: true, value: summary('t-3', 'sol-3', 'not_converged') });
    await h.settle();
    expect(h.events).toEqual(['started t-1', 'solved t-1 sol-1', 'started t-2 warm sol-1', 'started t-3 retry', 'solved t-3 sol-3']);
    expect(h.calls).toHaveLength(3);
  });

  it('keeps the last solution of a few grids and releases the rest', async () => {
    const h = harness();
    for (let i = 0; i < 5; i++) {
      h.controller.request(setValue(defaultSpec(), { path: 'domain.points', axis: 0 }, 10 + i));
      h.calls[i]!.answer({ ok: true, value: summary(`t-${i + 1}`, `sol-${i + 1}`) });
      await h.settle();
    }
    expect(h.released).toEqual(['sol-1', 'sol-2']);
    expect(h.controller.holds('sol-5')).toBe(true);
    expect(h.controller.warmStartFor(setValue(defaultSpec(), { path: 'domain.points', axis: 0 }, 12))).toBe('sol-3');
  });

  it('reports a failure to load the fields and releases that solution', async () => {
    const h = harness();
    h.failPrepare({ code: 'io', message: 'connection closed' });
    h.controller.request(defaultSpec());
    h.calls[0]!.answer({ ok: true, value: summary('t-1', 'sol-1') });
    await h.settle();
    expect(h.events).toEqual(['started t-1', 'failed t-1 io']);
    expect(h.released).toEqual(['sol-1']);
  });

  it('drops the result of a cancelled solve', async () => {
    const h = harness();
    h.controller.request(defaultSpec());
    h.controller.cancel();
    expect(h.calls[0]!.signal.aborted).toBe(true);
    expect(h.controller.latest).toBeUndefined();
    h.calls[0]!.answer({ ok: true, value: summary('t-1', 'sol-1') });
    await h.settle();
    expect(h.events).toEqual(['started t-1']);
    expect(h.released).toEqual(['sol-1']);
  });

  it('forgets every live solution when the solver host restarts', async () => {
    const h = harness();
    h.controller.request(defaultSpec());
    h.calls[0]!.answer({ ok: true, value: summary('t-1', 'sol-1') });
    await h.settle();
    h.controller.forgetSolutions();
    expect(h.controller.holds('sol-1')).toBe(false);
    h.controller.request(defaultSpec());
    expect(h.calls[1]!.options.warmStartFrom).toBeUndefined();
  });
});

describe('request ids', () => {
  it('are unique per session and ordered within it', () => {
    const ids = createRequestIds('abc');
    expect([ids.next(), ids.next()]).toEqual(['abc-1', 'abc-2']);
    expect(ids.sequenceOf('abc-2')).toBe(2);
    expect(ids.sequenceOf('abc-3')).toBe(-1);
    expect(ids.sequenceOf('xyz-1')).toBe(-1);
    expect(createRequestIds().next()).toMatch(/^[0-9a-z]{8}-1$/);
  });
});
