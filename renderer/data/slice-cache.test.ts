import { describe, expect, it } from 'vitest';
import type { FieldRequest, FieldSlice, Result } from '../../app/contract/index.js';
import { levelValues, SliceCache, sliceKey } from './slice-cache.js';

/** A reader over made-up fields: [levels, nx] with value 1000 * level + i, counting its reads. */
function fieldReader(levels = 3, nx = 4) {
  const reads: string[] = [];
  const pending: Array<() => void> = [];
  let hold = false;
  const read = (request: FieldRequest): Promise<Result<FieldSlice>> => {
    reads.push(sliceKey(request));
    const [start, end] = request.levels ?? [0, levels];
    const values = new Float64Array((end - start) * nx);
    for (let l = start; l < end; l++) for (let i = 0; i < nx; i++) values[(l - start) * nx + i] = 1000 * l + i;
    const slice: FieldSlice = { field: request.field, levels: [start, end], shape: [end - start, nx], values };
    const result: Result<FieldSlice> = request.source.kind === 'run' && request.source.runId === 'missing'
      ? { ok: false, error: { code: 'not_found', message: 'no such run' } }
      : { ok: true, value: slice };
    if (!hold) return Promise.resolve(result);
    return new Promise((resolve) => pending.push(() => resolve(result)));
  };
  return { read, reads, pending, holdReads: () => { hold = true; } };
}

const m = (solutionId: string, levels?: [number, number]): FieldRequest =>
  (levels === undefined ? { source: { kind: 'live', solutionId }, field: 'm' } : { source: { kind: 'live', solutionId }, field: 'm', levels });

describe('slice cache', () => {
  it('keys slices by source, field and levels', () => {
    expect(sliceKey(m('a'))).toBe('live:a|m|all');
    expect(sliceKey({ source: { kind: 'run', runId: 'r1' }, field: 'u', levels: [2, 5] })).toBe('run:r1|u|2-5');
  });

  it('reads a slice once and serves it from the cache afterwards', async () => {
    const reader = fieldReader();
    const cache = new SliceCache(reader.read);
    expect(cache.peek(m('a'))).toBeUndefined();
    const first = await cache.load(m('a'));
    const second = await cache.load(m('a'));
    expect(first.ok && second.ok && first.value === second.value).toBe(true);
    expect(cache.peek(m('a'))?.shape).toEqual([3, 4]);
    expect(reader.reads).toEqual(['live:a|m|all']);
  });

  it('shares one read between concurrent loads of the same slice', async () => {
    const reader = fieldReader();
    reader.holdReads();
    const cache = new SliceCache(reader.read);
    const loads = [cache.load(m('a')), cache.load(m('a'))];
    reader.pending.forEach((resolve) => resolve());
    const [a, b] = await Promise.all(loads);
    expect(reader.reads).toHaveLength(1);
    expect(a).toBe(b);
  });

  it('does not cache failures', async () => {
    const reader = fieldReader();
    const cache = new SliceCache(reader.read);
    const missing: FieldRequest = { source: { kind: 'run', runId: 'missing' }, field: 'u' };
    expect((await cache.load(missing)).ok).toBe(false);
    expect((await cache.load(missing)).ok).toBe(false);
    expect(reader.reads).toHaveLength(2);
    expect(cache.size).toBe(0);
  });

  it('evicts the least recently used slices over the budget, but never pinned ones', async () => {
    const reader = fieldReader(3, 4); // 12 doubles = 96 bytes a slice
    const cache = new SliceCache(reader.read, { maxBytes: 200 });
    const unpin = cache.pin({ kind: 'live', solutionId: 'shown' });
    await cache.load(m('shown'));
    await cache.load(m('b'));
    await cache.load(m('c')); // 288 bytes: b (oldest unpinned) goes
    expect(cache.peek(m('shown'))).toBeDefined();
    expect(cache.peek(m('b'))).toBeUndefined();
    expect(cache.peek(m('c'))).toBeDefined();
    unpin();
    await cache.load(m('d')); // shown is now the least recently used: it goes
    expect(cache.peek(m('shown'))).toBeUndefined();
    expect(cache.totalBytes).toBeLessThanOrEqual(200);
  });

  it('forgets a released source, including a read that lands afterwards', async () => {
    const reader = fieldReader();
    const cache = new SliceCache(reader.read);
    await cache.load(m('a'));
    await cache.load({ source: { kind: 'live', solutionId: 'a' }, field: 'u' });
    await cache.load(m('b'));
    reader.holdReads();
    const late = cache.load(m('a', [0, 1]));
    cache.forget({ kind: 'live', solutionId: 'a' });
    expect(cache.size).toBe(1);
    reader.pending.forEach((resolve) => resolve());
    expect((await late).ok).toBe(true);
    expect(cache.peek(m('a', [0, 1]))).toBeUndefined();
  });

  it('gives the values of one level as a view into the slice', async () => {
    const cache = new SliceCache(fieldReader(3, 4).read);
    const all = await cache.load(m('a'));
    if (!all.ok) throw new Error('read failed');
    expect([...levelValues(all.value, 2)!]).toEqual([2000, 2001, 2002, 2003]);
    expect(levelValues(all.value, 3)).toBeUndefined();
    const part = await cache.load(m('a', [1, 2]));
    if (!part.ok) throw new Error('read failed');
    expect([...levelValues(part.value, 1)!]).toEqual([1000, 1001, 1002, 1003]);
    expect(levelValues(part.value, 0)).toBeUndefined();
  });

  it('keeps whole fields of a pinned source but evicts its level ranges over budget', async () => {
    const reader = fieldReader(20, 100); // 800 bytes per level
    const cache = new SliceCache(reader.read, { maxBytes: 2000 });
    const unpin = cache.pin({ kind: 'live', solutionId: 'a' });
    for (let level = 0; level < 5; level++) await cache.load(m('a', [level, level + 1]));
    expect(cache.totalBytes).toBeLessThanOrEqual(2000);
    expect(cache.peek(m('a', [4, 5]))).toBeDefined();
    expect(cache.peek(m('a', [0, 1]))).toBeUndefined();
    await cache.load(m('a'));
    expect(cache.peek(m('a'))).toBeDefined();
    unpin();
  });
});
