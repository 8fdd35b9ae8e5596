import { describe, expect, it } from 'vitest';
import { defaultSpec, type Preset } from '../../app/contract/index.js';
import { setValue } from '../model/spec-path.js';
import { createAppStore } from '../state/store.js';
import { createCommands } from './commands.js';

const key = (k: string, mods: Partial<{ ctrl: boolean; shift: boolean }> = {}) => ({
  key: k, ctrlKey: mods.ctrl ?? false, metaKey: false, shiftKey: mods.shift ?? false, altKey: false,
});

function setup() {
  const store = createAppStore();
  const commands = createCommands({ store, session: null });
  return { store, commands };
}

const preset: Preset = {
  id: 'seed-002-congestion', name: 'Seed 002', description: '',
  spec: setValue(defaultSpec(), { path: 'physics.terminal_cost' }, '0.5*(x-0.7)^2'),
};

describe('parameter commands', () => {
  it('undo and redo parameter changes through the same registry the keyboard uses', () => {
    const { store, commands } = setup();
    const nu = { path: 'physics.viscosity' } as const;
    expect(commands.enabled('history.undo')).toBe(false);
    commands.execute('spec.setField', { address: nu, value: 0.02, gesture: true });
    commands.execute('spec.setField', { address: nu, value: 0.03, gesture: true });
    commands.execute('spec.endGesture');
    expect(store.getState().parameters.history.past.map((e) => e.label)).toEqual(['Viscosity']);
    const undoKey = commands.commandForKey(key('z', { ctrl: true }), 'other');
    expect(undoKey).toBe('history.undo');
    commands.execute(undoKey!);
    expect(store.getState().parameters.spec.physics.viscosity).toBe(0.01);
    const redoKey = commands.commandForKey(key('Z', { ctrl: true, shift: true }), 'range');
    expect(redoKey).toBe('history.redo');
    commands.execute(redoKey!);
    expect(store.getState().parameters.spec.physics.viscosity).toBe(0.03);
    // In a text field, Ctrl+Z belongs to the field.
    expect(commands.commandForKey(key('z', { ctrl: true }), 'text')).toBeUndefined();
  });

  it('loads a preset and resets to it', () => {
    const { store, commands } = setup();
    store.setState({ presets: [preset] });
    commands.execute('spec.loadPreset', { presetId: preset.id });
    expect(store.getState().parameters.presetId).toBe(preset.id);
    expect(commands.enabled('spec.resetToPreset')).toBe(false);
    commands.execute('spec.typeFormula', { field: 'terminal_cost', text: 'x^2' });
    expect(commands.enabled('spec.resetToPreset')).toBe(true);
    commands.execute('spec.resetToPreset');
    expect(store.getState().parameters.spec.physics.terminal_cost).toBe('0.5*(x-0.7)^2');
    expect(() => commands.execute('spec.loadPreset', { presetId: 'nope' })).toThrow(/no preset 'nope'/);
  });

  it('keeps a broken formula as a draft and the last valid one in the spec', () => {
    const { store, commands } = setup();
    commands.execute('spec.typeFormula', { field: 'potential', text: 'sin(x' });
    const { parameters } = store.getState();
    expect(parameters.spec.physics.potential).toBe('0');
    expect(parameters.drafts['physics.potential']).toMatchObject({ text: 'sin(x', position: 5 });
    // A number typed out of range is a draft too; the spec keeps its value.
    commands.execute('spec.typeNumber', { address: { path: 'time.horizon' }, text: '0' });
    expect(store.getState().parameters.spec.time.horizon).toBe(1);
    expect(store.getState().parameters.drafts['time.horizon']?.message).toBe('expected a number > 0, received 0');
  });
});

