// How the 2D and 3D views display the shown solution: field, colour scale, limits, overlays, the
// volume's mode and transfer function, slice planes. Options only (no arrays); the views and their
// export frames read them, and only the display commands (commands/display.ts) write them, with
// undo: these are choices a user makes and wants back, like parameters.

import type { LimitsMode } from '../model/color-limits.js';
import type { ViewColormap } from '../model/color-scale.js';
import { presetTransfer, type TransferFunction } from '../model/transfer-function.js';
import { createHistory, record, type History } from '../model/history.js';
import type { Axis } from '../model/volume-grid.js';

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
}

/** What display undo restores. */
export interface DisplayDocument {
  readonly mapDisplay: MapDisplay;
  readonly volumeDisplay: VolumeDisplay;
}

export interface DisplaySlice extends DisplayDocument {
  readonly displayHistory: History<DisplayDocument>;
  /** Bumped by "Reset view": the volume view puts its camera back (an action, not a display choice to undo). */
  readonly cameraResets: number;
  /** What the volume view says about its data (downsampling), written by the view. */
  readonly volumeNotice: string;
  /** The volume's colour limits now on screen (the transfer function's value axis), written by the view. */
  readonly volumeLimits: readonly [number, number] | null;
  /** The 2D map's colour limits now on screen, written by the view ("fix across time" copies them). */
  readonly mapLimits: readonly [number, number] | null;
}

// Robust per-level limits by default: the data is visible at every time (issue 14); "fix across
// time" (DisplayControls) copies the limits on screen into manual ones for animations.
const defaultColor: ColorOptions = { colormap: 'viridis', reversed: false, log: false, limits: 'robust', manual: null };

export function initialDisplaySlice(): DisplaySlice {
  return {
    mapDisplay: { field: 'm', color: defaultColor, contours: 6, arrows: true, cut: { along: 'x', position: 0.5 } },
    volumeDisplay: {
      field: 'm', mode: 'composite', transfer: presetTransfer('ramp', 'viridis'), isoLevel: 0.5, steps: 128,
      color: defaultColor, plane: { axis: 'z', position: 0.5 }, showObstacles: true, textureLimit: null,
    },
    displayHistory: createHistory<DisplayDocument>(),
    cameraResets: 0,
    volumeNotice: '',
    volumeLimits: null,
    mapLimits: null,
  };
}

export interface DisplayEdit {
  readonly map?: Partial<MapDisplay>;
  readonly volume?: Partial<VolumeDisplay>;
  /** Shown in Undo's tooltip: "Undo Map colour map". */
  readonly label: string;
  /** Part of a gesture (a slider drag, a cut dragged): merges into one undo step until sealed. */
  readonly gesture?: boolean;
}

const sameDocument = (a: DisplayDocument, b: DisplayDocument): boolean =>
  JSON.stringify(a.mapDisplay) === JSON.stringify(b.mapDisplay) && JSON.stringify(a.volumeDisplay) === JSON.stringify(b.volumeDisplay);

/** The display after one edit, recorded in the display history unless untracked. */
export function editDisplay(slice: DisplaySlice, edit: DisplayEdit): Pick<DisplaySlice, 'mapDisplay' | 'volumeDisplay' | 'displayHistory'> {
  const before: DisplayDocument = { mapDisplay: slice.mapDisplay, volumeDisplay: slice.volumeDisplay };
  const after: DisplayDocument = {
    mapDisplay: edit.map === undefined ? slice.mapDisplay : { ...slice.mapDisplay, ...edit.map },
    volumeDisplay: edit.volume === undefined ? slice.volumeDisplay : { ...slice.volumeDisplay, ...edit.volume },
  };
  const displayHistory = record(slice.displayHistory, { label: edit.label, before, after, coalesceKey: edit.gesture === true ? `display:${edit.label}` : undefined }, sameDocument);
  return { ...after, displayHistory };
}
