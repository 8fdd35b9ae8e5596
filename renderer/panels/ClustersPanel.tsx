// Clusters (issue 6), a minimal panel over the `clusters` service: add a profile, connect (an
// unknown host key is shown with its fingerprint and accepted only by a click), answer
// keyboard-interactive prompts (hidden input where the server asks), submit the shown spec or a
// sweep over one parameter, and watch jobs change state. Finished runs appear in the Runs tab.

import { useEffect, useState, type FormEvent } from 'react';
import { isFinalJobState, type AuthPrompt, type ClusterProfile, type HostKeyReport, type JobRecord } from '../../app/contract/index.js';
import { useApp, useWorkbench } from '../components/workbench.js';
import type { Services } from '../data/services.js';

type Clusters = Services['clusters'];

function finished(job: JobRecord): boolean {
  return job.tasks.every((t) => isFinalJobState(t.state) && (t.state !== 'completed' || t.localRunDir !== undefined));
}

/** A desktop notification where the user allowed them (Electron, or the browser's permission). */
function announce(job: JobRecord): void {
  const done = job.tasks.filter((t) => t.state === 'completed').length;
  if (typeof Notification !== 'undefined' && Notification.permission === 'granted') {
    new Notification(`${job.name}: finished`, { body: `${done} of ${job.tasks.length} task(s) completed on ${job.cluster}` });
  }
}

function useClusterData(clusters: Clusters) {
  const [profiles, setProfiles] = useState<ClusterProfile[]>([]);
  const [jobs, setJobs] = useState<JobRecord[]>([]);
  const [prompt, setPrompt] = useState<AuthPrompt | null>(null);
  const [message, setMessage] = useState('');
  useEffect(() => {
    void clusters.profiles().then((r) => r.ok && setProfiles(r.value));
    void clusters.jobs().then((r) => r.ok && setJobs(r.value));
    const subscriptions = [
      clusters.onDidChangeJobs(({ jobs: list }) => setJobs((previous) => {
        for (const job of list) if (finished(job) && !previous.some((p) => p.id === job.id && finished(p))) announce(job);
        return list;
      })),
      clusters.onDidPrompt((next) => setPrompt(next)),
    ];
    return () => subscriptions.forEach((s) => s.dispose());
  }, [clusters]);
  const reloadProfiles = () => void clusters.profiles().then((r) => r.ok && setProfiles(r.value));
  return { profiles, jobs, prompt, setPrompt, message, setMessage, reloadProfiles };
}

const PROFILE_FIELDS = [
  ['alias', 'Alias'], ['host', 'Host (ssh alias or name)'], ['port', 'Port'], ['user', 'User'], ['identityFile', 'Identity file'],
  ['knownHostsFile', 'known_hosts file'], ['workDir', 'Remote work directory'], ['solverPath', 'mfg-solve on the cluster (empty: build it there)'],
  ['pollSeconds', 'Poll every (seconds)'],
] as const;

function AddProfile({ clusters, onSaved, onMessage }: { clusters: Clusters; onSaved: () => void; onMessage: (text: string) => void }) {
  const [values, setValues] = useState<Record<string, string>>({});
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const { solverPath, port, pollSeconds, ...rest } = values;
    const profile = Object.fromEntries(Object.entries(rest).filter(([, v]) => v.trim() !== ''));
    void clusters.saveProfile({
      ...profile, ...(port ? { port: Number(port) } : {}), ...(pollSeconds ? { pollSeconds: Number(pollSeconds) } : {}),
      solver: solverPath ? { kind: 'path', path: solverPath } : { kind: 'build' },
    }).then((r) => {
      onMessage(r.ok ? `Saved ${r.value.alias}.` : r.error.message);
      if (r.ok) onSaved();
    });
  };
  return (
    <form className="field cluster-add" onSubmit={submit}>
      <strong>Add a cluster</strong>
      {PROFILE_FIELDS.map(([key, label]) => (
        <label key={key} className="field-row">
          <span>{label}</span>
          <input type="text" spellCheck={false} aria-label={label} value={values[key] ?? ''} onChange={(e) => setValues({ ...values, [key]: e.target.value })} />
        </label>
      ))}
      <button type="submit" className="primary">Save cluster</button>
    </form>
  );
}