describe('time commands', () => {
  it('are disabled until a solution is shown, then move the shared cursor', () => {
    const { store, commands } = setup();
    expect(commands.execute('time.stepForward')).toBe(false);
    store.setState({
      shown: {
        key: 'live:s', source: { kind: 'live', solutionId: 's' }, title: 'Live solution', spec: defaultSpec(),
        grid: { dimension: 1, points: [100], lower: [0], upper: [1], spacing: [0.01], cell_centres: true, time_levels: 11, stored_levels: 11, store_every: 1 },
        times: new Float64Array(11), status: 'converged', message: '', iterations: 1, history: [], seconds: 0,
      },
      cursor: { levels: 11, level: 0, playing: false, loop: false, pendingMs: 0 },
    });
    commands.execute(commands.commandForKey(key('ArrowRight'), 'other')!);
    commands.execute(commands.commandForKey(key('ArrowRight'), 'other')!);
    expect(store.getState().cursor.level).toBe(2);
    commands.execute(commands.commandForKey(key('End'), 'other')!);
    expect(store.getState().cursor.level).toBe(10);
    commands.execute(commands.commandForKey(key('Home'), 'other')!);
    expect(store.getState().cursor.level).toBe(0);
    commands.execute(commands.commandForKey(key(' '), 'other')!);
    expect(store.getState().cursor.playing).toBe(true);
    // A focused slider keeps its arrows.
    expect(commands.commandForKey(key('ArrowLeft'), 'range')).toBeUndefined();
  });
});

describe('service commands', () => {
  it('are disabled while disconnected, and a failing command becomes a notice', async () => {
    const store = createAppStore();
    const failing = createCommands({
      store,
      session: {
        solveNow: () => undefined, cancelSolve: () => undefined,
        saveRun: () => Promise.reject(new Error('disk full')),
        openRun: async () => undefined, renameRun: async () => undefined, removeRun: async () => undefined,
        revealRun: async () => undefined, openDirectory: async () => undefined, refreshRuns: async () => undefined,
        updateSettings: async () => undefined,
      },
    });
    expect(failing.execute('runs.refresh')).toBe(false);
    store.setState({ connection: 'open' });
    store.setState({ shown: { source: { kind: 'live', solutionId: 's' } } as never });
    expect(failing.execute('runs.save')).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(store.getState().notice).toMatchObject({ kind: 'error', text: 'Save run failed: disk full' });
  });
});

describe('display commands', () => {
  it('undo display changes and parameter changes on one timeline, newest first', () => {
    const { store, commands } = setup();
    const nu = { path: 'physics.viscosity' } as const;
    commands.execute('spec.setField', { address: nu, value: 0.02 });
    commands.execute('display.map', { patch: { contours: 3 }, label: 'Contours' });
    commands.execute('display.volume', { patch: { mode: 'mip' }, label: 'Render mode' });
    expect(store.getState().mapDisplay.contours).toBe(3);

    commands.execute('history.undo');
    expect(store.getState().volumeDisplay.mode).toBe('composite');
    commands.execute('history.undo');
    expect(store.getState().mapDisplay.contours).toBe(6);
    expect(store.getState().parameters.spec.physics.viscosity).toBe(0.02);
    commands.execute('history.undo');
    expect(store.getState().parameters.spec.physics.viscosity).toBe(0.01);
    expect(commands.enabled('history.undo')).toBe(false);

    // Redo in the order of the changes: parameters, then the map, then the volume.
    commands.execute('history.redo');
    expect(store.getState().parameters.spec.physics.viscosity).toBe(0.02);
    expect(store.getState().mapDisplay.contours).toBe(6);
    commands.execute('history.redo');
    expect(store.getState().mapDisplay.contours).toBe(3);
    commands.execute('history.redo');
    expect(store.getState().volumeDisplay.mode).toBe('mip');
  });

  it('drops every redo when a new change is made on either side', () => {
    const { commands } = setup();
    commands.execute('display.map', { patch: { arrows: false }, label: 'Velocity arrows' });
    commands.execute('history.undo');
    expect(commands.enabled('history.redo')).toBe(true);
    commands.execute('spec.setField', { address: { path: 'physics.viscosity' }, value: 0.05 });
    expect(commands.enabled('history.redo')).toBe(false);
    commands.execute('history.undo');
    commands.execute('display.map', { patch: { contours: 2 }, label: 'Contours' });
    expect(commands.enabled('history.redo')).toBe(false);
  });

  it('merges a dragged cut into one step, and a camera reset is not a step at all', () => {
    const { store, commands } = setup();
    for (const position of [0.2, 0.3, 0.4]) commands.execute('display.map', { patch: { cut: { along: 'x', position } }, label: 'Line cut position', gesture: true });
    commands.execute('display.endGesture');
    commands.execute('display.resetCamera');
    expect(store.getState().cameraResets).toBe(1);
    expect(store.getState().displayHistory.past.map((entry) => entry.label)).toEqual(['Line cut position']);
    commands.execute('history.undo');
    expect(store.getState().mapDisplay.cut.position).toBe(0.5);
    expect(store.getState().cameraResets).toBe(1);
  });
});
