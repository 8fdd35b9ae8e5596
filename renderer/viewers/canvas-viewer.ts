// What every 2D view shares: a canvas sized to its box at the device's pixel ratio, redraws
// coalesced to one per animation frame, a store subscription outside React render (the time cursor
// changes many times a second during playback), and a hover read-out.

import type { MapDisplay } from '../state/display-slice.js';
import type { AppState, AppStore } from '../state/store.js';
import type { SliceCache } from '../data/slice-cache.js';
import type { Frame } from './frame-source.js';

export interface ViewerContext {
  readonly store: AppStore;
  readonly cache: SliceCache;
  /** Moves the shared time cursor (through the time.setLevel command). */
  readonly setLevel: (level: number) => void;
  /** Changes the map display (through the display.map command; `gesture`: part of a drag). */
  readonly updateMap: (patch: Partial<MapDisplay>, label: string, gesture?: boolean) => void;
  /** Ends a drag's undo step (display.endGesture). */
  readonly endDisplayGesture: () => void;
}

export interface ViewerElements {
  readonly canvas: HTMLCanvasElement;
  /** Shows the value under the pointer; hidden when empty. */
  readonly tooltip: HTMLElement;
}

export interface Viewer {
  dispose(): void;
}

/** A viewer that export can ask for frames (registered as a FrameSource by ViewerHost). */
export interface FrameRenderer {
  /**
   * The view at time level `level`, drawn into a new canvas of width x height device pixels; views
   * that must read the level first (2D/3D) answer with a promise.
   */
  renderFrame(level: number, width: number, height: number, scale: number): Frame | Promise<Frame>;
}

export function isFrameRenderer(viewer: Viewer): viewer is Viewer & FrameRenderer {
  return typeof (viewer as Partial<FrameRenderer>).renderFrame === 'function';
}

/** Plot area inside the canvas, in CSS pixels. */
export interface Box {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

export abstract class CanvasViewer implements Viewer, FrameRenderer {
  protected ctx: CanvasRenderingContext2D;
  protected cssWidth = 0;
  protected cssHeight = 0;
  private frame: number | undefined;
  private readonly cleanups: (() => void)[] = [];

  constructor(protected readonly elements: ViewerElements, protected readonly context: ViewerContext) {
    const ctx = elements.canvas.getContext('2d');
    if (ctx === null) throw new Error('this browser gives no 2D canvas context');
    this.ctx = ctx;
    const observer = new ResizeObserver(() => this.invalidate());
    observer.observe(elements.canvas);
    this.cleanups.push(() => observer.disconnect());
    this.cleanups.push(context.store.subscribe((state, previous) => {
      if (this.needsRedraw(state, previous)) this.invalidate();
    }));
    const canvas = elements.canvas;
    const move = (event: PointerEvent): void => this.hover(event);
    const leave = (): void => this.showTooltip('', 0, 0);
    canvas.addEventListener('pointermove', move);
    canvas.addEventListener('pointerleave', leave);
    this.cleanups.push(() => {
      canvas.removeEventListener('pointermove', move);
      canvas.removeEventListener('pointerleave', leave);
    });
    // The first draw waits for a frame: subclasses finish constructing first.
    this.invalidate();
  }

  /** Whether a store change affects this view. */
  protected abstract needsRedraw(state: AppState, previous: AppState): boolean;
  /** Draws everything, in CSS pixels (the context is scaled to the pixel ratio). */
  protected abstract draw(state: AppState): void;
  /** The read-out for a pointer at (x, y) CSS pixels, or '' for none. */
  protected abstract describePoint(x: number, y: number, state: AppState): string;

  /** Redraws on the next animation frame (once, however many changes come before it). */
  invalidate(): void {
    if (this.frame !== undefined) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = undefined;
      this.render();
    });
  }

  protected on(target: EventTarget, type: string, listener: (event: Event) => void): void {
    target.addEventListener(type, listener);
    this.cleanups.push(() => target.removeEventListener(type, listener));
  }

  /** Matches the canvas's pixels to its box (after a layout change, or a move to another screen). */
  private resize(): void {
    const rect = this.elements.canvas.getBoundingClientRect();
    const ratio = window.devicePixelRatio || 1;
    this.cssWidth = Math.max(1, Math.round(rect.width));
    this.cssHeight = Math.max(1, Math.round(rect.height));
    const width = Math.round(this.cssWidth * ratio);
    const height = Math.round(this.cssHeight * ratio);
    if (this.elements.canvas.width !== width || this.elements.canvas.height !== height) {
      this.elements.canvas.width = width;
      this.elements.canvas.height = height;
    }
  }

  private render(): void {
    this.resize();
    const ratio = this.elements.canvas.width / this.cssWidth;
    this.ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    this.ctx.clearRect(0, 0, this.cssWidth, this.cssHeight);
    this.draw(this.context.store.getState());
  }

  /**
   * Export: the same drawing code at another size and time level, into a detached canvas. The
   * context and size are swapped for the call and restored after; the screen redraws next frame
   * (draw() also tags the on-screen canvas, which that redraw puts back).
   */
  renderFrame(level: number, width: number, height: number, scale: number): HTMLCanvasElement | Promise<Frame> {
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const ctx = canvas.getContext('2d');
    if (ctx === null) throw new Error('this browser gives no 2D canvas context');
    const screen = { ctx: this.ctx, width: this.cssWidth, height: this.cssHeight };
    const state = this.context.store.getState();
    this.ctx = ctx;
    this.cssWidth = width / scale;
    this.cssHeight = height / scale;
    ctx.setTransform(scale, 0, 0, scale, 0, 0);
    try {
      this.draw({ ...state, cursor: { ...state.cursor, level } });
    } finally {
      this.ctx = screen.ctx;
      this.cssWidth = screen.width;
      this.cssHeight = screen.height;
      this.invalidate();
    }
    return canvas;
  }

  private hover(event: PointerEvent): void {
    const rect = this.elements.canvas.getBoundingClientRect();
    const x = event.clientX - rect.left;
    const y = event.clientY - rect.top;
    this.showTooltip(this.describePoint(x, y, this.context.store.getState()), x, y);
  }

  protected showTooltip(text: string, x: number, y: number): void {
    const tooltip = this.elements.tooltip;
    tooltip.textContent = text;
    tooltip.hidden = text === '';
    if (text === '') return;
    // Kept inside the canvas: flipped to the left of the pointer near the right edge.
    const flip = x > this.cssWidth * 0.6;
    tooltip.style.left = flip ? '' : `${x + 12}px`;
    tooltip.style.right = flip ? `${this.cssWidth - x + 12}px` : '';
    tooltip.style.top = `${Math.max(0, y - 28)}px`;
  }

  dispose(): void {
    if (this.frame !== undefined) cancelAnimationFrame(this.frame);
    for (const cleanup of this.cleanups.splice(0)) cleanup();
  }
}

export const inside = (box: Box, x: number, y: number): boolean =>
  x >= box.left && x <= box.left + box.width && y >= box.top && y <= box.top + box.height;
