// `mfgw web`: browser mode. The same workbench (services, solver host) as the desktop app, served
// with the built renderer on 127.0.0.1 behind a token (app/server), until SIGINT or SIGTERM.

import { existsSync } from 'node:fs';
import path from 'node:path';
import { startWebServer } from '../server/index.js';
import { errorMessage } from '../../main/files.js';
import { rendererDirectory } from '../../main/paths.js';
import { configDirectory } from '../../main/settings/config-dir.js';
import { createWorkbench } from '../../main/services.js';
import { runsFolderProblem } from '../../main/settings/settings-store.js';
import { flag, integerOption, parseArgs, stringOption } from '../../main/cli/args.js';
import { cliLogger, type CliIo } from '../../main/cli/io.js';
import { writeLaunchPage, type LaunchPage } from '../../main/cli/launch-page.js';

export const WEB_HELP = `usage: mfgw web [--port N] [--runs DIR] [--open]

Serves MFG Workbench in the browser on 127.0.0.1 (never on the network). The printed address carries
a token; open it in a browser on this machine, or forward the port (ssh -L N:127.0.0.1:N host).
Stops on Ctrl+C (SIGINT) or SIGTERM.

  --port N      the port to listen on (default: a free one)
  --runs DIR    use this runs folder for this session (the settings are not changed)
  --open        open the app in the default browser (through a private page in the config folder,
                so the token never appears on a command line other users can see in ps)
`;

const OPTIONS = [{ name: 'port', value: 'N' }, { name: 'runs', value: 'DIR' }, { name: 'open' }, { name: 'help' }];

export interface WebCommandOptions {
  /** The built renderer; default build/renderer. */
  staticDir?: string;
}

export async function webCommand(argv: readonly string[], io: CliIo, options: WebCommandOptions = {}): Promise<number> {
  const parsed = parseArgs(argv, OPTIONS);
  const usage = (message: string): number => {
    io.stderr(`mfgw web: ${message}\n(run mfgw web --help for usage)\n`);
    return 2;
  };
  if (!parsed.ok) return usage(parsed.error);
  if (flag(parsed.value, 'help')) {
    io.stdout(WEB_HELP);
    return 0;
  }
  if (parsed.value.positionals.length > 0) return usage(`expected no arguments, received ${parsed.value.positionals.join(' ')}`);
  const port = integerOption(parsed.value, 'port', 'N', 0, 65535);
  if (!port.ok) return usage(port.error);
  const runs = stringOption(parsed.value, 'runs');
  const runsProblem = runs === undefined ? undefined : await runsFolderProblem(path.resolve(io.cwd, runs));
  if (runsProblem !== undefined) return usage(`--runs: ${runsProblem}`);
  const staticDir = options.staticDir ?? rendererDirectory();
  if (!existsSync(path.join(staticDir, 'index.html'))) {
    io.stderr(`mfgw web: the renderer is not built (no ${path.join(staticDir, 'index.html')}); the services run, but pages will be missing. ` +
      'Build it with `npm run build:renderer`, or start with `npm run web`, which builds what is stale.\n');
  }
  const workbench = await createWorkbench({ shell: 'browser', env: io.env, logger: cliLogger(io), ...(runs === undefined ? {} : { runsDir: path.resolve(io.cwd, runs) }) });
  let server;
  try {
    server = await startWebServer({ staticDir, rpcServer: workbench.rpcServer, port: port.value ?? 0, logger: cliLogger(io) });
  } catch (error) {
    workbench.dispose();
    io.stderr(`mfgw web: ${errorMessage(error)}\n`);
    return 1;
  }
  io.stdout(`MFG Workbench (browser mode) is running at\n\n  ${server.url}\n\nruns folder: ${workbench.settings.runsFolder()}\nPress Ctrl+C to stop.\n`);
  let launchPage: LaunchPage | undefined;
  if (flag(parsed.value, 'open')) {
    const page = await writeLaunchPage(path.join(configDirectory(io.env), 'runtime'), server.url);
    launchPage = page.ok ? page.value : undefined;
    const opened = page.ok ? await io.openUrl(page.value.url) : page;
    if (!opened.ok) io.stderr(`mfgw web: could not open a browser (${opened.error.message}); open the address above yourself\n`);
  }
  const signal = await new Promise<string>((resolve) => {
    const subscription = io.onStopSignal((name) => {
      subscription.dispose();
      resolve(name);
    });
  });
  io.stderr(`mfgw web: ${signal}, stopping\n`);
  await launchPage?.remove();
  await server.close();
  workbench.dispose();
  return 0;
}
