// The status bar: what the solver is doing (live iteration and residuals of the latest request
// only), how the last solve ended, and the connection. Announced politely to screen readers.

import { useShallow } from 'zustand/react/shallow';
import { useApp } from '../components/workbench.js';
import { formatDuration, formatNumber, formatStatus } from '../model/format.js';
import { progressSummary } from '../model/solve-progress.js';
import type { AppState } from '../state/store.js';

const PHASE_NAMES: Readonly<Record<string, string>> = {
  warmup: 'warm-up', continuation: 'continuation', newton: 'Newton', picard: 'Picard', fictitious_play: 'fictitious play',
};

/** The running solve's progress: phase, iteration of the limit, residual, elapsed and time left. */
function SolveProgress() {
  const history = useApp((s) => (s.solve.phase === 'solving' ? s.solve.liveHistory : null));
  const limit = useApp((s) => s.parameters.spec.solver.max_iterations);
  const tolerance = useApp((s) => s.parameters.spec.solver.tolerance);
  if (history === null) return null;
  const summary = progressSummary(history, limit, tolerance);
  if (summary === undefined) {
    return <div className="solve-progress" data-phase="starting"><progress aria-label="Solve progress" /> starting…</div>;
  }
  const left = summary.estimate === null ? 'time left unknown' : `~${formatDuration(summary.estimate)} left`;
  const text = `${PHASE_NAMES[summary.phase] ?? summary.phase} · iteration ${summary.iteration} of ${summary.limit} · residual ${formatNumber(summary.residual, 2)} · ${formatDuration(summary.elapsed)} · ${left}`;
  return (
    <div className="solve-progress" data-phase={summary.phase} data-iteration={summary.iteration} data-limit={summary.limit} data-estimate={summary.estimate ?? ''}>
      <progress aria-label="Solve progress (iterations of the limit)" max={summary.limit} value={summary.iteration} />
      <span>{text}</span>
    </div>
  );
}

function solveText(state: AppState): { status: string; text: string } {
  const { solve } = state;
  switch (solve.phase) {
    case 'idle':
      return solve.result === null ? { status: 'idle', text: 'Ready' } : { status: 'idle', text: 'Solving stopped' };
    case 'invalid':
      return { status: 'invalid', text: `Cannot solve: ${solve.issues.length === 1 ? solve.issues[0]?.message ?? '' : `${solve.issues.length} problems, see the model panel`}` };
    case 'failed':
      return { status: 'failed', text: `Failed: ${solve.error?.message ?? 'unknown error'}` };
    case 'solving': {
      const p = solve.progress;
      const warm = solve.retry ? ' again from scratch (the warm start did not converge)' : solve.warmStartFrom === null ? '' : ' (warm start)';
      if (p === null) return { status: 'solving', text: `Solving${warm}…` };
      return {
        status: 'solving',
        text: `Solving${warm}: iteration ${p.iteration} (${p.phase.replace('_', ' ')}) · residual ${formatNumber(p.residual, 3)} · HJB ${formatNumber(p.residual_hjb, 3)} · FP ${formatNumber(p.residual_fp, 3)} · ${formatDuration(p.elapsed_s)}`,
      };
    }
    case 'done': {
      const r = solve.result;
      if (r === null) return { status: 'done', text: '' };
      const verb = r.status === 'converged' ? 'Converged' : formatStatus(r.status).replace(/^./, (c) => c.toUpperCase());
      return {
        status: r.status,
        text: `${verb} · ${r.iterations} iterations · residual ${formatNumber(r.residual, 3)} · ${formatDuration(r.seconds)}${r.warmStarted ? ' · warm start' : ''}`,
      };
    }
  }
}

export function StatusBar() {
  const connection = useApp((s) => s.connection);
  const connectionMessage = useApp((s) => s.connectionMessage);
  const phase = useApp((s) => s.solve.phase);
  const requestId = useApp((s) => s.solve.requestId);
  const iteration = useApp((s) => s.solve.progress?.iteration ?? null);
  const { status, text } = useApp(useShallow(solveText));
  const message = useApp((s) => (s.solve.phase === 'done' ? s.solve.result?.message ?? '' : ''));
  const seconds = useApp((s) => (s.solve.phase === 'done' ? s.solve.result?.seconds ?? null : null));
  return (
    <footer className="status-bar" data-phase={phase} data-status={status} data-request-id={requestId ?? ''} data-iteration={iteration ?? ''} data-solve-seconds={seconds ?? ''}>
      <span className={`status-dot status-${status}`} aria-hidden="true" />
      <span className="status-text" role="status" aria-live="polite" title={message}>
        {connection === 'open' ? text : connection === 'connecting' ? 'Connecting to the workbench…' : `Disconnected: ${connectionMessage}`}
      </span>
      <SolveProgress />
      <span className={`connection connection-${connection}`}>{connection === 'open' ? 'connected' : connection}</span>
    </footer>
  );
}
