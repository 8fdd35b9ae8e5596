// Keeps the workspace (app/contract/workspace.ts) in step with the store: restored once at start
// (before the first solve, so the restored problem is the one solved), then saved a moment after
// each change of what it holds (the spec, the preset, the display options, the sidebar tab).
// The services keep it in the config folder, so it survives reloads and restarts of the server.

import type { Preset, Workspace } from '../../app/contract/index.js';
import type { Disposable } from '../../app/rpc/index.js';
import { createParameters } from '../model/parameters.js';
import { fromWorkspace, toWorkspace } from '../model/workspace.js';
import { initialDisplaySlice } from '../state/display-slice.js';
import { notify, type AppState, type AppStore } from '../state/store.js';
import type { Services } from './services.js';

/** Wait after the last change before saving (a slider drag saves once, at its end). */
const SAVE_DELAY_MS = 400;

export function workspaceOf(state: AppState): Workspace {
  return toWorkspace({
    spec: state.parameters.spec, presetId: state.parameters.presetId, map: state.mapDisplay, volume: state.volumeDisplay,
    sidebarTab: state.sidebarTab,
  });
}

/**
 * Puts a workspace document into the store: the spec as the current parameters (with "reset to
 * preset" still going back to its preset when that preset exists), the display and the tab.
 * Returns false, with a notice, when its spec does not validate.
 */
export function applyWorkspace(store: AppStore, workspace: Workspace, presets: readonly Preset[], what: string): boolean {
  const defaults = initialDisplaySlice();
  const restored = fromWorkspace(workspace, { map: defaults.mapDisplay, volume: defaults.volumeDisplay });
  if (!restored.ok) {
    const first = restored.issues[0];
    notify(store, 'error', `The ${what} could not be restored: ${first === undefined ? 'invalid spec' : `${first.path}: ${first.message}`}`);
    return false;
  }
  const { spec, presetId, map, volume, sidebarTab } = restored.value;
  const preset = presets.find((candidate) => candidate.id === presetId);
  const base = createParameters(preset?.spec ?? spec, preset === undefined ? null : preset.id);
  store.setState({ parameters: { ...base, spec }, mapDisplay: map, volumeDisplay: volume, sidebarTab });
  return true;
}

/** Restores the saved workspace, if any; true when it was. */
export async function restoreWorkspace(store: AppStore, services: Services, presets: readonly Preset[]): Promise<boolean> {
  const saved = await services.workspace.get();
  if (!saved.ok || saved.value === null) return false;
  return applyWorkspace(store, saved.value, presets, 'last workspace');
}

/** Saves the workspace after changes; dispose stops it (a pending save is still sent). */
export function autosaveWorkspace(store: AppStore, services: Services): Disposable {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const keyOf = (s: AppState) => [s.parameters.spec, s.parameters.presetId, s.mapDisplay, s.volumeDisplay, s.sidebarTab] as const;
  let last = keyOf(store.getState());
  const save = (): void => {
    timer = undefined;
    void services.workspace.save(workspaceOf(store.getState()));
  };
  const unsubscribe = store.subscribe((state) => {
    const key = keyOf(state);
    if (key.every((part, i) => part === last[i])) return;
    last = key;
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(save, SAVE_DELAY_MS);
  });
  return {
    dispose: () => {
      unsubscribe();
      if (timer !== undefined) {
        clearTimeout(timer);
        save();
      }
    },
  };
}
