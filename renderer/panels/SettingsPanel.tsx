// Settings kept by the settings service (they persist across sessions and shells).

import { useId, useState, type FormEvent } from 'react';
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

export function SettingsPanel() {
  const commands = useCommands();
  const settings = useApp(settingsOf);
  const info = useApp((s) => s.appInfo);
  const capabilities = useApp((s) => s.capabilities);
  const colormapId = useId();
  const fpsId = useId();
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
      <div className="field">
        <label htmlFor={fpsId}>Playback speed</label>
        <div className="field-row">
          <input
            id={fpsId}
            type="range"
            className="slider"
            min={1}
            max={120}
            value={settings.playbackFps}
            aria-valuetext={`${settings.playbackFps} time steps per second`}
            onChange={(event) => commands.execute('settings.update', { playbackFps: Number(event.target.value) })}
          />
          <span className="unit">{settings.playbackFps} steps/s</span>
        </div>
      </div>
      <dl className="about">
        <dt>App</dt><dd>{info === null ? '—' : `MFG Workbench ${info.version} (${info.shell})`}</dd>
        <dt>Solver</dt>
        <dd>{capabilities === null ? '—' : `${capabilities.solverVersion}${capabilities.git ? ` (${capabilities.git})` : ''}, ${capabilities.openmp ? `OpenMP, ${capabilities.threads} threads` : 'serial'}${capabilities.cuda ? ', CUDA' : ''}`}</dd>
      </dl>
    </div>
  );
}
