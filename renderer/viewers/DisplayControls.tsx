// Toolbars of the 2D and 3D views: field, colour scale and limits, overlays. They change the display
// options through the display commands (commands/display.ts: undoable); the views and their export
// frames read them from the store (state/display-slice.ts).

import { useId } from 'react';
import { useApp, useCommands } from '../components/workbench.js';
import type { LimitsMode } from '../model/color-limits.js';
import { isViewColormap, VIEW_COLORMAP_LABELS, VIEW_COLORMAPS } from '../model/color-scale.js';
import type { ColorOptions, FieldChoice, MapDisplay } from '../state/display-slice.js';

const LIMITS: readonly { id: LimitsMode; label: string }[] = [
  { id: 'robust', label: 'Robust (this level, 0.1-99.9%)' },
  { id: 'fixed', label: 'Fixed (all levels)' },
  { id: 'auto', label: 'Auto (this level)' },
  { id: 'manual', label: 'Manual' },
];

export function FieldSelect({ value, onChange, label }: { value: FieldChoice; onChange: (field: FieldChoice) => void; label: string }) {
  const id = useId();
  return (
    <span className="control">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value === 'u' ? 'u' : 'm')}>
        <option value="m">Density m</option>
        <option value="u">Value u</option>
      </select>
    </span>
  );
}

/**
 * Colormap, reversed, log scale and colour limits (with the manual numbers when chosen), and "Fix
 * across time": the limits on screen (`current`) become manual ones, the same at every level, for
 * an animation that keeps one colour scale.
 */
export function ColorControls({ color, onChange, prefix, current }: {
  color: ColorOptions; onChange: (color: ColorOptions) => void; prefix: string; current: readonly [number, number] | null;
}) {
  const id = useId();
  const set = (patch: Partial<ColorOptions>): void => onChange({ ...color, ...patch });
  const manual = color.manual ?? [0, 1];
  const setManual = (index: 0 | 1, text: string): void => {
    const value = Number(text);
    if (!Number.isFinite(value)) return;
    const next: [number, number] = [manual[0], manual[1]];
    next[index] = value;
    set({ manual: next });
  };
  return (
    <>
      <span className="control">
        <label htmlFor={`${id}-map`}>{prefix} colormap</label>
        <select id={`${id}-map`} value={color.colormap} onChange={(event) => { if (isViewColormap(event.target.value)) set({ colormap: event.target.value }); }}>
          {VIEW_COLORMAPS.map((name) => <option key={name} value={name}>{VIEW_COLORMAP_LABELS[name]}</option>)}
        </select>
      </span>
      <label className="control"><input type="checkbox" checked={color.reversed} onChange={(event) => set({ reversed: event.target.checked })} />Reversed</label>
      <label className="control"><input type="checkbox" checked={color.log} onChange={(event) => set({ log: event.target.checked })} />Log scale</label>
      <span className="control">
        <label htmlFor={`${id}-limits`}>{prefix} colour limits</label>
        <select id={`${id}-limits`} value={color.limits} onChange={(event) => set({ limits: event.target.value as LimitsMode })}>
          {LIMITS.map((mode) => <option key={mode.id} value={mode.id}>{mode.label}</option>)}
        </select>
      </span>
      {color.limits !== 'manual' && (
        <button type="button" className="control" disabled={current === null} aria-label={`${prefix}: fix colour limits across time`}
          title="Keep the colour limits on screen for every time level (manual limits), e.g. for an animation"
          onClick={() => { if (current !== null) onChange({ ...color, limits: 'manual', manual: [current[0], current[1]] }); }}>
          Fix across time
        </button>
      )}
      {color.limits === 'manual' && (
        <span className="control">
          <input type="number" aria-label={`${prefix} lower colour limit`} defaultValue={manual[0]} step="any" onChange={(event) => setManual(0, event.target.value)} />
          <input type="number" aria-label={`${prefix} upper colour limit`} defaultValue={manual[1]} step="any" onChange={(event) => setManual(1, event.target.value)} />
        </span>
      )}
    </>
  );
}

/** Ends a slider's gesture (one undo step per drag) when the pointer or key is released. */
export function useEndDisplayGesture(): { onPointerUp: () => void; onKeyUp: () => void } {
  const commands = useCommands();
  const end = (): void => { commands.execute('display.endGesture'); };
  return { onPointerUp: end, onKeyUp: end };
}

export function MapControls() {
  const commands = useCommands();
  const display = useApp((s) => s.mapDisplay);
  const current = useApp((s) => s.mapLimits);
  const endGesture = useEndDisplayGesture();
  const id = useId();
  const update = (patch: Partial<MapDisplay>, label: string, gesture?: boolean): void => {
    commands.execute('display.map', gesture === undefined ? { patch, label } : { patch, label, gesture });
  };
  return (
    <div className="view-controls" role="group" aria-label="2D map display">
      <FieldSelect label="Map field" value={display.field} onChange={(field) => update({ field }, 'Map field')} />
      <ColorControls prefix="Map" color={display.color} current={current} onChange={(color) => update({ color }, 'Map colours')} />
      <span className="control">
        <label htmlFor={`${id}-contours`}>Contours</label>
        <input id={`${id}-contours`} type="number" min={0} max={20} value={display.contours}
          onChange={(event) => update({ contours: Math.min(20, Math.max(0, Math.round(Number(event.target.value) || 0))) }, 'Contours')} />
      </span>
      <label className="control"><input type="checkbox" checked={display.arrows} onChange={(event) => update({ arrows: event.target.checked }, 'Velocity arrows')} />Velocity arrows</label>
      <span className="control">
        <label htmlFor={`${id}-cut`}>Line cut along</label>
        <select id={`${id}-cut`} value={display.cut.along} onChange={(event) => update({ cut: { ...display.cut, along: event.target.value === 'y' ? 'y' : 'x' } }, 'Line cut axis')}>
          <option value="x">x</option>
          <option value="y">y</option>
        </select>
        <input type="range" className="slider" min={0} max={1} step={0.001} value={display.cut.position} aria-label="Line cut position" {...endGesture}
          onChange={(event) => update({ cut: { ...display.cut, position: Number(event.target.value) } }, 'Line cut position', true)} />
      </span>
    </div>
  );
}