function Connect({ clusters, profile, onMessage }: { clusters: Clusters; profile: ClusterProfile; onMessage: (text: string) => void }) {
  const [hostKey, setHostKey] = useState<HostKeyReport | null>(null);
  const show = (r: Awaited<ReturnType<Clusters['connect']>>): void => {
    if (!r.ok) return onMessage(r.error.message);
    onMessage(r.value.message);
    setHostKey(r.value.hostKey?.status === 'unknown' ? r.value.hostKey : null);
  };
  return (
    <li className="cluster" data-cluster={profile.alias}>
      <strong>{profile.alias}</strong> <span>{profile.scheduler} · {profile.host}</span>
      <button type="button" onClick={() => void clusters.connect(profile.alias).then(show)}>Connect</button>
      {hostKey !== null && (
        <div className="host-key" role="alert">
          <p>Unknown host key of {hostKey.host}:{hostKey.port}: {hostKey.keyType} <code data-testid="fingerprint">{hostKey.fingerprint}</code>. Check it with your cluster&apos;s admins.</p>
          <button type="button" onClick={() => void clusters.acceptHostKey(profile.alias, hostKey.fingerprint).then(show)}>Accept this key</button>
        </div>
      )}
    </li>
  );
}

function PromptForm({ clusters, prompt, onDone }: { clusters: Clusters; prompt: AuthPrompt; onDone: () => void }) {
  const [answers, setAnswers] = useState<string[]>(prompt.prompts.map(() => ''));
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    void clusters.answerPrompt(prompt.promptId, answers).then(onDone);
  };
  return (
    <form className="field auth-prompt" onSubmit={submit}>
      <strong>{prompt.cluster}: {prompt.name || 'authentication'}</strong>
      {prompt.instructions && <p>{prompt.instructions}</p>}
      {prompt.prompts.map((p, i) => (
        <label key={i} className="field-row"><span>{p.prompt}</span>
          <input type={p.echo ? 'text' : 'password'} aria-label={p.prompt} value={answers[i] ?? ''} onChange={(e) => setAnswers(answers.map((a, j) => (j === i ? e.target.value : a)))} />
        </label>
      ))}
      <button type="submit" className="primary">Answer</button>
    </form>
  );
}

function Submit({ clusters, profiles, onMessage }: { clusters: Clusters; profiles: ClusterProfile[]; onMessage: (text: string) => void }) {
  const spec = useApp((s) => s.shown?.spec ?? null);
  const [alias, setAlias] = useState('');
  const [path, setPath] = useState('');
  const [values, setValues] = useState('');
  const [cap, setCap] = useState('');
  const [script, setScript] = useState<string | null>(null);
  const description = () => {
    if (spec === null) return null;
    const list = values.split(',').map((v) => v.trim()).filter((v) => v !== '').map((v) => (Number.isFinite(Number(v)) ? Number(v) : v));
    const sweep = path.trim() !== '' && list.length > 0 ? { kind: 'grid' as const, axes: [{ path: path.trim(), values: list }] } : undefined;
    return { name: spec.name, spec, ...(sweep ? { sweep } : {}), ...(cap ? { concurrency: Number(cap) } : {}) };
  };
  const target = (): string => alias || profiles[0]?.alias || '';
  const preview = (): void => {
    const job = description();
    if (job === null) return onMessage('Solve or open a problem first: the shown spec is what gets submitted.');
    void clusters.preview(target(), job).then((r) => (r.ok ? setScript(r.value.script) : onMessage(r.error.message)));
  };
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const job = description();
    if (job === null) return onMessage('Solve or open a problem first: the shown spec is what gets submitted.');
    // Ask once, on this click (browsers allow the question only after a user gesture).
    if (typeof Notification !== 'undefined' && Notification.permission === 'default') void Notification.requestPermission();
    // An edited preview is submitted as it stands.
    void clusters.submit(target(), job, ...(script === null ? [] : [script]))
      .then((r) => onMessage(r.ok ? `Submitted ${r.value.id} (${r.value.tasks.length} task${r.value.tasks.length === 1 ? '' : 's'}).` : r.error.message));
    setScript(null);
  };
  return (
    <form className="field cluster-submit" onSubmit={submit}>
      <strong>Submit the shown spec</strong>
      <label className="field-row"><span>Cluster</span>
        <select aria-label="Cluster" value={alias} disabled={profiles.length === 0} onChange={(e) => setAlias(e.target.value)}>
          {profiles.length === 0 && <option value="">(no cluster yet)</option>}
          {profiles.map((p) => <option key={p.alias} value={p.alias}>{p.alias}</option>)}
        </select>
      </label>
      {profiles.length === 0 && (
        <p className="field-note" role="note">Add a cluster above (an ssh alias, a work folder and the solver there) to submit runs; docs/clusters.md says how.</p>
      )}
      <label className="field-row"><span>Sweep parameter</span><input type="text" aria-label="Sweep parameter" placeholder="physics.coupling.strength" value={path} onChange={(e) => setPath(e.target.value)} /></label>
      <label className="field-row"><span>Values</span><input type="text" aria-label="Sweep values" placeholder="0.25, 0.5" value={values} onChange={(e) => setValues(e.target.value)} /></label>
      <label className="field-row"><span>At most at once</span><input type="number" min={1} aria-label="Concurrency cap" value={cap} onChange={(e) => setCap(e.target.value)} /></label>
      {script !== null && <textarea className="job-script" aria-label="Job script" rows={12} spellCheck={false} value={script} onChange={(e) => setScript(e.target.value)} />}
      <div className="field-row">
        <button type="button" disabled={profiles.length === 0} onClick={preview}>Preview script</button>
        <button type="submit" className="primary" disabled={profiles.length === 0}>Submit</button>
      </div>
    </form>
  );
}

