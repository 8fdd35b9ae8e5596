// The workbench window: toolbar, a sidebar with the model, runs and settings, the linked views with
// their time bar, and the status bar. Keyboard shortcuts go through the command registry.

import { useEffect, useId } from 'react';
import type { FocusKind } from './commands/keymap.js';
import { useApp, useCommands, useWorkbench, WorkbenchContext, type Workbench } from './components/workbench.js';
import { ClustersPanel } from './panels/ClustersPanel.js';
import { ModelPanel } from './panels/ModelPanel.js';
import { NoticeToast } from './panels/NoticeToast.js';
import { RunsPanel } from './panels/RunsPanel.js';
import { SettingsPanel } from './panels/SettingsPanel.js';
import { HelpDialog } from './panels/HelpDialog.js';
import { StatusBar } from './panels/StatusBar.js';
import { TimeBar } from './panels/TimeBar.js';
import { Toolbar } from './panels/Toolbar.js';
import type { SidebarTab } from './state/ui-slice.js';
import { Views } from './viewers/Views.js';

const TABS: readonly { id: SidebarTab; label: string }[] = [
  { id: 'model', label: 'Model' },
  { id: 'runs', label: 'Runs' },
  { id: 'clusters', label: 'Clusters' },
  { id: 'settings', label: 'Settings' },
];

/** What kind of element has the focus, as far as shortcuts care (see commands/keymap.ts). */
function focusKind(target: EventTarget | null): FocusKind {
  if (!(target instanceof HTMLElement)) return 'other';
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return 'text';
  if (target instanceof HTMLInputElement) {
    if (target.type === 'range') return 'range';
    if (['checkbox', 'radio', 'button', 'submit', 'reset'].includes(target.type)) return 'button';
    return 'text';
  }
  if (target instanceof HTMLButtonElement || target instanceof HTMLAnchorElement || target.tagName === 'SUMMARY') return 'button';
  return 'other';
}

function useShortcuts(): void {
  const commands = useCommands();
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.defaultPrevented || event.isComposing || document.querySelector('dialog[open]') !== null) return;
      const id = commands.commandForKey(event, focusKind(event.target));
      if (id !== undefined && commands.execute(id)) event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [commands]);
}

function Sidebar() {
  const commands = useCommands();
  const tab = useApp((s) => s.sidebarTab);
  const id = useId();
  const select = (next: SidebarTab): void => {
    commands.execute('ui.showTab', { tab: next });
  };
  const onKeyDown = (event: React.KeyboardEvent): void => {
    const index = TABS.findIndex((t) => t.id === tab);
    const step = event.key === 'ArrowDown' || event.key === 'ArrowRight' ? 1 : event.key === 'ArrowUp' || event.key === 'ArrowLeft' ? -1 : 0;
    if (step === 0) return;
    event.preventDefault();
    event.stopPropagation();
    const next = TABS[(index + step + TABS.length) % TABS.length];
    if (next !== undefined) {
      select(next.id);
      document.getElementById(`${id}-${next.id}-tab`)?.focus();
    }
  };
  return (
    <aside className="sidebar">
      <div className="tabs" role="tablist" aria-label="Sidebar" onKeyDown={onKeyDown}>
        {TABS.map((t) => (
          <button
            key={t.id}
            id={`${id}-${t.id}-tab`}
            type="button"
            role="tab"
            aria-selected={tab === t.id}
            aria-controls={`${id}-${t.id}-panel`}
            tabIndex={tab === t.id ? 0 : -1}
            onClick={() => select(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div className="tab-panel" role="tabpanel" id={`${id}-${tab}-panel`} aria-labelledby={`${id}-${tab}-tab`}>
        {tab === 'model' && <ModelPanel />}
        {tab === 'runs' && <RunsPanel />}
        {tab === 'clusters' && <ClustersPanel />}
        {tab === 'settings' && <SettingsPanel />}
      </div>
    </aside>
  );
}

function Layout() {
  useShortcuts();
  const { session } = useWorkbench();
  return (
    <div className="app">
      <Toolbar />
      <Sidebar />
      <main className="main">
        {session === null ? <div className="views views-waiting"><p>Connecting to the workbench…</p></div> : <Views />}
        <TimeBar />
      </main>
      <StatusBar />
      <NoticeToast />
      <HelpDialog />
    </div>
  );
}

export function App({ workbench }: { readonly workbench: Workbench }) {
  return (
    <WorkbenchContext.Provider value={workbench}>
      <Layout />
    </WorkbenchContext.Provider>
  );
}
