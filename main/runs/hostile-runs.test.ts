// Run directories are data, not trust: a run folder someone else made (a colleague's copy, an
// archive, a shared scratch folder) may hold links to the user's private files, FIFOs, devices,
// folders where files belong, and metadata that claims sizes no machine has. Through the run store
// (what the fields.read, runs.open and runs.list RPCs call) none of it is followed, waited on or
// allocated: each is refused with a message, and everything else keeps working.

import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Logger } from '../../app/rpc/logger.js';
import { removeDir, runMfgSolve, SEED_PRESET, tempDir } from '../testing/fixtures.js';
import { ExternalRunIndex } from './external-runs.js';
import { RunStore } from './run-store.js';
import { MAX_CHUNK_BYTES, ZarrReader } from './zarr-reader.js';

let scratch: string;
let template: string;
const warnings: string[] = [];
const logger: Logger = { warn: (message) => warnings.push(message) };
const isRoot = process.getuid?.() === 0;

beforeAll(() => {
  scratch = tempDir('hostile-runs');
  template = path.join(scratch, 'template');
  const solved = runMfgSolve(SEED_PRESET, template);
  if (solved.status !== 0) throw new Error(`mfg-solve failed: ${solved.stderr}`);
}, 300_000);
afterAll(() => removeDir(scratch));

let cases = 0;
function runsFolderWith(...names: string[]): { runsFolder: string; store: RunStore; run: (name: string) => string } {
  const runsFolder = path.join(scratch, `case-${++cases}`, 'runs');
  mkdirSync(runsFolder, { recursive: true });
  for (const name of names) cpSync(template, path.join(runsFolder, name), { recursive: true });
  const store = new RunStore({ runsFolder: () => runsFolder, externals: new ExternalRunIndex(path.join(runsFolder, '..', 'config'), logger), zarr: new ZarrReader(), logger });
  return { runsFolder, store, run: (name) => path.join(runsFolder, name) };
}

async function idOf(store: RunStore, folder: string): Promise<string> {
  const found = (await store.list()).find((run) => path.basename(run.path) === folder);
  if (found === undefined) throw new Error(`${folder} is not listed`);
  return found.runId;
}

/** A private file of exactly a chunk's size, so only the link check can keep it out. */
function privateFileLike(chunk: string): string {
  const secret = path.join(scratch, `secret-${cases}`);
  writeFileSync(secret, Buffer.alloc(readFileSync(chunk).length, 0x41), { mode: 0o600 });
  return secret;
}

