#!/usr/bin/env node
// Benchmark of the cluster layer (issue 6) against the loopback cluster (sshd + single-node SLURM
// started here, as in the tests; needs root and `tsc -b`): scheduler commands per poll cycle with 100
// tracked jobs (target: 1; the naive baseline, one query per job, is 100), time from submit to
// "running" visible through polling and to "results home" (completed and fetched) per job, SFTP's
// rate for a 64 MiB file against a local copy, and the fetch of a real run directory (seed 002:
// 218 files) as one tar stream against the file-by-file copy (how fetches were made before issue
// 11, measured in the same run) through both transports (ssh2, and the system ssh with
// ControlMaster). Prints one JSON document; `--write` also saves it to bench/results/cluster.json.
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { machine, median } from './machine.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const built = (path) => import(join(root, 'build', 'ts', 'main', path));
const { startLoopbackCluster, loopbackUnavailable } = await built('testing/loopback-cluster.js');
const { ClusterManager } = await built('cluster/cluster-manager.js');
const { differingChunks, loopbackProfile, waitForJob } = await built('cluster/testing-helpers.js');

const why = loopbackUnavailable();
if (why !== undefined) {
  console.error(`bench/cluster.mjs cannot run here: ${why}`);
  process.exit(1);
}

const seed = JSON.parse(readFileSync(join(root, 'assets', 'presets', 'seed-002-congestion.json'), 'utf8'));
const scratch = mkdtempSync(join(tmpdir(), 'mfgw-bench-cluster-'));
const quiet = { warn: () => undefined };
const cluster = await startLoopbackCluster();
const manager = await ClusterManager.open({ configDir: join(scratch, 'config'), runsFolder: () => join(scratch, 'runs'), logger: quiet });
const seconds = (start) => Number(((performance.now() - start) / 1000).toFixed(4));

try {
  await manager.saveProfile(loopbackProfile(cluster, 'loop', { pollSeconds: 3600 }));
  const first = await manager.connect('loop');
  await manager.acceptHostKey('loop', first.value.hostKey.fingerprint);
  const executor = manager.executorByAlias('loop').value;

  const polling = await pollingCost(executor);
  const submitToRunning = await submitLatency();
  const transfer = await transferRates();
  const runFetch = await runDirectoryFetch();
  const result = {
    benchmark: 'cluster',
    machine: { ...machine(), note: 'loopback cluster on this machine: sshd and SLURM share its 2 cores with the client' },
    polling,
    submit_to_running: submitToRunning,
    transfer,
    run_directory_fetch: runFetch,
  };
  const text = `${JSON.stringify(result, null, 2)}\n`;
  process.stdout.write(text);
  if (process.argv.includes('--write')) writeFileSync(join(root, 'bench', 'results', 'cluster.json'), text);
} finally {
  manager.dispose();
  await cluster.stop();
  rmSync(scratch, { recursive: true, force: true });
}

/** 100 held jobs (pending forever) tracked together; count scheduler commands over poll cycles. */
async function pollingCost(executor) {
  const jobs = [];
  const held = { name: 'held', spec: seed, resources: { extraDirectives: ['--hold'] } };
  for (let i = 0; i < 100; i++) {
    const submitted = await manager.submit('loop', held);
    if (!submitted.ok) throw new Error(submitted.error.message);
    jobs.push(submitted.value);
  }
  await manager.tracker.pollNow('loop'); // the first cycle also probes sacct once
  const before = executor.schedulerCommands;
  const cycles = 10;
  const times = [];
  for (let i = 0; i < cycles; i++) {
    const start = performance.now();
    await manager.tracker.pollNow('loop');
    times.push(seconds(start));
  }
  const commands = executor.schedulerCommands - before;
  const states = new Set(manager.jobs().filter((j) => jobs.some((s) => s.id === j.id)).flatMap((j) => j.tasks.map((t) => `${t.state}${t.reason ? ` (${t.reason})` : ''}`)));
  cluster.asUser(`scancel ${jobs.map((j) => j.schedulerId).join(' ')}`);
  const perCycle = commands / cycles;
  return {
    tracked_jobs: jobs.length,
    poll_cycles: cycles,
    scheduler_commands: commands,
    commands_per_cycle: perCycle,
    commands_per_minute_at_default_poll_15s: perCycle * 4,
    naive_baseline_commands_per_cycle: jobs.length,
    ratio_vs_naive: perCycle / jobs.length,
    cycle_seconds_median: median(times),
    accounting: executor.accounting,
    states_seen: [...states],
  };
}

