// `mfgw cluster add|list|remove|connect`: cluster profiles and host keys from the command line.
// `connect` shows an unknown host key's fingerprint; only `connect ALIAS --accept FINGERPRINT`
// (the fingerprint the user checked) writes it to known_hosts.

import type { ClusterProfileInput } from '../../app/contract/index.js';
import { flag, integerOption, parseArgs, stringOption } from './args.js';
import { openClusters } from './cluster-context.js';
import type { CliIo } from './io.js';

export const CLUSTER_HELP = `usage: mfgw cluster add ALIAS --host HOST --work-dir DIR [options]
       mfgw cluster list [--json] | mfgw cluster remove ALIAS
       mfgw cluster connect ALIAS [--accept SHA256:FINGERPRINT]
       mfgw cluster detect ALIAS [--json]   partitions, limits, SLURM version, whether sacct works

  add options:
    --host HOST          an ~/.ssh/config alias or a host name (resolved with ssh -G)
    --work-dir DIR       the remote work directory for job files and run directories
    --solver PATH        an existing mfg-solve on the cluster (default: build it there from the app's sources)
    --scheduler S        slurm (default), pbs, sge (scripts only) or local (this machine)
    --user U  --port N  --identity FILE  --known-hosts FILE
    --module NAME        a module to load in jobs (comma-separated for several)
    --poll SECONDS       seconds between status queries (default 15)
`;

const OPTIONS = ['host', 'work-dir', 'solver', 'scheduler', 'user', 'port', 'identity', 'known-hosts', 'module', 'poll', 'accept']
  .map((name) => ({ name, value: name.toUpperCase() })).concat([{ name: 'json' }, { name: 'help' }] as never[]);

export async function clusterCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(argv, OPTIONS);
  if (!parsed.ok) return usage(io, parsed.error);
  if (flag(parsed.value, 'help')) {
    io.stdout(CLUSTER_HELP);
    return 0;
  }
  const [verb, alias, ...extra] = parsed.value.positionals;
  if (extra.length > 0) return usage(io, `unexpected ${extra.join(' ')}`);
  const clusters = await openClusters(io);
  try {
    if (verb === 'list') {
      const profiles = clusters.profiles();
      io.stdout(flag(parsed.value, 'json') ? `${JSON.stringify(profiles, null, 2)}\n` : profiles.map((p) => `${p.alias}  ${p.scheduler}  ${p.host}  ${p.workDir}\n`).join('') || 'No cluster profiles: mfgw cluster add ALIAS --host HOST --work-dir DIR\n');
      return 0;
    }
    if (alias === undefined) return usage(io, `expected mfgw cluster ${verb ?? 'add|list|remove|connect'} ALIAS, received no alias`);
    if (verb === 'remove') {
      const removed = await clusters.removeProfile(alias);
      io.stdout(removed.ok && removed.value.removed ? `removed ${alias}\n` : `no profile ${alias}\n`);
      return 0;
    }
    if (verb === 'connect') return await connect(clusters, alias, stringOption(parsed.value, 'accept'), io);
    if (verb === 'detect') {
      const info = await clusters.detect(alias);
      if (!info.ok) {
        io.stderr(`mfgw cluster detect: ${info.error.message}\n`);
        return 1;
      }
      const { schedulerVersion, accounting, partitions } = info.value;
      io.stdout(flag(parsed.value, 'json') ? `${JSON.stringify(info.value, null, 2)}\n`
        : `${schedulerVersion}; states from ${accounting}\n${partitions.map((p) => `  ${p.name}${p.default ? ' (default)' : ''}  time ${p.timeLimit}  ${p.nodes} node(s)  ${p.cpusPerNode} CPUs  ${p.memoryMbPerNode} MB  ${p.available ? 'up' : 'down'}`).join('\n')}\n`);
      return 0;
    }
    if (verb !== 'add') return usage(io, `expected add, list, remove, connect or detect, received ${verb === undefined ? 'nothing' : JSON.stringify(verb)}`);
    const port = integerOption(parsed.value, 'port', 'N', 1, 65535);
    const poll = integerOption(parsed.value, 'poll', 'SECONDS', 1, 3600);
    if (!port.ok || !poll.ok) return usage(io, !port.ok ? port.error : !poll.ok ? poll.error : '');
    const option = (name: string) => stringOption(parsed.value, name);
    const solver = option('solver');
    const profile: Record<string, unknown> = {
      alias, host: option('host') ?? (option('scheduler') === 'local' ? 'localhost' : undefined), workDir: option('work-dir') ?? (option('scheduler') === 'local' ? 'local' : undefined),
      solver: solver === undefined ? { kind: 'build' } : { kind: 'path', path: solver },
      scheduler: option('scheduler'), user: option('user'), port: port.value, identityFile: option('identity'),
      knownHostsFile: option('known-hosts'), modules: option('module')?.split(','), pollSeconds: poll.value,
    };
    const saved = await clusters.saveProfile(Object.fromEntries(Object.entries(profile).filter(([, v]) => v !== undefined)) as ClusterProfileInput);
    if (!saved.ok) {
      io.stderr(`mfgw cluster add: ${saved.error.message}\n`);
      return 2;
    }
    io.stdout(`saved ${alias}; next: mfgw cluster connect ${alias}\n`);
    return 0;
  } finally {
    clusters.dispose();
  }
}

async function connect(clusters: Awaited<ReturnType<typeof openClusters>>, alias: string, accept: string | undefined, io: CliIo): Promise<number> {
  const status = accept === undefined ? await clusters.connect(alias) : await clusters.connect(alias).then(() => clusters.acceptHostKey(alias, accept));
  if (!status.ok) {
    io.stderr(`mfgw cluster connect: ${status.error.message}\n`);
    return 1;
  }
  if (status.value.connected) {
    io.stdout(`${alias}: ${status.value.message}\n`);
    return 0;
  }
  io.stderr(`${alias}: ${status.value.message}\n`);
  const key = status.value.hostKey;
  if (key?.status === 'unknown') io.stderr(`If this is the right key, accept it with:\n  mfgw cluster connect ${alias} --accept ${key.fingerprint}\n`);
  return 1;
}

function usage(io: CliIo, why: string): number {
  io.stderr(`mfgw cluster: ${why}\n(run mfgw cluster --help for usage)\n`);
  return 2;
}
