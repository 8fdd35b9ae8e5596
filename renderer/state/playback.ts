// Drives the time cursor while it plays: one advance per animation frame at the settings' rate.
// The loop runs only while playing, so an idle app draws nothing.

import { advance } from '../model/time-cursor.js';
import { settingsOf, type AppStore } from './store.js';

export interface FrameClock {
  request(callback: (now: number) => void): number;
  cancel(handle: number): void;
}

const browserClock: FrameClock = {
  request: (callback) => requestAnimationFrame(callback),
  cancel: (handle) => cancelAnimationFrame(handle),
};

/** Starts following the store; returns the function that stops it. */
export function startPlayback(store: AppStore, clock: FrameClock = browserClock): () => void {
  let handle: number | undefined;
  let last: number | undefined;
  const frame = (now: number): void => {
    handle = undefined;
    const state = store.getState();
    if (!state.cursor.playing) return;
    const elapsed = last === undefined ? 0 : now - last;
    last = now;
    const cursor = advance(state.cursor, elapsed, settingsOf(state).playbackFps);
    // The next frame is requested before the store changes, so `follow` sees it and does not
    // start a second loop.
    if (cursor.playing) handle = clock.request(frame);
    if (cursor !== state.cursor) store.setState({ cursor });
  };
  const follow = (): void => {
    const playing = store.getState().cursor.playing;
    if (playing && handle === undefined) {
      last = undefined;
      handle = clock.request(frame);
    } else if (!playing && handle !== undefined) {
      clock.cancel(handle);
      handle = undefined;
    }
  };
  const unsubscribe = store.subscribe(follow);
  follow();
  return () => {
    unsubscribe();
    if (handle !== undefined) clock.cancel(handle);
  };
}