describe('a hostile run directory', () => {
  it('never gives out a private file through a chunk that is a link to it', async () => {
    const { store, run } = runsFolderWith('linked-chunk');
    const chunk = path.join(run('linked-chunk'), 'fields.zarr', 'm', '3.0');
    const secret = privateFileLike(chunk);
    rmSync(chunk);
    symlinkSync(secret, chunk);
    const read = await store.readField(await idOf(store, 'linked-chunk'), 'm', [3, 4]);
    expect(read.ok).toBe(false);
    expect(!read.ok && read.error.message).toMatch(/3\.0 was not read: it is a symbolic link, and links are never followed here/);
    const other = await store.readField(await idOf(store, 'linked-chunk'), 'm', [0, 1]);
    expect(other.ok).toBe(true); // the rest of the run still reads
  });

  it('never reads through a folder of the run that is a link out of it', async () => {
    const { store, run } = runsFolderWith('linked-array');
    const elsewhere = path.join(scratch, `elsewhere-${cases}`);
    cpSync(path.join(run('linked-array'), 'fields.zarr', 'u'), elsewhere, { recursive: true });
    rmSync(path.join(run('linked-array'), 'fields.zarr', 'u'), { recursive: true });
    symlinkSync(elsewhere, path.join(run('linked-array'), 'fields.zarr', 'u'));
    const read = await store.readField(await idOf(store, 'linked-array'), 'u', [0, 1]);
    expect(!read.ok && read.error.message).toMatch(/\.zarray is not readable JSON \(it is not inside .*linked-array \(a link on the way leads to .*elsewhere/);
  });

  it('answers at once when run.json, a chunk or convergence.csv is a FIFO, and every other file operation goes on', async () => {
    const names = Array.from({ length: 6 }, (_, index) => `fifo-${index}`);
    const { runsFolder, store, run } = runsFolderWith('good', ...names);
    for (const name of names) {
      rmSync(path.join(run(name), 'run.json'));
      expect(spawnSync('mkfifo', [path.join(run(name), 'run.json')]).status).toBe(0);
    }
    expect(spawnSync('mkfifo', [path.join(runsFolder, 'stray-fifo')]).status).toBe(0);
    for (const file of [path.join('fields.zarr', 'u', '2.0'), 'convergence.csv']) {
      rmSync(path.join(run('good'), file));
      expect(spawnSync('mkfifo', [path.join(run('good'), file)]).status).toBe(0);
    }
    // More FIFOs than Node's four file I/O threads, listed twice at once: a blocking open would hang here.
    const [first, second] = await Promise.all([store.list(), store.list()]);
    expect(first.map((r) => [path.basename(r.path), r.status]).sort()).toEqual([...names.map((n) => [n, 'damaged']), ['good', 'converged']]);
    expect(second).toHaveLength(7);
    expect(first.find((r) => r.path.endsWith('fifo-0'))?.problem).toBe('run.json could not be read (it is a FIFO (named pipe), not a regular file)');
    const id = await idOf(store, 'good');
    const opened = await store.open(id);
    expect(opened.ok && opened.value.convergence).toEqual([]);
    expect(warnings.some((w) => /convergence\.csv was not read \(it is a FIFO/.test(w))).toBe(true);
    const chunk = await store.readField(id, 'u', [2, 3]);
    expect(!chunk.ok && chunk.error.message).toMatch(/2\.0 was not read: it is a FIFO \(named pipe\), not a regular file/);
    expect((await readFile(path.join(run('good'), 'run.json'))).length).toBeGreaterThan(0); // the I/O pool is free
  });

  it.runIf(isRoot)('refuses a device or a folder where a chunk belongs', async () => {
    const { store, run } = runsFolderWith('devices');
    const zero = path.join(run('devices'), 'fields.zarr', 'm', '1.0');
    rmSync(zero);
    expect(spawnSync('mknod', [zero, 'c', '1', '5']).status).toBe(0); // what /dev/zero is
    const folder = path.join(run('devices'), 'fields.zarr', 'm', '2.0');
    rmSync(folder);
    mkdirSync(folder);
    const id = await idOf(store, 'devices');
    const device = await store.readField(id, 'm', [1, 2]);
    expect(!device.ok && device.error.message).toMatch(/1\.0 was not read: it is a character device, not a regular file/);
    const directory = await store.readField(id, 'm', [2, 3]);
    expect(!directory.ok && directory.error.message).toMatch(/2\.0 was not read: it is a directory, not a regular file/);
  });

  it('allocates nothing for metadata that claims a huge chunk, a huge manifest or a huge chunk file', async () => {
    const { store, run } = runsFolderWith('huge-meta', 'huge-manifest', 'huge-chunk');
    const zarray = path.join(run('huge-meta'), 'fields.zarr', 'u', '.zarray');
    const meta = JSON.parse(readFileSync(zarray, 'utf8')) as { shape: number[]; chunks: number[] };
    writeFileSync(zarray, JSON.stringify({ ...meta, shape: [1, 2 ** 40], chunks: [1, 2 ** 40] }));
    const claimed = await store.readField(await idOf(store, 'huge-meta'), 'u', [0, 1]);
    expect(!claimed.ok && claimed.error.message).toMatch(new RegExp(`make ${8 * 2 ** 40} bytes per chunk, more than the ${MAX_CHUNK_BYTES} this reader accepts`));
    truncateSync(path.join(run('huge-manifest'), 'run.json'), 20 * 1024 ** 2);
    const manifest = (await store.list()).find((r) => r.path.endsWith('huge-manifest'));
    expect(manifest?.problem).toBe(`run.json could not be read (it has ${20 * 1024 ** 2} bytes, more than the ${16 * 1024 ** 2} accepted here)`);
    const chunk = path.join(run('huge-chunk'), 'fields.zarr', 'm', '0.0');
    truncateSync(chunk, 4 * 1024 ** 3);
    const big = await store.readField(await idOf(store, 'huge-chunk'), 'm', [0, 1]);
    expect(!big.ok && big.error.message).toMatch(/0\.0 was not read: it has 4294967296 bytes, expected exactly 800 \(100 values of <f8\)/);
  });
});
