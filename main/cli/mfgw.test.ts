// The compiled mfgw executable, spawned as a user would run it: usage errors, solves (compared with
// what mfg-solve computes for the same spec), exit codes, SIGINT, `runs`, and `web` end to end.

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { AppService, PresetsService, type RunSummary } from '../../app/contract/index.js';
import { RpcClient } from '../../app/rpc/client.js';
import { silentLogger } from '../../app/rpc/logger.js';
import { connectWebSocket } from '../../app/rpc/websocket.js';
import { ensureCompiled, MFGW, removeDir, runMfgSolve, SEED_PRESET, seedSpec, slowSpec, tempDir } from '../testing/fixtures.js';
import { ZarrReader } from '../runs/zarr-reader.js';
import { HANG_GUARD_MS } from '../testing/hang-guard.js';

let scratch: string;
let env: NodeJS.ProcessEnv;

beforeAll(() => {
  ensureCompiled();
  scratch = tempDir('cli');
  env = { ...process.env, MFGW_CONFIG_DIR: path.join(scratch, 'config'), MFGW_RUNS_DIR: path.join(scratch, 'default-runs') };
});
afterAll(() => removeDir(scratch));

function mfgw(args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [MFGW, ...args], { encoding: 'utf8', env, cwd: scratch, timeout: HANG_GUARD_MS });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function writeSpec(name: string, spec: unknown): string {
  const file = path.join(scratch, `${name}.json`);
  writeFileSync(file, JSON.stringify(spec));
  return file;
}

const jsonLines = (text: string): Record<string, unknown>[] => text.trim().split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as Record<string, unknown>);

async function readAll(run: string, field: 'u' | 'm'): Promise<number[]> {
  const reader = new ZarrReader();
  const info = await reader.openArray(path.join(run, 'fields.zarr', field));
  if (!info.ok) throw new Error(info.error.message);
  const values = await reader.readLevels(info.value, 0, info.value.shape[0] as number);
  if (!values.ok) throw new Error(values.error.message);
  return Array.from(values.value);
}

describe('mfgw: usage', () => {
  it('prints help for the program and each command', () => {
    expect(mfgw(['--help'])).toMatchObject({ status: 0, stdout: expect.stringContaining('usage: mfgw <command>') });
    expect(mfgw(['solve', '--help'])).toMatchObject({ status: 0, stdout: expect.stringContaining('exit codes: 0 converged') });
    expect(mfgw(['help', 'web'])).toMatchObject({ status: 0, stdout: expect.stringContaining('usage: mfgw web') });
    expect(mfgw(['--version']).stdout).toMatch(/^mfgw \d+\.\d+\.\d+/);
  });

  it.each([
    [[], /expected a command \(solve, runs, web, cluster, submit, jobs, cancel, requeue, fetch, log, export\), received none/],
    [['solv'], /unknown command 'solv'; expected one of solve, runs, web, cluster, submit/],
    [['solve'], /expected a spec file/],
    [['solve', 'spec.json'], /expected --out RUN_DIR/],
    [['solve', 'spec.json', '--out'], /expected --out DIR, received nothing after --out/],
    [['solve', 'a.json', 'b.json', '--out', 'x'], /expected one spec file, received 2/],
    [['solve', 'spec.json', '--out', 'x', '--threads', 'many'], /expected --threads N with N an integer from 1 to 4096, received "many"/],
    [['solve', 'spec.json', '--out', 'x', '--thread', '2'], /unknown option '--thread'; did you mean '--threads'\?/],
    [['web', '--port', '70000'], /expected --port N with N an integer from 0 to 65535, received "70000"/],
    [['runs', 'extra'], /expected no arguments, received extra/],
  ])('exits 2 with a message for %j', (args, message) => {
    const result = mfgw(args);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
  });
});