/** Submit -> first poll that shows the task running (the script sleeps 2 s so "running" is visible). */
async function submitLatency() {
  const samples = [];
  for (let i = 0; i < 5; i++) {
    const description = { name: 'latency', spec: seed };
    const preview = await manager.preview('loop', description);
    const script = preview.value.script.replace('set -u\n', 'set -u\nsleep 2\n');
    const start = performance.now();
    const submitted = await manager.submit('loop', description, script);
    if (!submitted.ok) throw new Error(submitted.error.message);
    const submittedAt = seconds(start);
    await waitForJob(manager, submitted.value.id, (job) => job.tasks[0].state !== 'pending' && job.tasks[0].state !== 'unknown', 60);
    const runningAt = seconds(start);
    const { job } = await waitForJob(manager, submitted.value.id);
    samples.push({ job: job.id, submit_call_s: submittedAt, to_running_s: runningAt, submit_to_results_home_s: seconds(start) });
  }
  return {
    samples: samples.length,
    per_job: samples,
    submit_call_s_median: median(samples.map((s) => s.submit_call_s)),
    submit_to_running_visible_s_median: median(samples.map((s) => s.to_running_s)),
    submit_to_results_home_s_median: median(samples.map((s) => s.submit_to_results_home_s)),
    note: 'polling back to back (no poll interval): the scheduler, not the app, sets the time to running; ' +
      'results home = the task completed and its run directory fetched into the runs folder (the script sleeps 2 s first)',
  };
}

async function transferRates() {
  const transport = (await manager.connections.transport(manager.profile('loop').value)).value;
  const size = 64 * 2 ** 20;
  const remote = join(cluster.workDir, 'bench.bin');
  const local = join(scratch, 'bench.bin');
  writeFileSync(join(scratch, 'source.bin'), randomBytes(size));
  copyFileSync(join(scratch, 'source.bin'), remote);
  let start = performance.now();
  const got = await transport.download(remote, local);
  if (!got.ok) throw new Error(got.error.message);
  const sftpSeconds = seconds(start);
  start = performance.now();
  copyFileSync(remote, join(scratch, 'copy.bin'));
  const copySeconds = seconds(start);

  rmSync(remote, { force: true });
  return {
    large_file_mib: size / 2 ** 20,
    sftp_mib_per_s: Number((size / 2 ** 20 / sftpSeconds).toFixed(1)),
    local_copy_mib_per_s_baseline: Number((size / 2 ** 20 / copySeconds).toFixed(1)),
    ratio_sftp_vs_local_copy: Number((copySeconds / sftpSeconds).toFixed(3)),
    identical: readFileSync(local).equals(readFileSync(join(scratch, 'source.bin'))),
  };
}

/** One fetch of the latency job's run directory into a fresh folder; checks it against the first one. */
async function timedFetch(executor, job, options, name) {
  const dir = join(scratch, name);
  const start = performance.now();
  const fetched = await executor.fetch(job, 0, dir, options);
  if (!fetched.ok) throw new Error(`${name}: ${fetched.error.message}`);
  const elapsed = seconds(start);
  const chunks = differingChunks(dir, job.tasks[0].localRunDir);
  if (chunks.length > 0) throw new Error(`${name}: chunks differ from the tracker's fetch: ${chunks.slice(0, 3).join(', ')}`);
  return { method: fetched.value.method, files: fetched.value.files, bytes: fetched.value.bytes, seconds: elapsed };
}

/** The seed run (218 files) fetched as one tar stream and file by file, through ssh2 and the system ssh. */
async function runDirectoryFetch() {
  await manager.saveProfile(loopbackProfile(cluster, 'loopssh', { pollSeconds: 3600, transport: 'openssh' }));
  const job = manager.jobs().find((j) => j.name === 'latency');
  const result = {};
  for (const [transport, alias] of [['ssh2', 'loop'], ['openssh', 'loopssh']]) {
    const executor = manager.executorByAlias(alias).value;
    await executor.fetch(job, 0, join(scratch, `warm-${alias}`)); // the connection (and ControlMaster) is up before timing
    const stream = [];
    const perFile = [];
    for (let i = 0; i < 3; i++) {
      stream.push(await timedFetch(executor, job, {}, `tar-${alias}-${i}`));
      perFile.push(await timedFetch(executor, job, { perFile: true }, `per-file-${alias}-${i}`));
    }
    const tarSeconds = median(stream.map((s) => s.seconds));
    const perFileSeconds = median(perFile.map((s) => s.seconds));
    result[transport] = {
      files: stream[0].files, bytes: stream[0].bytes, methods: [stream[0].method, perFile[0].method],
      tar_stream_s_median: tarSeconds, per_file_baseline_s_median: perFileSeconds,
      ratio_tar_vs_per_file: Number((perFileSeconds / tarSeconds).toFixed(1)),
      tar_stream_samples_s: stream.map((s) => s.seconds), per_file_samples_s: perFile.map((s) => s.seconds),
    };
  }
  return {
    ...result,
    target_s: 2,
    note: 'each fetch into a fresh folder, checked chunk for chunk against the tracker\'s fetch; both methods list and hash on the remote once ' +
      '(the per-file baseline is the pre-issue-11 way: one SFTP transfer, or one `cat` over the ControlMaster, per file)',
  };
}
