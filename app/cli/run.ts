// The composition root of the command line: main/'s commands plus the two that need the layers
// above it, `web` (the browser-mode server, app/server) and `export` (that server and headless
// Chromium). main/ never imports app/server; this folder may import both (DESIGN.md, docs/architecture.md).

import type { CliIo } from '../../main/cli/io.js';
import { runMfgw as runCommands, type CommandTable } from '../../main/cli/run.js';
import { EXPORT_HELP, exportCommand } from './export-command.js';
import { WEB_HELP, webCommand } from './web-command.js';

export const SHELL_COMMANDS: CommandTable = {
  web: { run: (argv, io) => webCommand(argv, io), help: WEB_HELP },
  export: { run: exportCommand, help: EXPORT_HELP },
};

/** Every mfgw command: what the executable runs. */
export function runMfgw(argv: readonly string[], io: CliIo): Promise<number> {
  return runCommands(argv, io, SHELL_COMMANDS);
}
