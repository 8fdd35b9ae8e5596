// `mfgw web --open` in process: the browser is given a private page's file:// address, never the
// token (command lines are visible to every local user in ps); the page leads to the token.

import { mkdirSync, readFileSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { request } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ok } from '../contract/index.js';
import { removeDir, tempDir } from '../../main/testing/fixtures.js';
import type { CliIo } from '../../main/cli/io.js';
import { webCommand } from './web-command.js';

const scratch = tempDir('web-command');
afterAll(() => removeDir(scratch));

function io(env: NodeJS.ProcessEnv) {
  const opened: string[] = [];
  let out = '';
  let errors = '';
  let stop: ((signal: string) => void) | undefined;
  const cli: CliIo = {
    stdout: (text) => void (out += text), stderr: (text) => void (errors += text), env, cwd: scratch,
    onStopSignal: (listener) => { stop = listener; return { dispose: () => (stop = undefined) }; },
    openUrl: async (url) => { opened.push(url); return ok(undefined); },
  };
  return { cli, opened, out: () => out, err: () => errors, stop: (signal: string) => stop?.(signal) };
}

function get(url: string): Promise<{ status: number; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    request(url, (response) => {
      response.resume();
      resolve({ status: response.statusCode ?? 0, headers: response.headers });
    }).on('error', reject).end();
  });
}

describe('mfgw web --open', () => {
  it('opens a private page that forwards to the tokenised address, and removes it on stop', async () => {
    const staticDir = path.join(scratch, 'renderer');
    mkdirSync(staticDir);
    writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>MFG Workbench</title>');
    const env = { ...process.env, MFGW_CONFIG_DIR: path.join(scratch, 'config'), MFGW_RUNS_DIR: path.join(scratch, 'runs') };
    const run = io(env);
    const exit = webCommand(['--open', '--port', '0'], run.cli, { staticDir });
    await expect.poll(() => run.opened.length, { timeout: 60_000 }).toBe(1);
    const token = /\?token=([A-Za-z0-9_-]+)/.exec(run.out())?.[1] ?? '';
    const opened = run.opened[0] ?? '';
    expect(opened).toMatch(/^file:\/\/.*\/config\/runtime\/open-[0-9a-f]{16}\.html$/);
    expect(opened).not.toContain(token);
    const page = fileURLToPath(opened);
    expect(statSync(page).mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(page)).mode & 0o777).toBe(0o700);
    const target = /content="0;url=([^"]+)"/.exec(readFileSync(page, 'utf8'))?.[1] ?? '';
    expect(target).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:\\d+/\\?token=${token}$`));
    const login = await get(target);
    expect([login.status, login.headers.location]).toEqual([302, '/']);
    run.stop('SIGTERM');
    expect(await exit).toBe(0);
    expect(existsSync(page)).toBe(false);
  });

  it('refuses a runs folder that is a file, with a message', async () => {
    const file = path.join(scratch, 'runs-file');
    writeFileSync(file, 'not a folder');
    const run = io({ ...process.env, MFGW_CONFIG_DIR: path.join(scratch, 'config2') });
    expect(await webCommand(['--runs', file], run.cli)).toBe(2);
    expect(run.err()).toMatch(/^mfgw web: --runs: .*runs-file is a file, not a folder: expected a folder for the runs/);
  });
});
