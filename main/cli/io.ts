// What mfgw's commands need from the outside world, injected so that tests run `runMfgw` in
// process with their own streams and signals, and the real entry (mfgw.ts) passes the process's.

import { spawn } from 'node:child_process';
import { appError, err, ok, type Result } from '../../app/contract/index.js';
import { toDisposable, type Disposable } from '../../app/rpc/disposable.js';
import type { Logger } from '../../app/rpc/logger.js';
import { terminalPrompt } from './terminal-prompt.js';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Calls `listener` on each SIGINT/SIGTERM until disposed. */
  onStopSignal(listener: (signal: string) => void): Disposable;
  /** Opens an address in the user's browser. */
  openUrl(url: string): Promise<Result<void>>;
  /** Asks the user one question (a cluster's keyboard-interactive prompt); absent: nobody to ask. */
  prompt?(question: string, hidden: boolean): Promise<string | undefined>;
}

export function processIo(): CliIo {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    env: process.env,
    cwd: process.cwd(),
    onStopSignal: (listener) => {
      const onSignal = (signal: NodeJS.Signals): void => listener(signal);
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
      return toDisposable(() => {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
      });
    },
    openUrl: (url) => openInBrowser(url),
    prompt: terminalPrompt,
  };
}

export function cliLogger(io: CliIo): Logger {
  return { warn: (message) => io.stderr(`mfgw: ${message}\n`) };
}

/** The platform's "open this address" command; a missing one is a message, not a crash. */
function openInBrowser(url: string): Promise<Result<void>> {
  const [command, args] = process.platform === 'darwin' ? ['open', [url]]
    : process.platform === 'win32' ? ['cmd', ['/c', 'start', '', url]]
      : ['xdg-open', [url]];
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'ignore', detached: true });
    child.once('error', (error) => resolve(err(appError('unsupported', `could not run ${command} (${error.message})`))));
    child.once('spawn', () => {
      child.unref();
      resolve(ok(undefined));
    });
  });
}
