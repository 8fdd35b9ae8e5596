// The volume view's toolbar: field, render mode, colour scale and limits, transfer function
// (editor and presets), isosurface level, ray steps, texture limit, slice plane, obstacles, reset.

import { useId } from 'react';
import { useApp, useCommands } from '../components/workbench.js';
import { presetTransfer, TRANSFER_PRESETS, type TransferPreset } from '../model/transfer-function.js';
import type { VolumeDisplay, VolumeMode } from '../state/display-slice.js';
import { ColorControls, FieldSelect, useEndDisplayGesture } from './DisplayControls.js';
import { TRANSFER_PRESET_IDS, TransferEditor } from './TransferEditor.js';

const MODES: readonly { id: VolumeMode; label: string }[] = [
  { id: 'composite', label: 'Composite (transfer function)' },
  { id: 'mip', label: 'Maximum intensity' },
  { id: 'iso', label: 'Isosurface' },
];

export function VolumeControls() {
  const commands = useCommands();
  const display = useApp((s) => s.volumeDisplay);
  const endGesture = useEndDisplayGesture();
  const notice = useApp((s) => s.volumeNotice);
  const limits = useApp((s) => s.volumeLimits);
  const id = useId();
  const update = (patch: Partial<VolumeDisplay>, label: string, gesture?: boolean): void => {
    commands.execute('display.volume', gesture === undefined ? { patch, label } : { patch, label, gesture });
  };
  return (
    <div className="view-controls" role="group" aria-label="3D volume display">
      <FieldSelect label="Volume field" value={display.field} onChange={(field) => update({ field }, 'Volume field')} />
      <span className="control">
        <label htmlFor={`${id}-mode`}>Render mode</label>
        <select id={`${id}-mode`} value={display.mode} onChange={(event) => update({ mode: event.target.value as VolumeMode }, 'Render mode')}>
          {MODES.map((mode) => <option key={mode.id} value={mode.id}>{mode.label}</option>)}
        </select>
      </span>
      <ColorControls prefix="Volume" color={display.color} current={limits} onChange={(color) => update({ color }, 'Volume colours')} />
      <span className="control">
        <label htmlFor={`${id}-preset`}>Transfer preset</label>
        <select id={`${id}-preset`} value="" onChange={(event) => {
          const preset = event.target.value as TransferPreset;
          if (preset in TRANSFER_PRESETS) update({ transfer: presetTransfer(preset, display.color.colormap, display.color.reversed) }, 'Transfer preset');
        }}>
          <option value="" disabled>Choose…</option>
          {TRANSFER_PRESET_IDS.map((preset) => <option key={preset} value={preset}>{TRANSFER_PRESETS[preset].label}</option>)}
        </select>
      </span>
      <TransferEditor display={display} limits={limits} onChange={(opacity) => update({ transfer: { ...display.transfer, opacity } }, 'Transfer function', true)} onEnd={endGesture.onPointerUp} />
      {display.mode === 'iso' && (
        <span className="control">
          <label htmlFor={`${id}-iso`}>Isosurface level</label>
          <input id={`${id}-iso`} type="range" className="slider" min={0.01} max={0.99} step={0.01} value={display.isoLevel} {...endGesture}
            onChange={(event) => update({ isoLevel: Number(event.target.value) }, 'Isosurface level', true)} />
        </span>
      )}
      <span className="control">
        <label htmlFor={`${id}-steps`}>Ray steps</label>
        <select id={`${id}-steps`} value={display.steps} onChange={(event) => update({ steps: Number(event.target.value) }, 'Ray steps')}>
          {[16, 32, 64, 128, 256, 512].map((steps) => <option key={steps} value={steps}>{steps}</option>)}
        </select>
      </span>
      <span className="control">
        <label htmlFor={`${id}-limit`}>Texture limit</label>
        <select id={`${id}-limit`} value={display.textureLimit ?? 0} onChange={(event) => update({ textureLimit: Number(event.target.value) || null }, 'Texture limit')}>
          <option value={0}>GPU maximum</option>
          {[256, 128, 64, 32, 8].map((side) => <option key={side} value={side}>{side}</option>)}
        </select>
      </span>
      <span className="control">
        <label htmlFor={`${id}-plane`}>Slice plane axis</label>
        <select id={`${id}-plane`} value={display.plane.axis} onChange={(event) => update({ plane: { ...display.plane, axis: event.target.value === 'x' ? 'x' : event.target.value === 'y' ? 'y' : 'z' } }, 'Slice plane axis')}>
          <option value="x">x</option>
          <option value="y">y</option>
          <option value="z">z</option>
        </select>
        <input type="range" className="slider" min={0} max={1} step={0.001} value={display.plane.position} aria-label="Slice plane position" {...endGesture}
          onChange={(event) => update({ plane: { ...display.plane, position: Number(event.target.value) } }, 'Slice plane position', true)} />
      </span>
      <label className="control"><input type="checkbox" checked={display.showObstacles} onChange={(event) => update({ showObstacles: event.target.checked }, 'Obstacles')} />Obstacles</label>
      <button type="button" onClick={() => commands.execute('display.resetCamera')}>Reset view</button>
      {notice !== '' && <p className="view-notice" role="status">{notice}</p>}
    </div>
  );
}
