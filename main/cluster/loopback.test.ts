// Against real parts started here: sshd on 127.0.0.1 and a single-node SLURM (munge, slurmctld,
// slurmd), reached through ssh2 exactly as a user's cluster would be. Without root or the packages
// this suite skips loudly, and fails in CI (process.env.CI), where .ci/run installs them.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok, type AuthPrompt, type JobDescriptionInput, type MfgSpec, type Result } from '../../app/contract/index.js';
import { ExternalRunIndex } from '../runs/external-runs.js';
import { RunStore } from '../runs/run-store.js';
import { ZarrReader } from '../runs/zarr-reader.js';
import { removeDir, SEED_PRESET, seedSpec, tempDir } from '../testing/fixtures.js';
import { runMfgw } from '../cli/run.js';
import type { CliIo } from '../cli/io.js';
import { toDisposable } from '../../app/rpc/disposable.js';
import { loopbackUnavailable, startLoopbackCluster, type LoopbackCluster } from '../testing/loopback-cluster.js';
import { ClusterManager } from './cluster-manager.js';
import { corpusWithMarker } from './injection-corpus.js';
import { shellCommand, shellQuote } from './quote.js';
import { remoteSolver, sourceHash } from './remote-build.js';
import { SlurmExecutor } from './slurm-executor.js';
import { resolveHost } from './ssh-config.js';
import { expandTasks } from './sweep.js';
import { replacingStream } from './fetch-testing.js';
import { differingChunks, loopbackProfile, solveLocally, waitForJob } from './testing-helpers.js';
import type { RemoteTransport } from './transport.js';

const unavailable = loopbackUnavailable();
if (unavailable !== undefined) {
  if (process.env.CI) throw new Error(`the loopback cluster must run in CI but cannot: ${unavailable}`);
  console.warn(`\n!!! SKIPPING the loopback cluster tests: ${unavailable}\n`);
}

const quiet = { warn: () => undefined };

