// One zustand store made of small slices (parameters, time cursor, solve status, shown solution,
// runs, settings, ui). It holds no field arrays: those live in data/slice-cache.ts. The store is
// vanilla (no React), so commands and the session are tested without a DOM; React reads it through
// useApp (hooks.ts).

import { createStore, type StoreApi } from 'zustand/vanilla';
import { initialDisplaySlice, type DisplaySlice } from './display-slice.js';
import { initialParametersSlice, type ParametersSlice } from './parameters-slice.js';
import { initialRunsSlice, type RunsSlice } from './runs-slice.js';
import { FALLBACK_SETTINGS, initialSettingsSlice, type SettingsSlice } from './settings-slice.js';
import { initialSolveSlice, type SolveSlice } from './solve-slice.js';
import { initialTimeSlice, type TimeSlice } from './time-slice.js';
import { initialUiSlice, type Notice, type UiSlice } from './ui-slice.js';
import { initialViewSlice, type ViewSlice } from './view-slice.js';

export type AppState = ParametersSlice & TimeSlice & SolveSlice & ViewSlice & RunsSlice & SettingsSlice & UiSlice
  & DisplaySlice;
export type AppStore = StoreApi<AppState>;

export function createAppStore(): AppStore {
  return createStore<AppState>()(() => ({
    ...initialParametersSlice(),
    ...initialTimeSlice(),
    ...initialSolveSlice(),
    ...initialViewSlice(),
    ...initialRunsSlice(),
    ...initialSettingsSlice(),
    ...initialUiSlice(),
    ...initialDisplaySlice(),
  }));
}

export const settingsOf = (state: AppState) => state.settings ?? FALLBACK_SETTINGS;

let noticeCounter = 0;

export function notify(store: AppStore, kind: Notice['kind'], text: string): void {
  store.setState({ notice: { id: ++noticeCounter, kind, text } });
}
