// The Domain panel's preview, drawn from the spec before any solve: obstacle cells dark, the free
// domain light, exits as green edges, periodic sides dashed, walls solid; the canvas keeps the
// domain's aspect ratio. It redraws whenever the spec's domain changes (typing an obstacle formula).

import { useEffect, useMemo, useRef } from 'react';
import { domainPreview, type BoundaryKind, type DomainPreview } from '../model/domain-preview.js';
import { useApp } from '../components/workbench.js';

const WIDTH = 220;
const MAX_HEIGHT = 160;
const STROKE: Readonly<Record<BoundaryKind, { colour: string; width: number; dash: number[] }>> = {
  wall: { colour: '#343a40', width: 2, dash: [] },
  periodic: { colour: '#1c7ed6', width: 2, dash: [4, 3] },
  exit: { colour: '#2f9e44', width: 5, dash: [] },
};

function canvasSize(preview: DomainPreview, oneDimensional: boolean): { width: number; height: number } {
  if (oneDimensional) return { width: WIDTH, height: 24 };
  const aspect = (preview.extent.x[1] - preview.extent.x[0]) / (preview.extent.y[1] - preview.extent.y[0] || 1);
  const width = Math.max(40, Math.min(WIDTH, MAX_HEIGHT * aspect));
  return { width: Math.round(width), height: Math.round(Math.max(24, Math.min(MAX_HEIGHT, width / aspect))) };
}

function draw(canvas: HTMLCanvasElement, preview: DomainPreview): void {
  const ctx = canvas.getContext('2d');
  if (ctx === null) return;
  const { width, height } = canvas;
  const inset = 3;
  const w = width - 2 * inset;
  const h = height - 2 * inset;
  ctx.clearRect(0, 0, width, height);
  ctx.fillStyle = '#e9f2fb';
  ctx.fillRect(inset, inset, w, h);
  ctx.fillStyle = '#4a4f57';
  const cw = w / preview.nx;
  const ch = h / preview.ny;
  for (let j = 0; j < preview.ny; j++) {
    for (let i = 0; i < preview.nx; i++) {
      if (preview.solid[j * preview.nx + i] !== 1) continue;
      ctx.fillRect(inset + i * cw, inset + h - (j + 1) * ch, Math.ceil(cw), Math.ceil(ch));
    }
  }
  const edges: [BoundaryKind, number, number, number, number][] = [
    [preview.sides.left, inset, inset, inset, inset + h], [preview.sides.right, inset + w, inset, inset + w, inset + h],
    [preview.sides.bottom, inset, inset + h, inset + w, inset + h], [preview.sides.top, inset, inset, inset + w, inset],
  ];
  for (const [kind, x0, y0, x1, y1] of edges) {
    const stroke = STROKE[kind];
    ctx.strokeStyle = stroke.colour;
    ctx.lineWidth = stroke.width;
    ctx.setLineDash(stroke.dash);
    ctx.beginPath();
    ctx.moveTo(x0, y0);
    ctx.lineTo(x1, y1);
    ctx.stroke();
  }
  ctx.setLineDash([]);
}

export function DomainPreviewCanvas() {
  // Only the domain matters: recomputed when it changes, not on every physics edit.
  const domain = useApp((s) => s.parameters.spec.domain);
  const preview = useMemo(() => domainPreview(domain), [domain]);
  const canvas = useRef<HTMLCanvasElement>(null);
  const oneDimensional = domain.lower.length === 1;
  const size = preview === undefined ? { width: WIDTH, height: 24 } : canvasSize(preview, oneDimensional);
  useEffect(() => {
    if (canvas.current !== null && preview !== undefined) draw(canvas.current, preview);
  }, [preview, size.width, size.height]);
  if (preview === undefined) return null;
  const exits = Object.values(preview.sides).filter((kind) => kind === 'exit').length;
  const summary = `${preview.solidCells === 0 ? 'no obstacle' : `obstacle: ${preview.solidCells} of ${preview.nx * preview.ny} preview cells`}, ${exits === 0 ? 'no exit' : `${exits} exit side${exits > 1 ? 's' : ''}`}`;
  return (
    <figure className="domain-preview" data-solid-cells={preview.solidCells} data-exits={exits}>
      <canvas ref={canvas} width={size.width} height={size.height} role="img" aria-label={`Domain preview: ${summary}`} />
      <figcaption>
        Preview{preview.note === '' ? '' : ` (${preview.note})`}: {summary}. <span className="legend-exit">exit</span>, <span className="legend-periodic">periodic</span>, wall.
      </figcaption>
    </figure>
  );
}
