// The field reader against run directories written by the real mfg-solve, checked value for value
// against a second reader (zarr-python), and against metadata it must refuse.

import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDir, runMfgSolve, seedSpec, tempDir } from '../testing/fixtures.js';
import { ZarrReader, type FieldValues } from './zarr-reader.js';

const PYTHON = '/usr/bin/python3';
const DUMP = `
import json, sys, zarr
group = zarr.open_group(sys.argv[1], mode='r')
shapes = {}
for name in ['u', 'm', 't', 'x']:
    values = group[name][...]
    with open(f'{sys.argv[2]}/{name}.bin', 'wb') as out:
        out.write(values.astype(values.dtype.newbyteorder('<')).tobytes())
    shapes[name] = [list(values.shape), values.dtype.str]
print(json.dumps(shapes))
`;

let scratch: string;
let run64: string;
let run32: string;

function writeRun(name: string, precision: 'float64' | 'float32', storeEvery = 1): string {
  const spec = { ...seedSpec(), output: { store_every: storeEvery, precision } };
  const specFile = path.join(scratch, `${name}.json`);
  writeFileSync(specFile, JSON.stringify(spec));
  const out = path.join(scratch, name);
  const solved = runMfgSolve(specFile, out);
  if (solved.status !== 0) throw new Error(`mfg-solve failed: ${solved.stderr}`);
  return out;
}

/** zarr-python's view of a run's arrays: shapes, dtypes and raw little-endian bytes. */
function pythonRead(run: string): { shapes: Record<string, [number[], string]>; bytes: (name: string) => Buffer } {
  const dumpDir = path.join(run, '..', `${path.basename(run)}-python`);
  mkdirSync(dumpDir, { recursive: true });
  const result = spawnSync(PYTHON, ['-c', DUMP, path.join(run, 'fields.zarr'), dumpDir], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`zarr-python failed: ${result.stderr}`);
  return { shapes: JSON.parse(result.stdout) as Record<string, [number[], string]>, bytes: (name) => readFileSync(path.join(dumpDir, `${name}.bin`)) };
}

const bytesOf = (values: FieldValues): Buffer => Buffer.from(values.buffer, values.byteOffset, values.byteLength);

beforeAll(() => {
  scratch = tempDir('zarr');
  run64 = writeRun('run64', 'float64');
  run32 = writeRun('run32', 'float32', 3);
});
afterAll(() => removeDir(scratch));

describe('ZarrReader on runs written by mfg-solve', () => {
  it.each([['float64', () => run64, Float64Array], ['float32 with store_every 3', () => run32, Float32Array]] as const)(
    'reads u, m, t and x exactly as zarr-python does (%s)', async (_label, run, kind) => {
      const reference = pythonRead(run());
      const reader = new ZarrReader();
      for (const name of ['u', 'm', 't', 'x']) {
        const info = await reader.openArray(path.join(run(), 'fields.zarr', name));
        if (!info.ok) throw new Error(info.error.message);
        const [shape, dtype] = reference.shapes[name] as [number[], string];
        expect(info.value.shape).toEqual(shape);
        expect(info.value.dtype).toBe(dtype);
        const all = await reader.readLevels(info.value, 0, shape[0] as number);
        if (!all.ok) throw new Error(all.error.message);
        if (name === 'u' || name === 'm') expect(all.value).toBeInstanceOf(kind);
        expect(bytesOf(all.value).equals(reference.bytes(name))).toBe(true);
      }
    });

  it('reads a range of levels from only the chunks it needs, and caches them', async () => {
    const reader = new ZarrReader();
    const info = await reader.openArray(path.join(run64, 'fields.zarr', 'm'));
    if (!info.ok) throw new Error(info.error.message);
    const whole = await reader.readLevels(info.value, 0, 101);
    const reference = new ZarrReader();
    const referenceInfo = await reference.openArray(path.join(run64, 'fields.zarr', 'm'));
    if (!referenceInfo.ok || !whole.ok) throw new Error('open failed');
    const slice = await reference.readLevels(referenceInfo.value, 40, 43);
    expect(slice.ok && Array.from(slice.value)).toEqual(Array.from(whole.value.subarray(4000, 4300)));
    expect(reference.cachedBytes).toBe(3 * 100 * 8);
    // A cached chunk is served even after its file is gone; chunks never read are not.
    const copy = path.join(scratch, 'cache-copy');
    cpSync(run64, copy, { recursive: true });
    const copyReader = new ZarrReader();
    const copyInfo = await copyReader.openArray(path.join(copy, 'fields.zarr', 'm'));
    if (!copyInfo.ok) throw new Error(copyInfo.error.message);
    await copyReader.readLevels(copyInfo.value, 5, 6);
    rmSync(path.join(copy, 'fields.zarr', 'm', '5.0'));
    rmSync(path.join(copy, 'fields.zarr', 'm', '6.0'));
    const cached = await copyReader.readLevels(copyInfo.value, 5, 6);
    expect(cached.ok && cached.value[0]).toBe(whole.value[500]);
    // A chunk that was never written holds the fill value (NaN), as in zarr-python.
    const unwritten = await copyReader.readLevels(copyInfo.value, 6, 7);
    expect(unwritten.ok && Number.isNaN(unwritten.value[0])).toBe(true);
    // After forget() the file is read again.
    copyReader.forget(copy + path.sep);
    const forgotten = await copyReader.readLevels(copyInfo.value, 5, 6);
    expect(forgotten.ok && Number.isNaN(forgotten.value[0])).toBe(true);
  });

  it('refuses levels outside the stored ones', async () => {
    const reader = new ZarrReader();
    const info = await reader.openArray(path.join(run64, 'fields.zarr', 'u'));
    if (!info.ok) throw new Error(info.error.message);
    for (const [start, end] of [[0, 102], [5, 5], [-1, 3], [7, 3]] as const) {
      const read = await reader.readLevels(info.value, start, end);
      expect(!read.ok && read.error.message).toMatch(/outside the stored levels \[0, 101\)/);
    }
  });
});

