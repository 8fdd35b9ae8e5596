// Saved runs: save the shown solution, the runs folder as a list (name, status, key parameters,
// date), open / rename / reveal / delete (with confirmation), and open a run directory produced
// elsewhere (by path; the contract has no native folder picker yet). A damaged run is listed with
// what is wrong with it and cannot be opened.

import { useId, useState, type FormEvent } from 'react';
import type { RunSummary } from '../../app/contract/index.js';
import { ConfirmDialog } from '../components/ConfirmDialog.js';
import { useApp, useCommands } from '../components/workbench.js';
import { formatDate, formatNumber, formatStatus } from '../model/format.js';

function SaveRunForm() {
  const commands = useCommands();
  const canSave = useApp(() => commands.enabled('runs.save'));
  const specName = useApp((s) => s.shown?.spec.name ?? '');
  const [name, setName] = useState('');
  const id = useId();
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const trimmed = name.trim();
    commands.execute('runs.save', trimmed === '' ? {} : { name: trimmed });
    setName('');
  };
  return (
    <form className="save-run" onSubmit={submit}>
      <label htmlFor={id}>Save the live solution as a run</label>
      <div className="field-row">
        <input id={id} type="text" value={name} placeholder={specName || 'run name'} maxLength={200} onChange={(event) => setName(event.target.value)} />
        <button type="submit" className="primary" disabled={!canSave}>Save run</button>
      </div>
    </form>
  );
}

function keyParameters(run: RunSummary): string {
  return Object.entries(run.keyParameters)
    .map(([key, value]) => `${key} = ${typeof value === 'number' ? formatNumber(value, 3) : String(value)}`)
    .join(' · ');
}

function RunItem({ run, onDelete }: { readonly run: RunSummary; readonly onDelete: (run: RunSummary) => void }) {
  const commands = useCommands();
  const shownRunId = useApp((s) => (s.shown?.source.kind === 'run' ? s.shown.source.runId : null));
  const opening = useApp((s) => s.opening === run.runId);
  const canReveal = useApp(() => commands.enabled('runs.reveal'));
  const [renaming, setRenaming] = useState<string | null>(null);
  const damaged = run.status === 'damaged';
  const finishRename = (): void => {
    const name = renaming?.trim() ?? '';
    if (name !== '' && name !== run.name) commands.execute('runs.rename', { runId: run.runId, name });
    setRenaming(null);
  };
  return (
    <li className={`run${damaged ? ' run-damaged' : ''}`} data-run-id={run.runId} data-status={run.status} aria-current={shownRunId === run.runId ? 'true' : undefined}>
      <div className="run-head">
        {renaming === null
          ? <strong className="run-name">{run.name}</strong>
          : (
            <input
              className="run-rename"
              aria-label={`New name for ${run.name}`}
              value={renaming}
              maxLength={200}
              autoFocus
              onChange={(event) => setRenaming(event.target.value)}
              onBlur={finishRename}
              onKeyDown={(event) => {
                if (event.key === 'Enter') finishRename();
                if (event.key === 'Escape') setRenaming(null);
              }}
            />
          )}
        <span className={`badge badge-${run.status}`}>{formatStatus(run.status)}</span>
      </div>
      {!damaged && <div className="run-params">{keyParameters(run)}</div>}
      <div className="run-meta">
        {formatDate(run.finishedAt ?? run.startedAt)}
        {run.iterations !== null && ` · ${run.iterations} iterations`}
        {run.external && ' · opened from elsewhere'}
      </div>
      {damaged && <p className="run-problem">{run.problem ?? 'The run directory cannot be read.'}</p>}
      <div className="run-actions">
        <button type="button" disabled={damaged || opening} onClick={() => commands.execute('runs.open', { runId: run.runId })}>
          {opening ? 'Opening…' : 'Open'}
        </button>
        <button type="button" disabled={damaged} onClick={() => setRenaming(run.name)}>Rename</button>
        {canReveal && <button type="button" onClick={() => commands.execute('runs.reveal', { runId: run.runId })}>Reveal in folder</button>}
        <button type="button" className="danger" onClick={() => onDelete(run)}>{run.external ? 'Forget' : 'Delete'}</button>
      </div>
      <p className="run-path" title={run.path}>{run.path}</p>
    </li>
  );
}

function OpenDirectoryForm() {
  const commands = useCommands();
  // The desktop shell has a native folder picker in its menu (capability nativeDialogs).
  const nativeDialogs = useApp((s) => s.appInfo?.capabilities.nativeDialogs === true);
  const [path, setPath] = useState('');
  const id = useId();
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (path.trim() === '') return;
    commands.execute('runs.openDirectory', { path: path.trim() });
    setPath('');
  };
  return (
    <form className="open-directory" onSubmit={submit}>
      <label htmlFor={id}>Open a run directory (e.g. one written by <code>mfg-solve</code> on a cluster)</label>
      <div className="field-row">
        <input id={id} type="text" value={path} placeholder="/path/to/run" spellCheck={false} onChange={(event) => setPath(event.target.value)} />
        <button type="submit" disabled={path.trim() === ''}>Open directory</button>
      </div>
      {nativeDialogs && <p className="field-note">Or choose the folder with File ▸ Open Run Directory… in the menu.</p>}
    </form>
  );
}

export function RunsPanel() {
  const commands = useCommands();
  const runs = useApp((s) => s.runs);
  const loaded = useApp((s) => s.runsLoaded);
  const error = useApp((s) => s.runsError);
  const folder = useApp((s) => s.settings?.runsFolder ?? '');
  const [deleting, setDeleting] = useState<RunSummary | null>(null);
  return (
    <div className="runs-panel">
      <SaveRunForm />
      <div className="runs-heading">
        <h2>Runs</h2>
        <button type="button" onClick={() => commands.execute('runs.refresh')} title="Read the runs folder again">Refresh</button>
      </div>
      {folder !== '' && <p className="runs-folder" title={folder}>in {folder}</p>}
      {error !== null && <p className="field-error" role="alert">{error}</p>}
      {loaded && runs.length === 0 && <p className="empty">No runs yet. Save the live solution to keep it.</p>}
      <ul className="runs-list" aria-label="Saved runs">
        {runs.map((run) => <RunItem key={run.runId} run={run} onDelete={setDeleting} />)}
      </ul>
      <OpenDirectoryForm />
      <ConfirmDialog
        open={deleting !== null}
        title={deleting?.external === true ? 'Forget this run?' : 'Delete this run?'}
        message={deleting === null ? '' : deleting.external
          ? `“${deleting.name}” will be removed from the list; its directory ${deleting.path} stays on disk.`
          : `“${deleting.name}” and its directory ${deleting.path} will be deleted from disk. This cannot be undone.`}
        confirmLabel={deleting?.external === true ? 'Forget run' : 'Delete run'}
        onCancel={() => setDeleting(null)}
        onConfirm={() => {
          if (deleting !== null) commands.execute('runs.remove', { runId: deleting.runId });
          setDeleting(null);
        }}
      />
    </div>
  );
}
