import { describe, expect, it } from 'vitest';
import { defaultSpec, type FieldRequest, type FieldSlice, type Result } from '../../app/contract/index.js';
import type { Shown } from '../state/view-slice.js';
import { allLevelsStats, allLevelsStatsReady, loadLevelPair, peekLevelPair, prefetchNext } from './level-fields.js';
import { SliceCache, sliceKey } from './slice-cache.js';

// A 4 x 2 grid over [0, 1]^2 with 3 stored levels; u = level + i, m = 10 * level + j.
const NX = 4;
const NY = 2;

function shown(obstacle = '0', points = [NX, NY]): Shown {
  const spec = defaultSpec();
  return {
    key: 'run:r', source: { kind: 'run', runId: 'r' }, title: 'r',
    spec: { ...spec, domain: { ...spec.domain, lower: [0, 0], upper: [1, 1], points, obstacle } },
    grid: { dimension: 2, points, lower: [0, 0], upper: [1, 1], spacing: [0.25, 0.5], cell_centres: true, time_levels: 3, stored_levels: 3, store_every: 1 },
    times: Float64Array.from([0, 0.5, 1]), status: 'converged', message: '', iterations: 1, history: [], seconds: 1,
  };
}

function reader(reads: string[]) {
  return async (request: FieldRequest): Promise<Result<FieldSlice>> => {
    reads.push(sliceKey(request));
    const [start, end] = request.levels ?? [0, 3];
    const values = new Float64Array((end - start) * NX * NY);
    for (let l = start; l < end; l++) {
      for (let at = 0; at < NX * NY; at++) values[(l - start) * NX * NY + at] = request.field === 'u' ? l + (at % NX) : 10 * l + Math.floor(at / NX);
    }
    return { ok: true, value: { field: request.field, levels: [start, end], shape: [end - start, NY, NX], values } };
  };
}

describe('level fields', () => {
  it('reads one level of each field on demand and serves it from the cache afterwards', async () => {
    const reads: string[] = [];
    const cache = new SliceCache(reader(reads));
    const view = shown();
    expect(peekLevelPair(cache, view, 1)).toBeUndefined();
    const pair = await loadLevelPair(cache, view, 1);
    expect(pair.ok && [...pair.value.m.values]).toEqual([10, 10, 10, 10, 11, 11, 11, 11]);
    expect(pair.ok && pair.value.m.dims).toEqual([NX, NY]);
    expect(peekLevelPair(cache, view, 1)).toBeDefined();
    expect(reads).toEqual(['run:r|u|1-2', 'run:r|m|1-2']);
  });

  it('marks obstacles from the spec formula and hides u there', async () => {
    const cache = new SliceCache(reader([]));
    const pair = await loadLevelPair(cache, shown('x > 0.5'), 0);
    if (!pair.ok) throw new Error(pair.error.message);
    expect([...pair.value.solid]).toEqual([0, 0, 1, 1, 0, 0, 1, 1]);
    expect(Number.isNaN(pair.value.u.values[2])).toBe(true);
    expect(pair.value.u.stats).toMatchObject({ min: 0, max: 1 });
  });

  it('refuses a level whose size disagrees with the grid', async () => {
    const cache = new SliceCache(reader([]));
    const pair = await loadLevelPair(cache, shown('0', [5, 2]), 0);
    expect(!pair.ok && pair.error.message).toMatch(/4 x 2 cells per level, but the run's grid says 5 x 2/);
  });

  it('gathers the extremes over every level in the background', async () => {
    const reads: string[] = [];
    const cache = new SliceCache(reader(reads));
    const view = shown();
    let ready = 0;
    expect(allLevelsStats(cache, view, 'm', () => ready++)).toBeUndefined();
    const stats = await allLevelsStatsReady(cache, view, 'm');
    expect(stats).toMatchObject({ min: 0, max: 21 });
    expect(ready).toBe(1);
    expect(allLevelsStats(cache, view, 'm', () => ready++)).toEqual(stats);
    expect(reads.filter((key) => key.includes('|m|'))).toEqual(['run:r|m|0-1', 'run:r|m|1-2', 'run:r|m|2-3']);
  });

  it('reads the next level ahead only while playing, wrapping around when looping', async () => {
    const reads: string[] = [];
    const cache = new SliceCache(reader(reads));
    const view = shown();
    prefetchNext(cache, view, 0, false, false);
    expect(reads).toEqual([]);
    prefetchNext(cache, view, 2, true, false);
    expect(reads).toEqual([]);
    prefetchNext(cache, view, 2, true, true);
    prefetchNext(cache, view, 0, true, false);
    await loadLevelPair(cache, view, 1);
    expect(reads.sort()).toEqual(['run:r|m|0-1', 'run:r|m|1-2', 'run:r|u|0-1', 'run:r|u|1-2']);
  });
});
