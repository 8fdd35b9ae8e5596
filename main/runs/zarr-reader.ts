// Lazy reads of the arrays of a run's fields.zarr (docs/run-directory.md): Zarr v2, uncompressed,
// little-endian floats, C order, whole levels per chunk along the first axis (time). Only the
// chunks a request needs are read, and decoded chunks are kept in a small LRU cache. Metadata the
// reader cannot honour (compression, big-endian, chunking across space) is refused with a message
// that says what was found, rather than read as garbage.
//
// A run directory is data, not trust (docs/security.md): every file is read with the safe reader
// (no links followed, regular files only, really inside the run directory), a chunk must have
// exactly the size its .zarray implies, and no .zarray can make the reader allocate more than
// MAX_CHUNK_BYTES for one chunk or MAX_SLICE_BYTES for one answer.

import { endianness } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { appError, err, ok, describeReceived, type Result } from '../../app/contract/index.js';
import { readJsonFile } from '../files.js';
import { readRegularFile } from '../safe-read.js';
import { SizedLru } from './lru.js';

export type FieldValues = Float64Array<ArrayBuffer> | Float32Array<ArrayBuffer>;
export type FloatDtype = '<f8' | '<f4';

export interface ZarrArrayInfo {
  directory: string;
  shape: number[];
  chunks: number[];
  dtype: FloatDtype;
  fillValue: number;
  separator: '.' | '/';
  /** The .zarray's modification time: part of cache keys, so a rewritten array is never served stale. */
  version: number;
  /** The folder every file of the array must really be inside (the run directory). */
  within: string;
}

/** One chunk (a time level of a 512^3 grid in f8 is 1 GiB) and one answer (several levels). */
export const MAX_CHUNK_BYTES = 2 * 1024 ** 3;
export const MAX_SLICE_BYTES = 4 * 1024 ** 3;
const MAX_ZARRAY_BYTES = 1024 * 1024;

const FillValue = z.union([z.number(), z.enum(['NaN', 'Infinity', '-Infinity']), z.null()]);

const ZarrayV2 = z.looseObject({
  zarr_format: z.literal(2, { error: (issue) => `expected zarr_format 2, received ${describeReceived(issue.input)}` }),
  shape: z.array(z.int().nonnegative(), { error: 'expected shape as an array of integers >= 0' }).min(1),
  chunks: z.array(z.int().positive(), { error: 'expected chunks as an array of integers >= 1' }).min(1),
  dtype: z.string({ error: 'expected dtype as a string' }),
  compressor: z.unknown(),
  fill_value: FillValue.optional(),
  order: z.string({ error: 'expected order as a string' }),
  filters: z.unknown().optional(),
  dimension_separator: z.enum(['.', '/'], { error: (issue) => `expected dimension_separator '.' or '/', received ${describeReceived(issue.input)}` }).optional(),
});

const ITEM_SIZE: Record<FloatDtype, number> = { '<f8': 8, '<f4': 4 };

/** Checks a decoded .zarray document; every refusal names the file and what was found. */
export function checkZarrayMetadata(json: unknown, file: string, directory: string, within: string = directory): Result<ZarrArrayInfo> {
  const refuse = (what: string): Result<ZarrArrayInfo> => err(appError('bad_input', `${file}: ${what}`));
  const parsed = ZarrayV2.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return refuse(`${issue?.path.map(String).join('.') ?? ''} ${issue?.message ?? 'not a Zarr v2 array'}`.trim());
  }
  const meta = parsed.data;
  if (meta.dtype !== '<f8' && meta.dtype !== '<f4') {
    return refuse(`dtype ${describeReceived(meta.dtype)} is not supported: expected '<f8' or '<f4' (little-endian floats, as the solver writes)`);
  }
  if (meta.compressor !== null) return refuse(`compressed arrays are not supported (compressor ${JSON.stringify(meta.compressor)}): expected compressor null`);
  if (meta.filters !== undefined && meta.filters !== null && !(Array.isArray(meta.filters) && meta.filters.length === 0)) {
    return refuse(`filters are not supported (filters ${JSON.stringify(meta.filters)}): expected filters null`);
  }
  if (meta.order !== 'C') return refuse(`order ${describeReceived(meta.order)} is not supported: expected 'C'`);
  if (meta.chunks.length !== meta.shape.length) {
    return refuse(`chunks [${meta.chunks.join(', ')}] and shape [${meta.shape.join(', ')}] have different lengths`);
  }
  const spatialSplit = meta.shape.slice(1).some((extent, axis) => meta.chunks[axis + 1] !== extent);
  if (spatialSplit) {
    return refuse(`chunks [${meta.chunks.join(', ')}] split the array across space (shape [${meta.shape.join(', ')}]): ` +
      'this reader expects whole levels per chunk, as mfg-solve writes them');
  }
  const chunkBytes = meta.chunks.reduce((product, extent) => product * extent, ITEM_SIZE[meta.dtype]);
  if (!(chunkBytes <= MAX_CHUNK_BYTES)) {
    return refuse(`chunks [${meta.chunks.join(', ')}] of ${meta.dtype} make ${chunkBytes} bytes per chunk, more than the ${MAX_CHUNK_BYTES} this reader accepts`);
  }
  return ok({
    directory, shape: meta.shape, chunks: meta.chunks, dtype: meta.dtype,
    fillValue: decodeFill(meta.fill_value), separator: meta.dimension_separator ?? '.', version: 0, within,
  });
}

