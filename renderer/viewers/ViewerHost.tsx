// Mounts one imperative viewer on a canvas. React renders the frame once; the viewer subscribes to
// the store and draws by itself, so playback and hover never re-render React.

import { useEffect, useRef, useState } from 'react';
import { useWorkbench } from '../components/workbench.js';
import { isFrameRenderer, type Viewer, type ViewerContext, type ViewerElements } from './canvas-viewer.js';
import { registerFrameSource } from './frame-source.js';

export interface ViewerHostProps {
  readonly id: string;
  readonly title: string;
  /** What the view shows, for screen readers (the canvas itself is an image). */
  readonly description: string;
  readonly create: (elements: ViewerElements, context: ViewerContext) => Viewer;
  readonly className?: string;
}

export function ViewerHost({ id, title, description, create, className }: ViewerHostProps) {
  const { store, commands, session } = useWorkbench();
  const canvas = useRef<HTMLCanvasElement>(null);
  const tooltip = useRef<HTMLDivElement>(null);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    if (canvas.current === null || tooltip.current === null || session === null) return undefined;
    let viewer: Viewer;
    try {
      viewer = create({ canvas: canvas.current, tooltip: tooltip.current }, {
        store, cache: session.cache, setLevel: (level) => commands.execute('time.setLevel', { level }),
        updateMap: (patch, label, gesture) => commands.execute('display.map', gesture === undefined ? { patch, label } : { patch, label, gesture }),
        endDisplayGesture: () => commands.execute('display.endGesture'),
      });
    } catch (error) {
      setFailure(error instanceof Error ? error.message : String(error));
      return undefined;
    }
    setFailure(null);
    // Export reaches the view only through the FrameSource seam.
    const unregister = isFrameRenderer(viewer) ? registerFrameSource({
      id, title,
      timeLevels: () => store.getState().shown?.times.length ?? 0,
      renderFrame: async (level, width, height, scale) => viewer.renderFrame(level, width, height, scale),
    }) : undefined;
    return () => {
      unregister?.();
      viewer.dispose();
    };
  }, [create, store, commands, session, id, title]);

  return (
    <figure className={`view ${className ?? ''}`} data-view={id} aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`} className="visually-hidden">{title}</figcaption>
      <div className="view-canvas">
        <canvas ref={canvas} role="img" aria-label={description} data-view={id} />
        <div ref={tooltip} className="view-tooltip" role="status" hidden />
        {failure !== null && <p className="view-failure" role="alert">{title} is unavailable: {failure}</p>}
      </div>
    </figure>
  );
}
