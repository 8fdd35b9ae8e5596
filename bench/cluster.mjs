#!/usr/bin/env node
// Benchmark of the cluster layer (issue 6) against the loopback cluster (sshd + single-node SLURM
// started here, as in the tests; needs root and `tsc -b`): scheduler commands per poll cycle with 100
// tracked jobs (target: 1; the naive baseline, one query per job, is 100), time from submit to
// "running" visible through polling, and SFTP transfer rates (a 64 MiB file, and a real run
// directory of many small files) with a local copy of the same bytes as the baseline. Prints one
// JSON document; `--write` also saves it to bench/results/cluster.json.
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
const { loopbackProfile, waitForJob } = await built('cluster/testing-helpers.js');

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
  const transfer = await transferRates(executor);
  const result = {
    benchmark: 'cluster',
    machine: { ...machine(), note: 'loopback cluster on this machine: sshd and SLURM share its 2 cores with the client' },
    polling,
    submit_to_running: submitToRunning,
    transfer,
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
    samples.push({ submit_call_s: submittedAt, to_running_s: seconds(start) });
    await waitForJob(manager, submitted.value.id);
  }
  return {
    samples: samples.length,
    submit_call_s_median: median(samples.map((s) => s.submit_call_s)),
    submit_to_running_visible_s_median: median(samples.map((s) => s.to_running_s)),
    note: 'polling back to back (no poll interval): the scheduler, not the app, sets this time',
  };
}

async function transferRates(executor) {
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

  const job = manager.jobs().find((j) => j.name === 'latency');
  start = performance.now();
  const fetched = await executor.fetch(job, 0, join(scratch, 'fetched-run'));
  if (!fetched.ok) throw new Error(fetched.error.message);
  const runSeconds = seconds(start);
  rmSync(remote, { force: true });
  return {
    large_file_mib: size / 2 ** 20,
    sftp_mib_per_s: Number((size / 2 ** 20 / sftpSeconds).toFixed(1)),
    local_copy_mib_per_s_baseline: Number((size / 2 ** 20 / copySeconds).toFixed(1)),
    ratio_sftp_vs_local_copy: Number((copySeconds / sftpSeconds).toFixed(3)),
    run_directory: { files: fetched.value.files, bytes: fetched.value.bytes, seconds: runSeconds, files_per_s: Number((fetched.value.files / runSeconds).toFixed(1)) },
    identical: readFileSync(local).equals(readFileSync(join(scratch, 'source.bin'))),
  };
}
