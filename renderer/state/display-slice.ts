// How the 2D and 3D views display the shown solution: field, colour scale, limits, overlays, the
// volume's mode and transfer function, slice planes. Options only (no arrays); the views and their
// export frames read them, the views' toolbars write them through updateMapDisplay/updateVolumeDisplay.

import type { LimitsMode } from '../model/color-limits.js';
import type { ViewColormap } from '../model/color-scale.js';
import { presetTransfer, type TransferFunction } from '../model/transfer-function.js';
import type { Axis } from '../model/volume-grid.js';
import type { AppStore } from './store.js';

export type FieldChoice = 'u' | 'm';

export interface ColorOptions {
  readonly colormap: ViewColormap;
  readonly reversed: boolean;
  readonly log: boolean;
  readonly limits: LimitsMode;
  /** [lo, hi] for manual limits. */
  readonly manual: readonly [number, number] | null;
}

export interface MapDisplay {
  readonly field: FieldChoice;
  readonly color: ColorOptions;
  /** Number of contour levels (0: none). */
  readonly contours: number;
  readonly arrows: boolean;
  /** The line cut: along x at the row nearest to `position` of y, or along y. */
  readonly cut: { readonly along: 'x' | 'y'; readonly position: number };
}

export type VolumeMode = 'composite' | 'mip' | 'iso';

export interface VolumeDisplay {
  readonly field: FieldChoice;
  readonly mode: VolumeMode;
  readonly transfer: TransferFunction;
  /** The isosurface level as a fraction of the colour limits. */
  readonly isoLevel: number;
  /** Ray-marching samples across the volume at rest (halved while the camera moves). */
  readonly steps: number;
  readonly color: ColorOptions;
  /** The slice plane, as a fraction of its axis. */
  readonly plane: { readonly axis: Axis; readonly position: number };
  readonly showObstacles: boolean;
  /** Largest texture side the user allows (below the GPU's limit: faster, coarser); null: the GPU's limit. */
  readonly textureLimit: number | null;
  /** Bumped by "Reset view": the volume view puts its camera back. */
  readonly cameraResets: number;
}

export interface DisplaySlice {
  readonly mapDisplay: MapDisplay;
  readonly volumeDisplay: VolumeDisplay;
  /** What the volume view says about its data (downsampling), written by the view. */
  readonly volumeNotice: string;
  /** The volume's colour limits now on screen (the transfer function's value axis), written by the view. */
  readonly volumeLimits: readonly [number, number] | null;
}

const defaultColor: ColorOptions = { colormap: 'viridis', reversed: false, log: false, limits: 'fixed', manual: null };

export function initialDisplaySlice(): DisplaySlice {
  return {
    mapDisplay: { field: 'm', color: defaultColor, contours: 6, arrows: true, cut: { along: 'x', position: 0.5 } },
    volumeDisplay: {
      field: 'm', mode: 'composite', transfer: presetTransfer('ramp', 'viridis'), isoLevel: 0.5, steps: 128,
      color: defaultColor, plane: { axis: 'z', position: 0.5 }, showObstacles: true, textureLimit: null, cameraResets: 0,
    },
    volumeNotice: '',
    volumeLimits: null,
  };
}

export function updateMapDisplay(store: AppStore, patch: Partial<MapDisplay>): void {
  store.setState((state) => ({ mapDisplay: { ...state.mapDisplay, ...patch } }));
}

export function updateVolumeDisplay(store: AppStore, patch: Partial<VolumeDisplay>): void {
  store.setState((state) => ({ volumeDisplay: { ...state.volumeDisplay, ...patch } }));
}
