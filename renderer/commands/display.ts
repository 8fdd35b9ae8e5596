// The display commands: every change of how the 2D map and the 3D volume show the solution goes
// through here (toolbars, the line cut dragged on the map, Reset view), recorded for undo on the
// app's one timeline (undo.ts), except the camera reset, which is an action, not a choice.

import { editDisplay, type DisplayEdit, type MapDisplay, type VolumeDisplay } from '../state/display-slice.js';
import type { AppStore } from '../state/store.js';
import { command } from './registry.js';
import { dropOtherRedo } from './undo.js';

function applyDisplay(store: AppStore, edit: DisplayEdit): void {
  store.setState((state) => {
    const next = { ...state, ...editDisplay(state, edit) };
    return { ...next, ...dropOtherRedo(state, next) };
  });
}

export interface MapDisplayArgs {
  readonly patch: Partial<MapDisplay>;
  readonly label: string;
  readonly gesture?: boolean;
}

export interface VolumeDisplayArgs {
  readonly patch: Partial<VolumeDisplay>;
  readonly label: string;
  readonly gesture?: boolean;
}

const sealed = (label: string, gesture: boolean | undefined): Pick<DisplayEdit, 'label' | 'gesture'> =>
  gesture === undefined ? { label } : { label, gesture };

export const DISPLAY_COMMANDS = {
  'display.map': command<MapDisplayArgs>({
    id: 'display.map', label: 'Change the map display',
    perform: ({ store }, { patch, label, gesture }) => applyDisplay(store, { map: patch, ...sealed(label, gesture) }),
  }),
  'display.volume': command<VolumeDisplayArgs>({
    id: 'display.volume', label: 'Change the volume display',
    perform: ({ store }, { patch, label, gesture }) => applyDisplay(store, { volume: patch, ...sealed(label, gesture) }),
  }),
  'display.endGesture': command({
    id: 'display.endGesture', label: 'End display edit',
    perform: ({ store }) => store.setState((state) => (state.displayHistory.open ? { displayHistory: { ...state.displayHistory, open: false } } : state)),
  }),
  'display.resetCamera': command({
    id: 'display.resetCamera', label: 'Reset view',
    perform: ({ store }) => store.setState((state) => ({ cameraResets: state.cameraResets + 1 })),
  }),
} as const;
