// The transfer function editor of the volume view: the opacity curve drawn over the colormap;
// drag a point to move it (the end points move up and down only), double-click to add a point,
// and pick a preset. Writes the curve into the store; the volume view re-renders from it.

import { useEffect, useRef, type PointerEvent as ReactPointerEvent } from 'react';
import { scaleTable } from '../model/color-scale.js';
import { formatNumber } from '../model/format.js';
import { addOpacityPoint, moveOpacityPoint, TRANSFER_PRESETS, type OpacityPoint, type TransferPreset } from '../model/transfer-function.js';
import type { VolumeDisplay } from '../state/display-slice.js';

const WIDTH = 220;
const HEIGHT = 56;
const PAD = 5;

interface Props {
  readonly display: VolumeDisplay;
  /** The values at the ends of the axis (the volume's colour limits), when known. */
  readonly limits: readonly [number, number] | null;
  readonly onChange: (opacity: OpacityPoint[]) => void;
  /** A drag ended (one undo step per drag). */
  readonly onEnd?: () => void;
}

const toPx = (p: OpacityPoint): [number, number] => [PAD + p.s * (WIDTH - 2 * PAD), HEIGHT - PAD - p.a * (HEIGHT - 2 * PAD)];
const fromPx = (x: number, y: number): OpacityPoint => ({ s: (x - PAD) / (WIDTH - 2 * PAD), a: (HEIGHT - PAD - y) / (HEIGHT - 2 * PAD) });

function paint(canvas: HTMLCanvasElement, display: VolumeDisplay): void {
  const ctx = canvas.getContext('2d');
  if (ctx === null) return;
  const table = scaleTable(display.color.colormap, display.color.reversed);
  ctx.clearRect(0, 0, WIDTH, HEIGHT);
  for (let x = PAD; x < WIDTH - PAD; x++) {
    const index = Math.round(((x - PAD) / (WIDTH - 2 * PAD - 1)) * 255);
    ctx.fillStyle = `rgba(${table[4 * index] as number}, ${table[4 * index + 1] as number}, ${table[4 * index + 2] as number}, 0.55)`;
    ctx.fillRect(x, PAD, 1, HEIGHT - 2 * PAD);
  }
  const points = display.transfer.opacity;
  ctx.strokeStyle = '#1f2933';
  ctx.lineWidth = 1.5;
  ctx.beginPath();
  points.forEach((p, k) => {
    const [x, y] = toPx(p);
    if (k === 0) ctx.moveTo(x, y);
    else ctx.lineTo(x, y);
  });
  ctx.stroke();
  ctx.fillStyle = '#ffffff';
  for (const p of points) {
    const [x, y] = toPx(p);
    ctx.beginPath();
    ctx.arc(x, y, 3.5, 0, 2 * Math.PI);
    ctx.fill();
    ctx.stroke();
  }
}

function nearestPoint(points: readonly OpacityPoint[], x: number, y: number): number {
  let best = -1;
  let bestDistance = 10;
  points.forEach((p, k) => {
    const [px, py] = toPx(p);
    const distance = Math.hypot(px - x, py - y);
    if (distance < bestDistance) {
      best = k;
      bestDistance = distance;
    }
  });
  return best;
}

export function TransferEditor({ display, limits, onChange, onEnd }: Props) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const dragging = useRef(-1);
  useEffect(() => {
    if (canvas.current !== null) paint(canvas.current, display);
  }, [display]);

  const local = (event: ReactPointerEvent<HTMLCanvasElement>): [number, number] => {
    const rect = event.currentTarget.getBoundingClientRect();
    return [((event.clientX - rect.left) / rect.width) * WIDTH, ((event.clientY - rect.top) / rect.height) * HEIGHT];
  };
  const onPointerDown = (event: ReactPointerEvent<HTMLCanvasElement>): void => {
    const [x, y] = local(event);
    dragging.current = nearestPoint(display.transfer.opacity, x, y);
    if (dragging.current >= 0) event.currentTarget.setPointerCapture(event.pointerId);
  };
  const onPointerMove = (event: ReactPointerEvent<HTMLCanvasElement>): void => {
    if (dragging.current < 0) return;
    const [x, y] = local(event);
    const p = fromPx(x, y);
    onChange(moveOpacityPoint(display.transfer.opacity, dragging.current, p.s, p.a));
  };
  const onDoubleClick = (event: React.MouseEvent<HTMLCanvasElement>): void => {
    const rect = event.currentTarget.getBoundingClientRect();
    onChange(addOpacityPoint(display.transfer.opacity, fromPx(((event.clientX - rect.left) / rect.width) * WIDTH, 0).s));
  };
  return (
    <span className="transfer">
    <canvas
      ref={canvas} className="transfer-editor" width={WIDTH} height={HEIGHT} role="img"
      aria-label="Transfer function: opacity over value, drag points, double-click to add one"
      data-opacity={display.transfer.opacity.map((p) => `${p.s.toFixed(3)}:${p.a.toFixed(3)}`).join(' ')}
      onPointerDown={onPointerDown} onPointerMove={onPointerMove} onPointerUp={() => { dragging.current = -1; onEnd?.(); }} onDoubleClick={onDoubleClick}
    />
    {limits !== null && (
      <span className="transfer-limits" aria-label="Transfer function value range">
        <span>{formatNumber(limits[0], 3)}</span><span>{display.color.log ? 'log' : ''}</span><span>{formatNumber(limits[1], 3)}</span>
      </span>
    )}
    </span>
  );
}

export const TRANSFER_PRESET_IDS = Object.keys(TRANSFER_PRESETS) as TransferPreset[];
