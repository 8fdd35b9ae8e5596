// An axis-aligned slice plane of a 3D solution, drawn as a 2D map (the same drawing as the 2D
// view): the plane's axis and position come from the volume view's toolbar, and the volume view
// outlines the plane in 3D.

import { formatNumber } from '../model/format.js';
import type { AppState } from '../state/store.js';
import type { ViewerContext, ViewerElements } from './canvas-viewer.js';
import { LevelViewer, type LevelScene } from './level-viewer.js';
import { cellAt, drawMap, mapLayout, type Context2D } from './map-draw.js';
import { planePicture } from './spatial-pictures.js';

export class PlaneViewer extends LevelViewer {
  constructor(elements: ViewerElements, context: ViewerContext) {
    super(elements, context, 3, { id: 'slice-plane', title: 'Slice plane' });
  }

  protected field(state: AppState) {
    return state.volumeDisplay.field;
  }

  protected displayChanged(state: AppState, previous: AppState): boolean {
    return state.volumeDisplay !== previous.volumeDisplay;
  }

  protected drawScene(ctx: Context2D, width: number, height: number, scene: LevelScene, state: AppState): string {
    const { picture } = planePicture(scene.shown, scene.pair, state.volumeDisplay, scene.global);
    drawMap(ctx, width, height, picture);
    return picture.scale === undefined ? 'none' : `${picture.scale.lo},${picture.scale.hi}`;
  }

  protected describePoint(px: number, py: number, state: AppState): string {
    const scene = this.scene(state);
    if (scene === undefined) return '';
    const { picture, plane } = planePicture(scene.shown, scene.pair, state.volumeDisplay, scene.global);
    const cell = cellAt(mapLayout(this.cssWidth, this.cssHeight, picture), picture, px, py);
    if (cell === undefined) return '';
    const [a, b] = plane.axes;
    const coordinate = (extent: readonly [number, number], k: number, n: number): number => extent[0] + ((k + 0.5) / n) * (extent[1] - extent[0]);
    const where = `${a} = ${formatNumber(coordinate(picture.extent.x, cell.i, picture.nx))}, ${b} = ${formatNumber(coordinate(picture.extent.y, cell.j, picture.ny))}`;
    const at = cell.j * picture.nx + cell.i;
    if (picture.solid?.[at] === 1) return `${where}: obstacle`;
    return `${where}, ${state.volumeDisplay.field} = ${formatNumber(picture.values[at] as number, 5)}`;
  }
}
