// The top bar: undo/redo of parameter and display changes (the same commands as Ctrl+Z / Shift+Ctrl+Z),
// solving controls, "Save run", and what the views show (the live solution or a saved run).

import { useApp, useCommands } from '../components/workbench.js';
import { describeBinding } from '../commands/keymap.js';
import { redoLabel, undoLabel } from '../commands/undo.js';
import { formatStatus } from '../model/format.js';
import { staleness } from '../model/solve-progress.js';
import { ExportButton } from './ExportDialog.js';

const mac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

export function Toolbar() {
  const commands = useCommands();
  const canUndo = useApp(() => commands.enabled('history.undo'));
  const canRedo = useApp(() => commands.enabled('history.redo'));
  const undoText = useApp(undoLabel);
  const redoText = useApp(redoLabel);
  const solving = useApp((s) => s.solve.phase === 'solving');
  const canSolve = useApp(() => commands.enabled('solve.now'));
  const canSave = useApp(() => commands.enabled('runs.save'));
  const shownTitle = useApp((s) => s.shown?.title ?? null);
  const shownKind = useApp((s) => s.shown?.source.kind ?? null);
  const shownStatus = useApp((s) => s.shown?.status ?? null);
  const shownKey = useApp((s) => s.shown?.key ?? '');
  const stale = useApp((s) => staleness({ phase: s.solve.phase, hadResult: s.solve.result !== null, shownKind: s.shown?.source.kind ?? null }).stale);
  return (
    <header className="toolbar">
      <h1 className="app-title">MFG Workbench</h1>
      <div className="toolbar-group" role="group" aria-label="Edit">
        <button type="button" disabled={!canUndo} onClick={() => commands.execute('history.undo')} title={`Undo${undoText ? ` ${undoText}` : ''} (${describeBinding('Mod+Z', mac)})`}>
          ↶ Undo
        </button>
        <button type="button" disabled={!canRedo} onClick={() => commands.execute('history.redo')} title={`Redo${redoText ? ` ${redoText}` : ''} (${describeBinding('Shift+Mod+Z', mac)})`}>
          ↷ Redo
        </button>
      </div>
      <div className="toolbar-group" role="group" aria-label="Solve">
        {solving
          ? <button type="button" className="solve-button" onClick={() => commands.execute('solve.cancel')} title="Stop the solve in progress (Esc)">■ Stop</button>
          : <button type="button" className="solve-button" disabled={!canSolve} onClick={() => commands.execute('solve.now')} title={`Solve the current parameters again (${describeBinding('Mod+Enter', mac)})`}>⟳ Solve</button>}
        <button type="button" className="primary" disabled={!canSave} onClick={() => commands.execute('runs.save')} title={`Save the live solution as a run (${describeBinding('Mod+S', mac)})`}>
          Save run
        </button>
        <ExportButton />
      </div>
      <div className="shown-indicator" data-shown={shownKey} aria-live="polite">
        {shownTitle === null ? <span className="muted">No solution shown</span> : (
          <>
            <span className="muted">{shownKind === 'run' ? 'Showing run' : 'Showing'}</span>
            <strong className="shown-title">{shownTitle}</strong>
            {shownStatus !== null && (stale
              ? <span className="badge badge-stale" data-status={shownStatus} title={`The views show an earlier solution (${formatStatus(shownStatus)}), not the parameters in the panel`}>stale</span>
              : <span className={`badge badge-${shownStatus}`} data-status={shownStatus}>{formatStatus(shownStatus)}</span>)}
            {shownKind === 'run' && (
              <button type="button" onClick={() => commands.execute('spec.useShownParameters')} title="Load this run's parameters into the model panel (undoable)">
                Edit these parameters
              </button>
            )}
          </>
        )}
      </div>
    </header>
  );
}
