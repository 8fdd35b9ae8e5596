// The time cursor every linked view shares (model/time-cursor.ts). Views subscribe to it outside
// React render: playback changes it many times a second.

import { createCursor, type TimeCursor } from '../model/time-cursor.js';

export interface TimeSlice {
  readonly cursor: TimeCursor;
}

export function initialTimeSlice(): TimeSlice {
  return { cursor: createCursor() };
}