describe.skipIf(unavailable !== undefined)('a real sshd + SLURM on loopback', () => {
  let cluster: LoopbackCluster;
  let scratch: string;
  let manager: ClusterManager;
  const configDir = (): string => join(scratch, 'config');
  const runsDir = (): string => join(scratch, 'runs');
  const open = () => ClusterManager.open({ configDir: configDir(), runsFolder: runsDir, logger: quiet });

  beforeAll(async () => {
    scratch = tempDir('cluster-it');
    cluster = await startLoopbackCluster();
    manager = await open();
    const saved = await manager.saveProfile(loopbackProfile(cluster));
    expect(saved.ok).toBe(true);
  });

  afterAll(async () => {
    manager?.dispose();
    await cluster?.stop();
    removeDir(scratch);
  });

  it('reports the unknown host key with its SHA256 fingerprint, and connects only after the user accepts that key', async () => {
    const first = await manager.connect('loop');
    if (!first.ok) throw new Error(first.error.message);
    expect(first.value.connected).toBe(false);
    const keygen = spawnSync('ssh-keygen', ['-lf', '-'], { input: cluster.hostPublicKey, encoding: 'utf8' }).stdout.split(' ')[1];
    expect(first.value.hostKey).toMatchObject({ status: 'unknown', keyType: 'ssh-ed25519', fingerprint: keygen, port: cluster.sshPort });
    expect(readFileSync(cluster.knownHosts, 'utf8')).toBe('');
    const wrong = await manager.acceptHostKey('loop', 'SHA256:not-the-one-shown');
    expect(!wrong.ok && wrong.error.message).toMatch(/expected the fingerprint that was shown/);
    const accepted = await manager.acceptHostKey('loop', keygen ?? '');
    expect(accepted.ok && accepted.value.connected).toBe(true);
    expect(readFileSync(cluster.knownHosts, 'utf8')).toContain(cluster.hostPublicKey);
  });

  it('detects the partitions, their limits, the SLURM version and that sacct is unavailable', async () => {
    const info = await manager.detect('loop');
    if (!info.ok) throw new Error(info.error.message);
    expect(info.value.schedulerVersion).toMatch(/^slurm(-wlm)? \d+\.\d+/);
    expect(info.value.accounting).toBe('squeue+sentinels');
    expect(info.value.partitions).toEqual([expect.objectContaining({ name: 'debug', default: true, timeLimit: 'infinite', nodes: 1, available: true })]);
  });

  it('runs the seed preset as a SLURM job, brings it home, and its fields equal a local run byte for byte', async () => {
    const spec = seedSpec();
    const submitted = await manager.submit('loop', { name: 'seed 002', spec });
    if (!submitted.ok) throw new Error(submitted.error.message);
    const { job } = await waitForJob(manager, submitted.value.id);
    const task = job.tasks[0];
    expect(task?.state).toBe('completed');
    expect(task?.node).toBe(spawnSync('hostname', { encoding: 'utf8' }).stdout.trim());
    expect(differingChunks(task?.localRunDir ?? '', solveLocally(spec, scratch, 'seed-local'))).toEqual([]);
    const executor = manager.executorByAlias('loop');
    // The test cluster has no slurmdbd: sacct is unavailable and states come from squeue + sentinels.
    expect(executor.ok && (executor.value as SlurmExecutor).accounting).toBe('squeue+sentinels');
    const log = await manager.tail(job.id, 0, 4096);
    expect(log.ok && log.value.text).toMatch(/mfgw: task 0 on/);
  });

  it('runs a 4-point sweep as one array with a cap of 2, survives an app restart, and lands in the runs list with provenance', async () => {
    const description: JobDescriptionInput = {
      name: 'congestion sweep', spec: seedSpec(), concurrency: 2,
      sweep: { kind: 'grid', axes: [{ path: 'physics.coupling.strength', values: [0.25, 0.5, 0.75, 1] }] },
    };
    const preview = await manager.preview('loop', description);
    expect(preview.ok && preview.value.script).toMatch(/#SBATCH --array=0-3%2/);
    const submitted = await manager.submit('loop', description);
    if (!submitted.ok) throw new Error(submitted.error.message);
    // The app closes while the array runs; a new one resumes tracking from jobs.json.
    manager.dispose();
    manager = await open();
    const { job, statesSeen } = await waitForJob(manager, submitted.value.id);
    expect(job.tasks.map((t) => t.state)).toEqual(['completed', 'completed', 'completed', 'completed']);
    expect(statesSeen.has('unknown')).toBe(false);
    const expanded = expandTasks(seedSpec(), description.sweep as never);
    if (!expanded.ok) throw new Error(expanded.error.message);
    for (const task of expanded.value) {
      const local = solveLocally(task.spec, scratch, `sweep-${task.index}`);
      expect(differingChunks(job.tasks[task.index]?.localRunDir ?? '', local), `task ${task.index}`).toEqual([]);
    }
    const runs = new RunStore({ runsFolder: runsDir, externals: new ExternalRunIndex(configDir(), quiet), zarr: new ZarrReader(), logger: quiet });
    const listed = (await runs.list()).filter((run) => run.path.includes(job.id.slice(4)));
    expect(listed.map((run) => run.status)).toEqual(['converged', 'converged', 'converged', 'converged']);
    const manifest = JSON.parse(readFileSync(join(job.tasks[2]?.localRunDir ?? '', 'run.json'), 'utf8')) as { job_id: string; cluster: { alias: string; parameters: object } };
    expect(manifest.job_id).toBe(`${job.schedulerId}_2`);
    expect(manifest.cluster).toMatchObject({ alias: 'loop', parameters: { 'physics.coupling.strength': 0.75 } });
    const opened = await runs.open(listed[0]?.runId ?? '');
    expect(opened.ok).toBe(true);
  });

  it('sees a job cancelled outside the app (scancel by hand) as cancelled', async () => {
    const description: JobDescriptionInput = { name: 'held', spec: seedSpec() };
    const preview = await manager.preview('loop', description);
    if (!preview.ok) throw new Error(preview.error.message);
    // The preview is editable: this edit keeps the job busy so that it can be cancelled by hand.
    const script = preview.value.script.replace('set -u\n', 'set -u\nsleep 300 || exit 143\n');
    const submitted = await manager.submit('loop', description, script);
    if (!submitted.ok) throw new Error(submitted.error.message);
    await waitForJob(manager, submitted.value.id, (job) => job.tasks[0]?.state === 'running');
    expect(cluster.asUser(`scancel ${submitted.value.schedulerId ?? ''}`).status).toBe(0);
    const { job } = await waitForJob(manager, submitted.value.id);
    expect(job.tasks[0]?.state).toBe('cancelled');
  });

  it('passes names, parameters and a work directory full of shell syntax as data', async () => {
    const marker = join(scratch, 'pwned');
    const corpus = corpusWithMarker(marker);
    const spec: MfgSpec = { ...seedSpec(), time: { horizon: 1, steps: 10 }, domain: { ...seedSpec().domain, points: [10] } };
    const submitted = await manager.submit('loop', {
      name: corpus.slice(3, 12).join(' ').slice(0, 200), spec, concurrency: 4,
      sweep: { kind: 'list', points: corpus.slice(0, 12).map((text) => ({ description: text })) },
    });
    if (!submitted.ok) throw new Error(submitted.error.message);
    const { job } = await waitForJob(manager, submitted.value.id);
    expect(job.tasks.every((t) => t.state === 'completed')).toBe(true);
    for (const task of job.tasks) {
      const manifest = JSON.parse(readFileSync(join(task.localRunDir ?? '', 'run.json'), 'utf8')) as { spec: { description: string } };
      expect(manifest.spec.description).toBe(corpus[task.index]);
    }
    expect(existsSync(marker)).toBe(false);
  });

  it('resolves a host alias from an ssh config (ssh -G) and reaches it through a ProxyJump hop', async () => {
    const config = join(scratch, 'ssh_config');
    writeFileSync(config, [
      'Host jumpbox', '  HostName 127.0.0.1', `  Port ${cluster.sshPort}`,
      'Host inner', '  HostName 127.0.0.1', `  Port ${cluster.sshPort}`, '  ProxyJump jumpbox',
      'Host *', `  User ${cluster.user}`, `  IdentityFile ${cluster.clientKey}`, `  UserKnownHostsFile ${cluster.knownHosts}`, '',
    ].join('\n'));
    await manager.saveProfile({ alias: 'inner', host: 'inner', sshConfigFile: config, workDir: cluster.workDir, solver: { kind: 'path', path: cluster.solver } });
    const profile = manager.profile('inner');
    if (!profile.ok) throw new Error(profile.error.message);
    const host = await resolveHost(profile.value);
    // ssh -G turns the jump alias into its own destination; the first hop is checked against known_hosts too.
    expect(host).toMatchObject({ hostname: '127.0.0.1', port: cluster.sshPort, user: cluster.user, jumps: [{ host: '127.0.0.1', port: cluster.sshPort, user: cluster.user }] });
    const logins = (): number => (readFileSync(join(cluster.root, 'ssh', 'sshd.out'), 'utf8').match(/Accepted publickey for mfgwtest/g) ?? []).length;
    const before = logins();
    const status = await manager.connect('inner');
    expect(status.ok && status.value.message).toBe('connected to inner');
    // Two logins: the jump host's, then the target's through the forwarded channel.
    await expect.poll(() => logins() - before).toBe(2);
  });

  it('refuses a changed host key with a warning, and it cannot be accepted', async () => {
    const knownHosts = join(scratch, 'known_hosts_changed');
    const other = join(scratch, 'other_key');
    spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', other]);
    const otherKey = readFileSync(`${other}.pub`, 'utf8').split(' ').slice(0, 2).join(' ');
    writeFileSync(knownHosts, `[127.0.0.1]:${cluster.sshPort} ${otherKey}\n`);
    await manager.saveProfile(loopbackProfile(cluster, 'changed', { knownHostsFile: knownHosts }));
    const status = await manager.connect('changed');
    expect(status.ok && status.value.connected).toBe(false);
    expect(status.ok && status.value.hostKey?.status).toBe('changed');
    expect(status.ok && status.value.message).toMatch(/^WARNING: the ssh-ed25519 host key of 127.0.0.1:\d+ differs/);
    const accepted = await manager.acceptHostKey('changed', status.ok ? status.value.hostKey?.fingerprint ?? '' : '');
    expect(!accepted.ok && accepted.error.message).toMatch(/CHANGED/);
    expect(readFileSync(knownHosts, 'utf8')).toBe(`[127.0.0.1]:${cluster.sshPort} ${otherKey}\n`);
  });

  it('says when the host is unreachable or authentication fails', async () => {
    await manager.saveProfile(loopbackProfile(cluster, 'closed', { port: 1 }));
    const closed = await manager.connect('closed');
    expect(closed.ok && closed.value.message).toMatch(/could not reach 127.0.0.1:1 .*check the network/);
    const stranger = join(scratch, 'stranger');
    spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', stranger]);
    await manager.saveProfile(loopbackProfile(cluster, 'stranger', { identityFile: stranger }));
    const denied = await manager.connect('stranger');
    expect(denied.ok && denied.value.message).toMatch(/authentication as mfgwtest@127.0.0.1:\d+ failed/);
    const submitted = await manager.submit('stranger', { name: 'x', spec: seedSpec() });
    expect(!submitted.ok && submitted.error.details).toMatchObject({ kind: 'auth_failed' });
  });

  it('asks a keyboard-interactive second factor after the key (hidden input), and connects with the right answer only', async () => {
    const knownHosts = join(scratch, 'known_hosts_2fa');
    writeFileSync(knownHosts, `[127.0.0.1]:${cluster.secondFactorPort} ${cluster.hostPublicKey}\n`);
    await manager.saveProfile(loopbackProfile(cluster, 'twofactor', { port: cluster.secondFactorPort, knownHostsFile: knownHosts }));
    const asked: AuthPrompt[] = [];
    let answer = 'wrong answer';
    const listening = manager.connections.onDidPrompt.listen((prompt) => {
      asked.push(prompt);
      manager.connections.answer(prompt.promptId, [answer]);
    });
    try {
      const refused = await manager.connect('twofactor');
      expect(refused.ok && refused.value.message).toMatch(/authentication as mfgwtest@127.0.0.1:\d+ failed/);
      expect(asked[0]?.prompts).toEqual([{ prompt: 'Password: ', echo: false }]);
      answer = cluster.password;
      const accepted = await manager.connect('twofactor');
      expect(accepted.ok && accepted.value.connected).toBe(true);
    } finally {
      listening.dispose();
    }
  });

  it('lets mfgw answer the second factor on the terminal (hidden), then submit', async () => {
    const asked: { question: string; hidden: boolean }[] = [];
    const knownHosts = join(scratch, 'known_hosts_cli_2fa');
    writeFileSync(knownHosts, `[127.0.0.1]:${cluster.secondFactorPort} ${cluster.hostPublicKey}\n`);
    const io = cliIo(join(scratch, 'cli-config'), join(scratch, 'cli-runs'), async (question, hidden) => {
      asked.push({ question, hidden });
      return cluster.password;
    });
    const add = ['cluster', 'add', 'cli2fa', '--host', '127.0.0.1', '--port', String(cluster.secondFactorPort), '--user', cluster.user,
      '--identity', cluster.clientKey, '--known-hosts', knownHosts, '--work-dir', cluster.workDir, '--solver', cluster.solver, '--poll', '1'];
    expect(await runMfgw(add, io.io)).toBe(0);
    expect(await runMfgw(['submit', '--cluster', 'cli2fa', SEED_PRESET, '--wait'], io.io), io.err()).toBe(0);
    expect(asked[0]).toEqual({ question: 'cli2fa: Password: ', hidden: true });
    expect(io.out()).toMatch(/completed/);
  });

  it('builds the solver on the cluster from shipped sources once per source hash, and shows the build log when it fails', async () => {
    const sources = join(scratch, 'tiny-native');
    mkdirSync(join(sources, 'cli'), { recursive: true });
    writeFileSync(join(sources, 'CMakeLists.txt'), 'cmake_minimum_required(VERSION 3.18)\nproject(tiny CXX)\nadd_executable(mfg-solve cli/main.cpp)\n');
    writeFileSync(join(sources, 'cli', 'main.cpp'), '#include <cstdio>\nint main() { std::puts("tiny solver"); }\n');
    const profile = manager.profile('loop');
    if (!profile.ok) throw new Error(profile.error.message);
    const building = { ...profile.value, solver: { kind: 'build' as const } };
    const transport = await manager.connections.transport(profile.value);
    if (!transport.ok) throw new Error(transport.error.message);
    const built = await remoteSolver(building, transport.value, sources);
    if (!built.ok) throw new Error(built.error.message);
    expect(built.value).toBe(`${cluster.workDir}/solver/${sourceHash(sources)}/build/mfg-solve`);
    expect(cluster.asUser(`${shellQuote(built.value)}`).stdout).toBe('tiny solver\n');
    const again = await transport.value.exec(shellCommand(['stat', '-c', '%Y', built.value]));
    const cached = await remoteSolver(building, transport.value, sources);
    expect(cached.ok && cached.value).toBe(built.value);
    const after = await transport.value.exec(shellCommand(['stat', '-c', '%Y', built.value]));
    expect(after.ok && after.value.stdout).toBe(again.ok && again.value.stdout);
    writeFileSync(join(sources, 'cli', 'main.cpp'), 'int main() { this is not C++ }\n');
    const broken = await remoteSolver(building, transport.value, sources);
    expect(!broken.ok && broken.error.message).toMatch(/building mfg-solve on loop failed \(exit \d+\); the build log .* ends with:\n[^]*error/);
  });

  it('checkpoints on the scheduler\'s warning signal, requeues itself, resumes, and ends with the fields of an uninterrupted run', async () => {
    const base = seedSpec();
    // Fictitious play converges slowly: a few seconds of work, so the signal arrives mid-solve.
    const spec: MfgSpec = {
      ...base, name: 'preempted', domain: { ...base.domain, points: [300] }, time: { ...base.time, steps: 300 },
      solver: { ...base.solver, method: 'fictitious_play', tolerance: 3e-4, max_iterations: 100_000 },
    };
    const submitted = await manager.submit('loop', { name: 'preempted', spec });
    if (!submitted.ok) throw new Error(submitted.error.message);
    const id = submitted.value.id;
    await waitForJob(manager, id, (job) => job.tasks[0]?.state === 'running');
    const iterating = async (): Promise<boolean> => {
      const log = await manager.tail(id, 0, 4096);
      return log.ok && log.value.text.includes('"event":"iteration"');
    };
    while (!(await iterating())) await new Promise((resolve) => setTimeout(resolve, 100));
    // What SLURM does at --signal=B:USR1@<s> before the time limit, sent now.
    const signalled = cluster.asUser(`scancel --signal=USR1 --batch ${submitted.value.schedulerId ?? ''}`);
    expect(signalled.status, signalled.stderr).toBe(0);
    // SLURM holds a requeued job back (pending, reason BeginTime) for about two minutes; the user
    // may move its start time, as this test does to stay short. Right after the requeue squeue can
    // show it pending with reason None until the scheduler's next pass: wait for the reason.
    const pending = await waitForJob(manager, id, (j) => (j.tasks[0]?.state === 'pending' && j.tasks[0]?.reason !== undefined) || j.tasks[0]?.state === 'completed', 60);
    if (pending.job.tasks[0]?.state === 'pending') {
      expect(pending.job.tasks[0]?.reason).toBe('BeginTime');
      expect(cluster.asUser(`scontrol update JobId=${submitted.value.schedulerId ?? ''} StartTime=now`).status).toBe(0);
    }
    const { job } = await waitForJob(manager, id, undefined, 180);
    expect(job.tasks[0]?.state).toBe('completed');
    const log = await manager.tail(id, 0, 1 << 20);
    expect(log.ok && log.value.text).toMatch(/checkpoint written, requeueing task 0[^]*--resume runs\/task-0/);
    expect(differingChunks(job.tasks[0]?.localRunDir ?? '', solveLocally(spec, scratch, 'uninterrupted'))).toEqual([]);
  });

  it('resumes a fetch whose connection dropped mid-stream: verified files are kept, no half run appears', async () => {
    const job = manager.jobs().find((j) => j.name === 'seed 002');
    const profile = manager.profile('loop');
    if (job === undefined || !profile.ok) throw new Error('the seed job of an earlier test is missing');
    const target = join(scratch, 'refetched');
    // The real connection, closed for real once 60 kB of the tar stream came, as a dropped network would close it.
    const dropping = async (): Promise<Result<RemoteTransport>> => {
      const real = await manager.connections.transport(profile.value);
      if (!real.ok) return real;
      return ok(replacingStream(real.value, (command, stdin) => (!command.includes(' mfgw-tar ') ? undefined : real.value.execStream(command, stdin).then((started) => {
        if (!started.ok) return started;
        // On loopback every byte is already here when close() runs: what comes after the first 60 kB
        // is dropped with the connection, so the stream ends mid-member, at the same byte every time.
        let bytes = 0;
        const arrived = new Transform({
          transform(chunk: Buffer, _encoding, done) {
            const room = 60_000 - bytes;
            bytes += chunk.length;
            if (room <= 0) return done();
            if (chunk.length < room) return done(null, chunk);
            this.push(chunk.subarray(0, room));
            this.push(null);
            real.value.close();
            done();
          },
        });
        return ok({ ...started.value, stdout: started.value.stdout.pipe(arrived) });
      }))));
    };
    const interrupted = await new SlurmExecutor(profile.value, dropping).fetch(job, 0, target);
    expect(!interrupted.ok && interrupted.error.message).toMatch(/broke off after \d+ files.*fetch again to resume/);
    expect(existsSync(target)).toBe(false);
    const resumed = await new SlurmExecutor(profile.value, () => manager.connections.transport(profile.value)).fetch(job, 0, target);
    if (!resumed.ok) throw new Error(resumed.error.message);
    expect(resumed.value.skipped).toBeGreaterThanOrEqual(10); // 60 kB of the stream hold the first 14 files
    expect(resumed.value.files + resumed.value.skipped).toBe(218);
    expect(differingChunks(target, job.tasks[0]?.localRunDir ?? '')).toEqual([]);
    expect(readdirSync(scratch).filter((name) => name.startsWith('.refetched'))).toEqual([]);
  });

  it('refuses a remote run holding a newline-named folder or a link, through both transports, writing nothing', async () => {
    const job = manager.jobs().find((j) => j.name === 'seed 002');
    if (job === undefined) throw new Error('the seed job of an earlier test is missing');
    const hostile = { ...job, remoteDir: `${cluster.workDir}/hostile` };
    const remoteRun = join(hostile.remoteDir, 'runs', 'task-0');
    expect(cluster.asUser(`mkdir -p ${shellQuote(join(hostile.remoteDir, 'runs'))} && cp -r ${shellQuote(join(job.remoteDir, 'runs', 'task-0'))} ${shellQuote(remoteRun)}`).status).toBe(0);
    const runs = join(scratch, 'hostile-runs');
    mkdirSync(join(runs, 'victim-run'), { recursive: true });
    writeFileSync(join(runs, 'victim-run', 'run.json'), 'the victim');
    const saved = await manager.saveProfile(loopbackProfile(cluster, 'hostile-openssh', { transport: 'openssh' }));
    expect(saved.ok).toBe(true);
    for (const plant of [
      `mkdir -p ${shellQuote(`${remoteRun}/x\n../victim-run`)} && echo pwned > ${shellQuote(`${remoteRun}/x\n../victim-run/run.json`)}`,
      `rm -rf ${shellQuote(`${remoteRun}/x\n..`)} && ln -sf /etc/passwd ${shellQuote(`${remoteRun}/fields.zarr/u/3.0`)}`,
    ]) {
      expect(cluster.asUser(plant).status).toBe(0);
      if (plant.includes('victim-run')) {
        // Each transport's own listing (the per-file fallback's): OpenSSH's find records keep the
        // newline inside one name; SFTP's readdir name is refused as it is read.
        const viaOpenssh = manager.profile('hostile-openssh');
        const ssh = viaOpenssh.ok ? await manager.connections.transport(viaOpenssh.value) : undefined;
        const listed = ssh?.ok ? await ssh.value.listFiles(remoteRun) : undefined;
        expect(listed?.ok && listed.value.map((e) => e.path).filter((p) => p.includes('victim'))).toEqual(['x\n../victim-run', 'x\n../victim-run/run.json']);
        const viaSsh2 = manager.profile('loop');
        const sftp = viaSsh2.ok ? await manager.connections.transport(viaSsh2.value) : undefined;
        const refused = sftp?.ok ? await sftp.value.listFiles(remoteRun) : undefined;
        expect(refused?.ok === false && refused.error.message).toMatch(/^refused the name "x\\n\.\." that the SFTP server listed/);
      }
      for (const alias of ['loop', 'hostile-openssh']) {
        const executor = manager.executorByAlias(alias);
        if (!executor.ok) throw new Error(executor.error.message);
        const fetched = await executor.value.fetch(hostile, 0, join(runs, `fetched-${alias}`));
        expect(!fetched.ok && fetched.error.message, alias).toMatch(/^refused the entry "(x\\n\.\.|fields\.zarr\/u\/3\.0)" listed by .*nothing was fetched$/);
      }
      expect(readdirSync(runs)).toEqual(['victim-run']);
      expect(readFileSync(join(runs, 'victim-run', 'run.json'), 'utf8')).toBe('the victim');
    }
  });

  it('calls a host key of another type than known_hosts has "changed", with both fingerprints, through both transports', async () => {
    const knownHosts = join(scratch, 'known_hosts_other_type');
    const ecdsa = join(scratch, 'ecdsa_key');
    spawnSync('ssh-keygen', ['-q', '-t', 'ecdsa', '-N', '', '-f', ecdsa]);
    const line = readFileSync(`${ecdsa}.pub`, 'utf8').split(' ').slice(0, 2).join(' ');
    writeFileSync(knownHosts, `[127.0.0.1]:${cluster.sshPort} ${line}\n`);
    const known = spawnSync('ssh-keygen', ['-lf', `${ecdsa}.pub`], { encoding: 'utf8' }).stdout.split(' ')[1];
    const presented = spawnSync('ssh-keygen', ['-lf', '-'], { input: cluster.hostPublicKey, encoding: 'utf8' }).stdout.split(' ')[1];
    for (const transport of ['ssh2', 'openssh'] as const) {
      await manager.saveProfile(loopbackProfile(cluster, `other-type-${transport}`, { knownHostsFile: knownHosts, transport }));
      const status = await manager.connect(`other-type-${transport}`);
      if (!status.ok) throw new Error(status.error.message);
      expect(status.value.connected, transport).toBe(false);
      expect(status.value.hostKey, transport).toMatchObject({ status: 'changed', keyType: 'ssh-ed25519', fingerprint: presented, known: [{ keyType: 'ecdsa-sha2-nistp256', fingerprint: known }] });
      expect(status.value.message, transport).toContain(`known_hosts has ecdsa-sha2-nistp256 ${known}; now ssh-ed25519 ${presented}`);
      const accepted = await manager.acceptHostKey(`other-type-${transport}`, presented ?? '');
      expect(!accepted.ok && accepted.error.message, transport).toMatch(/CHANGED/);
    }
  });

  it('works the same through the system ssh binary (ControlMaster): host key check, submit, fetch', async () => {
    const knownHosts = join(scratch, 'known_hosts_openssh');
    writeFileSync(knownHosts, '');
    await manager.saveProfile(loopbackProfile(cluster, 'viaopenssh', { transport: 'openssh', knownHostsFile: knownHosts }));
    const first = await manager.connect('viaopenssh');
    const shown = first.ok ? first.value.hostKey : undefined;
    const keygen = spawnSync('ssh-keygen', ['-lf', '-'], { input: cluster.hostPublicKey, encoding: 'utf8' }).stdout.split(' ')[1];
    expect(shown).toMatchObject({ status: 'unknown', fingerprint: keygen });
    const accepted = await manager.acceptHostKey('viaopenssh', shown?.fingerprint ?? '');
    expect(accepted.ok && accepted.value.connected, accepted.ok ? accepted.value.message : accepted.error.message).toBe(true);
    const spec = seedSpec();
    const submitted = await manager.submit('viaopenssh', { name: 'through openssh', spec });
    if (!submitted.ok) throw new Error(submitted.error.message);
    const { job } = await waitForJob(manager, submitted.value.id);
    expect(job.tasks[0]?.state).toBe('completed');
    const seedJob = manager.jobs().find((j) => j.name === 'seed 002');
    expect(differingChunks(job.tasks[0]?.localRunDir ?? '', seedJob?.tasks[0]?.localRunDir ?? '')).toEqual([]);
    writeFileSync(knownHosts, `[127.0.0.1]:${cluster.sshPort} ${readFileSync(join(scratch, 'other_key.pub'), 'utf8').split(' ').slice(0, 2).join(' ')}\n`);
    manager.connections.drop('viaopenssh');
    await manager.saveProfile(loopbackProfile(cluster, 'viaopenssh2', { transport: 'openssh', knownHostsFile: knownHosts }));
    const changed = await manager.connect('viaopenssh2');
    expect(changed.ok && changed.value.message).toMatch(/^WARNING: ssh says the host key of 127.0.0.1:\d+ CHANGED/);
  });
});

/** An in-process CliIo with its own config and runs folders, and a scripted terminal. */
function cliIo(configDir: string, runsDir: string, prompt: CliIo['prompt']) {
  let out = '';
  let error = '';
  const io: CliIo = {
    stdout: (text) => void (out += text), stderr: (text) => void (error += text),
    env: { ...process.env, MFGW_CONFIG_DIR: configDir, MFGW_RUNS_DIR: runsDir }, cwd: configDir,
    onStopSignal: () => toDisposable(() => undefined), openUrl: async () => ok(undefined), ...(prompt === undefined ? {} : { prompt }),
  };
  return { io, out: () => out, err: () => error };
}
