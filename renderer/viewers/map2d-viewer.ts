// The 2D map: a heatmap of u or m at the time cursor with colour bar, contour lines, optimal
// velocity arrows, obstacles and the line-cut marker. Hovering probes x, y, u, m and the speed;
// clicking moves the line cut to the point.

import { formatNumber } from '../model/format.js';
import { cellAtFraction } from '../model/volume-grid.js';
import type { AppState } from '../state/store.js';
import type { ViewerContext, ViewerElements } from './canvas-viewer.js';
import { LevelViewer, type LevelScene } from './level-viewer.js';
import { cellAt, drawMap, mapLayout, type Context2D } from './map-draw.js';
import { map2dPicture, velocityOf } from './spatial-pictures.js';

export class Map2DViewer extends LevelViewer {
  constructor(elements: ViewerElements, context: ViewerContext) {
    super(elements, context, 2, { id: 'map2d', title: '2D map' });
    this.on(elements.canvas, 'pointerdown', (event) => this.moveCut(event as PointerEvent));
  }

  protected field(state: AppState) {
    return state.mapDisplay.field;
  }

  protected displayChanged(state: AppState, previous: AppState): boolean {
    return state.mapDisplay !== previous.mapDisplay;
  }

  protected drawScene(ctx: Context2D, width: number, height: number, scene: LevelScene, state: AppState): string {
    const picture = map2dPicture(scene.shown, scene.pair, state.mapDisplay, scene.global);
    const { plot } = drawMap(ctx, width, height, picture);
    if (ctx === this.ctx) {
      // What is on screen (not in an export frame): where the plot sits in CSS pixels, so journeys
      // can point at a place in the domain, the colormap and where the limits came from.
      Object.assign(this.elements.canvas.dataset, {
        plot: [plot.left, plot.top, plot.width, plot.height].map((v) => v.toFixed(1)).join(','),
        colormap: picture.scale?.colormap ?? '', limits: picture.limitsNote, cells: `${picture.nx}x${picture.ny}`,
      });
      const now = state.mapLimits;
      const shown = picture.scale === undefined ? null : [picture.scale.lo, picture.scale.hi] as const;
      // Deferred: drawing runs inside a store notification.
      if (now?.[0] !== shown?.[0] || now?.[1] !== shown?.[1]) queueMicrotask(() => this.context.store.setState({ mapLimits: shown }));
    }
    return picture.scale === undefined ? 'none' : `${picture.scale.lo},${picture.scale.hi}`;
  }

  private picture(state: AppState) {
    const scene = this.scene(state);
    return scene === undefined ? undefined : { scene, picture: map2dPicture(scene.shown, scene.pair, state.mapDisplay, scene.global) };
  }

  private moveCut(event: PointerEvent): void {
    const state = this.context.store.getState();
    const found = this.picture(state);
    if (found === undefined) return;
    const rect = this.elements.canvas.getBoundingClientRect();
    const layout = mapLayout(this.cssWidth, this.cssHeight, found.picture);
    const cell = cellAt(layout, found.picture, event.clientX - rect.left, event.clientY - rect.top);
    if (cell === undefined) return;
    const { along } = state.mapDisplay.cut;
    const position = along === 'x' ? (cell.j + 0.5) / found.picture.ny : (cell.i + 0.5) / found.picture.nx;
    this.context.updateMap({ cut: { along, position } }, 'Line cut position');
  }

  protected describePoint(px: number, py: number, state: AppState): string {
    const found = this.picture(state);
    if (found === undefined) return '';
    const { scene, picture } = found;
    const cell = cellAt(mapLayout(this.cssWidth, this.cssHeight, picture), picture, px, py);
    if (cell === undefined) return '';
    const at = cell.j * picture.nx + cell.i;
    const grid = scene.shown.grid;
    const x = (grid.lower[0] ?? 0) + (cell.i + 0.5) * (grid.spacing[0] ?? 0);
    const y = (grid.lower[1] ?? 0) + (cell.j + 0.5) * (grid.spacing[1] ?? 0);
    const where = `x = ${formatNumber(x)}, y = ${formatNumber(y)}`;
    if (picture.solid?.[at] === 1) return `${where}: obstacle`;
    const velocity = velocityOf(scene.shown, scene.pair.u);
    const speed = Math.hypot(velocity.vx[at] as number, velocity.vy[at] as number);
    return `${where}, m = ${formatNumber(scene.pair.m.values[at] as number, 5)}, u = ${formatNumber(scene.pair.u.values[at] as number, 5)}, |v| = ${formatNumber(speed, 4)}`;
  }
}

/** The index of the line cut of a 2D field of nx x ny cells. */
export function cutIndex(state: AppState, nx: number, ny: number): number {
  const { along, position } = state.mapDisplay.cut;
  return cellAtFraction(position, along === 'x' ? ny : nx);
}
