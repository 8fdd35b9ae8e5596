// `mfgw submit --cluster ALIAS SPEC [--sweep ...]`: one spec, or a sweep as one job array, on a
// cluster profile (or the local executor). `--preview` prints the script instead; `--wait` tracks
// the job until every task is final and its results are home.

import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { JobDescriptionInput } from '../../app/contract/index.js';
import type { ClusterManager } from '../cluster/cluster-manager.js';
import { finishedJob } from '../cluster/job-tracker.js';
import { errorMessage } from '../files.js';
import { flag, integerOption, parseArgs, stringOption } from './args.js';
import { jobLine, openClusters } from './cluster-context.js';
import type { CliIo } from './io.js';
import { parseSweepOption } from './sweep-option.js';

export const SUBMIT_HELP = `usage: mfgw submit --cluster ALIAS SPEC.json [options]

Submits SPEC.json (or a sweep over it, as one job array) to a cluster profile (mfgw cluster add).
Results come home into the runs folder as tasks complete (mfgw jobs tracks them).

  --cluster ALIAS     the cluster profile
  --sweep SWEEP       a grid PATH=V1,V2[;PATH=...] (e.g. physics.coupling.strength=0.25,0.5) or a .json sweep file
  --cap N             run at most N array tasks at once (%N)
  --name NAME         the job's name (default: the spec's name)
  --time T  --partition P  --account A  --qos Q  --cpus N  --mem M
                      scheduler resources (over the profile's defaults)
  --script FILE       submit this (edited) script instead of the generated one
  --preview           print the generated script and submit nothing
  --wait              track the job until it is finished, printing state changes
  --json              print the job record as JSON
`;

const OPTIONS = ['cluster', 'sweep', 'cap', 'name', 'time', 'partition', 'account', 'qos', 'cpus', 'mem', 'script']
  .map((name) => ({ name, value: name.toUpperCase() })).concat([{ name: 'preview' }, { name: 'wait' }, { name: 'json' }, { name: 'help' }] as never[]);

export async function submitCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(argv, OPTIONS);
  if (parsed.ok && flag(parsed.value, 'help')) {
    io.stdout(SUBMIT_HELP);
    return 0;
  }
  const usage = (why: string): number => {
    io.stderr(`mfgw submit: ${why}\n(run mfgw submit --help for usage)\n`);
    return 2;
  };
  if (!parsed.ok) return usage(parsed.error);
  const [specFile, ...extra] = parsed.value.positionals;
  const alias = stringOption(parsed.value, 'cluster');
  if (alias === undefined) return usage('expected --cluster ALIAS, received nothing');
  if (specFile === undefined || extra.length > 0) return usage(`expected one SPEC.json, received ${parsed.value.positionals.length === 0 ? 'none' : parsed.value.positionals.join(' ')}`);
  const description = await describe(parsed.value, specFile, io);
  if (typeof description === 'string') return usage(description);
  const clusters = await openClusters(io);
  try {
    if (flag(parsed.value, 'preview')) return await preview(clusters, alias, description, io);
    const scriptFile = stringOption(parsed.value, 'script');
    const script = scriptFile === undefined ? undefined : await readFile(resolve(io.cwd, scriptFile), 'utf8');
    const submitted = await clusters.submit(alias, description, script);
    if (!submitted.ok) {
      io.stderr(`mfgw submit: ${submitted.error.message}\n`);
      return 1;
    }
    io.stdout(flag(parsed.value, 'json') ? `${JSON.stringify(submitted.value, null, 2)}\n` : `submitted ${jobLine(submitted.value)}\n`);
    if (!flag(parsed.value, 'wait')) return 0;
    return await waitUntilFinished(clusters, submitted.value.id, io);
  } finally {
    clusters.dispose();
  }
}

async function describe(parsed: Parameters<typeof stringOption>[0], specFile: string, io: CliIo): Promise<JobDescriptionInput | string> {
  let spec: unknown;
  try {
    spec = JSON.parse(await readFile(resolve(io.cwd, specFile), 'utf8'));
  } catch (error) {
    return `could not read ${specFile} as JSON: ${errorMessage(error)}`;
  }
  const sweepText = stringOption(parsed, 'sweep');
  const sweep = sweepText === undefined ? undefined : await parseSweepOption(sweepText, io.cwd);
  if (sweep !== undefined && !sweep.ok) return sweep.error;
  const cap = integerOption(parsed, 'cap', 'N', 1, 100_000);
  if (!cap.ok) return cap.error;
  const cpus = integerOption(parsed, 'cpus', 'N', 1, 100_000);
  if (!cpus.ok) return cpus.error;
  const resources = Object.fromEntries(['time', 'partition', 'account', 'qos', 'mem'].map((key) => [key, stringOption(parsed, key)]).filter(([, v]) => v !== undefined));
  const specName = typeof spec === 'object' && spec !== null && typeof (spec as { name?: unknown }).name === 'string' ? (spec as { name: string }).name : specFile;
  return {
    name: stringOption(parsed, 'name') ?? specName, spec,
    ...(sweep === undefined ? {} : { sweep: sweep.value }),
    ...(cap.value === undefined ? {} : { concurrency: cap.value }),
    resources: { ...resources, ...(cpus.value === undefined ? {} : { cpusPerTask: cpus.value }) },
  };
}

async function preview(clusters: ClusterManager, alias: string, description: JobDescriptionInput, io: CliIo): Promise<number> {
  const previewed = await clusters.preview(alias, description);
  if (!previewed.ok) {
    io.stderr(`mfgw submit: ${previewed.error.message}\n`);
    return 1;
  }
  io.stdout(previewed.value.script);
  return 0;
}

/** Exit 0 when every task completed, 1 otherwise. */
export async function waitUntilFinished(clusters: ClusterManager, id: string, io: CliIo): Promise<number> {
  let last = '';
  for (;;) {
    const job = clusters.job(id);
    if (!job.ok) return 1;
    const line = jobLine(job.value);
    if (line !== last) io.stdout(`${new Date().toISOString().slice(11, 19)}  ${line}\n`);
    last = line;
    if (finishedJob(job.value)) return job.value.tasks.every((t) => t.state === 'completed') ? 0 : 1;
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await clusters.tracker.pollNow(job.value.cluster);
  }
}
