import { describe, expect, it } from 'vitest';
import { togglePlaying } from '../model/time-cursor.js';
import { startPlayback, type FrameClock } from './playback.js';
import { createAppStore } from './store.js';

/** A clock the test steps by hand. */
function manualClock() {
  const callbacks = new Map<number, (now: number) => void>();
  let next = 1;
  const clock: FrameClock = {
    request: (callback) => { callbacks.set(next, callback); return next++; },
    cancel: (handle) => { callbacks.delete(handle); },
  };
  const tick = (now: number): void => {
    const due = [...callbacks.values()];
    callbacks.clear();
    due.forEach((callback) => callback(now));
  };
  return { clock, tick, pending: () => callbacks.size };
}

describe('playback', () => {
  it('advances the cursor at the settings rate while playing, and stops at the end', () => {
    const store = createAppStore();
    store.setState({ settings: { version: 1, runsFolder: '', colormap: 'viridis', playbackFps: 10, liveSolve: true } });
    store.setState({ cursor: { levels: 5, level: 0, playing: false, loop: false, pendingMs: 0 } });
    const { clock, tick, pending } = manualClock();
    const stop = startPlayback(store, clock);
    expect(pending()).toBe(0);
    store.setState((s) => ({ cursor: togglePlaying(s.cursor) }));
    expect(pending()).toBe(1);
    tick(1000); // first frame: sets the reference time
    tick(1100); // 100 ms at 10 fps: one level
    expect(store.getState().cursor.level).toBe(1);
    tick(1350); // 250 ms more: two levels, 50 ms carried
    expect(store.getState().cursor.level).toBe(3);
    tick(2000);
    expect(store.getState().cursor).toMatchObject({ level: 4, playing: false });
    expect(pending()).toBe(0);
    stop();
  });

  it('stops requesting frames when paused', () => {
    const store = createAppStore();
    store.setState({ cursor: { levels: 5, level: 0, playing: true, loop: false, pendingMs: 0 } });
    const { clock, pending } = manualClock();
    const stop = startPlayback(store, clock);
    expect(pending()).toBe(1);
    store.setState((s) => ({ cursor: { ...s.cursor, playing: false } }));
    expect(pending()).toBe(0);
    stop();
  });
});
