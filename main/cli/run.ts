// mfgw: the command-line face of MFG Workbench. `runMfgw` takes its arguments and the outside world
// (CliIo) and returns the exit code, so tests run it in process. The commands here need only the
// services of main/; the ones that start a web server or a browser (web, export) are added by the
// composition root above main (app/cli/run.ts), which is also the executable (app/cli/mfgw.ts).

import { appVersion } from '../paths.js';
import type { CliIo } from './io.js';
import { CLUSTER_HELP, clusterCommand } from './cluster-command.js';
import { JOBS_HELP, jobsCommand } from './jobs-command.js';
import { RUNS_HELP, runsCommand } from './runs-command.js';
import { SUBMIT_HELP, submitCommand } from './submit-command.js';
import { SOLVE_HELP, solveCommand } from './solve-command.js';

export const MFGW_HELP = `usage: mfgw <command> [options]

  mfgw solve SPEC.json --out RUN_DIR [--threads N] [--quiet] [--force]
                                   solve a problem and write a run directory
  mfgw runs [--json] [--runs DIR]  list the runs
  mfgw web [--port N] [--runs DIR] [--open]
                                   serve the app in a browser (127.0.0.1, with a token)
  mfgw cluster add|list|remove|connect|detect ...
                                   cluster profiles, host keys, what a cluster offers
  mfgw submit --cluster ALIAS SPEC.json [--sweep PATH=V1,V2] [--cap N] [--wait]
                                   run a spec or a sweep (one job array) on a cluster
  mfgw jobs [--json] | mfgw cancel|requeue|fetch|log JOB
                                   track jobs, bring results home
  mfgw export RUN --view ID --format png|svg|pdf|mp4|gif [--out FILE] [...]
                                   export a figure or an animation of a saved run
  mfgw help [COMMAND] | mfgw COMMAND --help | mfgw --version

Settings live in $MFGW_CONFIG_DIR (default ~/.config/mfg-workbench); the runs folder defaults to
$MFGW_RUNS_DIR or ~/mfg-runs.
`;

export interface CliCommand {
  run(argv: readonly string[], io: CliIo): Promise<number>;
  readonly help: string;
}
export type CommandTable = Readonly<Record<string, CliCommand>>;

export const MAIN_COMMANDS: CommandTable = {
  solve: { run: solveCommand, help: SOLVE_HELP },
  runs: { run: runsCommand, help: RUNS_HELP },
  cluster: { run: clusterCommand, help: CLUSTER_HELP },
  submit: { run: submitCommand, help: SUBMIT_HELP },
  jobs: { run: jobsCommand('jobs'), help: JOBS_HELP },
  cancel: { run: jobsCommand('cancel'), help: JOBS_HELP },
  requeue: { run: jobsCommand('requeue'), help: JOBS_HELP },
  fetch: { run: jobsCommand('fetch'), help: JOBS_HELP },
  log: { run: jobsCommand('log'), help: JOBS_HELP },
};

/** Commands are listed in messages in the order of `mfgw --help`, wherever they are defined. */
const HELP_ORDER = ['solve', 'runs', 'web', 'cluster', 'submit', 'jobs', 'cancel', 'requeue', 'fetch', 'log', 'export'];
const helpRank = (name: string): number => (HELP_ORDER.includes(name) ? HELP_ORDER.indexOf(name) : HELP_ORDER.length);

/** Runs one mfgw command line; `shell` adds the commands of the layer above (app/cli: web, export). */
export async function runMfgw(argv: readonly string[], io: CliIo, shell: CommandTable = {}): Promise<number> {
  const merged: CommandTable = { ...MAIN_COMMANDS, ...shell };
  const commands: CommandTable = Object.fromEntries(Object.entries(merged).sort(([a], [b]) => helpRank(a) - helpRank(b)));
  const [command, ...rest] = argv;
  if (command === undefined) {
    io.stderr(`mfgw: expected a command (${Object.keys(commands).join(', ')}), received none\n\n${MFGW_HELP}`);
    return 2;
  }
  if (command === '--help' || command === '-h') {
    io.stdout(MFGW_HELP);
    return 0;
  }
  if (command === '--version') {
    io.stdout(`mfgw ${appVersion()}\n`);
    return 0;
  }
  if (command === 'help') return help(commands, rest[0], io);
  const entry = Object.hasOwn(commands, command) ? commands[command] : undefined;
  if (entry === undefined) {
    io.stderr(`mfgw: unknown command '${command}'; expected one of ${Object.keys(commands).join(', ')}\n(run mfgw --help for usage)\n`);
    return 2;
  }
  return entry.run(rest, io);
}

function help(commands: CommandTable, topic: string | undefined, io: CliIo): number {
  if (topic === undefined) {
    io.stdout(MFGW_HELP);
    return 0;
  }
  const entry = Object.hasOwn(commands, topic) ? commands[topic] : undefined;
  if (entry === undefined) {
    io.stderr(`mfgw help: unknown command '${topic}'; expected one of ${Object.keys(commands).join(', ')}\n`);
    return 2;
  }
  io.stdout(entry.help);
  return 0;
}
