// Mounts one imperative viewer on a canvas. React renders the frame once; the viewer subscribes to
// the store and draws by itself, so playback and hover never re-render React.

import { useEffect, useRef, useState } from 'react';
import { useWorkbench } from '../components/workbench.js';
import type { Viewer, ViewerContext, ViewerElements } from './canvas-viewer.js';

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
      });
    } catch (error) {
      setFailure(error instanceof Error ? error.message : String(error));
      return undefined;
    }
    setFailure(null);
    return () => viewer.dispose();
  }, [create, store, commands, session]);

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
