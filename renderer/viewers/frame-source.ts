// The seam between the views and export. Every view that can be exported (figures, animations,
// `mfgw export`) registers a FrameSource under its view id; export asks it for frames and never
// reaches into a view's internals. Views own their drawing; export owns sizes, DPI, encoding.

/** A frame of a view, drawn at an exact pixel size, detached from the on-screen canvas. */
export type Frame = HTMLCanvasElement | OffscreenCanvas;

export interface FrameSource {
  /** The view id (the `data-view` attribute), e.g. `heatmap-m`, `map2d`, `volume`. */
  readonly id: string;
  /** Shown in the export dialog. */
  readonly title: string;
  /** Number of stored time levels the view can show. */
  timeLevels(): number;
  /**
   * Draws the view at time level `level` into a canvas of `width` x `height` device pixels, with
   * text and lines scaled by `scale` (1 = on-screen size; DPI-based exports pass more), and
   * resolves once the pixels are final (data read, GPU work finished).
   */
  renderFrame(level: number, width: number, height: number, scale: number): Promise<Frame>;
}

const sources = new Map<string, FrameSource>();

/** Registers a view for export; returns the function that unregisters it (call it on dispose). */
export function registerFrameSource(source: FrameSource): () => void {
  sources.set(source.id, source);
  return () => {
    if (sources.get(source.id) === source) sources.delete(source.id);
  };
}

export function frameSource(id: string): FrameSource | undefined {
  return sources.get(id);
}

export function frameSources(): readonly FrameSource[] {
  return [...sources.values()];
}
