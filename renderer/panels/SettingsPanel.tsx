// Settings kept by the settings service (they persist across sessions and shells).

import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { COLORMAPS } from '../../app/contract/index.js';
import { useApp, useCommands } from '../components/workbench.js';
import { COLORMAP_LABELS, colormapCss, isColormapName } from '../model/colormaps.js';
import { settingsOf } from '../state/store.js';

function Swatch({ name }: { readonly name: (typeof COLORMAPS)[number] }) {
  const stops = [0, 0.25, 0.5, 0.75, 1].map((s) => `${colormapCss(name, s)} ${s * 100}%`).join(', ');
  return <span className="swatch" style={{ background: `linear-gradient(to right, ${stops})` }} aria-hidden="true" />;
}

function RunsFolderForm() {
  const commands = useCommands();
  const folder = useApp((s) => s.settings?.runsFolder ?? '');
  const [editing, setEditing] = useState<string | null>(null);
  const id = useId();
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (editing !== null && editing.trim() !== '') commands.execute('settings.update', { runsFolder: editing.trim() });
    setEditing(null);
  };
  return (
    <form className="field" onSubmit={submit}>
      <label htmlFor={id}>Runs folder</label>
      <div className="field-row">
        <input id={id} type="text" spellCheck={false} value={editing ?? folder} onChange={(event) => setEditing(event.target.value)} />
        <button type="submit" disabled={editing === null || editing.trim() === '' || editing.trim() === folder}>Use folder</button>
      </div>
      <p className="field-note">Saved runs go here; the runs list shows this folder.</p>
    </form>
  );
}

/** Playback speed: shown while dragging, saved once on release (each save writes the settings file). */
function PlaybackSpeed() {
  const commands = useCommands();
  const saved = useApp((s) => settingsOf(s).playbackFps);
  const [dragging, setDragging] = useState<number | null>(null);
  const slider = useRef<HTMLInputElement>(null);
  const id = useId();
  useEffect(() => {
    const element = slider.current;
    if (element === null) return undefined;
    const release = (): void => {
      commands.execute('settings.update', { playbackFps: Number(element.value) });
      setDragging(null);
    };
    element.addEventListener('change', release);
    return () => element.removeEventListener('change', release);
  }, [commands]);
  const fps = dragging ?? saved;
  return (
    <div className="field">
      <label htmlFor={id}>Playback speed</label>
      <div className="field-row">
        <input
          ref={slider}
          id={id}
          type="range"
          className="slider"
          min={1}
          max={120}
          value={fps}
          aria-valuetext={`${fps} time steps per second`}
          onChange={(event) => setDragging(Number(event.target.value))}
        />
        <span className="unit">{fps} steps/s</span>
      </div>
    </div>
  );
}

export function SettingsPanel() {
  const commands = useCommands();
  const settings = useApp(settingsOf);
  const info = useApp((s) => s.appInfo);
  const capabilities = useApp((s) => s.capabilities);
  const colormapId = useId();
  const liveId = useId();
  return (
    <div className="settings-panel">
      <RunsFolderForm />
      <div className="field">
        <label htmlFor={colormapId}>Colormap</label>
        <div className="field-row">
          <select
            id={colormapId}
            value={settings.colormap}
            onChange={(event) => {
              if (isColormapName(event.target.value)) commands.execute('settings.update', { colormap: event.target.value });
            }}
          >
            {COLORMAPS.map((name) => <option key={name} value={name}>{COLORMAP_LABELS[name]}</option>)}
          </select>
          <Swatch name={settings.colormap} />
        </div>
      </div>
      <div className="field field-check">
        <input id={liveId} type="checkbox" checked={settings.liveSolve} onChange={(event) => commands.execute('settings.update', { liveSolve: event.target.checked })} />
        <label htmlFor={liveId}>Live solve while dragging a slider</label>
        <p className="field-note">Off: solve when the slider is released.</p>
      </div>
      <PlaybackSpeed />
      <dl className="about">
        <dt>App</dt><dd>{info === null ? '—' : `MFG Workbench ${info.version} (${info.shell})`}</dd>
        <dt>Solver</dt>
        <dd>{capabilities === null ? '—' : `${capabilities.solverVersion}${capabilities.git ? ` (${capabilities.git})` : ''}, ${capabilities.openmp ? `OpenMP, ${capabilities.threads} threads` : 'serial'}${capabilities.cuda ? ', CUDA' : ''}`}</dd>
      </dl>
    </div>
  );
}
