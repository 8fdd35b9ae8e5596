// Starts the real browser-mode server (`mfgw web --port 0`) with its own settings and runs folders,
// and reads the token address it prints. Its output is kept, so a failure can say what happened.

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MFGW, ROOT } from './paths.js';

export interface WebServer {
  /** The address mfgw printed: it carries the token. */
  readonly url: string;
  readonly origin: string;
  readonly runsDir: string;
  readonly configDir: string;
  /** Everything the server printed so far. */
  output(): string;
  stop(): Promise<void>;
}

const URL_PATTERN = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]+)/;
const START_TIMEOUT_MS = 30_000;

export interface ServerOptions {
  /**
   * Keep the workspace (app/contract/workspace.ts). Off by default: the journeys open several
   * pages on one server and each expects the first preset (MFGW_WORKSPACE=off).
   */
  readonly workspace?: boolean;
  /** Reuse this folder for config and runs (a restart of "the same" server); kept on stop. */
  readonly base?: string;
}

export async function startServer(options: ServerOptions = {}): Promise<WebServer> {
  const base = options.base ?? mkdtempSync(path.join(tmpdir(), 'mfgw-e2e-'));
  const configDir = path.join(base, 'config');
  const runsDir = path.join(base, 'runs');
  const env: NodeJS.ProcessEnv = { ...process.env, MFGW_CONFIG_DIR: configDir, MFGW_RUNS_DIR: runsDir };
  if (options.workspace === true) delete env.MFGW_WORKSPACE;
  else env.MFGW_WORKSPACE = 'off';
  const child = spawn(process.execPath, [MFGW, 'web', '--port', '0'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout.on('data', (chunk: Buffer) => { log += chunk.toString(); });
  child.stderr.on('data', (chunk: Buffer) => { log += chunk.toString(); });
  const stop = async (): Promise<void> => {
    await stopChild(child);
    if (options.base === undefined) rmSync(base, { recursive: true, force: true });
  };
  let url: string;
  try {
    url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`mfgw web printed no address within ${START_TIMEOUT_MS / 1000} s`)), START_TIMEOUT_MS);
      const look = (): void => {
        const match = URL_PATTERN.exec(log);
        if (match?.[1] !== undefined) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      };
      child.stdout.on('data', look);
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`mfgw web exited (${signal ?? `code ${code}`}) before printing its address`));
      });
      child.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
  } catch (error) {
    await stop();
    throw new Error(`the server could not start: ${error instanceof Error ? error.message : String(error)}\n--- mfgw web output ---\n${log}`);
  }
  return { url, origin: new URL(url).origin, runsDir, configDir, output: () => log, stop };
}

/** SIGTERM (mfgw stops its solver host and closes), then SIGKILL if it lingers. */
function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