function TaskItem({ clusters, job, task }: { clusters: Clusters; job: JobRecord; task: JobRecord['tasks'][number] }) {
  const [log, setLog] = useState<string | null>(null);
  const showLog = (): void => void clusters.tail(job.id, task.index, 8192).then((r) => setLog(r.ok ? r.value.text : r.error.message));
  return (
    <li className={`badge badge-${task.state}`} data-state={task.state} title={task.reason ?? ''}>
      {task.index}: {task.state}{task.reason ? ` (${task.reason})` : ''}{task.localRunDir ? ' · in the runs list' : ''}
      <button type="button" className="link" onClick={showLog}>Log</button>
      {log !== null && <pre className="job-log" aria-label={`Log of task ${task.index}`}>{log || '(empty)'}</pre>}
    </li>
  );
}

function Jobs({ clusters, jobs }: { clusters: Clusters; jobs: JobRecord[] }) {
  return (
    <ul className="jobs" aria-label="Jobs">
      {jobs.map((job) => (
        <li key={job.id} className="job" data-job-id={job.id}>
          <strong>{job.name}</strong> <span>{job.cluster} · {job.schedulerId ?? 'submitting'}</span>
          <ol className="job-tasks">
            {job.tasks.map((task) => <TaskItem key={task.index} clusters={clusters} job={job} task={task} />)}
          </ol>
          {job.problem && <p className="field-note">{job.problem}</p>}
          <button type="button" onClick={() => void clusters.cancel(job.id)}>Cancel</button>
        </li>
      ))}
    </ul>
  );
}

export function ClustersPanel() {
  const { session } = useWorkbench();
  if (session === null) return <p>Connecting to the workbench…</p>;
  return <ClustersView clusters={session.services.clusters} />;
}

function ClustersView({ clusters }: { clusters: Clusters }) {
  const data = useClusterData(clusters);
  return (
    <div className="clusters-panel">
      {data.message && <p className="field-note" role="status">{data.message}</p>}
      {data.prompt && <PromptForm clusters={clusters} prompt={data.prompt} onDone={() => data.setPrompt(null)} />}
      <ul className="clusters">{data.profiles.map((p) => <Connect key={p.alias} clusters={clusters} profile={p} onMessage={data.setMessage} />)}</ul>
      <Submit clusters={clusters} profiles={data.profiles} onMessage={data.setMessage} />
      <Jobs clusters={clusters} jobs={data.jobs} />
      <AddProfile clusters={clusters} onSaved={data.reloadProfiles} onMessage={data.setMessage} />
    </div>
  );
}