describe('ZarrReader refuses what it cannot read', () => {
  const zarray = (): Record<string, unknown> => JSON.parse(readFileSync(path.join(run64, 'fields.zarr', 'u', '.zarray'), 'utf8')) as Record<string, unknown>;

  async function openWith(name: string, metadata: unknown): Promise<string> {
    const array = path.join(scratch, 'malformed', name);
    cpSync(path.join(run64, 'fields.zarr', 'u'), array, { recursive: true });
    writeFileSync(path.join(array, '.zarray'), typeof metadata === 'string' ? metadata : JSON.stringify(metadata));
    const opened = await new ZarrReader().openArray(array);
    if (opened.ok) throw new Error(`${name}: expected a refusal`);
    expect(opened.error.message).toContain(path.join(array, '.zarray'));
    return opened.error.message;
  }

  it.each([
    ['compressed', { compressor: { id: 'blosc' } }, /compressed arrays are not supported .*expected compressor null/],
    ['big-endian', { dtype: '>f8' }, /dtype ">f8" is not supported: expected '<f8' or '<f4'/],
    ['integers', { dtype: '<i4' }, /dtype "<i4" is not supported/],
    ['chunked in space', { chunks: [1, 50] }, /split the array across space/],
    ['fortran order', { order: 'F' }, /order "F" is not supported: expected 'C'/],
    ['zarr v3', { zarr_format: 3 }, /expected zarr_format 2, received 3/],
    ['filters', { filters: [{ id: 'delta' }] }, /filters are not supported/],
    ['mismatched chunks', { chunks: [1] }, /have different lengths/],
  ])('%s', async (name, change, message) => {
    expect(await openWith(name, { ...zarray(), ...change })).toMatch(message);
  });

  it('a .zarray that is not JSON, or missing', async () => {
    expect(await openWith('not-json', '{"zarr_format": 2,')).toMatch(/not readable JSON/);
    const missing = await new ZarrReader().openArray(path.join(scratch, 'nowhere'));
    expect(!missing.ok && missing.error.code).toBe('not_found');
  });

  it('a truncated chunk, and metadata rewritten after a read', async () => {
    const array = path.join(scratch, 'truncated');
    cpSync(path.join(run64, 'fields.zarr', 'u'), array, { recursive: true });
    truncateSync(path.join(array, '3.0'), 100);
    const reader = new ZarrReader();
    const info = await reader.openArray(array);
    if (!info.ok) throw new Error(info.error.message);
    const read = await reader.readLevels(info.value, 2, 4);
    expect(!read.ok && read.error.message).toMatch(/3\.0 was not read: it has 100 bytes, expected exactly 800 \(100 values of <f8\)/);
    // A rewritten array gets a new version, so its cached chunks are not reused.
    const before = await reader.readLevels(info.value, 0, 1);
    writeFileSync(path.join(array, '0.0'), Buffer.alloc(800));
    const later = new Date(Date.now() + 5000);
    utimesSync(path.join(array, '.zarray'), later, later);
    const reopened = await reader.openArray(array);
    if (!reopened.ok || !before.ok) throw new Error('reopen failed');
    const after = await reader.readLevels(reopened.value, 0, 1);
    expect(after.ok && after.value[0]).toBe(0);
    expect(before.value[0]).not.toBe(0);
  });
});
