// Commands (excalidraw's actions): every user action is a small registered object with an id, a
// label, optional key bindings and `perform`. The same registry serves the keyboard, the buttons
// and undo/redo, and commands are the only writers of parameter state.

import type { Settings } from '../../app/contract/index.js';
import type { AppState, AppStore } from '../state/store.js';
import { appMayHandle, matches, parseBinding, type Binding, type FocusKind, type KeyInput } from './keymap.js';

/** What commands need from the services (data/session.ts implements it). */
export interface SessionActions {
  solveNow(): void;
  cancelSolve(): void;
  saveRun(name?: string): Promise<void>;
  openRun(runId: string): Promise<void>;
  renameRun(runId: string, name: string): Promise<void>;
  removeRun(runId: string): Promise<void>;
  revealRun(runId: string): Promise<void>;
  openDirectory(path: string): Promise<void>;
  refreshRuns(): Promise<void>;
  updateSettings(patch: Partial<Omit<Settings, 'version'>>): Promise<void>;
}

export interface CommandContext {
  readonly store: AppStore;
  /** null until the services are connected (and in unit tests of pure commands); set once. */
  session: SessionActions | null;
}

export interface Command<A> {
  readonly id: string;
  readonly label: string;
  /** Key bindings, e.g. ["Mod+Z"]; see keymap.ts. */
  readonly keys?: readonly string[];
  /** Taken even when a text field has the focus (Save: Ctrl+S). */
  readonly global?: boolean;
  readonly enabled?: (state: AppState) => boolean;
  readonly perform: (context: CommandContext, args: A) => void | Promise<void>;
}

/** Defines a command with its argument type (void: none). */
export function command<A = void>(definition: Command<A>): Command<A> {
  return definition;
}

export type CommandTable = Readonly<Record<string, Command<never>>>;
type ArgsOf<C> = C extends Command<infer A> ? A : never;
/** No argument for Command<void>, an optional one when undefined is allowed, else a required one. */
type ArgumentList<A> = [A] extends [void] ? [] : undefined extends A ? [A?] : [A];

export interface Registry<T extends CommandTable> {
  readonly commands: T;
  /** Runs a command if it is enabled; returns whether it ran. */
  execute<K extends keyof T & string>(id: K, ...args: ArgumentList<ArgsOf<T[K]>>): boolean;
  enabled(id: keyof T & string): boolean;
  /** The command a key press triggers (no-argument commands only), given where the focus is. */
  commandForKey(event: KeyInput, focus: FocusKind): (keyof T & string) | undefined;
}

export function createRegistry<T extends CommandTable>(commands: T, context: CommandContext): Registry<T> {
  const bindings: { id: keyof T & string; binding: Binding; global: boolean }[] = [];
  for (const [id, definition] of Object.entries(commands)) {
    for (const text of definition.keys ?? []) bindings.push({ id, binding: parseBinding(text), global: definition.global === true });
  }
  const isEnabled = (id: keyof T & string): boolean => {
    const definition = commands[id];
    if (definition === undefined) throw new Error(`unknown command '${id}'`);
    return definition.enabled === undefined || definition.enabled(context.store.getState());
  };
  return {
    commands,
    execute(id, ...args) {
      if (!isEnabled(id)) return false;
      const definition = commands[id] as Command<unknown>;
      const done = definition.perform(context, args[0]);
      if (done instanceof Promise) done.catch((error: unknown) => reportFailure(context.store, definition.label, error));
      return true;
    },
    enabled: isEnabled,
    commandForKey(event, focus) {
      const found = bindings.find(({ binding, global }) => matches(binding, event) && appMayHandle(binding, focus, global));
      return found?.id;
    },
  };
}

/** A command that throws is a bug; the user gets a notice instead of an unhandled rejection. */
function reportFailure(store: AppStore, label: string, error: unknown): void {
  const text = `${label} failed: ${error instanceof Error ? error.message : String(error)}`;
  store.setState((state) => ({ notice: { id: (state.notice?.id ?? 0) + 1, kind: 'error', text } }));
}
