import { describe, expect, it } from 'vitest';
import { progressSummary, staleness, type ProgressRecord } from './solve-progress.js';

describe('staleness', () => {
  it('marks a live solution stale while solving, after a failure, a Stop or invalid parameters, and fresh when done', () => {
    const live = (phase: Parameters<typeof staleness>[0]['phase'], hadResult = true) => staleness({ phase, hadResult, shownKind: 'live' });
    expect(live('solving')).toEqual({ stale: true, reason: expect.stringMatching(/^solving/) });
    expect(live('failed').reason).toMatch(/failed/);
    expect(live('invalid').reason).toMatch(/cannot be solved/);
    expect(live('idle').reason).toMatch(/stopped/);
    expect(live('idle', false).stale).toBe(false);
    expect(live('done').stale).toBe(false);
  });

  it('marks an opened run only while a solve runs, and nothing when nothing is shown', () => {
    expect(staleness({ phase: 'solving', hadResult: true, shownKind: 'run' }).stale).toBe(true);
    for (const phase of ['failed', 'invalid', 'idle', 'done'] as const) expect(staleness({ phase, hadResult: true, shownKind: 'run' }).stale).toBe(false);
    expect(staleness({ phase: 'solving', hadResult: true, shownKind: null }).stale).toBe(false);
  });
});

describe('progressSummary', () => {
  const record = (iteration: number, phase: string, residual: number | null, elapsed: number): ProgressRecord => ({ iteration, phase, residual, elapsed_s: elapsed });

  it('gives the iteration of the limit, and extrapolates a residual falling a decade a second to the tolerance', () => {
    const history = [record(1, 'newton', 1e-1, 1), record(2, 'newton', 1e-2, 2), record(3, 'newton', 1e-3, 3)];
    const summary = progressSummary(history, 100, 1e-8);
    expect(summary).toMatchObject({ phase: 'newton', iteration: 3, limit: 100, fraction: 0.03, residual: 1e-3, elapsed: 3 });
    expect(summary?.estimate).toBeCloseTo(5, 10);
  });

  it('uses only the current phase, and says nothing while the residual does not fall', () => {
    // The warm-up's fast fall must not count for the continuation stage that just restarted.
    const restarted = [record(1, 'warmup', 1, 0.1), record(2, 'warmup', 1e-6, 0.2), record(3, 'continuation', 1e-1, 1), record(4, 'continuation', 1e-1, 2)];
    expect(progressSummary(restarted, 50, 1e-8)?.estimate).toBeNull();
    expect(progressSummary([record(1, 'newton', 1e-3, 1)], 50, 1e-8)?.estimate).toBeNull();
    expect(progressSummary([record(1, 'newton', 1e-3, 1), record(2, 'newton', 1e-9, 2)], 50, 1e-8)?.estimate).toBe(0);
    expect(progressSummary([], 50, 1e-8)).toBeUndefined();
    expect(progressSummary([record(500, 'newton', null, 1)], 100, 1e-8)?.fraction).toBe(1);
  });
});
