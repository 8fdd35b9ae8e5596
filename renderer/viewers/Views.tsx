// The linked views of the shown solution, all on one time cursor: for 1D solutions space-time
// heatmaps of m and u, the time slice, 3D surfaces, convergence history and mass over time; 2D and
// 3D solutions get their own views (SpatialViews.tsx).

import { useShallow } from 'zustand/react/shallow';
import { useApp } from '../components/workbench.js';
import { staleness } from '../model/solve-progress.js';
import type { AppState } from '../state/store.js';
import { ConvergenceViewer } from './convergence-viewer.js';
import { exposeFrameSources } from './frame-source-global.js';
import { HeatmapViewer } from './heatmap-viewer.js';
import { MassViewer } from './mass-viewer.js';
import { SliceViewer } from './slice-viewer.js';
import { Views2D, Views3D } from './SpatialViews.js';
import { SurfaceViewer } from './surface-viewer.js';
import { ViewerHost, type ViewerHostProps } from './ViewerHost.js';

// Module-level factories keep their identity across renders, so viewers are made once.
const VIEWS: readonly Omit<ViewerHostProps, 'className'>[] = [
  { id: 'heatmap-m', title: 'Density heatmap', description: 'Heatmap of the density m over space x and time t', create: (e, c) => new HeatmapViewer(e, c, 'm') },
  { id: 'heatmap-u', title: 'Value heatmap', description: 'Heatmap of the value function u over space x and time t', create: (e, c) => new HeatmapViewer(e, c, 'u') },
  { id: 'slice', title: 'Time slice', description: 'Density m and value u against x at the current time', create: (e, c) => new SliceViewer(e, c) },
  { id: 'surface-m', title: '3D density surface', description: '3D surface of the density m over x and t; drag to orbit, scroll to zoom', create: (e, c) => new SurfaceViewer(e, c, 'm') },
  { id: 'surface-u', title: '3D value surface', description: '3D surface of the value function u over x and t; drag to orbit, scroll to zoom', create: (e, c) => new SurfaceViewer(e, c, 'u') },
  { id: 'convergence', title: 'Convergence', description: 'Residuals per iteration on a log scale', create: (e, c) => new ConvergenceViewer(e, c) },
  { id: 'mass', title: 'Mass', description: 'Total mass over time', create: (e, c) => new MassViewer(e, c) },
];

exposeFrameSources();

const shownStaleness = (s: AppState) => staleness({ phase: s.solve.phase, hadResult: s.solve.result !== null, shownKind: s.shown?.source.kind ?? null });

/**
 * The views of the shown solution under a banner that says when they are stale (a newer solve
 * runs, or failed, or was stopped): the old picture stays for comparison, dimmed and labelled.
 */
export function Views() {
  const dimension = useApp((s) => s.shown?.grid.dimension ?? 1);
  const { stale, reason } = useApp(useShallow(shownStaleness));
  return (
    <div className="views-frame" data-stale={stale ? 'true' : 'false'}>
      {stale && <p className="stale-banner" role="status">Stale: {reason}</p>}
      {dimension === 2 ? <Views2D /> : dimension === 3 ? <Views3D /> : (
        <div className="views" aria-label="Views of the shown solution">
          {VIEWS.map((view) => <ViewerHost key={view.id} {...view} className={`view-${view.id}`} />)}
        </div>
      )}
    </div>
  );
}
