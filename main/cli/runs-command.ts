// `mfgw runs`: the runs the app lists (the runs folder and run directories opened in place).

import type { RunSummary } from '../../app/contract/index.js';
import { ExternalRunIndex } from '../runs/external-runs.js';
import { RunStore } from '../runs/run-store.js';
import { ZarrReader } from '../runs/zarr-reader.js';
import { configDirectory } from '../settings/config-dir.js';
import { SettingsStore } from '../settings/settings-store.js';
import { flag, parseArgs, stringOption } from './args.js';
import { cliLogger, type CliIo } from './io.js';

export const RUNS_HELP = `usage: mfgw runs [--json] [--runs DIR]

Lists the runs of the runs folder (from the settings, or --runs DIR) and the run directories opened
in place, newest first. A run whose run.json is missing or corrupted is listed as damaged, with why.

  --json        print the list as JSON (the app's RunSummary objects)
  --runs DIR    list this runs folder instead of the one in the settings
`;

const OPTIONS = [{ name: 'json' }, { name: 'runs', value: 'DIR' }, { name: 'help' }];

export async function runsCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(argv, OPTIONS);
  if (!parsed.ok || parsed.value.positionals.length > 0) {
    const why = parsed.ok ? `expected no arguments, received ${parsed.value.positionals.join(' ')}` : parsed.error;
    io.stderr(`mfgw runs: ${why}\n(run mfgw runs --help for usage)\n`);
    return 2;
  }
  if (flag(parsed.value, 'help')) {
    io.stdout(RUNS_HELP);
    return 0;
  }
  const { store, settings } = await openRunStore(io, stringOption(parsed.value, 'runs'));
  const runs = await store.list();
  if (flag(parsed.value, 'json')) io.stdout(`${JSON.stringify(runs, null, 2)}\n`);
  else io.stdout(formatTable(runs, settings.runsFolder()));
  return 0;
}

/** The runs the app lists: the settings' runs folder (or `override`) and the runs opened in place. */
export async function openRunStore(io: CliIo, override?: string): Promise<{ store: RunStore; settings: SettingsStore }> {
  const logger = cliLogger(io);
  const configDir = configDirectory(io.env);
  const settings = await SettingsStore.open({ configDir, env: io.env, logger, ...(override === undefined ? {} : { runsFolderOverride: override }) });
  const store = new RunStore({ runsFolder: () => settings.runsFolder(), externals: new ExternalRunIndex(configDir, logger), zarr: new ZarrReader(), logger });
  return { store, settings };
}

export function formatTable(runs: readonly RunSummary[], runsFolder: string): string {
  if (runs.length === 0) return `No runs in ${runsFolder}. Solve one with \`mfgw solve SPEC.json --out DIR\` or save one from the app.\n`;
  const rows = runs.map((run) => [
    run.name.length > 40 ? `${run.name.slice(0, 39)}…` : run.name,
    run.status,
    run.startedAt === null ? '-' : run.startedAt.replace('T', ' ').slice(0, 19),
    run.iterations === null ? '-' : String(run.iterations),
    `${run.path}${run.external ? ' (opened in place)' : ''}`,
  ]);
  const header = ['NAME', 'STATUS', 'STARTED (UTC)', 'ITER', 'PATH'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: readonly string[]): string => cells.map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column] ?? 0))).join('  ');
  const body = rows.flatMap((row, index) => {
    const problem = runs[index]?.problem;
    return problem === undefined ? [line(row)] : [line(row), `    damaged: ${problem}`];
  });
  return `${[line(header), ...body].join('\n')}\n`;
}
