// The views of 2D and 3D solutions, on the same time cursor as every other view. 2D: the map with
// its toolbar, the line cut, convergence. 3D: the volume with its toolbar, the slice plane,
// convergence. Each view that can be exported registers a FrameSource (map2d, linecut, volume,
// slice-plane).

import { ConvergenceViewer } from './convergence-viewer.js';
import { MapControls } from './DisplayControls.js';
import { LineCutViewer } from './linecut-viewer.js';
import { Map2DViewer } from './map2d-viewer.js';
import { PlaneViewer } from './plane-viewer.js';
import { ViewerHost, type ViewerHostProps } from './ViewerHost.js';
import { VolumeControls } from './VolumeControls.js';
import { VolumeViewer } from './volume-viewer.js';

type View = Omit<ViewerHostProps, 'className'>;

// Module-level factories keep their identity across renders, so viewers are made once.
const MAP: View = { id: 'map2d', title: '2D map', description: 'Map of the chosen field over x and y at the current time, with contours, velocity arrows and obstacles; click to move the line cut', create: (e, c) => new Map2DViewer(e, c) };
const CUT: View = { id: 'linecut', title: 'Line cut', description: 'The chosen field along the line cut at the current time', create: (e, c) => new LineCutViewer(e, c) };
const VOLUME: View = { id: 'volume', title: '3D volume', description: 'Volume rendering of the chosen field at the current time; drag to orbit, scroll to zoom', create: (e, c) => new VolumeViewer(e, c) };
const PLANE: View = { id: 'slice-plane', title: 'Slice plane', description: 'The chosen field on an axis-aligned plane through the volume at the current time', create: (e, c) => new PlaneViewer(e, c) };
const CONVERGENCE: View = { id: 'convergence', title: 'Convergence', description: 'Residuals per iteration on a log scale', create: (e, c) => new ConvergenceViewer(e, c) };

export function Views2D() {
  return (
    <div className="views views-spatial" aria-label="Views of the shown 2D solution">
      <section className="spatial-main"><MapControls /><ViewerHost {...MAP} className="view-map2d" /></section>
      <ViewerHost {...CUT} className="view-side-top" />
      <ViewerHost {...CONVERGENCE} className="view-side-bottom" />
    </div>
  );
}

export function Views3D() {
  return (
    <div className="views views-spatial" aria-label="Views of the shown 3D solution">
      <section className="spatial-main spatial-main-side"><VolumeControls /><ViewerHost {...VOLUME} className="view-volume" /></section>
      <ViewerHost {...PLANE} className="view-side-top" />
      <ViewerHost {...CONVERGENCE} className="view-side-bottom" />
    </div>
  );
}
