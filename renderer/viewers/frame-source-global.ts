// The FrameSource registry on `window.mfgwFrameSources`, for code that drives the page from outside
// (the volume benchmark, headless export through a browser): the registry itself is module state
// inside the bundle, out of reach of page.evaluate.

import { frameSource, frameSources, type FrameSource } from './frame-source.js';

declare global {
  interface Window {
    mfgwFrameSources?: { get(id: string): FrameSource | undefined; ids(): string[] };
  }
}

export function exposeFrameSources(): void {
  window.mfgwFrameSources = { get: frameSource, ids: () => frameSources().map((source) => source.id) };
}
