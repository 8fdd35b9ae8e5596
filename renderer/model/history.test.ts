import { describe, expect, it } from 'vitest';
import { canRedo, canUndo, createHistory, record, redo, seal, undo, type History } from './history.js';

const change = (before: number, after: number, coalesceKey?: string, label = 'set') => ({ label, before, after, coalesceKey });

describe('undo/redo history', () => {
  it('undoes and redoes in order, restoring the exact states', () => {
    let history: History<number> = createHistory();
    history = record(history, change(0, 1));
    history = record(seal(history), change(1, 2));
    const first = undo(history);
    expect(first?.state).toBe(1);
    const second = undo(first!.history);
    expect(second?.state).toBe(0);
    expect(undo(second!.history)).toBeUndefined();
    const again = redo(second!.history);
    expect(again?.state).toBe(1);
    expect(redo(again!.history)?.state).toBe(2);
  });

  it('merges a gesture into one entry and starts a new one after sealing', () => {
    let history: History<number> = createHistory();
    history = record(history, change(0, 1, 'nu'));
    history = record(history, change(1, 2, 'nu'));
    history = record(history, change(2, 3, 'nu'));
    expect(history.past).toHaveLength(1);
    expect(history.past[0]).toMatchObject({ before: 0, after: 3 });
    history = record(seal(history), change(3, 4, 'nu'));
    expect(history.past).toHaveLength(2);
    // A different key never merges, sealed or not.
    history = record(history, change(4, 5, 'lambda'));
    expect(history.past).toHaveLength(3);
  });

  it('drops a gesture that ends where it started', () => {
    let history: History<number> = createHistory();
    history = record(history, change(0, 1, 'nu'));
    history = record(history, change(1, 0, 'nu'));
    expect(canUndo(history)).toBe(false);
  });

  it('ignores changes that change nothing, and a new change clears the redo stack', () => {
    let history: History<number> = createHistory();
    history = record(history, change(5, 5));
    expect(canUndo(history)).toBe(false);
    history = record(history, change(5, 6));
    history = undo(history)!.history;
    expect(canRedo(history)).toBe(true);
    history = record(history, change(5, 7));
    expect(canRedo(history)).toBe(false);
  });

  it('never merges into an entry that was undone and redone', () => {
    let history: History<number> = createHistory();
    history = record(history, change(0, 1, 'nu'));
    history = redo(undo(history)!.history)!.history;
    history = record(history, change(1, 2, 'nu'));
    expect(history.past).toHaveLength(2);
  });

  it('keeps at most `limit` entries, dropping the oldest', () => {
    let history: History<number> = createHistory(3);
    for (let i = 0; i < 5; i++) history = record(seal(history), change(i, i + 1));
    expect(history.past.map((entry) => entry.before)).toEqual([2, 3, 4]);
  });

  it('compares states with the given equality', () => {
    let history: History<{ v: number }> = createHistory();
    const sameValue = (a: { v: number }, b: { v: number }) => a.v === b.v;
    history = record(history, { label: 'x', before: { v: 1 }, after: { v: 1 }, coalesceKey: undefined }, sameValue);
    expect(canUndo(history)).toBe(false);
  });
});