describe('mfgw solve', () => {
  it('solves the seed preset like mfg-solve does, and writes the same run directory', async () => {
    const out = path.join(scratch, 'seed-mfgw');
    const result = mfgw(['solve', SEED_PRESET, '--out', out, '--threads', '2']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const lines = jsonLines(result.stdout);
    const summary = lines.at(-1);
    expect(summary).toMatchObject({ event: 'summary', status: 'converged', out });
    expect(lines.filter((line) => line.event === 'iteration')).toHaveLength(summary?.iterations as number);
    const manifest = JSON.parse(readFileSync(path.join(out, 'run.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest).toMatchObject({ status: 'converged', solver: { name: 'mfgw (live)' } });

    const reference = path.join(scratch, 'seed-mfg-solve');
    expect(runMfgSolve(SEED_PRESET, reference, ['--threads', '2']).status).toBe(0);
    for (const field of ['u', 'm'] as const) {
      // The same core, the same spec and thread count: the same numbers, bit for bit.
      expect(await readAll(out, field), field).toEqual(await readAll(reference, field));
    }
    // --quiet prints the summary only; an occupied --out is refused.
    const quiet = mfgw(['solve', SEED_PRESET, '--out', path.join(scratch, 'quiet'), '--quiet']);
    expect(jsonLines(quiet.stdout)).toHaveLength(1);
    const occupied = mfgw(['solve', SEED_PRESET, '--out', out]);
    expect(occupied.status).toBe(2);
    expect(occupied.stderr).toMatch(/exists and is not empty; choose another --out, or pass --force/);
    expect(mfgw(['solve', SEED_PRESET, '--out', out, '--force', '--quiet']).status).toBe(0);
  });

  it('exits 2 on an invalid or unreadable spec, naming the field', () => {
    const invalid = mfgw(['solve', writeSpec('invalid', { ...seedSpec(), physics: { ...seedSpec().physics, viscosity: 'lots' } }), '--out', path.join(scratch, 'never')]);
    expect(invalid.status).toBe(2);
    expect(jsonLines(invalid.stdout)[0]).toMatchObject({ event: 'error', code: 'bad_input', issues: [{ path: 'physics.viscosity' }] });
    expect(invalid.stderr).toMatch(/physics\.viscosity: expected/);
    const missing = mfgw(['solve', 'nowhere.json', '--out', path.join(scratch, 'never')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/nowhere\.json does not exist/);
    const broken = path.join(scratch, 'broken.json');
    writeFileSync(broken, '{"domain": ');
    expect(mfgw(['solve', broken, '--out', path.join(scratch, 'never')]).stderr).toMatch(/is not readable JSON/);
  });

  it('exits 3 when the solve does not converge, with a complete run directory', () => {
    const spec = { ...seedSpec(), solver: { ...seedSpec().solver, method: 'picard', max_iterations: 2 } };
    const out = path.join(scratch, 'not-converged');
    const result = mfgw(['solve', writeSpec('picard', spec), '--out', out, '--quiet']);
    expect(result.status).toBe(3);
    expect(JSON.parse(readFileSync(path.join(out, 'run.json'), 'utf8'))).toMatchObject({ status: 'not_converged', iterations: 2 });
  });

  it('exits 5 on SIGINT and keeps the last iterate in the run directory', async () => {
    const out = path.join(scratch, 'interrupted');
    const child = spawn(process.execPath, [MFGW, 'solve', writeSpec('slow', slowSpec()), '--out', out], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    await new Promise<void>((resolve) => child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes('"iteration":2')) resolve();
    }));
    child.kill('SIGINT');
    const code = await exitCode(child);
    expect(code).toBe(5);
    expect(jsonLines(stdout).at(-1)).toMatchObject({ event: 'summary', status: 'cancelled' });
    expect(JSON.parse(readFileSync(path.join(out, 'run.json'), 'utf8'))).toMatchObject({ status: 'cancelled' });
  });
});

function exitCode(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

describe('mfgw runs', () => {
  it('lists the runs folder as a table or as JSON', () => {
    const runsFolder = path.join(scratch, 'listed');
    mkdirSync(runsFolder);
    expect(runMfgSolve(SEED_PRESET, path.join(runsFolder, 'one')).status).toBe(0);
    mkdirSync(path.join(runsFolder, 'broken'));
    writeFileSync(path.join(runsFolder, 'broken', 'run.json'), 'nonsense');
    const json = mfgw(['runs', '--json', '--runs', runsFolder]);
    expect(json.status).toBe(0);
    const runs = JSON.parse(json.stdout) as RunSummary[];
    expect(runs.map((run) => [path.basename(run.path), run.status])).toEqual([['one', 'converged'], ['broken', 'damaged']]);
    const table = mfgw(['runs', '--runs', runsFolder]);
    expect(table.stdout).toMatch(/^NAME +STATUS +STARTED \(UTC\) +ITER +PATH\n/);
    expect(table.stdout).toMatch(/damaged: run\.json is not valid JSON/);
    expect(mfgw(['runs', '--runs', path.join(scratch, 'empty')]).stdout).toMatch(/^No runs in /);
  });
});

describe('mfgw web', () => {
  it('serves the workbench on 127.0.0.1 with a token and stops cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, [MFGW, 'web', '--port', '0', '--runs', path.join(scratch, 'web-runs')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const found = /http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]+/.exec(stdout);
        if (found !== null) resolve(found[0]);
      });
      child.once('exit', (code) => reject(new Error(`mfgw web exited with ${code}: ${stdout}`)));
    });
    const address = new URL(url);
    const connected = await connectWebSocket(`ws://${address.host}/rpc?token=${address.searchParams.get('token') ?? ''}`, {
      createSocket: (socketUrl) => new WebSocket(socketUrl, { origin: address.origin }),
      logger: silentLogger,
    });
    if (!connected.ok) throw new Error(connected.error.message);
    const client = new RpcClient(connected.value, { logger: silentLogger });
    const info = await client.proxy(AppService).info();
    expect(info.ok && info.value.shell).toBe('browser');
    const presets = await client.proxy(PresetsService).list();
    expect(presets.ok && presets.value.length).toBeGreaterThan(0);
    const refused = await connectWebSocket(`ws://${address.host}/rpc?token=wrong`, {
      createSocket: (socketUrl) => new WebSocket(socketUrl, { origin: address.origin }), logger: silentLogger,
    });
    expect(refused.ok).toBe(false);
    child.kill('SIGTERM');
    expect(await exitCode(child)).toBe(0);
    client.close();
  });
});
