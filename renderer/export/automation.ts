// The page's automation hook for `mfgw export` (headless Chromium through playwright-core): open a
// run and export a view with the same code as the dialog. It can do nothing the UI cannot.

import type { Result } from '../../app/contract/index.js';
import type { Session } from '../data/session.js';
import type { AppStore } from '../state/store.js';
import { frameSources } from '../viewers/frame-source.js';
import { runExport, type ExportOutcome, type ExportRequest } from './run-export.js';

export interface Automation {
  /** Opens a run; resolves with the shown source key ('run:<runId>'), '' if it could not be opened. */
  openRun(runId: string): Promise<string>;
  /** The views that can be exported now. */
  views(): { id: string; title: string; levels: number }[];
  export(request: ExportRequest): Promise<Result<ExportOutcome>>;
  /** Seconds to draw `count` frames of a view at width x height without encoding (the export benchmark's baseline). */
  renderFrames(viewId: string, width: number, height: number, count: number): Promise<number>;
}

declare global {
  interface Window {
    mfgwAutomation?: Automation;
  }
}

/** Longest wait for the start-up solve before opening a run anyway. */
const SETTLE_TIMEOUT_MS = 60_000;

/**
 * Resolves once the start-up solve (of the first preset) has finished: a run opened before it
 * would be replaced on screen by its live solution.
 */
function startUpSettled(store: AppStore): Promise<void> {
  // A viewer (mfgw export's services) never solves: there is nothing to wait for once it says so.
  const settled = (state: ReturnType<AppStore['getState']>): boolean => state.appInfo?.capabilities.liveSolving === false
    || (state.solve.phase !== 'idle' && state.solve.phase !== 'solving');
  if (settled(store.getState())) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      unsubscribe();
      resolve();
    };
    const timer = setTimeout(done, SETTLE_TIMEOUT_MS);
    const unsubscribe = store.subscribe((state) => {
      if (settled(state)) done();
    });
  });
}

export function installAutomation(store: AppStore, session: Session): void {
  window.mfgwAutomation = {
    openRun: async (runId) => {
      await startUpSettled(store);
      await session.openRun(runId);
      return store.getState().shown?.key ?? '';
    },
    views: () => frameSources().map((source) => ({ id: source.id, title: source.title, levels: source.timeLevels() })),
    export: (request) => runExport({ services: session.services, store, cache: session.cache }, request, () => undefined, new AbortController().signal),
    renderFrames: async (viewId, width, height, count) => {
      const source = frameSources().find((candidate) => candidate.id === viewId);
      if (source === undefined) return Number.NaN;
      const started = performance.now();
      for (let i = 0; i < count; i++) {
        const frame = await source.renderFrame(i % Math.max(1, source.timeLevels()), width, height, Math.max(1, width / 800));
        // Reading the pixels back is part of every encode path.
        (frame as HTMLCanvasElement).getContext('2d')?.getImageData(0, 0, 1, 1);
      }
      return (performance.now() - started) / 1000;
    },
  };
}
