// The shared time cursor: play/pause, step, first/last and a scrubber. The level changes many times
// a second during playback, so the scrubber and the time read-out are updated from a store
// subscription, outside React render.

import { useEffect, useId, useRef } from 'react';
import { Icon } from '../components/icons.js';
import { useApp, useCommands, useWorkbench } from '../components/workbench.js';
import { formatNumber } from '../model/format.js';
import { settingsOf, type AppState } from '../state/store.js';

/** Playback speeds offered next to the cursor (levels per second; settings keep the choice). */
const SPEEDS = [1, 2, 5, 10, 20, 30, 60] as const;

function describeTime(state: AppState): { text: string; valueText: string } {
  const shown = state.shown;
  if (shown === null || state.cursor.levels === 0) return { text: 't = —', valueText: 'no solution' };
  const t = shown.times[state.cursor.level] ?? 0;
  const horizon = shown.times[shown.times.length - 1] ?? 0;
  return {
    text: `t = ${formatNumber(t, 4)} / ${formatNumber(horizon, 4)}`,
    valueText: `time ${formatNumber(t, 4)} of ${formatNumber(horizon, 4)}, step ${state.cursor.level} of ${state.cursor.levels - 1}`,
  };
}

export function TimeBar() {
  const { store } = useWorkbench();
  const commands = useCommands();
  const levels = useApp((s) => s.cursor.levels);
  const playing = useApp((s) => s.cursor.playing);
  const loop = useApp((s) => s.cursor.loop);
  const fps = useApp((s) => settingsOf(s).playbackFps);
  const slider = useRef<HTMLInputElement>(null);
  const readout = useRef<HTMLOutputElement>(null);
  const id = useId();

  useEffect(() => {
    const update = (state: AppState): void => {
      const { text, valueText } = describeTime(state);
      if (slider.current !== null) {
        slider.current.max = String(Math.max(0, state.cursor.levels - 1));
        slider.current.value = String(state.cursor.level);
        slider.current.setAttribute('aria-valuetext', valueText);
      }
      if (readout.current !== null) {
        readout.current.textContent = text;
        readout.current.dataset.level = String(state.cursor.level);
      }
    };
    update(store.getState());
    return store.subscribe((state, previous) => {
      if (state.cursor !== previous.cursor || state.shown !== previous.shown) update(state);
    });
  }, [store]);

  const disabled = levels === 0;
  return (
    <div className="time-bar" role="group" aria-label="Time">
      <button type="button" className="icon-button" disabled={disabled} onClick={() => commands.execute('time.home')} title="First time step (Home)" aria-label="First time step"><Icon name="first" /></button>
      <button type="button" className="icon-button" disabled={disabled} onClick={() => commands.execute('time.stepBack')} title="Previous time step (←)" aria-label="Previous time step"><Icon name="previous" /></button>
      <button
        type="button"
        className="icon-button play"
        disabled={disabled || levels < 2}
        onClick={() => commands.execute('time.togglePlay')}
        title={playing ? 'Pause (Space)' : 'Play (Space)'}
        aria-label={playing ? 'Pause' : 'Play'}
        aria-pressed={playing}
      >
        <Icon name={playing ? 'pause' : 'play'} />
      </button>
      <button type="button" className="icon-button" disabled={disabled} onClick={() => commands.execute('time.stepForward')} title="Next time step (→)" aria-label="Next time step"><Icon name="next" /></button>
      <button type="button" className="icon-button" disabled={disabled} onClick={() => commands.execute('time.end')} title="Last time step (End)" aria-label="Last time step"><Icon name="last" /></button>
      <label className="visually-hidden" htmlFor={id}>Time step</label>
      <input
        id={id}
        ref={slider}
        type="range"
        className="slider time-slider"
        min={0}
        defaultValue={0}
        step={1}
        disabled={disabled}
        onInput={(event) => commands.execute('time.setLevel', { level: Number(event.currentTarget.value) })}
      />
      <output ref={readout} className="time-readout" htmlFor={id} aria-live="off">t = —</output>
      <select value={fps} aria-label="Playback speed, levels per second" title="Playback speed (time levels per second)" onChange={(event) => commands.execute('settings.update', { playbackFps: Number(event.target.value) })}>
        {(SPEEDS.includes(fps as (typeof SPEEDS)[number]) ? SPEEDS : [...SPEEDS, fps].sort((a, b) => a - b)).map((value) => <option key={value} value={value}>{value} fps</option>)}
      </select>
      <label className="loop-toggle">
        <input type="checkbox" checked={loop} onChange={(event) => commands.execute('time.setLoop', { loop: event.target.checked })} />
        Loop
      </label>
    </div>
  );
}
