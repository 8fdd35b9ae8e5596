// What the 2D map, the line cut and the slice plane share: they draw one time level of a 2D or 3D
// solution, read lazily. While a level loads, the last drawn level stays on screen (playback does
// not flash blank); a level that cannot be read says why. Each registers an export FrameSource.

import { allLevelsStats, allLevelsStatsReady, loadLevelPair, peekLevelPair, prefetchNext, type LevelPair } from '../data/level-fields.js';
import type { FieldName } from '../data/shown-fields.js';
import type { ValueStats } from '../model/color-limits.js';
import type { AppState } from '../state/store.js';
import type { Shown } from '../state/view-slice.js';
import { drawMessage } from './axes.js';
import { CanvasViewer, type ViewerContext, type ViewerElements } from './canvas-viewer.js';
import { registerFrameSource, type Frame } from './frame-source.js';
import type { Context2D } from './map-draw.js';

export interface LevelScene {
  readonly shown: Shown;
  readonly pair: LevelPair;
  readonly global: ValueStats | undefined;
}

export abstract class LevelViewer extends CanvasViewer {
  private lastScene: LevelScene | undefined;
  private failure: { key: string; message: string } | undefined;
  private pending: string | undefined;
  private readonly unregister: () => void;

  constructor(elements: ViewerElements, context: ViewerContext, private readonly dimension: 2 | 3, source: { id: string; title: string }) {
    super(elements, context);
    this.unregister = registerFrameSource({
      id: source.id,
      title: source.title,
      timeLevels: () => context.store.getState().cursor.levels,
      renderFrame: (level, width, height, scale) => this.renderFrame(level, width, height, scale),
    });
  }

  /** The field whose colour limits this view uses. */
  protected abstract field(state: AppState): FieldName;
  /** Draws a level in `width` x `height` CSS pixels; returns the value range drawn ("lo,hi") or ''. */
  protected abstract drawScene(ctx: Context2D, width: number, height: number, scene: LevelScene, state: AppState): string;

  protected needsRedraw(state: AppState, previous: AppState): boolean {
    return state.shown !== previous.shown || state.cursor.level !== previous.cursor.level || this.displayChanged(state, previous);
  }

  protected abstract displayChanged(state: AppState, previous: AppState): boolean;

  /** The scene at the cursor: cached data now, or the last scene while the level loads. */
  protected scene(state: AppState): LevelScene | undefined {
    const shown = state.shown;
    if (shown === null || shown.grid.dimension !== this.dimension) return undefined;
    const level = state.cursor.level;
    const pair = peekLevelPair(this.context.cache, shown, level);
    const global = allLevelsStats(this.context.cache, shown, this.field(state), () => this.invalidate());
    if (pair !== undefined) {
      this.lastScene = { shown, pair, global };
      prefetchNext(this.context.cache, shown, level, state.cursor.playing, state.cursor.loop);
      return this.lastScene;
    }
    this.request(shown, level);
    return this.lastScene?.shown === shown ? { ...this.lastScene, global } : undefined;
  }

  private request(shown: Shown, level: number): void {
    const key = `${shown.key}|${level}`;
    // A failed level is not read again on every redraw (that would loop); moving the cursor retries.
    if (this.failure?.key === key || this.pending === key) return;
    this.pending = key;
    void loadLevelPair(this.context.cache, shown, level).then((read) => {
      if (this.pending === key) this.pending = undefined;
      if (read.ok) this.failure = undefined;
      else this.failure = { key, message: read.error.message };
      this.invalidate();
    });
  }

  protected draw(state: AppState): void {
    const canvas = this.elements.canvas;
    const scene = this.scene(state);
    canvas.dataset.solution = state.shown?.key ?? '';
    canvas.dataset.level = String(state.cursor.level);
    const failed = this.failure !== undefined && this.failure.key === `${state.shown?.key ?? ''}|${state.cursor.level}`;
    canvas.dataset.problem = failed ? this.failure?.message ?? '' : '';
    if (failed || scene === undefined) {
      canvas.dataset.drawnLevel = '';
      drawMessage(this.ctx, this.cssWidth, this.cssHeight, failed ? `This level could not be read: ${this.failure?.message ?? ''}` : this.emptyText(state));
      return;
    }
    canvas.dataset.drawnLevel = String(scene.pair.m.level);
    canvas.dataset.range = this.drawScene(this.ctx, this.cssWidth, this.cssHeight, scene, state);
  }

  private emptyText(state: AppState): string {
    if (state.shown === null) return 'No solution yet';
    if (state.shown.grid.dimension !== this.dimension) return `This view shows ${this.dimension}D solutions`;
    return 'Loading…';
  }

  override async renderFrame(level: number, width: number, height: number, scale: number): Promise<Frame> {
    const state = this.context.store.getState();
    const shown = state.shown;
    if (shown === null) throw new Error('no solution is shown: open a run or solve first');
    const pair = await loadLevelPair(this.context.cache, shown, level);
    if (!pair.ok) throw new Error(`level ${level} could not be read: ${pair.error.message}`);
    const global = await allLevelsStatsReady(this.context.cache, shown, this.field(state));
    const frame = document.createElement('canvas');
    frame.width = width;
    frame.height = height;
    const ctx = frame.getContext('2d');
    if (ctx === null) throw new Error('this browser gives no 2D canvas context');
    ctx.scale(scale, scale);
    this.drawScene(ctx, width / scale, height / scale, { shown, pair: pair.value, global }, state);
    return frame;
  }

  override dispose(): void {
    this.unregister();
    super.dispose();
  }
}
