// How the solver host process is started, behind a small interface: a Node child process here
// (browser mode, the CLI, tests), an Electron utility process in the desktop shell
// (app/electron/utility-host.ts). The SolverHost only sees a HostChannel.

import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { errorMessage } from '../files.js';
import { solverHostEntry } from '../paths.js';
import type { HostRequest } from './protocol.js';

export interface HostChannel {
  /** The process id, when the platform says it (for diagnostics and tests). */
  readonly pid: number | undefined;
  /** Throws when the process is gone; the SolverHost treats that as an exit. */
  send(message: HostRequest): void;
  onMessage(listener: (message: unknown) => void): void;
  /** Called once, when the process ended, with a reason in words. */
  onExit(listener: (reason: string) => void): void;
  kill(): void;
}

export type HostLauncher = (options: { maxSolutions: number }) => HostChannel;

/** The last bytes a host wrote to stderr: a native crash often explains itself there. */
class OutputTail {
  private text = '';

  constructor(private readonly limit = 2000) {}

  add(chunk: Buffer | string): void {
    this.text = (this.text + chunk.toString()).slice(-this.limit);
  }

  describe(): string {
    const trimmed = this.text.trim();
    return trimmed === '' ? '' : `; its last output: ${trimmed.split('\n').slice(-5).join(' | ')}`;
  }
}

export function describeExit(code: number | null, signal: string | null): string {
  if (signal !== null) return `the solver host process was killed by ${signal}`;
  return `the solver host process exited with code ${code ?? 'unknown'}`;
}

export interface ForkLauncherOptions {
  /** The compiled host-process.js; default: build/ts/main/solver/host-process.js. */
  entry?: string;
  env?: NodeJS.ProcessEnv;
  /** Where the host's output goes besides the crash reason (default: this process's stderr). */
  onStderr?: (text: string) => void;
}

/** A Node child process with the 'advanced' serialization, so typed arrays cross as structured clones. */
export function forkLauncher(options: ForkLauncherOptions = {}): HostLauncher {
  return ({ maxSolutions }) => {
    const entry = options.entry ?? solverHostEntry();
    if (!existsSync(entry)) return endedChannel(`the solver host is not built (no ${entry}): run \`npx tsc -b\` (or \`npm run build\`)`);
    const tail = new OutputTail();
    const child = fork(entry, ['--max-solutions', String(maxSolutions)], {
      serialization: 'advanced',
      // Both streams are piped: whatever the host prints must never mix with a CLI's stdout.
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      env: options.env ?? process.env,
    });
    const forward = options.onStderr ?? ((text: string) => process.stderr.write(text));
    const collect = (chunk: Buffer): void => {
      tail.add(chunk);
      forward(chunk.toString());
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    let exitListener: ((reason: string) => void) | undefined;
    let ended: string | undefined;
    const end = (reason: string): void => {
      if (ended !== undefined) return;
      ended = reason + tail.describe();
      exitListener?.(ended);
    };
    child.on('exit', (code, signal) => end(describeExit(code, signal)));
    child.on('error', (error) => end(`the solver host process failed: ${errorMessage(error)}`));
    return {
      get pid() {
        return child.pid;
      },
      send: (message) => {
        if (!child.connected) throw new Error('the solver host process is not connected');
        child.send(message);
      },
      onMessage: (listener) => child.on('message', listener),
      onExit: (listener) => {
        exitListener = listener;
        if (ended !== undefined) listener(ended);
      },
      kill: () => {
        child.kill('SIGKILL');
      },
    };
  };
}

/** A channel whose process could not start: every request is answered with `reason`. */
export function endedChannel(reason: string): HostChannel {
  return {
    pid: undefined,
    send: () => {
      throw new Error(reason);
    },
    onMessage: () => {},
    onExit: (listener) => queueMicrotask(() => listener(reason)),
    kill: () => {},
  };
}
