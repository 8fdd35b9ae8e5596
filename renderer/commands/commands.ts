// The app's commands. Parameter commands change `parameters` (pure functions of model/parameters.ts)
// and the session re-solves when the spec changes; time commands move the shared cursor; run and
// settings commands call the session.

import {
  BOOLEAN_FIELDS, ENUM_FIELDS, FORMULA_FIELDS, NUMERIC_FIELDS, TEXT_FIELDS,
  type FormulaField, type MfgSpec, type NumericFieldPath, type Settings,
} from '../../app/contract/index.js';
import {
  createParameters, editField, editFormulaText, editNumberText, isModified, loadSpec, resetToBaseline, sealGesture,
} from '../model/parameters.js';
import type { FieldAddress } from '../model/spec-path.js';
import { goEnd, goHome, setLevel, setLoop, stepBy, togglePlaying } from '../model/time-cursor.js';
import type { AppState, AppStore } from '../state/store.js';
import type { SidebarTab } from '../state/ui-slice.js';
import { DISPLAY_COMMANDS } from './display.js';
import { command, createRegistry, type CommandContext } from './registry.js';
import { canRedoAny, canUndoAny, dropOtherRedo, redoAny, undoAny } from './undo.js';

function labelOf(address: FieldAddress): string {
  const path = address.path;
  if (path in NUMERIC_FIELDS) return NUMERIC_FIELDS[path as NumericFieldPath].label;
  if (path in ENUM_FIELDS) {
    const label = ENUM_FIELDS[path as keyof typeof ENUM_FIELDS].label;
    return address.side === undefined ? label : `${label} (${address.side})`;
  }
  if (path in BOOLEAN_FIELDS) return BOOLEAN_FIELDS[path as keyof typeof BOOLEAN_FIELDS].label;
  if (path === 'domain.obstacle') return FORMULA_FIELDS.obstacle.label;
  if (path.startsWith('physics.')) return FORMULA_FIELDS[path.slice('physics.'.length) as FormulaField].label;
  return TEXT_FIELDS[path as keyof typeof TEXT_FIELDS].label;
}

const updateParameters = (store: AppStore, update: (state: AppState) => AppState['parameters']): void => {
  store.setState((state) => {
    const parameters = update(state);
    if (parameters === state.parameters) return state;
    return { parameters, ...dropOtherRedo(state, { ...state, parameters }) };
  });
};

const moveCursor = (store: AppStore, update: (cursor: AppState['cursor']) => AppState['cursor']): void => {
  store.setState((state) => {
    const cursor = update(state.cursor);
    return cursor === state.cursor ? state : { cursor };
  });
};

const hasShown = (state: AppState): boolean => state.shown !== null && state.cursor.levels > 0;
const live = (context: CommandContext) => context.session;

export interface SetFieldArgs {
  readonly address: FieldAddress;
  readonly value: unknown;
  /** Part of a gesture (a slider drag): merges into one undo step until sealed. */
  readonly gesture?: boolean;
}

