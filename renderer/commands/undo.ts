// One undo timeline over the app's histories: the parameters' (model/parameters.ts) and the
// display's (state/display-slice.ts). Undo reverts the newest change of either, Redo restores the
// oldest undone one, and a change in one drops the other's redo entries, so that Ctrl+Z and
// Ctrl+Shift+Z walk one sequence, as in a single-history editor.

import { dropFuture, newestChange, nextRedo, redo, undo } from '../model/history.js';
import { redoEdit, undoEdit } from '../model/parameters.js';
import type { AppState, AppStore } from '../state/store.js';

type Side = 'parameters' | 'display';

/** Which history Undo would take from, or undefined when there is nothing to undo. */
function undoSide(state: AppState): Side | undefined {
  const parameters = newestChange(state.parameters.history);
  const display = newestChange(state.displayHistory);
  if (parameters === -Infinity && display === -Infinity) return undefined;
  return parameters >= display ? 'parameters' : 'display';
}

function redoSide(state: AppState): Side | undefined {
  const parameters = nextRedo(state.parameters.history);
  const display = nextRedo(state.displayHistory);
  if (parameters === Infinity && display === Infinity) return undefined;
  return parameters <= display ? 'parameters' : 'display';
}

/** The label of what Undo / Redo would do ("Viscosity", "Map colour map"). */
export function undoLabel(state: AppState): string | undefined {
  const side = undoSide(state);
  return side === 'parameters' ? state.parameters.history.past.at(-1)?.label : side === 'display' ? state.displayHistory.past.at(-1)?.label : undefined;
}

export function redoLabel(state: AppState): string | undefined {
  const side = redoSide(state);
  return side === 'parameters' ? state.parameters.history.future[0]?.label : side === 'display' ? state.displayHistory.future[0]?.label : undefined;
}

export const canUndoAny = (state: AppState): boolean => undoSide(state) !== undefined;
export const canRedoAny = (state: AppState): boolean => redoSide(state) !== undefined;

function step(state: AppState, side: Side | undefined, direction: 'undo' | 'redo'): Partial<AppState> {
  if (side === 'parameters') return { parameters: direction === 'undo' ? undoEdit(state.parameters) : redoEdit(state.parameters) };
  if (side === 'display') {
    const moved = direction === 'undo' ? undo(state.displayHistory) : redo(state.displayHistory);
    return moved === undefined ? {} : { ...moved.state, displayHistory: moved.history };
  }
  return {};
}

export function undoAny(store: AppStore): void {
  store.setState((state) => step(state, undoSide(state), 'undo'));
}

export function redoAny(store: AppStore): void {
  store.setState((state) => step(state, redoSide(state), 'redo'));
}

/** The newest stamp in a history, done or undone. */
function latestStamp(history: AppState['displayHistory'] | AppState['parameters']['history']): number {
  let latest = -Infinity;
  for (const entry of [...history.past, ...history.future]) latest = Math.max(latest, entry.stamp ?? -Infinity);
  return latest;
}

/**
 * After a command changed the state: a new change recorded on one side (a stamp newer than any
 * either history held before; a redo brings back an old one) drops the other side's redo entries.
 */
export function dropOtherRedo(before: AppState, after: AppState): Partial<AppState> {
  const known = Math.max(latestStamp(before.parameters.history), latestStamp(before.displayHistory));
  if (newestChange(after.parameters.history) > known) return { displayHistory: dropFuture(after.displayHistory) };
  if (newestChange(after.displayHistory) > known) return { parameters: { ...after.parameters, history: dropFuture(after.parameters.history) } };
  return {};
}
