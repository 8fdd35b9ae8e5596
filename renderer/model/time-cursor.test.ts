import { describe, expect, it } from 'vitest';
import {
  advance, createCursor, goEnd, goHome, nearestLevel, retarget, setLevel, setLoop, stepBy, togglePlaying,
} from './time-cursor.js';

describe('time cursor', () => {
  it('clamps levels to the stored range and rounds fractional levels', () => {
    const cursor = createCursor(11, 4);
    expect(setLevel(cursor, -3).level).toBe(0);
    expect(setLevel(cursor, 99).level).toBe(10);
    expect(setLevel(cursor, 2.6).level).toBe(3);
    expect(setLevel(cursor, Number.NaN).level).toBe(0);
    expect(createCursor(0, 5).level).toBe(0);
  });

  it('returns the same object when a level does not change (subscribers are not woken)', () => {
    const cursor = createCursor(5, 2);
    expect(setLevel(cursor, 2)).toBe(cursor);
  });

  it('steps, goes home and end, and a manual step pauses playback', () => {
    let cursor = togglePlaying(createCursor(5, 1));
    expect(cursor.playing).toBe(true);
    cursor = stepBy(cursor, 1);
    expect(cursor).toMatchObject({ level: 2, playing: false });
    expect(stepBy(cursor, -5).level).toBe(0);
    expect(goEnd(cursor).level).toBe(4);
    expect(goHome(goEnd(cursor)).level).toBe(0);
  });

  it('plays from the first level when started on the last one, and cannot play a single level', () => {
    expect(togglePlaying(createCursor(5, 4))).toMatchObject({ level: 0, playing: true });
    expect(togglePlaying(createCursor(1, 0)).playing).toBe(false);
    expect(togglePlaying(togglePlaying(createCursor(5, 2)))).toMatchObject({ level: 2, playing: false });
  });

  it('advances by whole frames at the given rate and carries the remainder', () => {
    let cursor = togglePlaying(createCursor(100, 0));
    cursor = advance(cursor, 30, 20); // 50 ms per level: not yet one
    expect(cursor).toMatchObject({ level: 0, pendingMs: 30 });
    cursor = advance(cursor, 30, 20); // 60 ms in all: one level, 10 ms left
    expect(cursor.level).toBe(1);
    expect(cursor.pendingMs).toBeCloseTo(10);
    cursor = advance(cursor, 140, 20); // 150 ms: three more
    expect(cursor.level).toBe(4);
    expect(cursor.pendingMs).toBeCloseTo(0);
  });

  it('stops on the last level, or loops when asked', () => {
    const near = setLevel(togglePlaying(createCursor(10, 0)), 8);
    expect(advance(near, 1000, 10)).toMatchObject({ level: 9, playing: false });
    const looping = setLoop(near, true);
    expect(advance(looping, 300, 10)).toMatchObject({ level: 1, playing: true });
  });

  it('does nothing when paused, for a zero rate or for a negative time step', () => {
    const paused = createCursor(10, 3);
    expect(advance(paused, 1000, 10)).toBe(paused);
    const playing = togglePlaying(paused);
    expect(advance(playing, -5, 10)).toBe(playing);
    expect(advance(playing, 100, 0)).toBe(playing);
  });

  it('finds the nearest stored time', () => {
    const times = [0, 0.1, 0.2, 0.30000000000000004, 0.4];
    expect(nearestLevel(times, 0.21)).toBe(2);
    expect(nearestLevel(times, 0.25)).toBe(2);
    expect(nearestLevel(times, 0.26)).toBe(3);
    expect(nearestLevel(times, -1)).toBe(0);
    expect(nearestLevel(times, 7)).toBe(4);
    expect(nearestLevel([], 1)).toBe(0);
  });

  it('keeps the same moment when the shown solution changes its stored times', () => {
    const before = setLevel(createCursor(11), 5); // t = 0.5 on a 0.1 grid
    const oldTimes = Array.from({ length: 11 }, (_, i) => i / 10);
    const newTimes = Array.from({ length: 21 }, (_, i) => i / 20);
    expect(retarget(before, oldTimes, newTimes)).toMatchObject({ levels: 21, level: 10 });
    // A first solution starts at t = 0.
    expect(retarget(createCursor(), undefined, newTimes)).toMatchObject({ levels: 21, level: 0 });
  });
});
