// The objects every component may reach: the store, the command registry and, once connected, the
// session (its slice cache feeds the views). Provided once by App.

import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { AppRegistry } from '../commands/commands.js';
import type { Session } from '../data/session.js';
import type { AppState, AppStore } from '../state/store.js';

export interface Workbench {
  readonly store: AppStore;
  readonly commands: AppRegistry;
  readonly session: Session | null;
}

export const WorkbenchContext = createContext<Workbench | null>(null);

export function useWorkbench(): Workbench {
  const workbench = useContext(WorkbenchContext);
  if (workbench === null) throw new Error('useWorkbench: no WorkbenchContext provider above this component');
  return workbench;
}

/** A value selected from the store; the component re-renders only when it changes. */
export function useApp<T>(selector: (state: AppState) => T): T {
  return useStore(useWorkbench().store, selector);
}

export function useCommands(): AppRegistry {
  return useWorkbench().commands;
}
