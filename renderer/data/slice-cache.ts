// Field slices by (source, field, levels), read once through fields.read and kept in a
// least-recently-used cache with a byte budget. Views read synchronously from it (peek) once the
// data is there; the solve controller loads both fields of a solution before the solution is
// shown, so a view never draws one solution's m next to another's u. Concurrent loads of the same
// slice share one read; failed reads are not cached.

import type { FieldRequest, FieldSlice, FieldSource, Result } from '../../app/contract/index.js';

export type SliceReader = (request: FieldRequest) => Promise<Result<FieldSlice>>;

export function sourceKey(source: FieldSource): string {
  return source.kind === 'live' ? `live:${source.solutionId}` : `run:${source.runId}`;
}

export function sliceKey(request: FieldRequest): string {
  const levels = request.levels === undefined ? 'all' : `${request.levels[0]}-${request.levels[1]}`;
  return `${sourceKey(request.source)}|${request.field}|${levels}`;
}

interface Entry {
  readonly slice: FieldSlice;
  readonly bytes: number;
  readonly source: string;
  /** A range of levels (2D/3D views read one level at a time): evictable even when pinned. */
  readonly partial: boolean;
}

export interface SliceCacheOptions {
  /** Budget for cached values; whole fields of pinned sources may exceed it (they are on screen). */
  maxBytes?: number;
}

export class SliceCache {
  /** Insertion order is recency order: a hit moves its entry to the end. */
  private readonly entries = new Map<string, Entry>();
  private readonly loading = new Map<string, Promise<Result<FieldSlice>>>();
  private readonly pinned = new Map<string, number>();
  /** Sources forgotten while a read of theirs was under way: those reads are not stored. */
  private readonly forgotten = new Set<string>();
  private readonly maxBytes: number;
  private bytes = 0;

  constructor(private readonly read: SliceReader, options: SliceCacheOptions = {}) {
    this.maxBytes = options.maxBytes ?? 256 * 1024 * 1024;
  }

  get size(): number {
    return this.entries.size;
  }

  get totalBytes(): number {
    return this.bytes;
  }

  /** The slice if cached (and marks it recently used), without reading. */
  peek(request: FieldRequest): FieldSlice | undefined {
    const key = sliceKey(request);
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.slice;
  }

  /** The cached slice, or one read (shared with any read of the same slice already under way). */
  load(request: FieldRequest): Promise<Result<FieldSlice>> {
    const cached = this.peek(request);
    if (cached !== undefined) return Promise.resolve({ ok: true, value: cached });
    const key = sliceKey(request);
    const pending = this.loading.get(key);
    if (pending !== undefined) return pending;
    const reading = this.read(request).then((result) => {
      this.loading.delete(key);
      if (result.ok && !this.forgotten.has(sourceKey(request.source))) this.store(key, request, result.value);
      return result;
    }, (error: unknown) => {
      this.loading.delete(key);
      throw error;
    });
    this.loading.set(key, reading);
    return reading;
  }

  /**
   * Keeps a source's whole-field slices whatever the budget (the shown solution); pins nest.
   * Level ranges stay under the budget: a large 3D run is read one level at a time, and only the
   * levels most recently on screen are kept.
   */
  pin(source: FieldSource): () => void {
    const key = sourceKey(source);
    this.pinned.set(key, (this.pinned.get(key) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const count = (this.pinned.get(key) ?? 1) - 1;
      if (count > 0) this.pinned.set(key, count);
      else this.pinned.delete(key);
      this.evict();
    };
  }

  /**
   * Drops every slice of a source (a released live solution, a deleted run); reads of it still
   * under way are not stored when they land.
   */
  forget(source: FieldSource): void {
    const key = sourceKey(source);
    for (const [sliceId, entry] of this.entries) {
      if (entry.source === key) this.remove(sliceId);
    }
    this.forgotten.add(key);
    // A source id is never reused (solution ids are unique; a run id names one directory), but a
    // re-opened run may be read again: clear the mark once pending reads have settled.
    const pending = [...this.loading.entries()].filter(([sliceId]) => sliceId.startsWith(`${key}|`)).map(([, p]) => p);
    void Promise.allSettled(pending).then(() => this.forgotten.delete(key));
  }

  private store(key: string, request: FieldRequest, slice: FieldSlice): void {
    if (this.entries.has(key)) this.remove(key);
    const bytes = slice.values.byteLength;
    this.entries.set(key, { slice, bytes, source: sourceKey(request.source), partial: request.levels !== undefined });
    this.bytes += bytes;
    this.evict();
  }

  private remove(key: string): void {
    const entry = this.entries.get(key);
    if (entry === undefined) return;
    this.entries.delete(key);
    this.bytes -= entry.bytes;
  }

  private evict(): void {
    if (this.bytes <= this.maxBytes) return;
    for (const [key, entry] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      if (entry.partial || !this.pinned.has(entry.source)) this.remove(key);
    }
  }
}

/** Values of one stored level of a [levels, ...points] slice that starts at level 0. */
export function levelValues(slice: FieldSlice, level: number): Float64Array | Float32Array | undefined {
  const [start, end] = slice.levels;
  if (level < start || level >= end) return undefined;
  const perLevel = slice.shape.slice(1).reduce((product, n) => product * n, 1);
  const offset = (level - start) * perLevel;
  return slice.values.subarray(offset, offset + perLevel);
}
