// Open and Save in the Model panel: a spec file (the JSON mfg-solve reads, docs/spec.md; its JSON
// Schema is assets/schema/spec.schema.json) or a session (the workspace: spec, preset, display
// options, open tab). Files go through the browser (a download, a file picker), the same in
// browser mode and in Electron.

import { useRef } from 'react';
import { useApp, useCommands, useWorkbench } from '../components/workbench.js';
import { applyWorkspace, workspaceOf } from '../data/workspace-sync.js';
import { fileNameFor, MAX_OPEN_BYTES, readOpenedFile, specFileText } from '../model/spec-file.js';
import { notify } from '../state/store.js';

function download(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = Object.assign(document.createElement('a'), { href: url, download: fileName });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function WorkspaceFiles() {
  const { store } = useWorkbench();
  const commands = useCommands();
  const name = useApp((s) => s.parameters.spec.name);
  const input = useRef<HTMLInputElement>(null);

  const open = async (file: File): Promise<void> => {
    if (file.size > MAX_OPEN_BYTES) {
      notify(store, 'error', `${file.name} is ${(file.size / 2 ** 20).toFixed(1)} MiB: a spec or a session is a few kB, expected at most 1 MiB`);
      return;
    }
    const opened = readOpenedFile(file.name, await file.text());
    if (opened.kind === 'error') notify(store, 'error', opened.message);
    else if (opened.kind === 'spec') {
      commands.execute('spec.open', { spec: opened.spec, name: file.name });
      notify(store, 'info', `Opened the spec ${file.name} (undo returns to the previous one).`);
    } else if (applyWorkspace(store, opened.workspace, store.getState().presets, `session ${file.name}`)) {
      notify(store, 'info', `Opened the session ${file.name}.`);
    }
  };

  return (
    <div className="workspace-files" role="group" aria-label="Spec and session files">
      <button type="button" onClick={() => input.current?.click()} title="Open a spec (.json, as mfg-solve reads it) or a saved session">Open…</button>
      <button type="button" onClick={() => download(fileNameFor(name, '.spec.json'), specFileText(store.getState().parameters.spec))}
        title="Save the parameters as a spec file (JSON, valid against assets/schema/spec.schema.json; mfg-solve runs it)">Save spec</button>
      <button type="button" onClick={() => download(fileNameFor(name, '.session.json'), `${JSON.stringify(workspaceOf(store.getState()), null, 1)}\n`)}
        title="Save the session: parameters, preset, display options and the open tab">Save session</button>
      <input ref={input} type="file" accept=".json,application/json" hidden aria-label="Open a spec or session file"
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (file !== undefined) void open(file);
        }} />
    </div>
  );
}