function decodeFill(value: z.output<typeof FillValue> | undefined): number {
  if (value === 'NaN' || value === null || value === undefined) return Number.NaN;
  if (value === 'Infinity') return Number.POSITIVE_INFINITY;
  if (value === '-Infinity') return Number.NEGATIVE_INFINITY;
  return value;
}

export interface ZarrReaderOptions {
  /** Bytes of decoded chunks kept; default 64 MiB. */
  cacheBytes?: number;
}

export class ZarrReader {
  private readonly cache: SizedLru<string, FieldValues>;
  private readonly inflight = new Map<string, Promise<Result<FieldValues>>>();

  constructor(options: ZarrReaderOptions = {}) {
    this.cache = new SizedLru(options.cacheBytes ?? 64 * 1024 * 1024);
  }

  /** Bytes of decoded chunks now cached (for tests and diagnostics). */
  get cachedBytes(): number {
    return this.cache.size;
  }

  /** Reads and checks `<directory>/.zarray`; every file of the array must be inside `within` (default: the array folder). */
  async openArray(directory: string, within: string = directory): Promise<Result<ZarrArrayInfo>> {
    const file = path.join(directory, '.zarray');
    const read = await readJsonFile(file, { maxBytes: MAX_ZARRAY_BYTES, within });
    if (read.kind === 'missing') return err(appError('not_found', `${file} does not exist: expected a Zarr v2 array folder`));
    if (read.kind !== 'ok') return err(appError('bad_input', `${file} is not readable JSON (${read.reason})`));
    const checked = checkZarrayMetadata(read.value, file, directory, within);
    if (!checked.ok) return checked;
    return ok({ ...checked.value, version: read.modifiedMs });
  }

  /** Levels [start, end) along the first axis, as one array in C order. */
  async readLevels(info: ZarrArrayInfo, start: number, end: number): Promise<Result<FieldValues>> {
    const levels = info.shape[0] ?? 0;
    if (!(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start < end && end <= levels)) {
      return err(appError('bad_input', `levels [${start}, ${end}) are outside the stored levels [0, ${levels}) of ${info.directory}: ` +
        'expected 0 <= start < end <= the number of stored levels'));
    }
    const cells = levelSize(info);
    const bytes = (end - start) * cells * ITEM_SIZE[info.dtype];
    if (bytes > MAX_SLICE_BYTES) {
      return err(appError('bad_input', `levels [${start}, ${end}) of ${info.directory} make ${bytes} bytes, more than the ${MAX_SLICE_BYTES} one answer may hold: ask for fewer levels at a time`));
    }
    const out = info.dtype === '<f8' ? new Float64Array((end - start) * cells) : new Float32Array((end - start) * cells);
    const perChunk = info.chunks[0] ?? 1;
    for (let level = start; level < end; level++) {
      const chunk = await this.chunk(info, Math.floor(level / perChunk));
      if (!chunk.ok) return chunk;
      const offset = (level % perChunk) * cells;
      out.set(chunk.value.subarray(offset, offset + cells), (level - start) * cells);
    }
    return ok(out);
  }

  /** Forgets cached chunks of arrays under `prefix` (a run that was removed or rewritten). */
  forget(prefix: string): void {
    this.cache.deleteWhere((key) => key.startsWith(prefix));
  }

  private chunk(info: ZarrArrayInfo, index: number): Promise<Result<FieldValues>> {
    const key = `${info.directory}${path.sep}\u0000${info.version}\u0000${index}`;
    const cached = this.cache.get(key);
    if (cached !== undefined) return Promise.resolve(ok(cached));
    const pending = this.inflight.get(key);
    if (pending !== undefined) return pending;
    const reading = readChunk(info, index).then((result) => {
      this.inflight.delete(key);
      if (result.ok) this.cache.set(key, result.value, result.value.byteLength);
      return result;
    });
    this.inflight.set(key, reading);
    return reading;
  }
}

function levelSize(info: ZarrArrayInfo): number {
  return info.shape.slice(1).reduce((product, extent) => product * extent, 1);
}

/** A chunk file, decoded; a chunk that was never written holds the fill value (Zarr v2). */
async function readChunk(info: ZarrArrayInfo, index: number): Promise<Result<FieldValues>> {
  const key = [index, ...info.shape.slice(1).map(() => 0)].join(info.separator);
  const file = path.join(info.directory, key);
  const count = info.chunks.reduce((product, extent) => product * extent, 1);
  const expected = count * ITEM_SIZE[info.dtype];
  const read = await readRegularFile(file, { maxBytes: expected, exactBytes: expected, within: info.within });
  if (read.kind === 'missing') {
    const filled = info.dtype === '<f8' ? new Float64Array(count) : new Float32Array(count);
    return ok(filled.fill(info.fillValue));
  }
  if (read.kind === 'unreadable') return err(appError('io', `could not read ${file}: ${read.reason}`));
  if (read.kind === 'refused') {
    return err(appError('bad_input', `${file} was not read: ${read.reason} (${count} values of ${info.dtype}); ` +
      'a chunk must be a regular file of exactly that size inside the run directory: it is truncated, was written with other metadata, or is not the run\'s own file'));
  }
  return ok(decode(read.bytes, info.dtype, count));
}

/** Copies into a fresh, aligned array (a Buffer's offset need not be a multiple of 8). */
function decode(bytes: Buffer, dtype: FloatDtype, count: number): FieldValues {
  const out = dtype === '<f8' ? new Float64Array(count) : new Float32Array(count);
  if (endianness() === 'LE') {
    new Uint8Array(out.buffer).set(bytes);
    return out;
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < count; i++) out[i] = dtype === '<f8' ? view.getFloat64(i * 8, true) : view.getFloat32(i * 4, true);
  return out;
}