export const COMMANDS = {
  // --- parameters ---------------------------------------------------------------------------
  'spec.setField': command<SetFieldArgs>({
    id: 'spec.setField', label: 'Set parameter',
    perform: ({ store }, { address, value, gesture }) => updateParameters(store, (s) =>
      editField(s.parameters, address, value, { label: labelOf(address), coalesce: gesture === true })),
  }),
  'spec.typeNumber': command<{ address: FieldAddress & { path: NumericFieldPath }; text: string }>({
    id: 'spec.typeNumber', label: 'Type a number',
    perform: ({ store }, { address, text }) => updateParameters(store, (s) =>
      sealGesture(editNumberText(s.parameters, address, text, { label: labelOf(address) }))),
  }),
  'spec.typeFormula': command<{ field: FormulaField; text: string }>({
    id: 'spec.typeFormula', label: 'Edit formula',
    perform: ({ store }, { field, text }) => updateParameters(store, (s) =>
      editFormulaText(s.parameters, field, text, { label: FORMULA_FIELDS[field].label })),
  }),
  'spec.endGesture': command({
    id: 'spec.endGesture', label: 'End edit',
    perform: ({ store }) => updateParameters(store, (s) => sealGesture(s.parameters)),
  }),
  'spec.loadPreset': command<{ presetId: string }>({
    id: 'spec.loadPreset', label: 'Load preset',
    perform: ({ store }, { presetId }) => {
      const preset = store.getState().presets.find((p) => p.id === presetId);
      if (preset === undefined) throw new Error(`no preset '${presetId}'`);
      updateParameters(store, (s) => loadSpec(s.parameters, preset.spec, preset.id, `Load preset ${preset.name}`));
    },
  }),
  'spec.initialise': command<{ presetId: string }>({
    id: 'spec.initialise', label: 'Start from preset',
    perform: ({ store }, { presetId }) => {
      const preset = store.getState().presets.find((p) => p.id === presetId);
      if (preset === undefined) throw new Error(`no preset '${presetId}'`);
      // The first problem of a session is where undo stops, not a step to undo.
      store.setState({ parameters: createParameters(preset.spec, preset.id) });
    },
  }),
  'spec.resetToPreset': command({
    id: 'spec.resetToPreset', label: 'Reset to preset',
    enabled: (s) => isModified(s.parameters) || Object.keys(s.parameters.drafts).length > 0,
    perform: ({ store }) => updateParameters(store, (s) => resetToBaseline(s.parameters)),
  }),
  'spec.open': command<{ spec: MfgSpec; name: string }>({
    id: 'spec.open', label: 'Open spec',
    perform: ({ store }, { spec, name }) => updateParameters(store, (s) => loadSpec(s.parameters, spec, null, `Open ${name}`)),
  }),
  'spec.useShownParameters': command({
    id: 'spec.useShownParameters', label: 'Edit these parameters',
    enabled: (s) => s.shown !== null && s.shown.source.kind === 'run',
    perform: ({ store }) => {
      const shown = store.getState().shown;
      if (shown === null) return;
      updateParameters(store, (s) => loadSpec(s.parameters, shown.spec, null, `Parameters of ${shown.title}`));
    },
  }),
  'history.undo': command({
    id: 'history.undo', label: 'Undo', keys: ['Mod+Z'],
    enabled: canUndoAny,
    perform: ({ store }) => undoAny(store),
  }),
  'history.redo': command({
    id: 'history.redo', label: 'Redo', keys: ['Shift+Mod+Z', 'Mod+Y'],
    enabled: canRedoAny,
    perform: ({ store }) => redoAny(store),
  }),
  ...DISPLAY_COMMANDS,

  // --- time cursor --------------------------------------------------------------------------
  'time.togglePlay': command({
    id: 'time.togglePlay', label: 'Play / pause', keys: ['Space'], enabled: hasShown,
    perform: ({ store }) => moveCursor(store, togglePlaying),
  }),
  'time.stepForward': command({
    id: 'time.stepForward', label: 'Next time step', keys: ['ArrowRight'], enabled: hasShown,
    perform: ({ store }) => moveCursor(store, (c) => stepBy(c, 1)),
  }),
  'time.stepBack': command({
    id: 'time.stepBack', label: 'Previous time step', keys: ['ArrowLeft'], enabled: hasShown,
    perform: ({ store }) => moveCursor(store, (c) => stepBy(c, -1)),
  }),
  'time.home': command({
    id: 'time.home', label: 'First time step', keys: ['Home'], enabled: hasShown,
    perform: ({ store }) => moveCursor(store, goHome),
  }),
  'time.end': command({
    id: 'time.end', label: 'Last time step', keys: ['End'], enabled: hasShown,
    perform: ({ store }) => moveCursor(store, goEnd),
  }),
  'time.setLevel': command<{ level: number }>({
    id: 'time.setLevel', label: 'Go to time step', enabled: hasShown,
    perform: ({ store }, { level }) => moveCursor(store, (c) => ({ ...setLevel(c, level), playing: false })),
  }),
  'time.setLoop': command<{ loop: boolean }>({
    id: 'time.setLoop', label: 'Loop playback',
    perform: ({ store }, { loop }) => moveCursor(store, (c) => setLoop(c, loop)),
  }),

  // --- solving ------------------------------------------------------------------------------
  'solve.now': command({
    id: 'solve.now', label: 'Solve now', keys: ['Mod+Enter'], global: true,
    enabled: (s) => s.connection === 'open',
    perform: (context) => live(context)?.solveNow(),
  }),
  'solve.cancel': command({
    id: 'solve.cancel', label: 'Stop solving', keys: ['Escape'],
    enabled: (s) => s.solve.phase === 'solving',
    perform: (context) => live(context)?.cancelSolve(),
  }),

  // --- runs ---------------------------------------------------------------------------------
  'runs.save': command<{ name?: string } | undefined>({
    id: 'runs.save', label: 'Save run', keys: ['Mod+S'], global: true,
    enabled: (s) => s.shown !== null && s.shown.source.kind === 'live' && s.connection === 'open',
    perform: (context, args) => live(context)?.saveRun(args?.name),
  }),
  'runs.open': command<{ runId: string }>({
    id: 'runs.open', label: 'Open run', enabled: (s) => s.connection === 'open',
    perform: (context, { runId }) => live(context)?.openRun(runId),
  }),
  'runs.rename': command<{ runId: string; name: string }>({
    id: 'runs.rename', label: 'Rename run', enabled: (s) => s.connection === 'open',
    perform: (context, { runId, name }) => live(context)?.renameRun(runId, name),
  }),
  'runs.remove': command<{ runId: string }>({
    id: 'runs.remove', label: 'Delete run', enabled: (s) => s.connection === 'open',
    perform: (context, { runId }) => live(context)?.removeRun(runId),
  }),
  'runs.reveal': command<{ runId: string }>({
    id: 'runs.reveal', label: 'Reveal in folder',
    enabled: (s) => s.appInfo?.capabilities.revealInFolder === true && s.connection === 'open',
    perform: (context, { runId }) => live(context)?.revealRun(runId),
  }),
  'runs.openDirectory': command<{ path: string }>({
    id: 'runs.openDirectory', label: 'Open run directory', enabled: (s) => s.connection === 'open',
    perform: (context, { path }) => live(context)?.openDirectory(path),
  }),
  'runs.refresh': command({
    id: 'runs.refresh', label: 'Refresh runs', enabled: (s) => s.connection === 'open',
    perform: (context) => live(context)?.refreshRuns(),
  }),

  // --- settings and ui ----------------------------------------------------------------------
  'settings.update': command<Partial<Omit<Settings, 'version'>>>({
    id: 'settings.update', label: 'Change settings', enabled: (s) => s.connection === 'open',
    perform: (context, patch) => live(context)?.updateSettings(patch),
  }),
  'ui.showTab': command<{ tab: SidebarTab }>({
    id: 'ui.showTab', label: 'Show panel',
    perform: ({ store }, { tab }) => store.setState({ sidebarTab: tab }),
  }),
  'help.open': command({
    id: 'help.open', label: 'Help: equations, formulas, shortcuts', keys: ['F1'], global: true,
    perform: ({ store }) => store.setState({ helpOpen: true }),
  }),
  'help.openWithQuestionMark': command({
    id: 'help.openWithQuestionMark', label: 'Help', keys: ['Shift+?'],
    perform: ({ store }) => store.setState({ helpOpen: true }),
  }),
  'help.close': command({
    id: 'help.close', label: 'Close help', perform: ({ store }) => store.setState({ helpOpen: false }),
  }),
  'ui.dismissNotice': command({
    id: 'ui.dismissNotice', label: 'Dismiss', perform: ({ store }) => store.setState({ notice: null }),
  }),
} as const;

export type AppCommands = typeof COMMANDS;
export type CommandId = keyof AppCommands;

export function createCommands(context: CommandContext) {
  return createRegistry(COMMANDS, context);
}

export type AppRegistry = ReturnType<typeof createCommands>;
