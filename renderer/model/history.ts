// Undo/redo of parameter changes. Each entry records the state before and after one command, so
// undo and redo are exact (no inverse commands to get wrong). Consecutive changes with the same
// coalesce key (one slider drag, one typing burst in a formula) merge into one entry until the
// gesture is sealed, so Ctrl+Z undoes a whole drag rather than one pixel of it.

export interface HistoryEntry<T> {
  readonly label: string;
  readonly before: T;
  readonly after: T;
  /** Entries with the same key merge while the top entry is open. */
  readonly coalesceKey: string | undefined;
  /** When the change was made, across every history of the app (set by `record`). */
  readonly stamp?: number;
}

export interface History<T> {
  readonly past: readonly HistoryEntry<T>[];
  readonly future: readonly HistoryEntry<T>[];
  /** The top entry may still absorb changes with its coalesce key. */
  readonly open: boolean;
  readonly limit: number;
}

// The app keeps one history per kind of state (the parameters, the display) and one undo timeline
// across them: each change gets the next stamp, Undo takes the newest top entry of all, Redo the
// oldest undone one, and a new change anywhere drops every redo (commands/undo.ts).
let clock = 0;
const tick = (): number => ++clock;

/** The stamp of the change Undo would revert (-Infinity: none). */
export const newestChange = (history: History<unknown>): number => history.past[history.past.length - 1]?.stamp ?? -Infinity;
/** The stamp of the change Redo would restore (Infinity: none). */
export const nextRedo = (history: History<unknown>): number => history.future[0]?.stamp ?? Infinity;

/** The history without its redo entries (a change was made elsewhere). */
export function dropFuture<T>(history: History<T>): History<T> {
  return history.future.length === 0 ? history : { ...history, future: [] };
}

export function createHistory<T>(limit = 200): History<T> {
  return { past: [], future: [], open: false, limit: Math.max(1, Math.floor(limit)) };
}

/**
 * Records a change. A change that merges into the open top entry and brings the state back to
 * where that entry started removes the entry (dragging a slider away and back is no change).
 */
export function record<T>(history: History<T>, entry: HistoryEntry<T>, equals: (a: T, b: T) => boolean = Object.is): History<T> {
  if (equals(entry.before, entry.after)) return history;
  const top = history.past[history.past.length - 1];
  if (history.open && top !== undefined && entry.coalesceKey !== undefined && top.coalesceKey === entry.coalesceKey) {
    const merged: HistoryEntry<T> = { ...top, after: entry.after, stamp: tick() };
    const rest = history.past.slice(0, -1);
    const past = equals(merged.before, merged.after) ? rest : [...rest, merged];
    return { ...history, past, future: [], open: true };
  }
  const past = [...history.past, { ...entry, stamp: tick() }];
  return { ...history, past: past.length > history.limit ? past.slice(past.length - history.limit) : past, future: [], open: true };
}

/** Ends the current gesture: the next change starts a new entry even with the same key. */
export function seal<T>(history: History<T>): History<T> {
  return history.open ? { ...history, open: false } : history;
}

export interface Step<T> {
  readonly history: History<T>;
  /** The state to restore. */
  readonly state: T;
  readonly label: string;
}

export function undo<T>(history: History<T>): Step<T> | undefined {
  const top = history.past[history.past.length - 1];
  if (top === undefined) return undefined;
  return {
    history: { ...history, past: history.past.slice(0, -1), future: [top, ...history.future], open: false },
    state: top.before,
    label: top.label,
  };
}

export function redo<T>(history: History<T>): Step<T> | undefined {
  const next = history.future[0];
  if (next === undefined) return undefined;
  return {
    history: { ...history, past: [...history.past, next], future: history.future.slice(1), open: false },
    state: next.after,
    label: next.label,
  };
}

export const canUndo = (history: History<unknown>): boolean => history.past.length > 0;
export const canRedo = (history: History<unknown>): boolean => history.future.length > 0;
