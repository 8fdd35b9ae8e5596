// What the status bar shows about solving: the request in flight and its live progress (filtered
// by request id), the last result, or why nothing can be solved (spec issues, errors).

import type { AppError, IterationRecord, RunStatus, SpecIssue } from '../../app/contract/index.js';
import { issuesFromError } from '../model/field-issues.js';

export type SolvePhase = 'idle' | 'invalid' | 'solving' | 'failed' | 'done';

export interface SolveResultInfo {
  readonly requestId: string;
  readonly status: RunStatus;
  readonly message: string;
  readonly iterations: number;
  readonly residual: number | null;
  readonly seconds: number;
  readonly warmStarted: boolean;
}

export interface SolveState {
  readonly phase: SolvePhase;
  /** The request whose progress counts (the latest one). */
  readonly requestId: string | null;
  readonly warmStartFrom: string | null;
  /** The request retries, from scratch, a warm start that did not converge. */
  readonly retry: boolean;
  /** The newest iteration of that request. */
  readonly progress: IterationRecord | null;
  /** Its iterations so far, for the live convergence curve (a few hundred at most are kept). */
  readonly liveHistory: readonly IterationRecord[];
  readonly result: SolveResultInfo | null;
  readonly error: AppError | null;
  /** Problems that keep the current spec from being solved. */
  readonly issues: readonly SpecIssue[];
}

export interface SolveSlice {
  readonly solve: SolveState;
}

export const MAX_LIVE_HISTORY = 500;

export function initialSolveSlice(): SolveSlice {
  return {
    solve: { phase: 'idle', requestId: null, warmStartFrom: null, retry: false, progress: null, liveHistory: [], result: null, error: null, issues: [] },
  };
}

/** Issues of the current spec that a field of the model panel should show. */
export function currentIssues(solve: SolveState): readonly SpecIssue[] {
  if (solve.phase === 'invalid') return solve.issues;
  if (solve.phase === 'failed' && solve.error !== null) return issuesFromError(solve.error);
  return [];
}
